import { entity } from './ids.ts';
import { departmentSeatingOf, GUEST_FIELDS, seatOrderOf, type PlanState } from './model.ts';

/** The plan's own settings a comparison names: its name and how automatic seating treats departments. */
export type PlanSetting = 'name' | 'departments';

export interface PlanDiff {
  /** the plan's own settings that differ */
  planChanged: PlanSetting[];
  guestsAdded: string[];
  guestsRemoved: string[];
  /** seat changes: from/to table ids, null = unseated */
  guestsMoved: { guestId: string; from: string | null; to: string | null }[];
  guestsEdited: { guestId: string; fields: string[] }[];
  tablesAdded: string[];
  tablesRemoved: string[];
  /** changed properties of a logical table: name, capacity, vip, locked, physicalTableId */
  tablesChanged: { tableId: string; fields: string[] }[];
  physicalTablesChanged: string[];
  roomsChanged: string[];
  /** seating rules added or removed */
  rulesChanged: string[];
  /** physical tables standing elsewhere on the floor (placed, moved, turned or taken off), for compare */
  physicalTablesMoved: string[];
  /** fixtures added, moved, changed or removed */
  fixturesChanged: string[];
}

/** What differs between two states of the same plan (a before and an after), entity by entity. */
export function diffStates(a: PlanState, b: PlanState): PlanDiff {
  const d: PlanDiff = {
    planChanged: [],
    guestsAdded: [],
    guestsRemoved: [],
    guestsMoved: [],
    guestsEdited: [],
    tablesAdded: [],
    tablesRemoved: [],
    tablesChanged: [],
    physicalTablesChanged: [],
    roomsChanged: [],
    rulesChanged: [],
    physicalTablesMoved: [],
    fixturesChanged: [],
  };
  if (a.plan?.name !== b.plan?.name) d.planChanged.push('name');
  if (departmentSeatingOf(a) !== departmentSeatingOf(b)) d.planChanged.push('departments');
  for (const id of Object.keys(b.guests)) {
    const x = entity(a.guests, id);
    const y = entity(b.guests, id)!;
    if (!x) {
      d.guestsAdded.push(id);
      continue;
    }
    if (x === y) continue; // immer keeps unchanged entities identical
    if (x.tableId !== y.tableId) d.guestsMoved.push({ guestId: id, from: x.tableId, to: y.tableId });
    const fields: string[] = GUEST_FIELDS.filter((f) => x[f] !== y[f]);
    if (!!x.pinned !== !!y.pinned) fields.push('pinned');
    if (fields.length) d.guestsEdited.push({ guestId: id, fields });
  }
  for (const id of Object.keys(a.guests)) if (!entity(b.guests, id)) d.guestsRemoved.push(id);
  for (const id of Object.keys(b.tables)) {
    const x = entity(a.tables, id);
    const y = entity(b.tables, id)!;
    if (!x) {
      d.tablesAdded.push(id);
      continue;
    }
    if (x === y) continue;
    const fields: string[] = (['name', 'capacity', 'vip', 'locked', 'physicalTableId'] as const).filter((f) => x[f] !== y[f]);
    // A changed chair order among the same guests (who sits there at all is told by the guests' own lines).
    const sameGuests = x.guestIds.length === y.guestIds.length && x.guestIds.every((g) => y.guestIds.includes(g));
    if (sameGuests && JSON.stringify(seatOrderOf(x)) !== JSON.stringify(seatOrderOf(y))) fields.push('seatOrder');
    if (fields.length) d.tablesChanged.push({ tableId: id, fields });
  }
  for (const id of Object.keys(a.tables)) if (!entity(b.tables, id)) d.tablesRemoved.push(id);
  const same = (p: object | undefined, q: object | undefined) =>
    p === q || (p !== undefined && q !== undefined && JSON.stringify(p) === JSON.stringify(q));
  for (const id of new Set([...Object.keys(a.physicalTables), ...Object.keys(b.physicalTables)])) {
    const [p, q] = [entity(a.physicalTables, id), entity(b.physicalTables, id)];
    if (!same(p, q)) d.physicalTablesChanged.push(id);
    if (p && q && (p.x !== q.x || p.y !== q.y || p.rotation !== q.rotation)) d.physicalTablesMoved.push(id);
  }
  const fa = a.fixtures ?? {};
  const fb = b.fixtures ?? {};
  for (const id of new Set([...Object.keys(fa), ...Object.keys(fb)])) {
    if (!same(entity(fa, id), entity(fb, id))) d.fixturesChanged.push(id);
  }
  for (const id of new Set([...Object.keys(a.rooms), ...Object.keys(b.rooms)])) {
    if (!same(entity(a.rooms, id), entity(b.rooms, id))) d.roomsChanged.push(id);
  }
  const ra = a.rules ?? {};
  const rb = b.rules ?? {};
  for (const id of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    if (!same(entity(ra, id), entity(rb, id))) d.rulesChanged.push(id);
  }
  return d;
}

export function isEmptyDiff(d: PlanDiff): boolean {
  return Object.values(d).every((v) => (v as unknown[]).length === 0);
}
