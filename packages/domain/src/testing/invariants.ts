import { entity } from '../ids.ts';
import type { PlanState } from '../model.ts';

/**
 * The invariants every reachable plan state must keep, for property and fuzz tests: seats within the logical
 * table's and the physical table's capacity, one seat per guest listed on both sides, one logical table per
 * physical table, nothing standing on or in something that does not exist. Returns a description of the first
 * violation, or null.
 */
export function violation(s: PlanState): string | null {
  const physicalHolder = new Map<string, string>();
  const seenGuest = new Map<string, string>();
  for (const t of Object.values(s.tables)) {
    if (t.guestIds.length > t.capacity) return `table ${t.id} holds ${t.guestIds.length} guests but has ${t.capacity} seats`;
    for (const g of t.guestIds) {
      if (seenGuest.has(g)) return `guest ${g} listed at ${seenGuest.get(g)} and again at ${t.id}`;
      seenGuest.set(g, t.id);
      const guest = entity(s.guests, g);
      if (!guest) return `table ${t.id} lists missing guest ${g}`;
      if (guest.tableId !== t.id) return `table ${t.id} lists ${g}, whose tableId is ${guest.tableId}`;
    }
    if (t.physicalTableId !== null) {
      const physical = entity(s.physicalTables, t.physicalTableId);
      if (!physical) return `table ${t.id} stands on missing physical table ${t.physicalTableId}`;
      if (t.guestIds.length > physical.capacity)
        return `table ${t.id} holds ${t.guestIds.length} guests on physical table ${physical.id} of ${physical.capacity} seats`;
      const other = physicalHolder.get(physical.id);
      if (other) return `physical table ${physical.id} holds both ${other} and ${t.id}`;
      physicalHolder.set(physical.id, t.id);
    }
  }
  for (const g of Object.values(s.guests)) {
    if (g.tableId === null) continue;
    const t = entity(s.tables, g.tableId);
    if (!t) return `guest ${g.id} sits at missing table ${g.tableId}`;
    const n = t.guestIds.filter((id) => id === g.id).length;
    if (n !== 1) return `guest ${g.id} sits at ${t.id}, which lists them ${n} times`;
  }
  for (const p of Object.values(s.physicalTables)) if (!entity(s.rooms, p.roomId)) return `physical table ${p.id} stands in missing room ${p.roomId}`;
  return null;
}
