import type { PlanEvent } from './events.ts';
import { fieldNames, listOf } from './stored.ts';

/** An entity of the plan, as a key: `guest:<id>`, `table:<id>` (logical), `physical:<id>`, `room:<id>`, `plan:`. */
export type EntityKey =
  `guest:${string}` | `table:${string}` | `physical:${string}` | `room:${string}` | `rule:${string}` | `fixture:${string}` | 'plan:';

/**
 * What an event changes — the facts that undo and batch revert must not overwrite when somebody else changed
 * them later. Seating changes the guest's seat; the tables' occupancy follows from it (and decide re-checks
 * capacity when a seat is given back), so tables are not counted as changed by seating.
 */
export function changedBy(e: PlanEvent): EntityKey[] {
  switch (e.type) {
    case 'PlanCreated':
      return ['plan:'];
    case 'PlanRenamed':
      return ['plan:'];
    case 'RoomAdded':
    case 'RoomRenamed':
    case 'RoomRemoved':
      return [`room:${e.roomId}`];
    case 'PhysicalTableAdded':
    case 'PhysicalTableEdited':
    case 'PhysicalTableRemoved':
      return [`physical:${e.physicalTableId}`];
    case 'TableAdded':
    case 'TableEdited':
    case 'TableRemoved':
    case 'TableLocked':
    case 'TableUnlocked':
      return [`table:${e.tableId}`];
    case 'TableMapped':
      return [
        `table:${e.tableId}`,
        `physical:${e.physicalTableId}`,
        ...(e.previousPhysicalTableId ? [`physical:${e.previousPhysicalTableId}` as const] : []),
      ];
    case 'TableUnmapped':
      return [`table:${e.tableId}`, `physical:${e.physicalTableId}`];
    case 'GuestAdded':
    case 'GuestEdited':
    case 'GuestRemoved':
    case 'GuestSeated':
    case 'GuestMoved':
    case 'GuestUnseated':
      return [`guest:${e.guestId}`];
    case 'GuestsSwapped':
      return [`guest:${e.guestId}`, `guest:${e.otherGuestId}`];
    case 'SeatingRuleAdded':
    case 'SeatingRuleRemoved':
      return [`rule:${e.ruleId}`];
    case 'GuestPinned':
      return [`guest:${e.guestId}`];
    case 'PhysicalTableAccessibilityMarked':
      return [`physical:${e.physicalTableId}`];
    case 'DepartmentSeatingSet':
      return ['plan:'];
    case 'RoomSized':
    case 'RoomBackgroundSet':
      return [`room:${e.roomId}`];
    case 'PhysicalTableShaped':
      return [`physical:${e.physicalTableId}`];
    case 'FloorArranged':
      return listOf(e.moves).map((m) => (m.kind === 'table' ? (`physical:${m.id}` as const) : (`fixture:${m.id}` as const)));
    case 'FixtureAdded':
    case 'FixtureEdited':
    case 'FixtureRemoved':
      return [`fixture:${e.fixtureId}`];
    case 'SeatsOrdered':
      return [`table:${e.tableId}`];
  }
}

/**
 * What about an entity an event changed, as `<key>#<aspect>`: `exists` (added or removed), `seat` (a guest's table),
 * `locked`, `physicalTableId` (placement), `seatOrder`, a room's `name`, `size` and `background`, a physical table's
 * or fixture's `position` on the floor, `shape` and `accessible`, or the name of an edited field (as the diff names
 * them). Compare credits each line of a diff to the people who changed that aspect, not to everybody who touched the
 * entity. The plan itself (`plan:`): its `name` (created or renamed) and its `departments` setting.
 */
export function aspectsChanged(e: PlanEvent): string[] {
  switch (e.type) {
    case 'GuestAdded':
    case 'GuestRemoved':
      return [`guest:${e.guestId}#exists`];
    case 'GuestEdited':
      return fieldNames(e.changes).map((f) => `guest:${e.guestId}#${f}`);
    case 'GuestSeated':
    case 'GuestMoved':
    case 'GuestUnseated':
      return [`guest:${e.guestId}#seat`];
    case 'GuestsSwapped':
      return [`guest:${e.guestId}#seat`, `guest:${e.otherGuestId}#seat`];
    case 'GuestPinned':
      return [`guest:${e.guestId}#pinned`];
    case 'TableAdded':
    case 'TableRemoved':
      return [`table:${e.tableId}#exists`];
    case 'TableEdited':
      return fieldNames(e.changes).map((f) => `table:${e.tableId}#${f}`);
    case 'TableLocked':
    case 'TableUnlocked':
      return [`table:${e.tableId}#locked`];
    case 'TableMapped':
    case 'TableUnmapped':
      return [`table:${e.tableId}#physicalTableId`];
    case 'SeatsOrdered':
      return [`table:${e.tableId}#seatOrder`];
    case 'RoomAdded':
    case 'RoomRemoved':
      return [`room:${e.roomId}#exists`];
    case 'RoomRenamed':
      return [`room:${e.roomId}#name`];
    case 'RoomSized':
      return [`room:${e.roomId}#size`];
    case 'RoomBackgroundSet':
      return [`room:${e.roomId}#background`];
    case 'PhysicalTableAdded':
    case 'PhysicalTableRemoved':
      return [`physical:${e.physicalTableId}#exists`];
    case 'PhysicalTableEdited':
      return fieldNames(e.changes).map((f) => `physical:${e.physicalTableId}#${f}`);
    case 'PhysicalTableShaped':
      return [`physical:${e.physicalTableId}#shape`];
    case 'PhysicalTableAccessibilityMarked':
      return [`physical:${e.physicalTableId}#accessible`];
    case 'FloorArranged':
      return listOf(e.moves).map((m) => `${m.kind === 'table' ? 'physical' : 'fixture'}:${m.id}#position`);
    case 'FixtureAdded':
    case 'FixtureRemoved':
      return [`fixture:${e.fixtureId}#exists`];
    case 'FixtureEdited':
      return fieldNames(e.changes).map((f) => `fixture:${e.fixtureId}#${f}`);
    case 'SeatingRuleAdded':
    case 'SeatingRuleRemoved':
      return [`rule:${e.ruleId}#exists`];
    case 'PlanCreated':
    case 'PlanRenamed':
      return ['plan:#name'];
    case 'DepartmentSeatingSet':
      return ['plan:#departments'];
    default:
      return [];
  }
}

/** Every entity an event names — what "the history of this guest/table" lists. */
export function mentionedIn(e: PlanEvent): EntityKey[] {
  const keys = new Set<EntityKey>(changedBy(e));
  switch (e.type) {
    case 'PhysicalTableAdded':
      keys.add(`room:${e.roomId}`);
      break;
    case 'GuestSeated':
    case 'GuestUnseated':
      keys.add(`table:${e.tableId}`);
      break;
    case 'GuestMoved':
      keys.add(`table:${e.fromTableId}`).add(`table:${e.toTableId}`);
      break;
    case 'GuestsSwapped':
      keys.add(`table:${e.tableId}`).add(`table:${e.otherTableId}`);
      break;
  }
  return [...keys];
}

/** One fact of an entity: a field (`guest:g1#department`), its seat (`#seat`), its place (`#place`), or all of it (`#*`). */
export type FactKey = `${EntityKey}#${string}`;

/**
 * What an event changes, fact by fact: editing a guest's department and moving the guest are different facts,
 * so a batch revert can restore one while keeping somebody's later change of the other. Adding or removing an
 * entity changes all of it (`#*`).
 */
export function changedFacts(e: PlanEvent): FactKey[] {
  const all = (k: EntityKey): FactKey => `${k}#*`;
  const fields = (k: EntityKey, changes: unknown): FactKey[] => fieldNames(changes).map((f): FactKey => `${k}#${f}`);
  switch (e.type) {
    case 'PlanCreated':
      return [all('plan:')];
    case 'PlanRenamed':
      return ['plan:#name'];
    case 'RoomAdded':
    case 'RoomRemoved':
      return [all(`room:${e.roomId}`)];
    case 'RoomRenamed':
      return [`room:${e.roomId}#name`];
    case 'PhysicalTableAdded':
    case 'PhysicalTableRemoved':
      return [all(`physical:${e.physicalTableId}`)];
    case 'PhysicalTableEdited':
      return fields(`physical:${e.physicalTableId}`, e.changes);
    case 'TableAdded':
    case 'TableRemoved':
      return [all(`table:${e.tableId}`)];
    case 'TableEdited':
      return fields(`table:${e.tableId}`, e.changes);
    case 'TableLocked':
    case 'TableUnlocked':
      return [`table:${e.tableId}#locked`];
    case 'TableMapped':
      return [
        `table:${e.tableId}#place`,
        `physical:${e.physicalTableId}#holder`,
        ...(e.previousPhysicalTableId ? [`physical:${e.previousPhysicalTableId}#holder` as const] : []),
      ];
    case 'TableUnmapped':
      return [`table:${e.tableId}#place`, `physical:${e.physicalTableId}#holder`];
    case 'GuestAdded':
    case 'GuestRemoved':
      return [all(`guest:${e.guestId}`)];
    case 'GuestEdited':
      return fields(`guest:${e.guestId}`, e.changes);
    case 'GuestSeated':
    case 'GuestMoved':
    case 'GuestUnseated':
      return [`guest:${e.guestId}#seat`];
    case 'GuestsSwapped':
      return [`guest:${e.guestId}#seat`, `guest:${e.otherGuestId}#seat`];
    case 'SeatingRuleAdded':
    case 'SeatingRuleRemoved':
      return [all(`rule:${e.ruleId}`)];
    case 'GuestPinned':
      return [`guest:${e.guestId}#pinned`];
    case 'PhysicalTableAccessibilityMarked':
      return [`physical:${e.physicalTableId}#accessible`];
    case 'DepartmentSeatingSet':
      return ['plan:#departments'];
    case 'RoomSized':
      return [`room:${e.roomId}#size`];
    case 'RoomBackgroundSet':
      return [`room:${e.roomId}#background`];
    case 'PhysicalTableShaped':
      return [`physical:${e.physicalTableId}#shape`];
    case 'FloorArranged':
      return listOf(e.moves).map((m) => (m.kind === 'table' ? (`physical:${m.id}#position` as const) : (`fixture:${m.id}#position` as const)));
    case 'FixtureAdded':
    case 'FixtureRemoved':
      return [all(`fixture:${e.fixtureId}`)];
    case 'FixtureEdited':
      return fields(`fixture:${e.fixtureId}`, e.changes);
    case 'SeatsOrdered':
      return [`table:${e.tableId}#seatOrder`];
  }
}

/** The entity a fact belongs to, and which fact ('*' = all of it). */
export function splitFact(f: FactKey): { entity: EntityKey; fact: string } {
  const i = f.lastIndexOf('#');
  return { entity: f.slice(0, i) as EntityKey, fact: f.slice(i + 1) };
}
