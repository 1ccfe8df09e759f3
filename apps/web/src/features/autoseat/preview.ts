import { entity, guestLabels, type PlanState } from '@seatfold/domain/core';
import type { ScoreBreakdown, SolveResult, SolverInstance, Unsatisfied } from '@seatfold/solver';
import { instanceFromPlan, solverRulesFromPlan, type RuleNote } from '@seatfold/solver/plan';
import type { ProposalScores, Scoring } from './scores.ts';

/**
 * "Seat everybody" works out a whole new plan (only guests at locked tables keep their seat); "Fix after changes"
 * starts from the plan as it is and moves as few guests as it can (the solver's repair mode).
 */
export type AutoseatMode = 'seat' | 'fix';

export const MODE_LABEL: Record<AutoseatMode, string> = { seat: 'Seat everybody', fix: 'Fix after changes' };
export const TIME_LIMIT_MS: Record<AutoseatMode, number> = { seat: 1000, fix: 300 };

/**
 * The solver's instance for a mode, a fingerprint of the plan it was made from (to spot later changes), how the
 * worker scores the proposal against the plan as it is (Seat everybody: moves weigh nothing), and the notes on
 * rules the solver ignored or took in part.
 */
export function instanceFor(
  state: PlanState,
  mode: AutoseatMode,
): { instance: SolverInstance; fingerprint: string; scoring: Scoring; notes: RuleNote[] } {
  const { rules, notes } = solverRulesFromPlan(state);
  const full = instanceFromPlan(state, { rules });
  const fingerprint = JSON.stringify(full);
  if (mode === 'fix') return { instance: full, fingerprint, scoring: {}, notes };
  // Seat everybody: only guests at locked tables and pinned guests keep their seat.
  const lockedTables = new Set(full.tables.filter((t) => t.locked).map((t) => t.id));
  const pinned = new Set(full.guests.filter((g) => g.pinned).map((g) => g.id));
  const current = Object.fromEntries(
    Object.entries(full.current ?? {}).map(([g, t]) => [g, t !== null && (lockedTables.has(t) || pinned.has(g)) ? t : null]),
  );
  return { instance: { ...full, current }, fingerprint, scoring: { current: full.current, weights: { moved: 0 } }, notes };
}

/**
 * Did the time run out before the search took a step (the greedy start cut short at a big plan, most often)? The
 * panel then calls the proposal stopped early, as it does when the planner presses Stop.
 */
export function ranOutOfTime(result: SolveResult): boolean {
  return result.stats.stoppedBy === 'time' && result.stats.iterations === 0;
}

/** Has the plan changed (guests, tables, seats, locks, pins, rules, settings) since the proposal was worked out? */
export function isStale(state: PlanState, fingerprint: string): boolean {
  return JSON.stringify(instanceFromPlan(state)) !== fingerprint;
}

export interface Move {
  guestId: string;
  name: string;
  from: string | null;
  to: string | null;
}

export interface Preview {
  moves: Move[];
  unseatedBefore: number;
  unseatedAfter: number;
  seatedAfter: number;
  /** the plan as it is and the proposal, scored on one scale (Seat everybody: moves weigh nothing) */
  before: ScoreBreakdown;
  score: ScoreBreakdown;
  unsatisfied: Unsatisfied[];
  /** must-haves the plan as it is breaks (a guest who is not a VIP at a VIP table…): what the moves mend */
  brokenNow: Unsatisfied[];
  /** rules the solver ignored or took in part (they name a removed guest, table or room) */
  notes: RuleNote[];
  /** guests the proposal seats at plan tables placed in no room yet, and those tables' names (sorted) */
  unplaced: { guests: number; tables: string[] };
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Who moves where (by table name, sorted by guest name) and the numbers before and after; the scores come from the
 * worker (scores.ts) and the notes from the run's start (instanceFor), so the page compiles nothing here.
 */
export function buildPreview(state: PlanState, result: SolveResult, scores: ProposalScores, notes: RuleNote[]): Preview {
  const tableName = (id: string | null) => (id === null ? null : (entity(state.tables, id)?.name ?? 'a removed table'));
  const moves: Move[] = [];
  const labels = guestLabels(state.guests);
  let unseatedBefore = 0;
  let unseatedAfter = 0;
  // A table in the "Not placed yet" tray seats guests as well, but nobody can find it in a room: the preview says so.
  const unplacedTables = new Set<string>();
  let unplacedGuests = 0;
  for (const guest of Object.values(state.guests)) {
    const to = guest.id in result.assignment ? result.assignment[guest.id] : guest.tableId;
    if (guest.tableId === null) unseatedBefore++;
    if (to === null) unseatedAfter++;
    if (to !== guest.tableId) {
      moves.push({ guestId: guest.id, name: labels.get(guest.id) ?? guest.name, from: tableName(guest.tableId), to: tableName(to!) });
      const table = to === null ? undefined : entity(state.tables, to);
      if (table && table.physicalTableId === null) {
        unplacedGuests++;
        unplacedTables.add(table.name);
      }
    }
  }
  moves.sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.guestId, b.guestId));
  const total = Object.keys(state.guests).length;
  const unplaced = { guests: unplacedGuests, tables: [...unplacedTables].sort(collator.compare) };
  return {
    moves,
    unseatedBefore,
    unseatedAfter,
    seatedAfter: total - unseatedAfter,
    before: scores.before,
    score: scores.score,
    unsatisfied: result.unsatisfied,
    brokenNow: scores.brokenNow,
    notes,
    unplaced,
  };
}

/**
 * The batch's label in the batch list and the timeline, e.g. "Seat everybody (412 guests)". A run over a plan already
 * seated says how many it moved ("Seat everybody (412 guests, 15 moved)"): two runs otherwise read alike in the batch
 * list, one of 412 edits and one of 15, and a planner reverting one cannot tell which is which.
 */
export function batchLabel(mode: AutoseatMode, preview: Preview): string {
  const guests = (n: number) => `${n} ${n === 1 ? 'guest' : 'guests'}`;
  if (mode === 'fix') return `${MODE_LABEL[mode]} (${guests(preview.moves.length)})`;
  const moved = preview.moves.filter((m) => m.from !== null).length;
  return `${MODE_LABEL[mode]} (${guests(preview.seatedAfter)}${moved > 0 ? `, ${moved} moved` : ''})`;
}

/** One line per move: "Ann Braun: Table 3 → Table 5", "unseated → Table 5", "Table 2 → unseated". */
export function moveText(m: Move): string {
  return `${m.from ?? 'unseated'} → ${m.to ?? 'unseated'}`;
}
