import type { PlanState } from '@seatfold/domain/core';
import { accessibleTablesOf } from '@seatfold/solver/plan';
import { formatCount } from '../../app/format.ts';

/**
 * Guests with accessibility needs in a plan that marks no table accessible: automatic seating then has nothing to
 * keep them to and seats them anywhere (solver/plan.ts, accessibleTablesOf). The panel says so before a run, and how
 * to mark tables, instead of leaving the planner to find a wheelchair user at a table up a step. Null when there
 * is nothing to say.
 */
export function unmarkedAccessNote(state: PlanState): string | null {
  if (accessibleTablesOf(state) !== null) return null;
  let needing = 0;
  for (const g of Object.values(state.guests)) if ((g.accessibility ?? '').trim() !== '') needing++;
  if (needing === 0) return null;
  const who = needing === 1 ? '1 guest has' : `${formatCount(needing)} guests have`;
  return (
    `${who} accessibility needs, but no table is marked accessible, so automatic seating may seat them at any ` +
    'table. To keep them to step-free tables, edit a table placed in a room (the pencil on its card) and tick “Accessible”.'
  );
}
