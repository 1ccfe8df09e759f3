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
  /**
   * how many group appends may be in flight at once (default 1: each group waits for the previous commit). 2 is
   * implemented and tested but measured slower on a saturated machine (docs/performance.md): smaller groups.
   */
  pipeline?: number;
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

/** A group decided on the state: what its append expects and writes, and whom it answers. */
interface Decided {
  before: number;
  records: CommandRecord<PlanEvent>[];
  fresh: Waiting[];
  answered: Waiting[];
}

/** A decided group whose append has been sent (null: nothing to append). */
interface InFlight {
  group: Waiting[];
  d: Decided;
  append: Promise<{ outcomes: Map<string, CommandOutcome> } | null>;
  /** the append has answered (either way); `done` resolves then and never rejects */
  settled: boolean;
  done: Promise<void>;
}

/** A group may be sent while others are in flight unless it needs the store's word first or names one of theirs. */
function launchable(group: Waiting[], flight: InFlight[]): boolean {
  if (group.some((w) => w.resent)) return false;
  const ids = new Set(group.map((w) => w.commandId));
  return !flight.some((f) => f.group.some((w) => ids.has(w.commandId)));
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
  /** set while a drain waits on an append in flight with nothing queued: a new command wakes it */
  private wake: (() => void) | null = null;
  private recent: WireEvent[] = [];
  private readonly outcomes = new Map<string, CommandOutcome>();
  private lastSnapshot = 0;
  /** the state may differ from the store (a failed append or evolve): rebuild before anything reads it */
  private stale = false;
  /** a pipelining room takes the plan's append lock on every append (see the store's append) */
  private get ordered() {
    return { ordered: this.o.pipeline > 1 };
  }
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
      pipeline: Math.max(1, o.pipeline ?? 1),
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
      this.wake?.();
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
      const { outcomes } = await this.o.store.append(this.planId, before, [{ commandId: b.commandId, actor: b.actor.name, actorId: b.actor.id, batchId: b.batchId, at, events }], batch, this.ordered);
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

  /**
   * Commits the queue group by group, pipelined: while one group's append is in flight, the next group is decided
   * (on the state that assumes the first) and its append sent, so the database commits back to back instead of
   * waiting for the server between commits. Groups land — outcomes remembered, events published, commands
   * answered — strictly in order. PostgreSQL keeps the appends in that order (seatfold_append takes a per-plan
   * lock and checks the head after it); PGlite runs them one after another anyway.
   *
   * The state is speculative while appends are in flight: nobody else reads it (every other operation waits on the
   * serial chain until the pipeline is empty), no snapshot is taken from it, and when an append fails the appends
   * launched after it are let settle, the state is rebuilt from the store, the failed group goes through the
   * sequential recovery (split, retry, refuse) and the later groups are decided again as resent commands — the
   * store answers those that did land (a commit whose answer was lost) with their original outcome.
   */
  private async drain() {
    this.drainScheduled = false;
    const flight: InFlight[] = [];
    while (this.queue.length > 0 || flight.length > 0) {
      const next = this.queue.slice(0, this.o.maxGroup);
      // Behind a commit in flight, a group is sent once it holds at least half as many commands as the one before
      // it: sending every lone arrival at once would cut the stream into small commits, each paying a full commit.
      const enough = flight.length > 0 && next.length >= Math.ceil(flight[flight.length - 1]!.group.length / 2);
      const mayJoin = next.length > 0 && flight.length > 0 && !this.stale && flight.length < this.o.pipeline && launchable(next, flight);
      const launch = next.length > 0 && (flight.length === 0 || (mayJoin && enough));
      if (!launch) {
        if (flight[0]!.settled || (next.length > 0 && !mayJoin)) {
          await this.land(flight);
          continue;
        }
        // The oldest append still in flight and too little queued to send behind it: wake for whichever comes
        // first, its answer or another command.
        await Promise.race([flight[0]!.done, new Promise<void>((resolve) => (this.wake = resolve))]);
        this.wake = null;
        continue;
      }
      const group = this.queue.splice(0, this.o.maxGroup);
      await this.guarded(group, async () => {
        if (flight.length === 0) {
          await this.ensureFresh();
          // Resent commands need the store's word before anything is decided: the sequential path asks it.
          if (group.some((w) => w.resent)) return this.commitGroup(group, 0, new Map());
        }
        const d = this.decideGroup(group, new Map());
        if ('threw' in d) {
          // The state is half-changed by the throwing command: land what is in flight (it does not read the
          // state), then rebuild and decide the group again with that command refused.
          this.stale = true;
          while (flight.length > 0) await this.land(flight);
          await this.reload();
          return this.commitGroup(resentAll(group), 0, new Map([[d.threw, UNPROCESSABLE]]));
        }
        const append = d.records.length > 0 ? this.o.store.append(this.planId, d.before, d.records, undefined, this.ordered) : Promise.resolve(null);
        const f: InFlight = { group, d, append, settled: false, done: Promise.resolve() };
        // (also keeps a rejection from being unhandled until the group lands)
        f.done = append.then(
          () => void (f.settled = true),
          () => void (f.settled = true),
        );
        flight.push(f);
      });
    }
  }

  /** Lands the oldest group in flight; on a failed append, recovers it and every group launched after it. */
  private async land(flight: InFlight[]): Promise<void> {
    const f = flight.shift()!;
    let result: { outcomes: Map<string, CommandOutcome> } | null;
    try {
      result = await f.append;
    } catch (err) {
      const rest = flight.splice(0);
      // They were decided on a state that assumed this group: each conflicts on the head (or, if this group did
      // commit and only its answer was lost, lands). Let them settle, then redo everything from the store.
      await Promise.allSettled(rest.map((r) => r.append));
      this.stale = true;
      await this.guarded(f.group, () => this.recover(err, f.group, f.d.fresh, 0, new Map()));
      for (const r of rest) {
        await this.guarded(r.group, async () => {
          await this.ensureFresh();
          await this.commitGroup(resentAll(r.group), 0, new Map());
        });
      }
      return;
    }
    this.finish(f.d, result);
    if (flight.length === 0) this.maybeSnapshot(); // after the acks: a snapshot copies the whole state
  }

  /** Runs one group's step; whatever it throws (a lost database, a bug) answers the group's unanswered commands. */
  private async guarded(group: Waiting[], task: () => Promise<void>): Promise<void> {
    try {
      await task();
    } catch (err) {
      // Rebuild before the next step, and answer whoever is still waiting (an answered promise ignores a second
      // answer). A lost database is retryable: the client resends, the store says if it landed.
      this.stale = true;
      const unavailable = err instanceof StoreUnavailableError;
      if (!unavailable) this.o.log?.(`plan ${this.planId}: commit failed: ${(err as Error).stack ?? String(err)}`);
      for (const w of group) w.resolve(refuse(w.commandId, unavailable ? UNAVAILABLE : NOT_SAVED));
    }
  }

  /**
   * Decides, appends, publishes and answers one group, with nothing else in flight. `poisoned`: commands already
   * known to break the server, recorded as rejected without being decided again.
   */
  private async commitGroup(group: Waiting[], attempt: number, poisoned: Map<string, ReplyError>): Promise<void> {
    // Resent commands may have been stored before a restart: ask the store once for the whole group.
    const unknownResent = group.filter((w) => w.resent && !this.outcomes.has(w.commandId)).map((w) => w.commandId);
    if (unknownResent.length > 0) {
      for (const [id, outcome] of await this.o.store.findCommandOutcomes(this.planId, unknownResent)) this.remember(id, outcome);
    }
    const d = this.decideGroup(group, poisoned);
    if ('threw' in d) {
      // The state is half-changed: rebuild it from the store and decide the group again, this one refused.
      await this.reload();
      return this.commitGroup(resentAll(group), attempt, new Map(poisoned).set(d.threw, UNPROCESSABLE));
    }
    let result: { outcomes: Map<string, CommandOutcome> } | null = null;
    if (d.records.length > 0) {
      try {
        result = await this.o.store.append(this.planId, d.before, d.records, undefined, this.ordered);
      } catch (err) {
        return this.recover(err, group, d.fresh, attempt, poisoned);
      }
    }
    this.finish(d, result);
    this.maybeSnapshot(); // after the acks: a snapshot copies the whole state
  }

  /**
   * Decides a group in place on the state. Returns its records, or — when a command threw in evolve and left the
   * state half-changed — that command's id (the caller rebuilds the state).
   */
  private decideGroup(group: Waiting[], poisoned: Map<string, ReplyError>): Decided | { threw: string } {
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
        this.o.log?.(`plan ${this.planId}: command ${w.commandId} threw in decide: ${(err as Error).stack ?? String(err)}`);
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
        this.o.log?.(`plan ${this.planId}: command ${w.commandId} threw in evolve: ${(err as Error).stack ?? String(err)}`);
        this.stale = true;
        return { threw: w.commandId };
      }
      records.push({ ...record, events: d.events });
    }
    return { before, records, fresh, answered };
  }

  /** A group's append succeeded: remember its outcomes, publish its events once, answer its commands. */
  private finish(d: Decided, result: { outcomes: Map<string, CommandOutcome> } | null) {
    if (result) {
      for (const [id, outcome] of result.outcomes) this.remember(id, outcome);
      const wire: WireEvent[] = [];
      let version = d.before;
      for (const r of d.records) {
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
    for (const w of [...d.fresh, ...d.answered]) w.resolve(reply(w.commandId, this.outcomes.get(w.commandId)!));
  }

  /** A group's append failed (nothing else in flight): rebuild, then retry, split or refuse by what failed. */
  private async recover(err: unknown, group: Waiting[], fresh: Waiting[], attempt: number, poisoned: Map<string, ReplyError>): Promise<void> {
    this.o.log?.(`plan ${this.planId}: append of ${fresh.length} command(s) failed (${(err as Error).message})`);
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
    if (this.stale || every <= 0 || this.state.version - this.lastSnapshot < every) return;
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
