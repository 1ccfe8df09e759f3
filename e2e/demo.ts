import { decide, demoPlanCommands, evolve, guestLabel, initialState, type Guest, type PlanState } from '../packages/domain/src/index.ts';

/** The demo plan as the server builds it on first start (same pure commands), to pick guests and tables by fact. */
export function demoState(): PlanState {
  const s = initialState();
  for (const c of demoPlanCommands()) {
    const d = decide(s, c);
    if (d.ok) for (const e of d.events) evolve(s, e);
  }
  return s;
}

/** How the app names a demo guest where it must say which guest is meant (a few demo guests share a name). */
export const labelOf = (s: PlanState, g: Guest): string => guestLabel(s.guests, g.id) ?? g.name;

/** Unseated guests and unlocked tables with free seats in the demo plan, in a stable order. */
export function demoPicks() {
  const s = demoState();
  const unseated = Object.values(s.guests).filter((g) => !g.tableId);
  const roomy = Object.values(s.tables).filter((t) => !t.locked && t.guestIds.length <= t.capacity - 2 && t.physicalTableId);
  const locked = Object.values(s.tables).filter((t) => t.locked);
  const occupied = Object.values(s.tables).filter((t) => !t.locked && t.guestIds.length > 0 && !roomy.includes(t));
  return { s, unseated, roomy, locked, occupied };
}
