import { parseCommand, type Command } from '@seatfold/domain';
import { StoreUnavailableError } from '@seatfold/store';
import {
  PROTOCOL_VERSION,
  BATCHES_PAGE_MAX,
  batchRequestSchema,
  batchesRequestSchema,
  commandRequestSchema,
  historyRequestSchema,
  readSummary,
  revertRequestSchema,
  undoRequestSchema,
  type BatchesReply,
  type HistoryReply,
  describeIssue,
  joinRequestSchema,
  type CommandReply,
  type JoinReply,
  type Presence,
  type ProtocolError,
  type Role,
  type WireEvent,
} from '../protocol.ts';
import type { Peer, SyncHub } from './hub.ts';
import { busy, SocketLimiter } from './limits.ts';
import { buildBatchRevert, buildUndo } from './revert.ts';
import { UNAVAILABLE } from './room.ts';

const perr = (code: ProtocolError['code'], message: string): ProtocolError => ({ code, message });
/** Requests answered as a CommandReply when they carry a command id. */
const COMMAND_LIKE = new Set(['command', 'batch', 'revert', 'undo']);

const SCHEMAS: Record<string, { safeParse(v: unknown): { success: boolean } }> = {
  join: joinRequestSchema,
  command: commandRequestSchema,
  history: historyRequestSchema,
  batches: batchesRequestSchema,
  batch: batchRequestSchema,
  revert: revertRequestSchema,
  undo: undoRequestSchema,
};
const wellFormed = (type: string, payload: unknown) => Object.hasOwn(SCHEMAS, type) && SCHEMAS[type].safeParse(type === 'batches' ? (payload ?? {}) : payload).success;

/** A command-like request's answer: a CommandReply, or a plain refusal when it names no usable command id. */
type CommandAnswer = CommandReply | { ok: false; error: ProtocolError };
type Reply = JoinReply | CommandReply | HistoryReply | BatchesReply | { ok: false; error: ProtocolError };

/** One connection as the hub sees it: its plan and role once joined, and what it may still ask for. */
export class Session {
  private joined: { planId: string; role: Role; actor: string } | null = null;
  /** counts join requests: only the latest one may subscribe (a join is async, two can overlap) */
  private joins = 0;
  private closed = false;
  private readonly limiter: SocketLimiter;

  constructor(
    private readonly hub: SyncHub,
    private readonly peer: Peer,
  ) {
    this.limiter = new SocketLimiter(hub.limits, hub.o.now);
  }

  get role(): Role | null {
    return this.joined?.role ?? null;
  }

  /**
   * Handles one request; never throws — every failure becomes an answer the client can show. A request beyond
   * this connection's limits (in flight, rate per kind) is refused at once with ServerBusy and when to retry.
   */
  async handle(type: string, payload: unknown): Promise<Reply> {
    // A malformed request is rated on a bucket of its own: it is cheap to answer, and a client's mistakes should
    // not use up its joins or commands.
    const admitted = this.limiter.admit(wellFormed(type, payload) ? type : 'malformed');
    if ('error' in admitted) return this.refusal(type, payload, admitted.error);
    try {
      return await this.dispatch(type, payload);
    } finally {
      admitted.release();
    }
  }

  /** A refusal in the shape the request expects: a rejected CommandReply when it names a command id. */
  private refusal(type: string, payload: unknown, error: ProtocolError): CommandAnswer {
    const commandId = (payload as { commandId?: unknown } | null)?.commandId;
    return COMMAND_LIKE.has(type) && typeof commandId === 'string' && commandId.length > 0 && commandId.length <= 100
      ? { commandId, status: 'rejected', error }
      : { ok: false, error };
  }

  private async dispatch(type: string, payload: unknown): Promise<Reply> {
    try {
      if (type === 'join') return await this.join(payload);
      if (type === 'command') return await this.command(payload);
      if (type === 'history') return await this.history(payload);
      if (type === 'batches') return await this.batches(payload);
      if (type === 'batch') return await this.batch(payload);
      if (type === 'revert') return await this.revert(payload);
      if (type === 'undo') return await this.undo(payload);
      return { ok: false, error: perr('BadMessage', `Unknown message type ${JSON.stringify(type)}.`) };
    } catch (err) {
      const unavailable = err instanceof StoreUnavailableError; // retryable: the client tries again later
      if (!unavailable) this.hub.o.log?.(`request ${type} failed: ${(err as Error).stack ?? err}`);
      const error = unavailable ? UNAVAILABLE : perr('ServerError', 'The server could not handle this request. Please try again.');
      const commandId = (payload as { commandId?: unknown } | null)?.commandId;
      return type === 'command' && typeof commandId === 'string' ? { commandId, status: 'rejected', error } : { ok: false, error };
    }
  }

  private async join(payload: unknown): Promise<JoinReply> {
    const parsed = joinRequestSchema.safeParse(payload);
    if (!parsed.success) return { ok: false, error: perr('BadMessage', `Invalid join request — ${describeIssue(parsed.error)}`) };
    const req = parsed.data;
    if (req.protocol !== PROTOCOL_VERSION) {
      return { ok: false, error: perr('ProtocolVersion', `This page speaks protocol ${req.protocol}, the server ${PROTOCOL_VERSION}: reload the page.`) };
    }
    const attempt = ++this.joins;
    // A join that lost the race against a later join on the same connection, or whose connection closed while it
    // waited, must not subscribe: the peer would get two plans' events, or stay online as a ghost.
    const superseded = () => this.closed || attempt !== this.joins;
    const found = await this.hub.o.store.findPlanByToken(req.token);
    if (!found) return { ok: false, error: perr('UnknownPlan', 'This link does not open any plan. Check that it was copied completely.') };
    if (superseded()) return { ok: false, error: perr('BadMessage', 'Another join on this connection replaced this one.') };
    this.leave();
    const { plan, role } = found;
    const room = await this.hub.room(plan.id);
    if (superseded()) return { ok: false, error: perr('BadMessage', 'Another join on this connection replaced this one.') };
    const presence: Presence = { clientId: req.clientId, userName: req.userName, role };
    const mine = { planId: plan.id, role, actor: req.userName };
    let subscribed = false;
    let full = false;
    const caught = await room.catchUp(req.lastVersion, () => {
      if (superseded()) return;
      if (!this.hub.enter(plan.id, this)) {
        full = true;
        return;
      }
      this.joined = mine;
      this.hub.fanout.add(plan.id, this.peer);
      subscribed = true;
    });
    if (full) {
      return { ok: false, error: busy(`This plan has ${this.hub.limits.socketsPerPlan} open connections, the most it allows. Try again in a minute, or close it in other tabs.`, 30_000) };
    }
    if (!subscribed || superseded()) {
      if (this.joined === mine) this.leave(); // undo; a later join that succeeds subscribes itself
      return { ok: false, error: perr('BadMessage', 'Another join on this connection replaced this one.') };
    }
    this.hub.setOnline(plan.id, this, presence);
    return {
      ok: true,
      planId: plan.id,
      planName: plan.name,
      role,
      version: caught.version,
      events: caught.events,
      snapshot: caught.snapshot,
      ...this.hub.presence.forJoin(plan.id, presence),
    };
  }

  private async command(payload: unknown): Promise<CommandAnswer> {
    const parsed = commandRequestSchema.safeParse(payload);
    if (!parsed.success) return this.badRequest(payload, 'command message', describeIssue(parsed.error));
    const { commandId, batchId, resent } = parsed.data;
    if (!this.joined) return { commandId, status: 'rejected', error: perr('NotJoined', 'Open a plan before sending changes.') };
    if (this.joined.role !== 'organise') {
      return { commandId, status: 'rejected', error: perr('Forbidden', 'This is a review link: it shows the plan but cannot change it.') };
    }
    const command = parseCommand(parsed.data.command);
    if (!command.ok) return { commandId, status: 'rejected', error: { code: 'InvalidCommand', message: command.message } };
    // Taken before the await: the connection may close (or re-join) meanwhile, and the command was sent for this plan.
    const { planId, actor } = this.joined;
    const room = await this.hub.room(planId);
    return room.submit({ commandId, command: command.command, batchId: batchId ?? null, actor, resent: resent ?? false });
  }

  private async history(payload: unknown): Promise<HistoryReply> {
    const parsed = historyRequestSchema.safeParse(payload);
    if (!parsed.success) return { ok: false, error: perr('BadMessage', `Invalid history request — ${describeIssue(parsed.error)}`) };
    if (!this.joined) return { ok: false, error: perr('NotJoined', 'Open a plan before reading its history.') };
    const { planId } = this.joined;
    const { afterVersion, limit } = parsed.data;
    // Reads of the store are bounded server-wide: a flood of history requests waits its turn or is refused.
    const read = await this.hub.historyGate.run(() => this.hub.o.store.readStream<WireEvent['event']>(planId, afterVersion, limit));
    if (!read) return { ok: false, error: busy('The server is busy reading plan histories. Try again in a moment.', 1000) };
    const room = await this.hub.room(planId);
    return { ok: true, events: read.value.map(({ planId: _p, ...w }) => w), version: room.version };
  }

  private async batches(payload: unknown): Promise<BatchesReply> {
    const parsed = batchesRequestSchema.safeParse(payload ?? {});
    if (!parsed.success) return { ok: false, error: perr('BadMessage', `Invalid batches request — ${describeIssue(parsed.error)}`) };
    if (!this.joined) return { ok: false, error: perr('NotJoined', 'Open a plan before listing its batches.') };
    const limit = parsed.data.limit ?? BATCHES_PAGE_MAX;
    const page = await this.hub.o.store.listBatches(this.joined.planId, { before: parsed.data.before, limit: limit + 1 });
    const more = page.length > limit;
    // Summaries stored before they were checked read as null rather than as junk.
    const batches = (more ? page.slice(1) : page).map((b) => ({ ...b, summary: readSummary(b.summary) }));
    return { ok: true, batches, more };
  }

  /** Common checks of the organiser-only requests; returns the reason to refuse, or the session's plan. */
  private organiser(commandId: string): { error: CommandReply } | { planId: string; actor: string } {
    if (!this.joined) return { error: { commandId, status: 'rejected', error: perr('NotJoined', 'Open a plan before sending changes.') } };
    if (this.joined.role !== 'organise') {
      return { error: { commandId, status: 'rejected', error: perr('Forbidden', 'This is a review link: it shows the plan but cannot change it.') } };
    }
    return { planId: this.joined.planId, actor: this.joined.actor };
  }

  private badRequest(payload: unknown, what: string, issue: string): CommandAnswer {
    return this.refusal('batch', payload, perr('BadMessage', `Invalid ${what} — ${issue}`));
  }

  private async batch(payload: unknown): Promise<CommandAnswer> {
    const parsed = batchRequestSchema.safeParse(payload);
    if (!parsed.success) return this.badRequest(payload, 'batch', describeIssue(parsed.error));
    const b = parsed.data;
    const who = this.organiser(b.commandId);
    if ('error' in who) return who.error;
    const commands: Command[] = [];
    for (const [i, raw] of b.commands.entries()) {
      const c = parseCommand(raw);
      if (!c.ok) return { commandId: b.commandId, status: 'rejected', error: { code: 'InvalidCommand', message: `Change ${i + 1}: ${c.message}` } };
      commands.push(c.command);
    }
    const room = await this.hub.room(who.planId);
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
    });
  }

  private async revert(payload: unknown): Promise<CommandAnswer> {
    const parsed = revertRequestSchema.safeParse(payload);
    if (!parsed.success) return this.badRequest(payload, 'revert request', describeIssue(parsed.error));
    const r = parsed.data;
    const who = this.organiser(r.commandId);
    if ('error' in who) return who.error;
    const store = this.hub.o.store;
    const room = await this.hub.room(who.planId);
    if (r.preview) {
      const built = await room.read((state) => buildBatchRevert(store, who.planId, r.targetBatchId, state));
      return 'error' in built
        ? { commandId: r.commandId, status: 'rejected', error: built.error }
        : { commandId: r.commandId, status: 'accepted', version: room.version, detail: built.detail };
    }
    return room.submitBatch({
      commandId: r.commandId,
      batchId: r.batchId,
      actor: who.actor,
      resent: r.resent ?? false,
      kind: 'revert',
      label: 'Revert',
      fileName: null,
      fileHash: null,
      summary: null,
      reverts: r.targetBatchId,
      build: (state) => buildBatchRevert(store, who.planId, r.targetBatchId, state),
    });
  }

  private async undo(payload: unknown): Promise<CommandAnswer> {
    const parsed = undoRequestSchema.safeParse(payload);
    if (!parsed.success) return this.badRequest(payload, 'undo request', describeIssue(parsed.error));
    const u = parsed.data;
    const who = this.organiser(u.commandId);
    if ('error' in who) return who.error;
    const store = this.hub.o.store;
    const room = await this.hub.room(who.planId);
    if (u.preview) {
      const built = await room.read((state) => buildUndo(store, who.planId, u.targetCommandId, who.actor, state));
      return 'error' in built
        ? { commandId: u.commandId, status: 'rejected', error: built.error }
        : { commandId: u.commandId, status: 'accepted', version: room.version, detail: built.detail };
    }
    return room.submitBatch({
      commandId: u.commandId,
      batchId: `undo-${u.commandId}`,
      actor: who.actor,
      resent: u.resent ?? false,
      kind: 'undo',
      label: 'Undo',
      fileName: null,
      fileHash: null,
      summary: null,
      reverts: null,
      build: (state) => buildUndo(store, who.planId, u.targetCommandId, who.actor, state),
    });
  }

  private leave() {
    if (!this.joined) return;
    this.hub.exit(this.joined.planId, this);
    this.hub.fanout.remove(this.joined.planId, this.peer);
    this.hub.setOnline(this.joined.planId, this, null);
    this.joined = null;
  }

  /** The connection is gone. */
  close(): void {
    this.closed = true;
    this.leave();
  }
}
