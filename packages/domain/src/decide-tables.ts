import { entity } from './ids.ts';
import type { CommandOf } from './commands.ts';
import { domainError, gone } from './errors.ts';
import type { PlanEvent } from './events.ts';
import { capacityRefusal, clearRoom, unfloorPhysicalTable } from './floor/decide.ts';
import { type LogicalTable, type PhysicalTable, type PlanState, type Room } from './model.ts';
import type { Decision } from './decide.ts';
import { capital, exists, isError, nameKey, nameTaken, no, ok, table, tableName, unlocked } from './decide-common.ts';
import type { Lookup } from './record-index.ts';
import { fixturesIn, physicalTablesIn, tableOn } from './where.ts';

/** decide for the places guests sit: rooms, physical tables and the logical tables placed on them. */

/** Rooms, plan tables and physical tables by name (record-index.ts): no two of one name. */
const ROOM_NAMES: Lookup<Room> = { key: (r) => nameKey(r.name) };
const TABLE_NAMES: Lookup<LogicalTable> = { key: (t) => nameKey(t.name) };
const PHYSICAL_LABELS: Lookup<PhysicalTable> = { key: (p) => nameKey(p.label) };

const roomNamed = (s: PlanState, name: string, exceptId = '') =>
  nameTaken(s.rooms, ROOM_NAMES, name, exceptId, (r) => `There is a room “${r.name}” already: give this one another name.`);
const tableNamed = (s: PlanState, name: string, exceptId = '') =>
  nameTaken(s.tables, TABLE_NAMES, name, exceptId, (t) => `There is a ${tableName(t)} already: give this one another name.`);
const physicalLabelled = (s: PlanState, label: string, exceptId = '') =>
  nameTaken(s.physicalTables, PHYSICAL_LABELS, label, exceptId, (p) => {
    const room = entity(s.rooms, p.roomId);
    return `There is a physical table ${p.label}${room ? ` in ${room.name}` : ''} already: give this one another label.`;
  });

export function decideAddRoom(s: PlanState, c: CommandOf<'addRoom'>): Decision {
  if (entity(s.rooms, c.roomId)) return no(exists('room', c.roomId));
  const taken = roomNamed(s, c.name);
  if (taken) return no(taken);
  if ((c.widthM === undefined) !== (c.depthM === undefined)) return no(domainError('InvalidCommand', 'Give the room’s width and depth together.'));
  const added: PlanEvent = { type: 'RoomAdded', v: 1, roomId: c.roomId, name: c.name };
  // A new room holds nothing a size could leave outside: its size is its second event, as setRoomSize would decide it.
  if (c.widthM === undefined || c.depthM === undefined) return ok(added);
  return ok(added, { type: 'RoomSized', v: 1, roomId: c.roomId, size: { widthM: c.widthM, depthM: c.depthM }, previous: null });
}

export function decideRenameRoom(s: PlanState, c: CommandOf<'renameRoom'>): Decision {
  const room = entity(s.rooms, c.roomId);
  if (!room) return no(gone('room'));
  if (room.name === c.name) return ok();
  const taken = roomNamed(s, c.name, room.id);
  if (taken) return no(taken);
  return ok({ type: 'RoomRenamed', v: 1, roomId: c.roomId, name: c.name, previousName: room.name });
}

export function decideRemoveRoom(s: PlanState, c: CommandOf<'removeRoom'>): Decision {
  const room = entity(s.rooms, c.roomId);
  if (!room) return no(gone('room'));
  const inside = physicalTablesIn(s, c.roomId).length;
  if (inside > 0) {
    return no(
      domainError('RoomNotEmpty', `Room “${room.name}” still has ${inside} physical table${inside === 1 ? '' : 's'}: move or remove them first.`),
    );
  }
  const fixtures = fixturesIn(s, c.roomId).length;
  if (fixtures > 0) {
    return no(
      domainError('RoomNotEmpty', `Room “${room.name}” still has ${fixtures} fixture${fixtures === 1 ? '' : 's'} (stage, bar…): remove them first.`),
    );
  }
  return ok(...clearRoom(room), { type: 'RoomRemoved', v: 1, roomId: c.roomId, name: room.name });
}

export function decideAddPhysicalTable(s: PlanState, c: CommandOf<'addPhysicalTable'>): Decision {
  if (entity(s.physicalTables, c.physicalTableId)) return no(exists('physical table', c.physicalTableId));
  if (!entity(s.rooms, c.roomId)) return no(gone('room'));
  const taken = physicalLabelled(s, c.label);
  if (taken) return no(taken);
  return ok({ type: 'PhysicalTableAdded', v: 1, physicalTableId: c.physicalTableId, roomId: c.roomId, label: c.label, capacity: c.capacity });
}

export function decideEditPhysicalTable(s: PlanState, c: CommandOf<'editPhysicalTable'>): Decision {
  const p = entity(s.physicalTables, c.physicalTableId);
  if (!p) return no(gone('physical table'));
  const { label, roomId, capacity } = c.changes;
  if (roomId !== undefined && !entity(s.rooms, roomId)) return no(gone('room'));
  const taken = label !== undefined && label !== p.label ? physicalLabelled(s, label, p.id) : null;
  if (taken) return no(taken);
  const mapped = tableOn(s, p.id);
  if (capacity !== undefined && mapped && mapped.guestIds.length > capacity) {
    return no(
      domainError(
        'CapacityTooSmall',
        `${capital(tableName(mapped))} stands on ${p.label} with ${mapped.guestIds.length} guests; it cannot seat only ${capacity}.`,
      ),
    );
  }
  const refit = capacity !== undefined && (roomId === undefined || roomId === p.roomId) ? capacityRefusal(s, p, capacity) : null;
  if (refit) return no(refit);
  const changes: Record<string, unknown> = {};
  const previous: Record<string, unknown> = {};
  if (label !== undefined && label !== p.label) [changes.label, previous.label] = [label, p.label];
  if (roomId !== undefined && roomId !== p.roomId) [changes.roomId, previous.roomId] = [roomId, p.roomId];
  if (capacity !== undefined && capacity !== p.capacity) [changes.capacity, previous.capacity] = [capacity, p.capacity];
  if (Object.keys(changes).length === 0) return ok();
  // a table moved to another room leaves its place on the old room's floor (kept in the event for the inverse)
  const unfloor = changes.roomId !== undefined ? unfloorPhysicalTable(p, false) : [];
  return ok(...unfloor, { type: 'PhysicalTableEdited', v: 1, physicalTableId: p.id, changes, previous });
}

export function decideRemovePhysicalTable(s: PlanState, c: CommandOf<'removePhysicalTable'>): Decision {
  const p = entity(s.physicalTables, c.physicalTableId);
  if (!p) return no(gone('physical table'));
  const mapped = tableOn(s, p.id);
  const events: PlanEvent[] = [];
  if (mapped) {
    const locked = unlocked(mapped, `remove the physical table it stands on`);
    if (locked) return no(locked);
    events.push({ type: 'TableUnmapped', v: 1, tableId: mapped.id, physicalTableId: p.id });
  }
  events.push(...unfloorPhysicalTable(p, true));
  events.push({
    type: 'PhysicalTableRemoved',
    v: 1,
    physicalTableId: p.id,
    previous: { roomId: p.roomId, label: p.label, capacity: p.capacity },
    ...(p.accessible ? { accessible: true as const } : {}),
  });
  return ok(...events);
}

export function decideAddTable(s: PlanState, c: CommandOf<'addTable'>): Decision {
  if (entity(s.tables, c.tableId)) return no(exists('table', c.tableId));
  const taken = tableNamed(s, c.name);
  if (taken) return no(taken);
  return ok({ type: 'TableAdded', v: 1, tableId: c.tableId, name: c.name, capacity: c.capacity, vip: c.vip ?? false });
}

export function decideEditTable(s: PlanState, c: CommandOf<'editTable'>): Decision {
  const t = table(s, c.tableId);
  if (isError(t)) return no(t);
  const locked = unlocked(t, 'change it');
  if (locked) return no(locked);
  const { name, capacity, vip } = c.changes;
  const taken = name !== undefined && name !== t.name ? tableNamed(s, name, t.id) : null;
  if (taken) return no(taken);
  if (capacity !== undefined && capacity < t.guestIds.length) {
    return no(
      domainError(
        'CapacityTooSmall',
        `${capital(tableName(t))} has ${t.guestIds.length} guests seated; unseat some before reducing it to ${capacity} seat${capacity === 1 ? '' : 's'}.`,
      ),
    );
  }
  const changes: Record<string, unknown> = {};
  const previous: Record<string, unknown> = {};
  if (name !== undefined && name !== t.name) [changes.name, previous.name] = [name, t.name];
  if (capacity !== undefined && capacity !== t.capacity) [changes.capacity, previous.capacity] = [capacity, t.capacity];
  if (vip !== undefined && vip !== t.vip) [changes.vip, previous.vip] = [vip, t.vip];
  if (Object.keys(changes).length === 0) return ok();
  return ok({ type: 'TableEdited', v: 1, tableId: t.id, changes, previous });
}

export function decideRemoveTable(s: PlanState, c: CommandOf<'removeTable'>): Decision {
  const t = table(s, c.tableId);
  if (isError(t)) return no(t);
  const locked = unlocked(t, 'remove it');
  if (locked) return no(locked);
  const events: PlanEvent[] = t.guestIds.map((guestId) => ({ type: 'GuestUnseated', v: 1, guestId, tableId: t.id }) as const);
  if (t.physicalTableId) events.push({ type: 'TableUnmapped', v: 1, tableId: t.id, physicalTableId: t.physicalTableId });
  events.push({ type: 'TableRemoved', v: 1, tableId: t.id, previous: { name: t.name, capacity: t.capacity, vip: t.vip } });
  return ok(...events);
}

export function decideMapTable(s: PlanState, c: CommandOf<'mapTable'>): Decision {
  const t = table(s, c.tableId);
  if (isError(t)) return no(t);
  const p = entity(s.physicalTables, c.physicalTableId);
  if (!p) return no(gone('physical table'));
  const locked = unlocked(t, 'place it elsewhere');
  if (locked) return no(locked);
  if (t.physicalTableId === p.id) return ok();
  const holder = tableOn(s, p.id);
  if (holder) {
    return no(domainError('PhysicalTableTaken', `Physical table ${p.label} already holds ${tableName(holder)}: take that one off first.`));
  }
  if (t.guestIds.length > p.capacity) {
    return no(
      domainError(
        'CapacityTooSmall',
        `${capital(tableName(t))} has ${t.guestIds.length} guests but physical table ${p.label} seats only ${p.capacity}.`,
      ),
    );
  }
  return ok({ type: 'TableMapped', v: 1, tableId: t.id, physicalTableId: p.id, previousPhysicalTableId: t.physicalTableId });
}

export function decideUnmapTable(s: PlanState, c: CommandOf<'unmapTable'>): Decision {
  const t = table(s, c.tableId);
  if (isError(t)) return no(t);
  const locked = unlocked(t, 'take it off its physical table');
  if (locked) return no(locked);
  if (!t.physicalTableId) return ok();
  return ok({ type: 'TableUnmapped', v: 1, tableId: t.id, physicalTableId: t.physicalTableId });
}

/** lockTable / unlockTable: nothing to do when the table already is as asked. */
export function decideLockTable(s: PlanState, tableId: string, lock: boolean): Decision {
  const t = table(s, tableId);
  if (isError(t)) return no(t);
  if (t.locked === lock) return ok();
  return ok(lock ? { type: 'TableLocked', v: 1, tableId: t.id } : { type: 'TableUnlocked', v: 1, tableId: t.id });
}
