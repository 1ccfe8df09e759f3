import { decide, evolve, EVOLVE_VERSION, initialState, type Command, type PlanEvent, type PlanState } from '@seatfold/domain';
import {
  DuplicateCommandError,
  StoreUnavailableError,
  VersionConflictError,
  type CommandOutcome,
  type CommandRecord,
  type EventStore,
} from '@seatfold/store';
import type { BatchRecord } from '@seatfold/store';
import { encodeState, storedError, type Actor, type CommandReply, type ProtocolError, type ReplyError, type RevertDetail, type WireEvent } from '../protocol.ts';

export interface Submission {
  commandId: string;
  command: Command;
  batchId: string | null;
  /** who sends it, as the server admitted them */
  actor: Actor;
  /** the client says it may have sent this before: look the id up in the store */
  resent: boolean;
}

export interface RoomOptions {
  store: EventStore;
  planId: string;
  /** called once per commit with all its events, in order, after they are durable */
  publish: (events: WireEvent[]) => void;
  now?: () => number;
  /** save a snapshot when this many events were appended since the last one (0: never) */
  snapshotEvery?: number;
  /** how many recent events to keep in memory for quick catch-up of reconnecting clients */
  recentEvents?: number;
  maxGroup?: number;
  log?: (msg: string) => void;
}

/** What a batch builds on the room's current state: its commands, or why there are none to apply. */
export type BatchBuild = { commands: Command[]; detail?: RevertDetail; summary?: unknown; label?: string } | { error: ReplyError };

/** Many commands applied all-or-nothing as one batch, with the batch's record (who, what file, summary). */
export interface BatchSubmission {
  commandId: string;
  batchId: string;
  actor: Actor;
  resent: boolean;
  kind: string;
  label: string;
  fileName: string | null;
  fileHash: string | null;
  summary: unknown;
  reverts: string | null;
  /** Builds the commands on the state as it is when the batch's turn comes (inside the serial chain). */
  build: (state: PlanState) => Promise<BatchBuild> | BatchBuild;
}

interface Waiting extends Submission {
  resolve: (reply: CommandReply) => void;
}

/** The retryable refusal while the database is unreachable: nothing was applied, the client sends it again. */
export const UNAVAILABLE: ProtocolError = {
  code: 'Unavailable',
  message: 'The server cannot reach its database right now. Your change is kept and will be sent again automatically.',
  retryAfterMs: 1000,
};
const NOT_SAVED: ReplyError = { code: 'ServerError', message: 'The change could not be saved. Please try again.' };
/** A command whose decision or events broke the server (a bug, or content it cannot store): refused alone. */
const UNPROCESSABLE: ReplyError = {
  code: 'Unprocessable',
  message: 'The server could not process this change, so it was not applied. Check the names and values you entered.',
};

const refuse = (commandId: string, error: ReplyError): CommandReply => ({ commandId, status: 'rejected', error });

/**
 * One open plan on the server: its state in memory and a queue of commands. Commands are decided one after
 * another on the in-memory state; all commands that queued up while the previous commit was in flight are
 * appended together in ONE transaction (group commit), then published, then acknowledged. Every operation —
 * commits and joins — runs on one serial chain, so a joiner sees a state that is exactly a committed version.
 *
 * The state never runs ahead of the store: a group is evolved in place (no copy per commit: cloning a big plan
 * would cost more than the commit), but any failure — an append, a command that throws — marks the room stale,
 * and every serial operation first rebuilds a stale state from the store. While that rebuild fails (database
 * down), operations are refused with the retryable `Unavailable` and nothing unstored is ever served.
 * Each command stands on its own: one that throws is refused alone, and a group the store refuses for its
 * content (not a lost connection, not a conflict) is split in halves until only the culprit is refused.
 */
export class PlanRoom {
  readonly planId: string;
  private state: PlanState = initialState();
  private readonly o: Required<Omit<RoomOptions, 'log'>> & Pick<RoomOptions, 'log'>;
  private chain: Promise<unknown> = Promise.resolve();
  private queue: Waiting[] = [];
  private drainScheduled = false;
  private recent: WireEvent[] = [];
  private readonly outcomes = new Map<string, CommandOutcome>();
  private lastSnapshot = 0;
  /** the state may differ from the store (a failed append or evolve): rebuild before anything reads it */
  private stale = false;
  /** the stored version this.state is at, outside a commit in flight */
  private committed = 0;

  private constructor(o: RoomOptions) {
    this.planId = o.planId;
    this.o = {
      ...o,
      // a commit makes the encoded join snapshot stale: let it go at once rather than hold it until the next join
      publish: (events) => {
        this.joinSnapshot = null;
        o.publish(events);
      },
      now: o.now ?? Date.now,
      snapshotEvery: o.snapshotEvery ?? 5000,
      recentEvents: o.recentEvents ?? 2000,
      maxGroup: o.maxGroup ?? 2000,
    };
  }

  /** Loads a plan: the latest snapshot of this evolve version, then the events after it. */
  static async load(o: RoomOptions): Promise<PlanRoom> {
    const room = new PlanRoom(o);
    await room.reload();
    return room;
  }

  /** The latest stored version the room serves (never the version of a commit still in flight). */
  get version(): number {
    return this.committed;
  }

  private async reload() {
    this.stale = true;
    const snap = await this.o.store.loadSnapshot<PlanState>(this.planId, EVOLVE_VERSION);
    const state = snap ? snap.state : initialState();
    const events = await this.o.store.readStream<PlanEvent>(this.planId, state.version);
    for (const e of events) evolve(state, e.event);
    this.state = state;
    this.committed = state.version;
    this.lastSnapshot = snap?.version ?? 0;
    this.recent = events.slice(-this.o.recentEvents).map(({ planId: _p, ...w }) => w);
    this.outcomes.clear();
    this.stale = false;
  }

  /** Rebuilds a stale state from the store; throws (StoreUnavailableError) while the store can't be read. */
  private async ensureFresh() {
    if (this.stale) await this.reload();
  }

  /** Runs `task` on the room's serial chain, on a state equal to the store's. */
  private serial<T>(task: () => Promise<T> | T, fresh = true): Promise<T> {
    const run = this.chain.then(async () => {
      if (fresh) await this.ensureFresh();
      return task();
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  submit(s: Submission): Promise<CommandReply> {
    return new Promise((resolve) => {
      this.queue.push({ ...s, resolve });
      if (!this.drainScheduled) {
        this.drainScheduled = true;
        void this.serial(() => this.drain(), false);
      }
    });
  }

  /** The state encoded for far-behind joiners, with the state object and version it was taken from. */
  private joinSnapshot: { of: PlanState; version: number; state: Uint8Array } | null = null;

  /** Encodes the current state once per version; every far-behind joiner at that version gets the same bytes. */
  private encodedState(): { version: number; state: Uint8Array } {
    const cached = this.joinSnapshot;
    if (cached && cached.of === this.state && cached.version === this.state.version) return { version: cached.version, state: cached.state };
    this.joinSnapshot = { of: this.state, version: this.state.version, state: encodeState(this.state) };
    return { version: this.joinSnapshot.version, state: this.joinSnapshot.state };
  }

  /**
   * What a client that has seen `afterVersion` needs: the events after it, or — when far behind — the state
   * encoded as JSON bytes (shared by every joiner at the same version; see encodeState).
   */
  catchUp(
    afterVersion: number,
    subscribe: () => void = () => {},
    maxEvents = 1000,
  ): Promise<{ version: number; events: WireEvent[]; snapshot: { version: number; state: Uint8Array } | null }> {
    return this.serial(async () => {
      // Subscribed in the same serial step: every later commit reaches the client, none is sent twice.
      subscribe();
      const version = this.state.version;
      if (afterVersion === version) return { version, events: [], snapshot: null };
      // Ahead of the server (a reset store, or a state of another plan) or far behind: send the whole state.
      if (afterVersion > version || version - afterVersion > maxEvents) {
        return { version, events: [], snapshot: this.encodedState() };
      }
      const oldest = this.recent[0]?.version ?? Infinity;
      if (afterVersion + 1 >= oldest) return { version, events: this.recent.filter((e) => e.version > afterVersion), snapshot: null };
      const stored = await this.o.store.readStream<PlanEvent>(this.planId, afterVersion);
      return { version, events: stored.map(({ planId: _p, ...w }) => w), snapshot: null };
    });
  }

  /**
   * Applies a batch atomically: its commands are decided in order on a copy of the state; if any is refused,
   * nothing is applied and the reply says which change failed and why. The events, the command row and the batch
   * record are appended in one statement. A resent command id is answered with its original outcome.
   */
  submitBatch(b: BatchSubmission): Promise<CommandReply> {
    return this.serial(async () => {
      try {
        await this.ensureFresh();
        return await this.commitBatch(b);
      } catch (err) {
        if (!(err instanceof StoreUnavailableError)) throw err;
        this.stale = true;
        return refuse(b.commandId, UNAVAILABLE);
      }
    }, false);
  }

  /** Reads the current state between commits and computes something from it (previews, exports). */
  read<T>(f: (state: PlanState) => Promise<T> | T): Promise<T> {
    return this.serial(() => f(this.state));
  }

  private async commitBatch(b: BatchSubmission): Promise<CommandReply> {
    if (!this.outcomes.has(b.commandId) && b.resent) {
      for (const [id, outcome] of await this.o.store.findCommandOutcomes(this.planId, [b.commandId])) this.remember(id, outcome);
    }
    const known = this.outcomes.get(b.commandId);
    if (known) return reply(b.commandId, known);

    const built = await b.build(this.state);
    if ('error' in built) return refuse(b.commandId, built.error);
    if (built.commands.length === 0) return refuse(b.commandId, { code: 'NothingToDo', message: 'There is nothing to change.' });

    const work = structuredClone(this.state);
    const events: PlanEvent[] = [];
    for (const [i, c] of built.commands.entries()) {
      const d = decide(work, c);
      if (!d.ok) {
        const where = built.commands.length > 1 ? `Change ${i + 1} of ${built.commands.length} (${c.type}) was refused: ` : '';
        return refuse(b.commandId, { code: d.error.code, message: `${where}${d.error.message} Nothing was applied.` });
      }
      for (const e of d.events) {
        evolve(work, e);
        events.push(e);
      }
    }
    const at = this.o.now();
    const before = this.state.version;
    const batch: BatchRecord = {
      batchId: b.batchId,
      kind: b.kind,
      actor: b.actor.name,
      actorId: b.actor.id,
      at,
      label: built.label ?? b.label,
      fileName: b.fileName,
      fileHash: b.fileHash,
      summary: built.summary ?? b.summary ?? null,
      reverts: b.reverts,
    };
    try {
      const { outcomes } = await this.o.store.append(this.planId, before, [{ commandId: b.commandId, actor: b.actor.name, actorId: b.actor.id, batchId: b.batchId, at, events }], batch);
      for (const [id, outcome] of outcomes) this.remember(id, outcome);
    } catch (err) {
      this.o.log?.(`plan ${this.planId}: batch ${b.batchId} not appended (${(err as Error).message}); reloading`);
      this.stale = true;
      if (err instanceof StoreUnavailableError) return refuse(b.commandId, UNAVAILABLE);
      await this.reload();
      if (err instanceof DuplicateCommandError) {
        const [stored] = await this.o.store.findCommandOutcomes(this.planId, [b.commandId]);
        if (stored) return reply(b.commandId, stored[1]);
        return refuse(b.commandId, { code: 'AlreadyExists', message: `A batch with id ${b.batchId} already exists.` });
      }
      return refuse(b.commandId, { code: 'ServerError', message: 'The batch could not be saved. Nothing was applied; please try again.' });
    }
    this.state = work;
    this.committed = work.version;
    const wire = events.map((event, i) => ({ version: before + i + 1, event, meta: { actor: b.actor.name, actorId: b.actor.id, commandId: b.commandId, batchId: b.batchId, at } }));
    this.recent.push(...wire);
    if (this.recent.length > this.o.recentEvents * 2) this.recent = this.recent.slice(-this.o.recentEvents);
    this.o.publish(wire);
    this.maybeSnapshot();
    const r = reply(b.commandId, this.outcomes.get(b.commandId)!);
    return r.status === 'accepted' && built.detail ? { ...r, detail: built.detail } : r;
  }

  /** A copy of the current state (for exports and tests), taken between commits. */
  snapshot(): Promise<PlanState> {
    return this.serial(() => structuredClone(this.state));
  }

  private async drain() {
    this.drainScheduled = false;
    while (this.queue.length > 0) {
      const group = this.queue.splice(0, this.o.maxGroup);
      try {
        await this.ensureFresh();
        await this.commitGroup(group, 0, new Map());
      } catch (err) {
        // A lost database (or a bug): rebuild before the next step, and answer whoever is still waiting (an answered
        // promise ignores a second answer). A lost database is retryable: the client resends, the store says if it landed.
        this.stale = true;
        const unavailable = err instanceof StoreUnavailableError;
        if (!unavailable) this.o.log?.(`plan ${this.planId}: commit failed: ${(err as Error).stack ?? err}`);
        for (const w of group) w.resolve(refuse(w.commandId, unavailable ? UNAVAILABLE : NOT_SAVED));
      }
    }
  }

  /**
   * Decides, appends, publishes and answers one group. `poisoned`: commands already known to break the server,
   * recorded as rejected without being decided again.
   */
  private async commitGroup(group: Waiting[], attempt: number, poisoned: Map<string, ReplyError>): Promise<void> {
    // Resent commands may have been stored before a restart: ask the store once for the whole group.
    const unknownResent = group.filter((w) => w.resent && !this.outcomes.has(w.commandId)).map((w) => w.commandId);
    if (unknownResent.length > 0) {
      for (const [id, outcome] of await this.o.store.findCommandOutcomes(this.planId, unknownResent)) this.remember(id, outcome);
    }

    const before = this.state.version;
    const at = this.o.now();
    const records: CommandRecord<PlanEvent>[] = [];
    const fresh: Waiting[] = [];
    const answered: Waiting[] = [];
    const seenInGroup = new Set<string>();
    for (const w of group) {
      if (this.outcomes.has(w.commandId) || seenInGroup.has(w.commandId)) {
        answered.push(w); // a resend: answered with the original outcome, never applied twice
        continue;
      }
      seenInGroup.add(w.commandId);
      const record = { commandId: w.commandId, actor: w.actor.name, actorId: w.actor.id, batchId: w.batchId, at };
      fresh.push(w);
      const poison = poisoned.get(w.commandId);
      if (poison) {
        records.push({ ...record, events: [], error: poison });
        continue;
      }
      let d: ReturnType<typeof decide>;
      try {
        d = decide(this.state, w.command); // pure: a throw leaves the state as it was
        if (typeof d?.ok !== 'boolean') throw new TypeError(`decide gave no decision for ${w.command?.type}`);
      } catch (err) {
        this.o.log?.(`plan ${this.planId}: command ${w.commandId} threw in decide: ${(err as Error).stack ?? err}`);
        records.push({ ...record, events: [], error: UNPROCESSABLE });
        continue;
      }
      if (!d.ok) {
        records.push({ ...record, events: [], error: d.error });
        continue;
      }
      try {
        for (const e of d.events) evolve(this.state, e);
      } catch (err) {
        // The state is half-changed: rebuild it from the store and decide the group again, this one refused.
        this.o.log?.(`plan ${this.planId}: command ${w.commandId} threw in evolve: ${(err as Error).stack ?? err}`);
        await this.reload();
        return this.commitGroup(resentAll(group), attempt, new Map(poisoned).set(w.commandId, UNPROCESSABLE));
      }
      records.push({ ...record, events: d.events });
    }

    if (records.length > 0) {
      try {
        const { outcomes } = await this.o.store.append(this.planId, before, records);
        for (const [id, outcome] of outcomes) this.remember(id, outcome);
      } catch (err) {
        this.o.log?.(`plan ${this.planId}: append of ${records.length} command(s) failed (${(err as Error).message})`);
        this.stale = true;
        // Lost connection: the outcome is unknown (it may have committed). The clients resend; the store decides.
        if (err instanceof StoreUnavailableError) throw err;
        await this.reload();
        if (err instanceof DuplicateCommandError || err instanceof VersionConflictError) {
          // A duplicate id or a foreign writer, seen for what it is after the reload. Give up after a few rounds.
          if (attempt < 3) return this.commitGroup(resentAll(group), attempt + 1, poisoned);
          for (const w of group) w.resolve(refuse(w.commandId, NOT_SAVED));
          return;
        }
        // The store refused the content (e.g. a value PostgreSQL can't hold): split until only the culprit fails.
        if (fresh.length > 1) {
          const half = Math.ceil(group.length / 2);
          await this.commitGroup(resentAll(group.slice(0, half)), attempt, poisoned);
          await this.ensureFresh();
          return this.commitGroup(resentAll(group.slice(half)), attempt, poisoned);
        }
        const culprit = fresh[0]!;
        if (poisoned.has(culprit.commandId)) {
          // Even its refusal can't be stored: answer it without a record; the others go on.
          culprit.resolve(refuse(culprit.commandId, poisoned.get(culprit.commandId)!));
          const rest = group.filter((w) => w.commandId !== culprit.commandId);
          return rest.length > 0 ? this.commitGroup(resentAll(rest), attempt, poisoned) : undefined;
        }
        return this.commitGroup(resentAll(group), attempt, new Map(poisoned).set(culprit.commandId, UNPROCESSABLE));
      }
      const wire: WireEvent[] = [];
      let version = before;
      for (const r of records) {
        for (const event of r.events) {
          wire.push({ version: ++version, event, meta: { actor: r.actor, actorId: r.actorId, commandId: r.commandId, batchId: r.batchId, at: r.at } });
        }
      }
      this.committed = version;
      if (wire.length > 0) {
        this.recent.push(...wire);
        if (this.recent.length > this.o.recentEvents * 2) this.recent = this.recent.slice(-this.o.recentEvents);
        this.o.publish(wire);
      }
    }
    for (const w of [...fresh, ...answered]) w.resolve(reply(w.commandId, this.outcomes.get(w.commandId)!));
    this.maybeSnapshot(); // after the acks: a snapshot copies the whole state
  }

  private remember(commandId: string, outcome: CommandOutcome) {
    this.outcomes.set(commandId, outcome);
    if (this.outcomes.size > 20_000) {
      // Forget the oldest half; older resends are answered from the store.
      let drop = 10_000;
      for (const k of this.outcomes.keys()) {
        this.outcomes.delete(k);
        if (--drop === 0) break;
      }
    }
  }

  private maybeSnapshot() {
    const every = this.o.snapshotEvery;
    if (every <= 0 || this.state.version - this.lastSnapshot < every) return;
    this.lastSnapshot = this.state.version;
    const copy = structuredClone(this.state);
    this.o.store.saveSnapshot(this.planId, copy.version, EVOLVE_VERSION, copy).catch((err: Error) => {
      this.o.log?.(`plan ${this.planId}: snapshot at ${copy.version} not saved (${err.message})`);
    });
  }
}

/** After a reload forgot the remembered outcomes, every command must be looked up in the store again. */
function resentAll(group: Waiting[]): Waiting[] {
  for (const w of group) w.resent = true;
  return group;
}

function reply(commandId: string, outcome: CommandOutcome): CommandReply {
  return outcome.status === 'accepted'
    ? { commandId, status: 'accepted', version: outcome.lastVersion }
    : { commandId, status: 'rejected', error: storedError(outcome.error) };
}
