import { entity } from './ids.ts';
import { GUEST_FIELDS, type Guest, type GuestFields, type LogicalTable, type PlanState } from './model.ts';

/**
 * The seating plan as a reader sees it — rooms with their physical tables and what stands on them, tables not
 * placed yet, and all guests with where they sit. One model for every output: the .xlsx and .csv exports and the
 * printable table lists and place cards.
 */
export type SeatedGuest = GuestFields;

export interface SeatingTable {
  id: string;
  name: string;
  capacity: number;
  vip: boolean;
  locked: boolean;
  physical: string | null;
  room: string | null;
  guests: SeatedGuest[];
}

export interface SeatingModel {
  planName: string;
  version: number;
  rooms: { name: string; physicalTables: { label: string; capacity: number; table: SeatingTable | null }[] }[];
  unplacedTables: SeatingTable[];
  guests: (SeatedGuest & { table: string; physical: string; room: string })[];
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** One model for every export: rooms in plan order, physical tables by label, guests in seat order / by name. */
export function seatingModel(state: PlanState, planName: string): SeatingModel {
  const guestOf = (g: Guest): SeatedGuest => Object.fromEntries(GUEST_FIELDS.map((f) => [f, g[f]])) as unknown as SeatedGuest;
  const tableOf = (t: LogicalTable): SeatingTable => {
    const p = t.physicalTableId ? entity(state.physicalTables, t.physicalTableId) : null;
    return {
      id: t.id,
      name: t.name,
      capacity: t.capacity,
      vip: t.vip,
      locked: t.locked,
      physical: p?.label ?? null,
      room: p ? (entity(state.rooms, p.roomId)?.name ?? null) : null,
      guests: t.guestIds
        .map((id) => entity(state.guests, id))
        .filter((g): g is Guest => g !== undefined)
        .map(guestOf),
    };
  };
  const onPhysical = new Map<string, LogicalTable>();
  for (const t of Object.values(state.tables)) if (t.physicalTableId) onPhysical.set(t.physicalTableId, t);
  const rooms = Object.values(state.rooms).map((r) => ({
    name: r.name,
    physicalTables: Object.values(state.physicalTables)
      .filter((p) => p.roomId === r.id)
      .sort((a, b) => collator.compare(a.label, b.label))
      .map((p) => ({ label: p.label, capacity: p.capacity, table: onPhysical.has(p.id) ? tableOf(onPhysical.get(p.id)!) : null })),
  }));
  const unplacedTables = Object.values(state.tables)
    .filter((t) => !t.physicalTableId)
    .sort((a, b) => collator.compare(a.name, b.name))
    .map(tableOf);
  const guests = Object.values(state.guests)
    .sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.email, b.email))
    .map((g) => {
      const t = g.tableId ? entity(state.tables, g.tableId) : null;
      const p = t?.physicalTableId ? entity(state.physicalTables, t.physicalTableId) : null;
      return { ...guestOf(g), table: t?.name ?? '', physical: p?.label ?? '', room: p ? (entity(state.rooms, p.roomId)?.name ?? '') : '' };
    });
  return { planName, version: state.version, rooms, unplacedTables, guests };
}
