import { DEPARTMENT_SEATING_TEXT, departmentSeatingOf, type PlanDiff, type PlanState } from '@seatfold/domain/core';
import type { DiffLineSink } from './diff-floor.ts';

/**
 * The lines of a comparison about the plan's own settings, in the timeline's words: "Plan “Gala” renamed “Spring
 * Gala”" (or, compared from the start, "Plan “Gala” created") and "Automatic seating: ignore departments → group
 * colleagues of one department". `a` is the earlier state, `b` the later.
 */
export function planDiffLines(d: PlanDiff, a: PlanState, b: PlanState, line: DiffLineSink): void {
  for (const setting of d.planChanged) {
    if (setting === 'departments') {
      line('plan:', `Automatic seating: ${DEPARTMENT_SEATING_TEXT[departmentSeatingOf(a)]} → ${DEPARTMENT_SEATING_TEXT[departmentSeatingOf(b)]}`, [
        'departments',
      ]);
      continue;
    }
    const [was, is] = [a.plan?.name, b.plan?.name];
    if (was !== undefined && is !== undefined) line('plan:', `Plan “${was}” renamed “${is}”`, ['name']);
    else if (is !== undefined) line('plan:', `Plan “${is}” created`, ['name']);
  }
}
