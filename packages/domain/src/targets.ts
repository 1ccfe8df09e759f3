import type { PlanEvent } from './events.ts';

/** An entity of the plan, as a key: `guest:<id>`, `table:<id>` (logical), `physical:<id>`, `room:<id>`, `plan:`. */
export type EntityKey = `guest:${string}` | `table:${string}` | `physical:${string}` | `room:${string}` | 'plan:';

/**
 * What an event changes — the facts that undo and batch revert must not overwrite when somebody else changed
 * them later. Seating changes the guest's seat; the tables' occupancy follows from it (and decide re-checks
 * capacity when a seat is given back), so tables are not counted as changed by seating.
 */
export function changedBy(e: PlanEvent): EntityKey[] {
  switch (e.type) {
    case 'PlanCreated':
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
      return [`table:${e.tableId}`, `physical:${e.physicalTableId}`, ...(e.previousPhysicalTableId ? [`physical:${e.previousPhysicalTableId}` as const] : [])];
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
