import type { SyncClient, StateHolder } from '../client-engine.ts';
import type { ClientPlanState } from '../client-state.ts';
import type { RequestOf } from '../protocol.ts';
import { DEFAULT_LIMITS, type Limits } from '../server/limits.ts';
import type { ScheduledLink } from '../testing/scheduled-network.ts';

/** The refusals a planner can get for a change on its merits; anything else from the server is a failure here. */
export const MERITS = new Set([
  'PlanNotCreated',
  'AlreadyExists',
  'UnknownRoom',
  'UnknownPhysicalTable',
  'UnknownTable',
  'UnknownGuest',
  'TableFull',
  'GuestAlreadySeated',
  'GuestNotSeated',
  'SameTable',
  'TableLocked',
  'RoomNotEmpty',
  'PhysicalTableTaken',
  'CapacityTooSmall',
  'NothingToDo',
  'UndoConflict',
  'UnknownBatch',
  'NotRevertible',
]);

/** Limits far above what the fuzz reaches: a ServerBusy would start the engine's wall-clock retry timers. */
export const NO_LIMITS: Partial<Limits> = {
  inFlight: 10_000,
  commandsInFlight: 10_000,
  rates: Object.fromEntries(Object.keys(DEFAULT_LIMITS.rates).map((k) => [k, { perSecond: 1e9, burst: 1e9 }])),
  historyEventsPerSocket: { perSecond: 1e9, burst: 1e9 },
  historyEventsServer: { perSecond: 1e9, burst: 1e9 },
  // The push window runs on wall-clock timers, which would make the schedule depend on time (as presence would):
  // every commit is pushed as it lands. room-push.unit.test.ts and the join catch-up test cover the window.
  eventPushMs: 0,
  // Deciding is timed on the real clock: a batch decided in slices of 10 ms, or refused for a budget of decide time,
  // on a slow moment made one CI run's schedule differ from its replay. Out of reach here.
  decideSliceMs: 1e9,
  decideMsPerSocket: { perSecond: 1e9, burst: 1e9 },
  decideMsPerPlan: { perSecond: 1e9, burst: 1e9 },
};

export const OPS = [
  'deliver',
  'burst',
  'issue',
  'issueMany',
  'batch',
  'resend',
  'undo',
  'revert',
  'history',
  'batches',
  'cut',
  'connect',
  'reload',
  'unload',
  'quiesce',
] as const;
export type Op = (typeof OPS)[number];
export const WEIGHTS: Record<Op, number> = {
  deliver: 44,
  burst: 8,
  issue: 14,
  issueMany: 3,
  batch: 4,
  resend: 4,
  undo: 4,
  revert: 3,
  history: 2,
  batches: 1,
  cut: 2.5,
  connect: 4,
  reload: 1.5,
  unload: 1.2,
  quiesce: 1,
};

export interface FuzzOptions {
  steps: number;
  /** distinguishes runs of the same seed in one store (the plan id); the schedule does not depend on it */
  run?: string;
  /** how often each operation is picked, relative to the others (default WEIGHTS) */
  weights?: Partial<Record<Op, number>>;
}

export interface FuzzResult {
  /** every delivery, connect and cut in order: equal for equal seeds */
  trace: string[];
  /** how often each operation ran, and what came of the command-like ones */
  stats: Record<string, number>;
}

export interface Sent {
  type: 'command' | 'batch' | 'undo' | 'revert';
  req: RequestOf<'command'> | RequestOf<'batch'> | RequestOf<'undo'> | RequestOf<'revert'>;
}

export interface Client {
  name: string;
  userName: string;
  /** joined with the review link */
  reviewer: boolean;
  link: ScheduledLink;
  engine: SyncClient;
  holder: StateHolder;
  /** ids of my command-like requests the server accepted (undo targets) */
  mine: string[];
  /** command-like requests whose reply was lost with the connection: the fuzz may send them again, marked resent */
  lost: Sent[];
  /** command-like requests the server accepted: sent again (resent), they must be answered the same way */
  accepted: Sent[];
  /** the client state last checked (states are immutable: an unchanged one needs no new check) */
  checked: ClientPlanState | null;
  reloads: number;
}
