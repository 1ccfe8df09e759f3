import { compile, rebase } from './compile.ts';
import type { Compiled } from './compiled.ts';
import { construct } from './construct.ts';
import { explain } from './explain.ts';
import { parseInstance } from './schema.ts';
import { random } from './random.ts';
import { anneal } from './search.ts';
import { balanceCost, SearchState, softRuleCost } from './state.ts';
import {
  SolverInputError,
  type ScoreBreakdown,
  type SolveOptions,
  type SolveResult,
  type SolverInstance,
  type SolverStats,
  type SolverWeights,
  type TableFillSpread,
  type Unsatisfied,
} from './types.ts';

// Index access: `!` marks reads of the compiled arrays and the search result, with guest/table/unit indices that are in range by construction; guards there would only cost time in the hot loops.

const DEFAULT_TIME_MS = 1000;
/**
 * The greedy start's own limit: the time limit, but at least this. A short budget ("Quick", 0.3 s) buys a whole
 * plan a little late (a 20,000-guest start takes ~0.5–1.6 s) rather than one that leaves thousands unseated on
 * time; only a start that runs on for many seconds is cut (the page's Stop ends the worker at any moment).
 */
export const CONSTRUCT_MIN_MS = 10_000;
const DEFAULT_TEMPERATURE = { start: 10, end: 0.1 };
/** a repair starts from a good plan: a hot start would walk away from it and waste the (short) budget */
const REPAIR_TEMPERATURE = { start: 1, end: 0.05 };

const perf = (globalThis as { performance?: { now(): number } }).performance;
const clock = () => (perf ? perf.now() : Date.now());

/**
 * An instance read (parseInstance) and compiled once, for a caller that both solves and scores it (the web
 * worker): `solve` and `planScorer` take it in place of the instance, and `withPlan` gives the same instance with
 * another plan as it is and other weights (the preview's "before"), sharing the compiled form where it can.
 */
export interface PreparedInstance {
  readonly kind: 'prepared';
  readonly instance: SolverInstance;
  readonly compiled: Compiled;
  withPlan(current: SolverInstance['current'], weights?: Partial<SolverWeights>): PreparedInstance;
}

/** Reads and compiles an instance once (throws SolverInputError as solve does). */
export function prepare(instance: SolverInstance, weights?: Partial<SolverWeights>): PreparedInstance {
  const parsed = parseInstance(instance);
  return prepared(parsed, compile(parsed, weights));
}

function prepared(instance: SolverInstance, compiled: Compiled): PreparedInstance {
  return {
    kind: 'prepared',
    instance,
    compiled,
    withPlan: (current, weights) => prepared({ ...instance, current }, rebase(compiled, instance, current, weights)),
  };
}

const isPrepared = (x: SolverInstance | PreparedInstance): x is PreparedInstance => (x as PreparedInstance).kind === 'prepared';

/** The compiled instance: a prepared one's own (its weights are fixed: options may not change them), else compiled now. */
function compiledOf(x: SolverInstance | PreparedInstance, weights: Partial<SolverWeights> | undefined): Compiled {
  if (!isPrepared(x)) return compile(parseInstance(x), weights);
  if (weights !== undefined) throw new SolverInputError('A prepared instance has its weights already: give them to prepare().');
  return x.compiled;
}

/**
 * Seats the instance: a greedy feasible plan, then simulated annealing until the iteration or time budget is
 * spent or `shouldStop` says so, keeping the best plan seen. Locked tables and pinned guests never change;
 * capacities and hard rules hold in every plan it visits. Same instance, seed and iteration budget → same plan.
 * Throws SolverInputError for an instance it cannot read (checked against solverInstanceSchema first).
 */
export function solve(instance: SolverInstance | PreparedInstance, options: SolveOptions = {}): SolveResult {
  const now = options.now ?? clock;
  const start = now();
  const c = compiledOf(instance, options.weights);
  const s = new SearchState(c);
  const iterations = options.iterations ?? Infinity;
  const timeLimitMs = options.timeLimitMs ?? (options.iterations === undefined ? DEFAULT_TIME_MS : Infinity);
  // Past its limit the greedy start stops too: the units it has not reached stay unseated.
  const repair = isRepair(c);
  const constructCut = construct(s, () => now() - start >= Math.max(timeLimitMs, CONSTRUCT_MIN_MS), repair);
  const constructMs = now() - start;
  const initialScore = s.score;
  let firstCompleteMs: number | null = s.unseated === 0 && hardOf(c, s.tableOf) === 0 ? constructMs : null;

  const out = anneal(s, random(options.seed ?? 1), {
    iterations,
    timeLimitMs,
    startMs: start,
    now,
    shouldStop: options.shouldStop,
    onProgress: options.onProgress,
    temperature: options.temperature ?? (repair ? REPAIR_TEMPERATURE : DEFAULT_TEMPERATURE),
    onComplete: () => {
      if (firstCompleteMs === null && hardOf(c, s.tableOf) === 0) firstCompleteMs = now() - start;
    },
    bestEveryMs: options.bestEveryMs,
    ejectionChains: options.ejectionChains,
    // cut short, the final result follows at once: no first "best" (a second full result to build and post)
    onBest:
      options.onBest && !constructCut
        ? (best, score) => {
            const elapsed = now() - start;
            const interim: SolverStats = {
              iterations: 0,
              elapsedMs: elapsed,
              constructMs,
              firstCompleteMs,
              initialScore,
              accepted: 0,
              improvements: 0,
              stoppedBy: 'stop',
            };
            options.onBest!(resultFor(c, tablesOfGuests(c, best), score, interim));
          }
        : undefined,
  });
  s.load(out.best);
  const elapsedMs = now() - start;
  options.onProgress?.({ iteration: out.iterations, elapsedMs, fraction: 1, bestScore: s.score, currentScore: s.score, unseated: s.unseated });
  const stats: SolverStats = {
    iterations: out.iterations,
    elapsedMs,
    constructMs,
    firstCompleteMs,
    initialScore,
    accepted: out.accepted,
    improvements: out.improvements,
    stoppedBy: c.U === 0 ? 'nothing to do' : constructCut ? 'time' : out.stoppedBy,
  };
  return resultFor(c, tablesOfGuests(c, s.tableOf), s.score, stats);
}

/** The full result for a plan (guest → table index): explanations and the breakdown from scratch. */
function resultFor(c: Compiled, guestTable: Int32Array, total: number, stats: SolverStats): SolveResult {
  const unsatisfied = explain(c, guestTable);
  const assignment: Record<string, string | null> = {};
  const changed: string[] = [];
  for (let g = 0; g < c.G; g++) {
    const t = guestTable[g]!;
    assignment[c.guestIds[g]!] = (t === c.T ? null : c.tableIds[t])!;
    if (t !== c.guestCurrent[g]) changed.push(c.guestIds[g]!);
  }
  return { assignment, score: breakdown(c, guestTable, total, unsatisfied), unsatisfied, changed, stats };
}

/**
 * The score of a given plan without searching: by default the instance's own current plan ("score before"), on
 * the same scale as solve's result. The plan may break hard rules (a planner's hand-made seating): they are
 * counted in `hardViolations` and explained, never refused.
 */
export function scorePlan(
  instance: SolverInstance,
  assignment?: Record<string, string | null>,
  weights?: SolveOptions['weights'],
): Pick<SolveResult, 'score' | 'unsatisfied'> {
  return planScorer(instance, weights)(assignment);
}

/**
 * scorePlan for several plans of one instance, compiled once (a preview's "before" and "after"). `explained`: the
 * plan's explanations when already at hand — a SolveResult's `unsatisfied`, from an instance with these guests,
 * tables, rules and fixed guests (explanations depend on neither the rest of `current` nor the weights).
 */
export function planScorer(
  instance: SolverInstance | PreparedInstance,
  weights?: SolveOptions['weights'],
): (assignment?: Record<string, string | null>, explained?: Unsatisfied[]) => Pick<SolveResult, 'score' | 'unsatisfied'> {
  const c = compiledOf(instance, weights);
  let tableIndex: Map<string, number> | undefined;
  return (assignment, explained) => {
    const guestTable = Int32Array.from(c.guestCurrent);
    if (assignment) {
      tableIndex ??= new Map(c.tableIds.map((id, t) => [id, t]));
      c.guestIds.forEach((id, g) => {
        if (!Object.hasOwn(assignment, id)) return;
        const to = assignment[id]!;
        const t = to === null ? c.T : tableIndex!.get(to);
        if (t === undefined) throw new SolverInputError(`The plan seats "${id}" at "${to}", which is not among the tables.`);
        guestTable[g] = t;
      });
    }
    for (let g = 0; g < c.G; g++) if (c.guestFixed[g]! >= 0) guestTable[g] = c.guestFixed[g]!;
    const unsatisfied = explained ?? explain(c, guestTable);
    return { score: breakdown(c, guestTable, null, unsatisfied), unsatisfied };
  };
}

/** Does the current plan seat any guest the solver may move? */
function isRepair(c: Compiled): boolean {
  for (let g = 0; g < c.G; g++) if (c.unitOfGuest[g]! >= 0 && c.guestCurrent[g] !== c.T) return true;
  return false;
}

export function tablesOfGuests(c: Compiled, tableOfUnit: Int32Array): Int32Array {
  return Int32Array.from({ length: c.G }, (_, g) => (c.unitOfGuest[g]! >= 0 ? tableOfUnit[c.unitOfGuest[g]!]! : c.guestFixed[g]!));
}

function hardOf(c: Compiled, tableOfUnit: Int32Array): number {
  return explain(c, tablesOfGuests(c, tableOfUnit)).filter((u) => u.hard).length;
}

/** What a plan's score is made of, counted from scratch (the total too, unless the search's own is given). */
function breakdown(c: Compiled, guestTable: Int32Array, searchTotal: number | null, unsatisfied: Unsatisfied[]): ScoreBreakdown {
  const { T, weights: w } = c;
  let unseated = 0;
  let lostSeats = 0;
  let moved = 0;
  let vipOffTable = 0;
  let departmentPairs = 0;
  const dept = new Map<string, number>();
  for (let g = 0; g < c.G; g++) {
    const t = guestTable[g]!;
    if (t !== T && c.guestDept[g]! >= 0) {
      const k = `${t}:${c.guestDept[g]}`;
      departmentPairs += dept.get(k) ?? 0;
      dept.set(k, (dept.get(k) ?? 0) + 1);
    }
    if (c.unitOfGuest[g]! < 0) continue;
    if (t === T) unseated++;
    if (t === T && c.guestSeated[g]) lostSeats++;
    if (c.guestCurrent[g] !== T && t !== c.guestCurrent[g]) moved++;
    if (c.anyVipTable && c.guestVip[g] && (t === T || !c.tableVip[t])) vipOffTable++;
  }
  let softRulePenalty = 0;
  for (const r of c.rules) {
    if (r.hard) continue;
    const per = new Map<number, number>();
    for (const g of r.guests) per.set(guestTable[g]!, (per.get(guestTable[g]!) ?? 0) + 1);
    softRulePenalty += softRuleCost(r, per, T);
  }
  const used = new Int32Array(T + 1);
  for (let g = 0; g < c.G; g++) used[guestTable[g]!]!++;
  const balance = balanceCost(c, used);
  const deptSign = c.deptMode === 'mix' ? 1 : c.deptMode === 'group' ? -1 : 0;
  const total =
    searchTotal ??
    w.unseated * unseated +
      w.lostSeat * lostSeats +
      w.moved * moved +
      w.vipOffTable * vipOffTable +
      deptSign * w.department * departmentPairs +
      softRulePenalty +
      balance;
  const hardViolations = unsatisfied.filter((u) => u.hard).length;
  const rulesBroken = unsatisfied.filter((u) => u.ruleId !== undefined).length;
  const wishes = c.rules.filter((r) => !r.hard).length;
  const wishesBroken = unsatisfied.filter((u) => u.ruleId !== undefined && !u.hard).length;
  return {
    total,
    hardViolations,
    unseated,
    lostSeats,
    moved,
    vipOffTable,
    departmentPairs,
    softRulePenalty,
    rulesBroken,
    wishes,
    wishesBroken,
    departments: c.deptMode,
    balance,
    fill: fillSpread(c, used),
  };
}

/** The fullest and the emptiest of the tables the balance term evens out, by share of seats. */
function fillSpread(c: Compiled, used: Int32Array): TableFillSpread | null {
  let tables = 0;
  let most = -1;
  let least = -1;
  // a/b against c/d by cross-multiplying (whole numbers, no rounding)
  const share = (t: number, o: number) => used[t]! * c.capacity[o]! - used[o]! * c.capacity[t]!;
  for (let t = 0; t < c.T; t++) {
    if (!c.tableBalanced[t]) continue;
    tables++;
    if (most < 0 || share(t, most) > 0 || (share(t, most) === 0 && used[t]! > used[most]!)) most = t;
    if (least < 0 || share(t, least) < 0 || (share(t, least) === 0 && used[t]! < used[least]!)) least = t;
  }
  if (tables === 0) return null;
  const at = (t: number) => ({ guests: used[t]!, seats: c.capacity[t]! });
  return { tables, fullest: at(most), emptiest: at(least) };
}
