import type { PlanEvent } from './events.ts';
import type { PlanState } from './model.ts';

/**
 * evolve(draft, event): folds one event into the state by mutating it. The server runs it on a plain
 * object it owns; the browser runs it inside immer (Redux Toolkit), which turns the mutation into a new
 * immutable state with structural sharing. Events are facts: evolve never refuses one.
 */
export function evolve(s: PlanState, e: PlanEvent): void {
  s.version += 1;
  switch (e.type) {
    case 'PlanCreated':
      s.plan = { name: e.name };
      return;
    case 'RoomAdded':
      s.rooms[e.roomId] = { id: e.roomId, name: e.name };
      return;
    case 'RoomRenamed':
      s.rooms[e.roomId].name = e.name;
      return;
    case 'RoomRemoved':
      delete s.rooms[e.roomId];
      return;
    case 'PhysicalTableAdded':
      s.physicalTables[e.physicalTableId] = { id: e.physicalTableId, roomId: e.roomId, label: e.label, capacity: e.capacity };
      return;
    case 'PhysicalTableEdited':
      Object.assign(s.physicalTables[e.physicalTableId], e.changes);
      return;
    case 'PhysicalTableRemoved':
      delete s.physicalTables[e.physicalTableId];
      return;
    case 'TableAdded':
      s.tables[e.tableId] = { id: e.tableId, name: e.name, capacity: e.capacity, vip: e.vip, locked: false, physicalTableId: null, guestIds: [] };
      return;
    case 'TableEdited':
      Object.assign(s.tables[e.tableId], e.changes);
      return;
    case 'TableRemoved':
      delete s.tables[e.tableId];
      return;
    case 'TableMapped':
      s.tables[e.tableId].physicalTableId = e.physicalTableId;
      return;
    case 'TableUnmapped':
      s.tables[e.tableId].physicalTableId = null;
      return;
    case 'TableLocked':
      s.tables[e.tableId].locked = true;
      return;
    case 'TableUnlocked':
      s.tables[e.tableId].locked = false;
      return;
    case 'GuestAdded': {
      const { type: _t, v: _v, guestId, ...fields } = e;
      s.guests[guestId] = { id: guestId, ...fields, tableId: null };
      return;
    }
    case 'GuestEdited':
      Object.assign(s.guests[e.guestId], e.changes);
      return;
    case 'GuestRemoved':
      delete s.guests[e.guestId];
      return;
    case 'GuestSeated':
      sit(s, e.guestId, e.tableId);
      return;
    case 'GuestMoved':
      stand(s, e.guestId, e.fromTableId);
      sit(s, e.guestId, e.toTableId);
      return;
    case 'GuestsSwapped': {
      const a = s.tables[e.tableId].guestIds;
      const b = s.tables[e.otherTableId].guestIds;
      a[a.indexOf(e.guestId)] = e.otherGuestId;
      b[b.indexOf(e.otherGuestId)] = e.guestId;
      s.guests[e.guestId].tableId = e.otherTableId;
      s.guests[e.otherGuestId].tableId = e.tableId;
      return;
    }
    case 'GuestUnseated':
      stand(s, e.guestId, e.tableId);
      return;
  }
}

function sit(s: PlanState, guestId: string, tableId: string) {
  s.tables[tableId].guestIds.push(guestId);
  s.guests[guestId].tableId = tableId;
}

function stand(s: PlanState, guestId: string, tableId: string) {
  const seats = s.tables[tableId].guestIds;
  seats.splice(seats.indexOf(guestId), 1);
  s.guests[guestId].tableId = null;
}

/** Folds events onto a state in place and returns it. */
export function foldInto(s: PlanState, events: Iterable<PlanEvent>): PlanState {
  for (const e of events) evolve(s, e);
  return s;
}
