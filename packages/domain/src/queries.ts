import { entity } from './ids.ts';
import type { Guest, LogicalTable, PlanState, Room } from './model.ts';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
export const byName = <T extends { name: string }>(a: T, b: T) => collator.compare(a.name, b.name);

export interface RoomGroup {
  room: Room | null; // null: logical tables not placed on any physical table
  tables: LogicalTable[];
}

/** Logical tables grouped by the room of the physical table they stand on; unplaced tables last. */
export function tablesByRoom(s: PlanState): RoomGroup[] {
  const groups = new Map<string | null, LogicalTable[]>();
  for (const room of Object.values(s.rooms).sort(byName)) groups.set(room.id, []);
  groups.set(null, []);
  for (const t of Object.values(s.tables)) {
    const roomId = t.physicalTableId ? (entity(s.physicalTables, t.physicalTableId)?.roomId ?? null) : null;
    (groups.get(roomId) ?? groups.get(null)!).push(t);
  }
  return [...groups].map(([roomId, tables]) => ({ room: (roomId ? entity(s.rooms, roomId) : null) ?? null, tables: tables.sort(byName) }));
}

export function seatedGuests(s: PlanState, t: LogicalTable): Guest[] {
  return t.guestIds.map((id) => entity(s.guests, id)).filter((g): g is Guest => g !== undefined);
}

export function planTotals(s: PlanState) {
  let seated = 0;
  let guests = 0;
  for (const g of Object.values(s.guests)) {
    guests++;
    if (g.tableId) seated++;
  }
  let seats = 0;
  for (const t of Object.values(s.tables)) seats += t.capacity;
  return { guests, seated, unseated: guests - seated, seats, tables: Object.keys(s.tables).length };
}

/** Case- and accent-insensitive match of a guest against a search text (name, e-mail, party, department). */
export function guestMatches(g: Guest, query: string): boolean {
  if (!query) return true;
  const q = fold(query);
  return fold(`${g.name} ${g.email} ${g.party} ${g.department} ${g.dietary}`).includes(q);
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
