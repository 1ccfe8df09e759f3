import { evolve, EVOLVE_VERSION, initialState, sizeOf, type Command, type PlanEvent, type PlanState } from '@seatfold/domain';
import { StoreUnavailableError, type CommandOutcome, type EventStore } from '@seatfold/store';
import { workMeter, type WorkMeter } from './buckets.ts';
import { DEFAULT_LIMITS, type Limits } from './limits.ts';
import { EventPush } from './room-push.ts';
import { storedError, type Actor, type CommandReply, type ProtocolError, type ReplyError, type RevertDetail, type WireEvent } from '../protocol.ts';

export interface Submission {
  commandId: string;
  command: Command;
  batchId: string | null;
  /** who sends it, as the server admitted them */
  actor: Actor;
  /** the client says it may have sent this before: look the id up in the store */
  resent: boolean;
  /** the sending connection's decide time: charged as the command is decided, refused ServerBusy when used up */
  work?: WorkMeter;
  /** the bytes its client address may still have stored (Limits.storedBytesPerAddress): charged after the append */
  stored?: WorkMeter;
  /**
   * Whether the sender may still change the plan, asked again when its turn comes: an owner may have downgraded or
   * removed them since it was sent (absent: always).
   */
  mayWrite?: () => boolean;
}

/** A change whose sender lost the right to make it between sending it and its turn. */
export const NO_LONGER_ALLOWED: ProtocolError = {
  code: 'Forbidden',
  message: 'You can now only review this plan: this change was not applied.',
};

export interface RoomOptions {
  store: EventStore;
  planId: string;
  /** called with the events of one commit, or of several in a row (see pushEveryMs), in order, after they are durable */
  publish: (events: WireEvent[]) => void;
  /** at most one publish per this many ms: commits within it are published together at its end (default 0: each at once) */
  pushEveryMs?: number;
  /** publish from a setImmediate, after the commit's commands were answered (default false: within the commit) */
  pushAfterAcks?: boolean;
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
  /** how long the state encoded for far-behind joiners is kept after the last of them (default 2,000 ms) */
  joinSnapshotMs?: number;
  /** Limits.decideSliceMs and batchDecideMs (their defaults) */
  decideSliceMs?: number;
  batchDecideMs?: number;
  /** the plan's decide time, all its sockets together (Limits.decideMsPerPlan, its default) */
  decideMs?: Limits['decideMsPerPlan'];
  /** the bytes the plan may store (Limits.storedBytesPerPlan, its default) */
  storedBytes?: Limits['storedBytesPerPlan'];
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
  /** the sending connection's decide time (Submission.work) */
  work?: WorkMeter;
  /** Submission.mayWrite */
  mayWrite?: () => boolean;
  /** the bytes its address may still have stored (Submission.stored) */
  stored?: WorkMeter;
}

/** What a loaded plan holds besides its entities (PlanRoom.estimatedBytes). */
export const ROOM_BASE_BYTES = 64 * 1024;

/** A command waiting in the room's queue for its reply. */
export interface Waiting extends Submission {
  resolve: (reply: CommandReply) => void;
}

/** The retryable refusal while the database is unreachable: nothing was applied, the client sends it again. */
export const UNAVAILABLE: ProtocolError = {
  code: 'Unavailable',
  message: 'The server cannot reach its database right now. Your change is kept and will be sent again automatically.',
  retryAfterMs: 1000,
};
/** The same while the database's disk is full (PostgreSQL's disk_full, or under the store's reserve): a longer wait. */
export const NO_SPACE: ProtocolError = {
  code: 'Unavailable',
  message: 'The server has run out of room to save changes. Your change is kept and will be sent again automatically.',
  retryAfterMs: 30_000,
};
/** The same for a request that changes nothing (a history page, the batch list, a preview): nothing is kept or resent. */
export const UNAVAILABLE_READ: ProtocolError = {
  code: 'Unavailable',
  message: 'The server cannot reach its database right now. Nothing was changed; try again in a moment.',
  retryAfterMs: 1000,
};
/** The retryable refusal for an operation the store could not take (`read`: of a request that changes nothing). */
export const unavailable = (err: StoreUnavailableError, read = false): ProtocolError =>
  err.why === 'no-space' ? NO_SPACE : read ? UNAVAILABLE_READ : UNAVAILABLE;
/** The store error behind a room's Unavailable refusal, for a caller that answers it outside the socket protocol; else null. */
export const storeErrorOf = (error: ReplyError): StoreUnavailableError | null =>
  error.code === 'Unavailable'
    ? new StoreUnavailableError(new Error(error.message), error.message === NO_SPACE.message ? 'no-space' : 'unreachable')
    : null;
export const NOT_SAVED: ReplyError = { code: 'ServerError', message: 'The change could not be saved. Please try again.' };
/** A command whose decision or events broke the server (a bug, or content it cannot store): refused alone. */
export const UNPROCESSABLE: ReplyError = {
  code: 'Unprocessable',
  message: 'The server could not process this change, so it was not applied. Check the names and values you entered.',
};

export const refuse = (commandId: string, error: ReplyError): CommandReply => ({ commandId, status: 'rejected', error });

/**
 * The state half of a plan's room (room.ts): the in-memory state and what keeps it equal to the store — the
 * serial chain, the stale flag and the rebuild, remembered outcomes, recent events and snapshots. The group commit
 * (room-commit.ts) and the room's queue, joins and batches (room.ts) build on it.
 */
export abstract class RoomCore {
  readonly planId: string;
  protected state: PlanState = initialState();
  protected readonly o: Required<Omit<RoomOptions, 'log' | 'pushEveryMs' | 'pushAfterAcks'>> & Pick<RoomOptions, 'log'>;
  /** commits on their way to the subscribers (held for the push window) */
  protected readonly pushes: EventPush;
  protected chain: Promise<unknown> = Promise.resolve();
  protected recent: WireEvent[] = [];
  protected readonly outcomes = new Map<string, CommandOutcome>();
  protected lastSnapshot = 0;
  /** the plan's decide time, all its sockets together (Limits.decideMsPerPlan) */
  protected readonly planWork: WorkMeter;
  /** the bytes the plan may still store (Limits.storedBytesPerPlan): charged after each append, checked before deciding */
  protected readonly planStored: WorkMeter;
  /** the state may differ from the store (a failed append or evolve): rebuild before anything reads it */
  protected stale = false;
  /** a pipelining room takes the plan's append lock on every append (see the store's append) */
  protected get ordered() {
    return { ordered: this.o.pipeline > 1 };
  }
  /** the stored version this.state is at, outside a commit in flight */
  protected committed = 0;

  protected constructor(o: RoomOptions) {
    this.planId = o.planId;
    this.pushes = new EventPush(o.pushEveryMs ?? 0, (events) => o.publish(events), o.pushAfterAcks ?? false);
    this.o = {
      ...o,
      publish: (events) => {
        this.followName(events);
        this.pushes.push(events);
      },
      now: o.now ?? Date.now,
      snapshotEvery: o.snapshotEvery ?? 5000,
      recentEvents: o.recentEvents ?? 2000,
      maxGroup: o.maxGroup ?? 2000,
      pipeline: Math.max(1, o.pipeline ?? 1),
      joinSnapshotMs: o.joinSnapshotMs ?? 2000,
      decideSliceMs: o.decideSliceMs ?? DEFAULT_LIMITS.decideSliceMs,
      batchDecideMs: o.batchDecideMs ?? DEFAULT_LIMITS.batchDecideMs,
      decideMs: o.decideMs ?? DEFAULT_LIMITS.decideMsPerPlan,
      storedBytes: o.storedBytes ?? DEFAULT_LIMITS.storedBytesPerPlan,
    };
    this.planWork = workMeter(this.o.decideMs, this.o.now);
    this.planStored = workMeter(this.o.storedBytes, this.o.now);
  }

  /**
   * Charges an append's bytes to the plan's storage budget, and to its writers' addresses in proportion to `weights`
   * (their records' events). After the fact, so the meters may go into debt: the next command is refused until it is
   * paid off. Events are never deleted, so this is what stops one plan, or one address, from filling the disk.
   */
  protected chargeStored(bytes: number, writers: readonly { stored?: WorkMeter }[], weights: readonly number[]) {
    this.planStored.spend(bytes);
    let total = 0;
    for (const w of weights) total += w;
    for (const [i, w] of writers.entries()) w.stored?.spend(total > 0 ? (bytes * weights[i]!) / total : bytes / writers.length);
  }

  /**
   * The plan's memory, estimated from its entity counts (O(1): evolve keeps them): about 1.1 kB per guest or table
   * (state, recent events, remembered outcomes; a 20,000-guest plan measured 22 MB) plus a fixed part. Read as it is
   * now, commits in flight included: it is an estimate for the unloader (unload.ts), not a fact.
   */
  estimatedBytes(): number {
    const s = this.state;
    return ROOM_BASE_BYTES + (sizeOf(s.guests) + sizeOf(s.tables) + sizeOf(s.physicalTables) + sizeOf(s.rooms)) * 1100;
  }

  protected async reload() {
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
    // A rename whose listed name was not written (the server stopped in between) is caught up when the plan loads.
    if (state.plan) this.listName(state.plan.name);
  }

  /** A committed rename: the plan's listed name follows (invitations, "my plans" and exports read it). */
  private followName(events: readonly WireEvent[]) {
    for (let i = events.length - 1; i >= 0; i--) {
      const e = events[i]!.event;
      if (e.type === 'PlanRenamed') return this.listName(e.name);
    }
  }

  private listName(name: string) {
    this.o.store.setPlanName(this.planId, name).catch((err: Error) => this.o.log?.(`plan ${this.planId}: listed name not updated: ${err.message}`));
  }

  /** Rebuilds a stale state from the store; throws (StoreUnavailableError) while the store can't be read. */
  protected async ensureFresh() {
    if (this.stale) await this.reload();
  }

  /** Runs `task` on the room's serial chain, on a state equal to the store's. */
  protected serial<T>(task: () => Promise<T> | T, fresh = true): Promise<T> {
    const run = this.chain.then(async () => {
      if (fresh) await this.ensureFresh();
      return task();
    });
    // The chain holds no result: `run.catch()` would keep the last task's answer (a join's encoded state, a copy of
    // the state for an export) alive for as long as the plan stays idle.
    this.chain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  protected remember(commandId: string, outcome: CommandOutcome) {
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

  protected maybeSnapshot() {
    const every = this.o.snapshotEvery;
    if (this.stale || every <= 0 || this.state.version - this.lastSnapshot < every) return;
    const version = (this.lastSnapshot = this.state.version);
    // No copy: the store serialises the state before saveSnapshot returns (its contract), before the next evolve.
    this.o.store.saveSnapshot(this.planId, version, EVOLVE_VERSION, this.state).catch((err: Error) => {
      this.o.log?.(`plan ${this.planId}: snapshot at ${version} not saved (${err.message})`);
    });
  }
}
/** After a reload forgot the remembered outcomes, every command must be looked up in the store again. */
export function resentAll(group: Waiting[]): Waiting[] {
  for (const w of group) w.resent = true;
  return group;
}

export function reply(commandId: string, outcome: CommandOutcome): CommandReply {
  return outcome.status === 'accepted'
    ? { commandId, status: 'accepted', version: outcome.lastVersion, events: outcome.eventCount }
    : { commandId, status: 'rejected', error: storedError(outcome.error) };
}
