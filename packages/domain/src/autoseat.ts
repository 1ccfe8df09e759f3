import type { CommandOf } from './commands.ts';
import { gone, type DomainError } from './errors.ts';
import type { EventOf, PlanEvent } from './events.ts';
import { entity } from './ids.ts';
import { departmentSeatingOf, type DepartmentSeating, type PlanState } from './model.ts';

/**
 * What automatic seating reads from the plan besides seats and rules: guests a planner pinned (never moved by the
 * solver), physical tables marked accessible, and the plan's department setting. Each is absent from the state
 * until first set, so plans from before these existed fold and hash as they did.
 */

type Decision = { ok: true; events: PlanEvent[] } | { ok: false; error: DomainError };

export const DEPARTMENT_SEATING_TEXT: Record<DepartmentSeating, string> = {
  mix: 'mix departments across tables',
  group: 'group colleagues of one department',
  ignore: 'ignore departments',
};

export function decideAutoseat(s: PlanState, c: CommandOf<'pinGuest' | 'markTableAccessible' | 'setDepartmentSeating'>): Decision {
  switch (c.type) {
    case 'pinGuest': {
      const g = entity(s.guests, c.guestId);
      if (!g)
        return {
          ok: false,
          error: gone('guest'),
        };
      if (!!g.pinned === c.pinned) return { ok: true, events: [] };
      return { ok: true, events: [{ type: 'GuestPinned', v: 1, guestId: g.id, pinned: c.pinned }] };
    }
    case 'markTableAccessible': {
      const p = entity(s.physicalTables, c.physicalTableId);
      if (!p)
        return {
          ok: false,
          error: gone('physical table'),
        };
      if (!!p.accessible === c.accessible) return { ok: true, events: [] };
      return { ok: true, events: [{ type: 'PhysicalTableAccessibilityMarked', v: 1, physicalTableId: p.id, accessible: c.accessible }] };
    }
    case 'setDepartmentSeating': {
      const previous = departmentSeatingOf(s);
      if (previous === c.departments) return { ok: true, events: [] };
      return { ok: true, events: [{ type: 'DepartmentSeatingSet', v: 1, departments: c.departments, previous }] };
    }
  }
}

export function evolveAutoseat(s: PlanState, e: EventOf<'GuestPinned' | 'PhysicalTableAccessibilityMarked' | 'DepartmentSeatingSet'>): void {
  switch (e.type) {
    case 'GuestPinned': {
      const g = entity(s.guests, e.guestId);
      if (!g) return;
      if (e.pinned === true) g.pinned = true;
      else delete g.pinned;
      return;
    }
    case 'PhysicalTableAccessibilityMarked': {
      const p = entity(s.physicalTables, e.physicalTableId);
      if (!p) return;
      if (e.accessible === true) p.accessible = true;
      else delete p.accessible;
      return;
    }
    case 'DepartmentSeatingSet':
      if (e.departments === 'mix' || e.departments === 'group' || e.departments === 'ignore') s.seating = { departments: e.departments };
      return;
  }
}

/** Is the logical table standing on a physical table marked accessible? */
export function isTableAccessible(s: PlanState, tableId: string): boolean {
  const t = entity(s.tables, tableId);
  return !!t && !!entity(s.physicalTables, t.physicalTableId)?.accessible;
}
