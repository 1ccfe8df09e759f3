import { evolveAutoseat } from './autoseat.ts';
import { changeEntry, remove } from './record-index.ts';
import type { PlanEvent } from './events.ts';
import { evolveFloor } from './floor/evolve.ts';
import { entity, isReservedKey } from './ids.ts';
import { emptyGuestFields, GUEST_FIELDS, type LogicalTable, type PhysicalTable, type PlanState, type SeatingRule } from './model.ts';

/**
 * evolve(draft, event): folds one event into the state by mutating it. The server runs it on a plain
 * object it owns; the browser runs it inside immer (Redux Toolkit), which turns the mutation into a new
 * immutable state with structural sharing. Events are facts: evolve never refuses one and never throws.
 *
 * Events are never rewritten, so old ones may name ids the grammar refuses today (`__proto__`, `constructor`, …)
 * or entities that do not exist. Such an event folds harmlessly: it counts as a version and changes nothing.
 * Reads go through `entity` (own entries only); writes only ever create own entries under ids that are not
 * inherited names; edits copy only the fields an entity has.
 */
export function evolve(s: PlanState, e: PlanEvent): void {
  s.version += 1;
  switch (e.type) {
    case 'PlanCreated':
      s.plan = { name: e.name };
      return;
    case 'PlanRenamed':
      if (s.plan && typeof e.name === 'string') s.plan.name = e.name;
      return;
    case 'RoomAdded':
      if (creatable(e.roomId)) {
        const id = e.roomId;
        changeEntry(s.rooms, id, () => (s.rooms[id] = { id, name: e.name }));
      }
      return;
    case 'RoomRenamed': {
      const room = entity(s.rooms, e.roomId);
      if (room) changeEntry(s.rooms, room.id, () => (room.name = e.name));
      return;
    }
    case 'RoomRemoved':
      if (entity(s.rooms, e.roomId)) remove(s.rooms, e.roomId);
      return;
    case 'PhysicalTableAdded':
      if (creatable(e.physicalTableId)) {
        const id = e.physicalTableId;
        changeEntry(s.physicalTables, id, () => (s.physicalTables[id] = { id, roomId: e.roomId, label: e.label, capacity: e.capacity }));
      }
      return;
    case 'PhysicalTableEdited':
      edit(s.physicalTables, e.physicalTableId, e.changes, PHYSICAL_FIELDS);
      return;
    case 'PhysicalTableRemoved':
      if (entity(s.physicalTables, e.physicalTableId)) remove(s.physicalTables, e.physicalTableId);
      return;
    case 'TableAdded':
      if (creatable(e.tableId)) {
        const id = e.tableId;
        changeEntry(
          s.tables,
          id,
          () => (s.tables[id] = { id, name: e.name, capacity: e.capacity, vip: e.vip, locked: false, physicalTableId: null, guestIds: [] }),
        );
      }
      return;
    case 'TableEdited':
      edit(s.tables, e.tableId, e.changes, TABLE_FIELDS);
      return;
    case 'TableRemoved':
      if (entity(s.tables, e.tableId)) remove(s.tables, e.tableId);
      return;
    case 'TableMapped': {
      const t = entity(s.tables, e.tableId);
      if (t && entity(s.physicalTables, e.physicalTableId)) changeEntry(s.tables, t.id, () => (t.physicalTableId = e.physicalTableId));
      return;
    }
    case 'TableUnmapped': {
      const t = entity(s.tables, e.tableId);
      if (t) changeEntry(s.tables, t.id, () => (t.physicalTableId = null));
      return;
    }
    case 'TableLocked':
    case 'TableUnlocked': {
      const t = entity(s.tables, e.tableId);
      if (t) t.locked = e.type === 'TableLocked';
      return;
    }
    case 'GuestAdded': {
      if (!creatable(e.guestId)) return;
      const { type: _t, v: _v, guestId, ...fields } = e;
      changeEntry(s.guests, guestId, () => (s.guests[guestId] = { id: guestId, ...emptyGuestFields, ...fields, tableId: null }));
      return;
    }
    case 'GuestEdited':
      edit(s.guests, e.guestId, e.changes, GUEST_FIELDS);
      return;
    case 'GuestRemoved':
      if (entity(s.guests, e.guestId)) remove(s.guests, e.guestId);
      return;
    case 'GuestSeated':
      sit(s, e.guestId, e.tableId);
      return;
    case 'GuestMoved':
      stand(s, e.guestId, e.fromTableId);
      sit(s, e.guestId, e.toTableId);
      return;
    case 'GuestsSwapped': {
      const ga = entity(s.guests, e.guestId);
      const gb = entity(s.guests, e.otherGuestId);
      const ta = entity(s.tables, e.tableId);
      const tb = entity(s.tables, e.otherTableId);
      if (!ga || !gb || !ta || !tb) return;
      const i = ta.guestIds.indexOf(e.guestId);
      const j = tb.guestIds.indexOf(e.otherGuestId);
      if (i < 0 || j < 0) return;
      ta.guestIds[i] = e.otherGuestId;
      tb.guestIds[j] = e.guestId;
      // each takes the other's chair
      replaceIn(ta.seatOrder, e.guestId, e.otherGuestId);
      replaceIn(tb.seatOrder, e.otherGuestId, e.guestId);
      ga.tableId = e.otherTableId;
      gb.tableId = e.tableId;
      return;
    }
    case 'GuestUnseated':
      stand(s, e.guestId, e.tableId);
      return;
    case 'SeatingRuleAdded': {
      if (!creatable(e.ruleId)) return;
      const rule: SeatingRule = { id: e.ruleId, kind: e.kind, hard: e.hard, guestIds: [...e.guestIds] };
      if (typeof e.tableId === 'string') rule.tableId = e.tableId;
      if (typeof e.roomId === 'string') rule.roomId = e.roomId;
      if (typeof e.fixtureId === 'string') rule.fixtureId = e.fixtureId;
      if (typeof e.distanceM === 'number') rule.distanceM = e.distanceM;
      const rules = (s.rules ??= {});
      changeEntry(rules, rule.id, () => (rules[rule.id] = rule));
      return;
    }
    case 'SeatingRuleRemoved':
      if (s.rules && entity(s.rules, e.ruleId)) remove(s.rules, e.ruleId);
      return;
    case 'GuestPinned':
    case 'PhysicalTableAccessibilityMarked':
    case 'DepartmentSeatingSet':
      evolveAutoseat(s, e);
      return;
    default:
      evolveFloor(s, e);
  }
}

/** A new entity may only be created under an id that is not an inherited name (`__proto__` would set a prototype). */
const creatable = (id: unknown): id is string => typeof id === 'string' && !isReservedKey(id);

const PHYSICAL_FIELDS = ['label', 'roomId', 'capacity'] as const satisfies readonly (keyof PhysicalTable)[];
const TABLE_FIELDS = ['name', 'capacity', 'vip'] as const satisfies readonly (keyof LogicalTable)[];

/** Copies the listed fields the change owns (never `__proto__` or anything else a stored event might carry). */
/** An event's changes to an entry that exists, through changeEntry (record-index.ts). */
function edit<T extends { id: string }>(
  record: Record<string, T>,
  id: string,
  changes: object | null | undefined,
  fields: readonly (keyof T & string)[],
) {
  const target = entity(record, id);
  if (target) changeEntry(record, target.id, () => copyFields(target, changes, fields));
}

function copyFields<T extends object>(target: T | undefined, changes: object | null | undefined, fields: readonly (keyof T & string)[]): void {
  if (!target || !changes || typeof changes !== 'object') return;
  for (const f of fields) if (Object.hasOwn(changes, f)) (target as Record<string, unknown>)[f] = (changes as Record<string, unknown>)[f];
}

function sit(s: PlanState, guestId: string, tableId: string) {
  const t = entity(s.tables, tableId);
  const g = entity(s.guests, guestId);
  if (!t || !g) return;
  t.guestIds.push(guestId);
  g.tableId = tableId;
}

function stand(s: PlanState, guestId: string, tableId: string) {
  const t = entity(s.tables, tableId);
  const g = entity(s.guests, guestId);
  if (!t || !g) return;
  const i = t.guestIds.indexOf(guestId);
  if (i >= 0) t.guestIds.splice(i, 1);
  g.tableId = null;
  // a guest who leaves leaves their chair: nobody comes back to a chair kept for them
  const k = t.seatOrder ? t.seatOrder.indexOf(guestId) : -1;
  if (t.seatOrder && k >= 0) {
    t.seatOrder.splice(k, 1);
    if (t.seatOrder.length === 0) delete t.seatOrder;
  }
}

function replaceIn(list: string[] | undefined, from: string, to: string) {
  const i = list ? list.indexOf(from) : -1;
  if (list && i >= 0) list[i] = to;
}

/** Folds events onto a state in place and returns it. */
export function foldInto(s: PlanState, events: Iterable<PlanEvent>): PlanState {
  for (const e of events) evolve(s, e);
  return s;
}
