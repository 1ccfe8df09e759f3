import { parseCommand, type Command, type PlanState } from '@seatfold/domain';
import type { BatchInfo as StoredBatch, StoredEvent } from '@seatfold/store';
import type { z } from 'zod';
import {
  BATCHES_PAGE_MAX,
  frame,
  type Actor,
  type BatchInfo,
  type CommandReply,
  type ReplyError,
  type ReplyOf,
  type RequestType,
  type RevertDetail,
  type Role,
  type WireEvent,
} from '../protocol.ts';
import type { REQUEST_SCHEMAS } from '../protocol/schemas.ts';
import { readSummary } from '../summary.ts';
import type { SessionHost } from './host.ts';
import type { WorkMeter } from './buckets.ts';
import { busy, decideBusy, type SocketLimiter } from './limits.ts';
import { buildTakeBack, type TakeBackTarget } from './revert.ts';

/** A request as its handler gets it: checked against its schema. */
export type Parsed<K extends RequestType> = z.output<(typeof REQUEST_SCHEMAS)[K]>;

/** The plan a session has joined, with its role and the actor the server admitted it as. */
export interface Joined {
  planId: string;
  role: Role;
  actor: Actor;
}

/**
 * How the session answers one kind of request. `access` is checked before `run` by ONE guard each: 'anyone' (join),
 * 'joined' (a joined plan), 'organiser' (a joined plan and the organiser's role). `what` and `doing` word the
 * refusals: "Invalid <what> — …", "Open a plan before <doing>."
 */
export type Handler<K extends RequestType> =
  | {
      what: string;
      access: 'anyone';
      run(req: Parsed<K>, ctx: { hub: SessionHost; session: { join(req: Parsed<'join'>): Promise<ReplyOf<'join'>> } }): Promise<ReplyOf<K>>;
    }
  | {
      what: string;
      access: 'joined' | 'organiser';
      doing: string;
      run(req: Parsed<K>, ctx: { hub: SessionHost; who: Joined; limiter: SocketLimiter; mayWrite: () => boolean }): Promise<ReplyOf<K>>;
    };

/** The handler table: one handler per request of the contract (a missing one is a type error). */
export type Handlers = { [K in RequestType]: Handler<K> };
/** Every request but join (the session's own: it changes what the session is joined to). */
export type JoinedHandlers = Omit<Handlers, 'join'>;

// The server's own rows become wire types here, field by field: a new store column does not leak to clients.
export const toWireEvent = (e: StoredEvent<WireEvent['event']>): WireEvent => ({
  version: e.version,
  event: e.event,
  meta: { actor: e.meta.actor, actorId: e.meta.actorId, commandId: e.meta.commandId, batchId: e.meta.batchId, at: e.meta.at },
});
export const toWireBatch = (b: StoredBatch): BatchInfo => ({
  batchId: b.batchId,
  kind: b.kind,
  actor: b.actor,
  actorId: b.actorId,
  at: b.at,
  label: b.label,
  fileName: b.fileName,
  fileHash: b.fileHash,
  // summaries stored before they were checked read as null rather than as junk
  summary: readSummary(b.summary),
  reverts: b.reverts,
  firstVersion: b.firstVersion,
  lastVersion: b.lastVersion,
  eventCount: b.eventCount,
});

const rejected = (commandId: string, code: 'InvalidCommand', message: string): CommandReply => ({
  commandId,
  status: 'rejected',
  error: { code, message },
});

/**
 * Each room's previews of a take-back at its current version, by target: asked again of an unchanged plan, a preview
 * is the same answer, so it is not worked out again (nor charged). Four sockets asking for the preview of reverting
 * a 20,000-guest import, each within its budgets, held every other plan up to a second on PGlite (helper-88's
 * probe). Only the current version's are kept (a new version drops them), at most PREVIEWS_KEPT, while the room lives.
 */
type Preview = { version: number; built: { error: ReplyError } | { detail?: RevertDetail } };
const previews = new WeakMap<object, { version: number; answers: Map<string, Preview> }>();
/** the most targets' previews a room keeps at one version (each can hold thousands of conflicts) */
const PREVIEWS_KEPT = 4;

/**
 * Takes back a batch (revert) or one of my commands (undo): both build with buildTakeBack on the room's state,
 * as a preview (what it would do, nothing applied) or as one batch of their own.
 */
async function takeBack(
  hub: SessionHost,
  who: Joined,
  req: { commandId: string; preview?: boolean; resent?: boolean },
  batch: { batchId: string; kind: 'revert' | 'undo'; reverts: string | null; label: 'Revert' | 'Undo' | 'Redo' },
  target: TakeBackTarget,
  { work, stored, mayWrite }: { work: WorkMeter; stored?: WorkMeter; mayWrite: () => boolean },
): Promise<CommandReply> {
  const store = hub.o.store;
  const room = await hub.room(who.planId);
  const build = (state: PlanState) => buildTakeBack(store, who.planId, target, state, hub.limits.decideSliceMs);
  if (req.preview) {
    const key = JSON.stringify(target);
    const kept = previews.get(room);
    const known = kept?.version === room.version ? kept.answers.get(key) : undefined;
    // charged like deciding: a preview of a big revert costs a second or more of the thread
    const built =
      known ??
      (await room.readCharged(async (state) => {
        const version = room.version;
        const b = await build(state);
        const answer: Preview = { version, built: 'error' in b ? { error: b.error } : { detail: b.detail } };
        // A refusal the next try may not repeat (the database away, the server busy) is not kept.
        if ('error' in b && (b.error.code === 'Unavailable' || b.error.retryAfterMs !== undefined)) return answer;
        const cache = previews.get(room);
        if (cache?.version !== answer.version) previews.set(room, { version: answer.version, answers: new Map([[key, answer]]) });
        else {
          if (cache.answers.size >= PREVIEWS_KEPT) cache.answers.delete(cache.answers.keys().next().value!);
          cache.answers.set(key, answer);
        }
        return answer;
      }, work));
    if ('busyMs' in built) return { commandId: req.commandId, status: 'rejected', error: decideBusy(built.busyMs) };
    return 'error' in built.built
      ? { commandId: req.commandId, status: 'rejected', error: built.built.error }
      : { commandId: req.commandId, status: 'accepted', version: built.version, detail: built.built.detail };
  }
  return room.submitBatch({
    commandId: req.commandId,
    batchId: batch.batchId,
    actor: who.actor,
    resent: req.resent ?? false,
    kind: batch.kind,
    label: batch.label,
    fileName: null,
    fileHash: null,
    summary: null,
    reverts: batch.reverts,
    build,
    work,
    stored,
    mayWrite,
  });
}

/** Batch kinds only the server makes (a plan's creation, reverts, undos). */
const SERVER_BATCH_KINDS = new Set(['setup', 'revert', 'undo']);

export const JOINED_HANDLERS: JoinedHandlers = {
  command: {
    what: 'command message',
    access: 'organiser',
    doing: 'sending changes',
    async run({ commandId, batchId, resent, command: raw }, { hub, who: { planId, actor }, limiter, mayWrite }) {
      const command = parseCommand(raw);
      if (!command.ok) return rejected(commandId, 'InvalidCommand', command.message);
      const room = await hub.room(planId);
      return room.submit({
        commandId,
        command: command.command,
        batchId: batchId ?? null,
        actor,
        resent: resent ?? false,
        work: limiter.work,
        stored: limiter.stored,
        mayWrite,
      });
    },
  },
  history: {
    what: 'history request',
    access: 'joined',
    doing: 'reading its history',
    async run({ afterVersion, limit: asked }, { hub, who: { planId }, limiter }) {
      const limit = Math.min(asked, hub.limits.historyPage);
      const head = (await hub.room(planId)).version;
      // Nothing past the head: answered without asking the store (a version past its integer range failed there, and
      // logged a stack on every request, for free).
      if (afterVersion >= head) return { ok: true, events: frame([]), version: head };
      // A page costs the events it can return, against this socket's budget and the server's: encoding big pages
      // is main-thread work that would otherwise make every plan's commands wait.
      const cost = Math.min(limit, head - afterVersion);
      const wait = limiter.chargeHistory(cost) || hub.chargeHistory(cost);
      if (wait > 0) return { ok: false, error: busy('Too much history is being read right now. Try again in a moment.', wait) };
      // Reads of the store are bounded server-wide: a flood of history requests waits its turn or is refused.
      const read = await hub.historyGate.run(() => hub.o.store.readStream<WireEvent['event']>(planId, afterVersion, limit));
      if (!read) return { ok: false, error: busy('The server is busy reading plan histories. Try again in a moment.', 1000) };
      const room = await hub.room(planId);
      return { ok: true, events: frame(read.value.map(toWireEvent)), version: room.version };
    },
  },
  batches: {
    what: 'batches request',
    access: 'joined',
    doing: 'listing its batches',
    async run({ before, limit = BATCHES_PAGE_MAX }, { hub, who: { planId } }) {
      const page = await hub.o.store.listBatches(planId, { before, limit: limit + 1 });
      const more = page.length > limit;
      return { ok: true, batches: (more ? page.slice(1) : page).map(toWireBatch), more };
    },
  },
  batch: {
    what: 'batch',
    access: 'organiser',
    doing: 'sending changes',
    async run(b, { hub, who, limiter, mayWrite }) {
      // The server's own kinds: a client's batch named "setup" would be hidden from the Batches list and refused
      // every revert, as the plan's creation is; reverts and undos have requests of their own.
      if (SERVER_BATCH_KINDS.has(b.kind)) {
        return rejected(
          b.commandId,
          'InvalidCommand',
          `A batch of kind “${b.kind}” is made by Seatfold itself: send your changes under another kind.`,
        );
      }
      // Checking up to 20,000 commands costs tens of ms: charged to the connection's decide time like deciding them,
      // refused while that is used up, and done in slices with other plans' work between them.
      const owing = limiter.work.owing();
      if (owing > 0) return { commandId: b.commandId, status: 'rejected', error: decideBusy(owing) };
      const commands: Command[] = [];
      let slice = performance.now();
      const charge = () => {
        const now = performance.now();
        limiter.work.spend(now - slice);
        slice = now;
      };
      for (const [i, raw] of b.commands.entries()) {
        if (performance.now() - slice >= hub.limits.decideSliceMs) {
          charge();
          await new Promise<void>((resolve) => setImmediate(resolve));
          slice = performance.now();
        }
        const c = parseCommand(raw);
        if (!c.ok) {
          charge();
          return rejected(b.commandId, 'InvalidCommand', `Change ${i + 1}: ${c.message}`);
        }
        commands.push(c.command);
      }
      charge();
      const room = await hub.room(who.planId);
      return room.submitBatch({
        commandId: b.commandId,
        batchId: b.batchId,
        actor: who.actor,
        resent: b.resent ?? false,
        kind: b.kind,
        label: b.label,
        fileName: b.fileName ?? null,
        fileHash: b.fileHash ?? null,
        summary: b.summary ?? null,
        reverts: null,
        build: () => ({ commands }),
        work: limiter.work,
        stored: limiter.stored,
        mayWrite,
      });
    },
  },
  revert: {
    what: 'revert request',
    access: 'organiser',
    doing: 'sending changes',
    run: (r, { hub, who, limiter, mayWrite }) =>
      takeBack(
        hub,
        who,
        r,
        { batchId: r.batchId, kind: 'revert', reverts: r.targetBatchId, label: 'Revert' },
        { revert: r.targetBatchId },
        { work: limiter.work, stored: limiter.stored, mayWrite },
      ),
  },
  undo: {
    what: 'undo request',
    access: 'organiser',
    doing: 'sending changes',
    run: (u, { hub, who, limiter, mayWrite }) =>
      takeBack(
        hub,
        who,
        u,
        // a redo is an undo of an undo: stored as kind undo, labelled so the history can say "redid"
        { batchId: `undo-${u.commandId}`, kind: 'undo', reverts: null, label: u.redo ? 'Redo' : 'Undo' },
        { undo: u.targetCommandId, actorId: who.actor.id, redo: u.redo ?? false },
        { work: limiter.work, stored: limiter.stored, mayWrite },
      ),
  },
};
