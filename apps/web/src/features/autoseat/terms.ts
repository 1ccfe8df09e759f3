import type { ScoreBreakdown, TableFill } from '@seatfold/solver';

/** One line of the preview's comparison: what it measures in the planner's words, the plan as it is, the proposal. */
export interface Term {
  id: 'no-seat' | 'hard' | 'wishes' | 'balance' | 'vip' | 'departments' | 'moved';
  label: string;
  now: string;
  proposal: string;
}

const fillText = (f: TableFill) => `${f.guests} of ${f.seats}`;

/** How evenly the tables are filled: "fullest 10 of 12, emptiest 8 of 12" (seats at each). */
export function balanceText(score: ScoreBreakdown): string {
  return score.fill ? `fullest ${fillText(score.fill.fullest)}, emptiest ${fillText(score.fill.emptiest)}` : 'no open table';
}

/** "3 of 4" wishes met, or that there are none. */
export function wishesText(score: ScoreBreakdown): string {
  return score.wishes === 0 ? 'none set' : `${score.wishes - score.wishesBroken} of ${score.wishes}`;
}

/**
 * What the solver weighs, named plainly, for the plan as it is and the proposal — the parts of its objective, never
 * its sum: guests without a seat, must-haves broken, wishes met, how evenly tables are filled, and (where they
 * count) VIPs away from a VIP table, colleagues sharing a table, guests who change table.
 */
export function planTerms(before: ScoreBreakdown, score: ScoreBreakdown): Term[] {
  const terms: Term[] = [
    { id: 'no-seat', label: 'Without a seat', now: String(before.unseated), proposal: String(score.unseated) },
    {
      id: 'hard',
      label: 'Must-haves broken (parties, VIP and accessible tables, “must” rules)',
      now: String(before.hardViolations),
      proposal: String(score.hardViolations),
    },
    { id: 'wishes', label: 'Wishes met (“wish” rules)', now: wishesText(before), proposal: wishesText(score) },
    {
      id: 'balance',
      label: 'Tables filled evenly (guests at the fullest and the emptiest table, of its seats)',
      now: balanceText(before),
      proposal: balanceText(score),
    },
  ];
  if (before.vipOffTable > 0 || score.vipOffTable > 0)
    terms.push({ id: 'vip', label: 'VIPs not at a VIP table', now: String(before.vipOffTable), proposal: String(score.vipOffTable) });
  if (score.departments !== 'ignore')
    terms.push({
      id: 'departments',
      label: `Pairs of colleagues (one department) at one table (${score.departments === 'mix' ? 'mixing: fewer is better' : 'grouping: more is better'})`,
      now: String(before.departmentPairs),
      proposal: String(score.departmentPairs),
    });
  terms.push({ id: 'moved', label: 'Seated guests who change table', now: '0', proposal: String(score.moved) });
  return terms;
}

/** The running best plan in one sentence: "Best plan so far: 0 without a seat, 0 must-haves broken, wishes met 3 of 4, tables fullest 10 of 12, emptiest 8 of 12." */
export function bestSoFarText(score: ScoreBreakdown): string {
  const wishes = score.wishes === 0 ? '' : `, wishes met ${wishesText(score)}`;
  const tables = score.fill ? `, tables ${balanceText(score)}` : '';
  return `Best plan so far: ${score.unseated} without a seat, ${score.hardViolations} must-haves broken${wishes}${tables}.`;
}
