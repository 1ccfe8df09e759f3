/**
 * The solver's input and output. Plain data with string ids, so an instance can be posted to a Web Worker or
 * written to a file. The solver never reads a clock or a network except through the options it is given.
 */

export interface SolverGuest {
  id: string;
  /** shown in explanations; defaults to the id */
  name?: string;
  /** guests with the same non-empty party sit at one table (split only when no table could ever hold them) */
  party?: string;
  department?: string;
  vip?: boolean;
  /** only at tables marked accessible */
  needsAccessible?: boolean;
  /** never moved: stays where `current` has them (seated or not) */
  pinned?: boolean;
  /** has a seat in the plan as it is, also where `current` leaves them out (Seat everybody starts afresh): ending
   *  without one weighs `lostSeat` besides `unseated`, so a guest who had no seat is the one left without */
  seated?: boolean;
}

export interface SolverTable {
  id: string;
  name?: string;
  /** seats available: the smaller of the logical table's and its physical table's capacity */
  capacity: number;
  /** VIP tables seat VIPs only */
  vip?: boolean;
  /** never touched: its guests stay, nobody is added */
  locked?: boolean;
  accessible?: boolean;
}

export interface SolverRule {
  id: string;
  /** together: all at one table; apart: no two of them at one table; place: each of them at one of `tableIds` */
  kind: 'together' | 'apart' | 'place';
  guestIds: string[];
  /** place rules: the tables allowed (a table, or every table of a room) */
  tableIds?: string[];
  /** place rules: the place as a planner names it ("table 12", "room Garden", "within 5 m of stage “Main”") */
  placeName?: string;
  /** place rules: why a table is not allowed, where the planner can act on it (table id → "Table G-07 has no place
   *  on the floor plan"); used in explanations only */
  tableNotes?: Record<string, string>;
  hard: boolean;
  /** penalty of a broken soft rule (together: per extra table used; apart: per pair sharing a table; place: per
   *  guest elsewhere or without a seat). Default 10. */
  weight?: number;
}

export interface SolverInstance {
  guests: SolverGuest[];
  tables: SolverTable[];
  rules?: SolverRule[];
  /** the plan as it is: guest id → table id (absent or null: unseated) */
  current?: Record<string, string | null>;
  /** mix: penalise colleagues of one department at one table; group: reward them */
  departments?: 'mix' | 'group' | 'ignore';
}

export interface SolverWeights {
  /** per guest left without a seat */
  unseated: number;
  /** per guest marked `seated` who is left without a seat (on top of `unseated`) */
  lostSeat: number;
  /** per guest seated at another table than in `current` (minimal change) */
  moved: number;
  /** per VIP not at a VIP table (only when the plan has VIP tables) */
  vipOffTable: number;
  /** per pair of guests of one department at one table (mix: penalty, group: reward) */
  department: number;
  /** default weight of a soft rule */
  rule: number;
  /** even tables: per table, (guests there)² ÷ seats, summed over the open tables anybody may sit at (least when
   *  every such table is filled to the same share of its seats) */
  balance: number;
}

/** A move weighs as much as a broken soft wish (telling the guest, a new place card): at 3, repairs moved ~40% more
 *  guests for no better plan on the 3-scale itself within 300 ms (docs/solver.md, benchmark). */
/** Moving one guest from a full table of 12 to one with 3 there gains 1.33 × this: below a broken wish (10) or a
 *  move (10), so balance never outweighs a rule or minimal change, yet enough to leave no table nearly empty while
 *  others are full (docs/solver.md). */
const BALANCE_WEIGHT = 2;
export const DEFAULT_WEIGHTS: SolverWeights = {
  unseated: 1000,
  lostSeat: 20,
  moved: 10,
  vipOffTable: 5,
  department: 1,
  rule: 10,
  balance: BALANCE_WEIGHT,
};

export interface SolverProgress {
  iteration: number;
  elapsedMs: number;
  /** 0..1 of the iteration or time budget */
  fraction: number;
  bestScore: number;
  currentScore: number;
  unseated: number;
}

export interface SolveOptions {
  seed?: number;
  /** wall-clock budget for the search (default 1000 ms when `iterations` is not given) */
  timeLimitMs?: number;
  /** search step budget; with it (and no binding time limit) the result depends only on the seed */
  iterations?: number;
  onProgress?: (p: SolverProgress) => void;
  /** polled every few thousand steps; true stops the search, keeping the best plan so far */
  shouldStop?: () => boolean;
  /**
   * The best plan so far as a full result, right after the first plan and then whenever it has improved, at most
   * every `bestEveryMs` (default 200): for a caller that cannot stop the search from outside (a busy Web Worker)
   * and keeps the last one it got. Not called when the time ran out in the greedy start (the result follows at once).
   */
  onBest?: (best: SolveResult) => void;
  bestEveryMs?: number;
  weights?: Partial<SolverWeights>;
  /** simulated annealing start and end temperatures (0 and 0: plain descent) */
  temperature?: { start: number; end: number };
  /** ejection chains in the search (default true); false for the benchmark's same-run comparison */
  ejectionChains?: boolean;
  /** the clock (ms), for tests and workers; default performance.now */
  now?: () => number;
}

export type UnsatisfiedKind = 'unseated' | 'party' | 'together' | 'apart' | 'place' | 'vip' | 'accessible' | 'capacity';

export interface Unsatisfied {
  kind: UnsatisfiedKind;
  hard: boolean;
  ruleId?: string;
  guestIds: string[];
  /** a sentence a planner can act on: "party Braun (6): no table has 6 free seats" */
  reason: string;
}

export interface ScoreBreakdown {
  total: number;
  hardViolations: number;
  unseated: number;
  /** guests marked `seated` left without a seat */
  lostSeats: number;
  moved: number;
  vipOffTable: number;
  departmentPairs: number;
  softRulePenalty: number;
  /** seating rules (hard or soft) the plan does not keep */
  rulesBroken: number;
  /** soft rules ("wishes") in the instance, and how many of them the plan does not keep */
  wishes: number;
  wishesBroken: number;
  /** the department setting the department pairs are weighed by (mix: fewer is better, group: more) */
  departments: 'mix' | 'group' | 'ignore';
  /** the balance term's part of the total */
  balance: number;
  /** how evenly the open tables anybody may sit at are filled (by share of their seats); null: there is none */
  fill: TableFillSpread | null;
}

export interface TableFill {
  guests: number;
  seats: number;
}

export interface TableFillSpread {
  tables: number;
  /** the table filled to the largest share of its seats (ties: more guests), and the one filled to the smallest */
  fullest: TableFill;
  emptiest: TableFill;
}

export interface SolverStats {
  iterations: number;
  elapsedMs: number;
  constructMs: number;
  /** ms until the first plan with every guest seated and no hard violation (null: never) */
  firstCompleteMs: number | null;
  initialScore: number;
  accepted: number;
  improvements: number;
  stoppedBy: 'iterations' | 'time' | 'stop' | 'nothing to do';
}

export interface SolveResult {
  /** guest id → table id or null, for every guest */
  assignment: Record<string, string | null>;
  score: ScoreBreakdown;
  unsatisfied: Unsatisfied[];
  /** guests whose table differs from `current` (seated, unseated or moved) */
  changed: string[];
  stats: SolverStats;
}

/** An instance the solver cannot read (duplicate or unknown ids, impossible numbers), with what to fix. */
export class SolverInputError extends Error {
  override readonly name = 'SolverInputError';
}

/** A party as a sentence names it: "party Braun", and a title that says so already ("Party 004") as it is. */
export const partyText = (party: string): string => (/^party\b/i.test(party) ? party : `party ${party}`);
