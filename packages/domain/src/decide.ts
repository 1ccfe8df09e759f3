import { entity, ID_RULE, isValidId } from './ids.ts';
import type { Command, CommandOf } from './commands.ts';
import { domainError, type DomainError } from './errors.ts';
import type { PlanEvent } from './events.ts';
import {
  decideAddFixture,
  decideArrangeFloor,
  decideEditFixture,
  decideOrderSeats,
  decideRemoveFixture,
  decideSetRoomBackground,
  decideSetRoomSize,
  decideShapePhysicalTable,
  clearRoom,
  unfloorPhysicalTable,
  capacityRefusal,
} from './floor/decide.ts';
import { emptyGuestFields, fixturesOf, type Guest, type GuestFields, type LogicalTable, type PlanState } from './model.ts';
import { decideSeatParty } from './parties.ts';
import { decideAutoseat } from './autoseat.ts';
import { decideAddSeatingRule, decideRemoveSeatingRule } from './rules.ts';
import { staleFact, staleMessage } from './stale.ts';

export type Decision = { ok: true; events: PlanEvent[] } | { ok: false; error: DomainError };

const ok = (...events: PlanEvent[]): Decision => ({ ok: true, events });
const no = (error: DomainError): Decision => ({ ok: false, error });

/** Names used in messages: the planner sees "table “12”", not an id. */
const tableName = (t: LogicalTable) => `table “${t.name}”`;

function table(s: PlanState, id: string): LogicalTable | DomainError {
  return entity(s.tables, id) ?? domainError('UnknownTable', `That table no longer exists (id ${id}). It may have been removed by somebody else.`);
}
function guest(s: PlanState, id: string): Guest | DomainError {
  return entity(s.guests, id) ?? domainError('UnknownGuest', `That guest no longer exists (id ${id}). They may have been removed by somebody else.`);
}
const isError = (x: object): x is DomainError => 'code' in x;

function unlocked(t: LogicalTable, action: string): DomainError | null {
  return t.locked ? domainError('TableLocked', `${capital(tableName(t))} is locked: unlock it before you ${action}.`) : null;
}
/** A table seats at most its own capacity, and no more than the physical table it stands on. */
function hasRoom(s: PlanState, t: LogicalTable): DomainError | null {
  const p = t.physicalTableId ? entity(s.physicalTables, t.physicalTableId) : undefined;
  if (p && p.capacity < t.capacity && t.guestIds.length >= p.capacity) {
    return domainError('TableFull', `${capital(tableName(t))} is full: it stands on physical table ${p.label}, which seats ${p.capacity}.`);
  }
  return t.guestIds.length >= t.capacity
    ? domainError('TableFull', `${capital(tableName(t))} is full (${t.guestIds.length} of ${t.capacity} seats taken).`)
    : null;
}
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * decide(state, command) → the events that carry the command out, or the reason it is refused.
 * Pure and deterministic: reads state, never changes it; ids come with the command.
 */
export function decide(s: PlanState, c: Command): Decision {
  const badId = idsOf(c).find((id) => !isValidId(id));
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- whatever was sent, shown as text
  if (badId !== undefined) return no(domainError('InvalidCommand', `${ID_RULE} (got ${JSON.stringify(String(badId)).slice(0, 120)})`));
  if (c.type === 'createPlan') {
    return s.plan ? no(domainError('PlanAlreadyCreated', 'This plan already exists.')) : ok({ type: 'PlanCreated', v: 1, name: c.name });
  }
  if (!s.plan) return no(domainError('PlanNotCreated', 'This plan has not been created yet.'));
  const stale = staleFact(s, c);
  if (stale) return no(domainError('Stale', staleMessage(stale)));
  switch (c.type) {
    case 'renamePlan':
      if (s.plan.name === c.name) return ok();
      return ok({ type: 'PlanRenamed', v: 1, name: c.name, previousName: s.plan.name });
    case 'addRoom':
      if (entity(s.rooms, c.roomId)) return no(exists('room', c.roomId));
      return ok({ type: 'RoomAdded', v: 1, roomId: c.roomId, name: c.name });
    case 'renameRoom': {
      const room = entity(s.rooms, c.roomId);
      if (!room) return no(unknownRoom(c.roomId));
      if (room.name === c.name) return ok();
      return ok({ type: 'RoomRenamed', v: 1, roomId: c.roomId, name: c.name, previousName: room.name });
    }
    case 'removeRoom': {
      const room = entity(s.rooms, c.roomId);
      if (!room) return no(unknownRoom(c.roomId));
      const inside = Object.values(s.physicalTables).filter((p) => p.roomId === c.roomId).length;
      if (inside > 0) {
        return no(
          domainError('RoomNotEmpty', `Room “${room.name}” still has ${inside} physical table${inside === 1 ? '' : 's'}: move or remove them first.`),
        );
      }
      const fixtures = Object.values(fixturesOf(s)).filter((f) => f.roomId === c.roomId).length;
      if (fixtures > 0) {
        return no(
          domainError(
            'RoomNotEmpty',
            `Room “${room.name}” still has ${fixtures} fixture${fixtures === 1 ? '' : 's'} (stage, bar…): remove them first.`,
          ),
        );
      }
      return ok(...clearRoom(room), { type: 'RoomRemoved', v: 1, roomId: c.roomId, name: room.name });
    }
    case 'addPhysicalTable':
      if (entity(s.physicalTables, c.physicalTableId)) return no(exists('physical table', c.physicalTableId));
      if (!entity(s.rooms, c.roomId)) return no(unknownRoom(c.roomId));
      return ok({ type: 'PhysicalTableAdded', v: 1, physicalTableId: c.physicalTableId, roomId: c.roomId, label: c.label, capacity: c.capacity });
    case 'editPhysicalTable':
      return editPhysicalTable(s, c);
    case 'removePhysicalTable': {
      const p = entity(s.physicalTables, c.physicalTableId);
      if (!p) return no(unknownPhysical(c.physicalTableId));
      const mapped = mappedOnto(s, p.id);
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
    case 'addTable':
      if (entity(s.tables, c.tableId)) return no(exists('table', c.tableId));
      return ok({ type: 'TableAdded', v: 1, tableId: c.tableId, name: c.name, capacity: c.capacity, vip: c.vip ?? false });
    case 'editTable':
      return editTable(s, c);
    case 'removeTable': {
      const t = table(s, c.tableId);
      if (isError(t)) return no(t);
      const locked = unlocked(t, 'remove it');
      if (locked) return no(locked);
      const events: PlanEvent[] = t.guestIds.map((guestId) => ({ type: 'GuestUnseated', v: 1, guestId, tableId: t.id }) as const);
      if (t.physicalTableId) events.push({ type: 'TableUnmapped', v: 1, tableId: t.id, physicalTableId: t.physicalTableId });
      events.push({ type: 'TableRemoved', v: 1, tableId: t.id, previous: { name: t.name, capacity: t.capacity, vip: t.vip } });
      return ok(...events);
    }
    case 'mapTable':
      return mapTable(s, c);
    case 'unmapTable': {
      const t = table(s, c.tableId);
      if (isError(t)) return no(t);
      const locked = unlocked(t, 'take it off its physical table');
      if (locked) return no(locked);
      if (!t.physicalTableId) return ok();
      return ok({ type: 'TableUnmapped', v: 1, tableId: t.id, physicalTableId: t.physicalTableId });
    }
    case 'lockTable': {
      const t = table(s, c.tableId);
      if (isError(t)) return no(t);
      return t.locked ? ok() : ok({ type: 'TableLocked', v: 1, tableId: t.id });
    }
    case 'unlockTable': {
      const t = table(s, c.tableId);
      if (isError(t)) return no(t);
      return t.locked ? ok({ type: 'TableUnlocked', v: 1, tableId: t.id }) : ok();
    }
    case 'addGuest': {
      if (entity(s.guests, c.guestId)) return no(exists('guest', c.guestId));
      const { type: _type, guestId, ...given } = c;
      const fields = { ...emptyGuestFields };
      for (const k of Object.keys(fields) as (keyof GuestFields)[]) {
        const v = Object.hasOwn(given, k) ? given[k] : undefined;
        if (v !== undefined) (fields as Record<string, unknown>)[k] = v;
      }
      return ok({ type: 'GuestAdded', v: 1, guestId, ...fields });
    }
    case 'editGuest': {
      const g = guest(s, c.guestId);
      if (isError(g)) return no(g);
      const changes: Record<string, unknown> = {};
      const previous: Record<string, unknown> = {};
      for (const key of Object.keys(emptyGuestFields) as (keyof GuestFields)[]) {
        const value = Object.hasOwn(c.changes, key) ? c.changes[key] : undefined;
        if (value !== undefined && g[key] !== value) {
          changes[key] = value;
          previous[key] = g[key];
        }
      }
      if (Object.keys(changes).length === 0) return ok();
      return ok({ type: 'GuestEdited', v: 1, guestId: g.id, changes, previous });
    }
    case 'removeGuest': {
      const g = guest(s, c.guestId);
      if (isError(g)) return no(g);
      const events: PlanEvent[] = [];
      if (g.tableId) {
        const t = entity(s.tables, g.tableId)!;
        const locked = unlocked(t, `remove ${g.name}, who sits there`);
        if (locked) return no(locked);
        events.push({ type: 'GuestUnseated', v: 1, guestId: g.id, tableId: t.id });
      }
      const { id: _id, tableId: _t, pinned: _p, ...previous } = g;
      events.push({ type: 'GuestRemoved', v: 1, guestId: g.id, previous, ...(g.pinned ? { pinned: true as const } : {}) });
      return ok(...events);
    }
    case 'seatGuest': {
      const g = guest(s, c.guestId);
      if (isError(g)) return no(g);
      const t = table(s, c.tableId);
      if (isError(t)) return no(t);
      if (g.tableId) {
        const at = entity(s.tables, g.tableId)!;
        return no(domainError('GuestAlreadySeated', `${g.name} is already seated at ${tableName(at)}.`));
      }
      const refused = unlocked(t, `seat ${g.name} there`) ?? hasRoom(s, t);
      if (refused) return no(refused);
      return ok({ type: 'GuestSeated', v: 1, guestId: g.id, tableId: t.id });
    }
    case 'moveGuest': {
      const g = guest(s, c.guestId);
      if (isError(g)) return no(g);
      const to = table(s, c.tableId);
      if (isError(to)) return no(to);
      if (!g.tableId) return no(domainError('GuestNotSeated', `${g.name} is not seated anywhere, so there is nothing to move.`));
      if (g.tableId === to.id) return no(domainError('SameTable', `${g.name} already sits at ${tableName(to)}.`));
      const from = entity(s.tables, g.tableId)!;
      const refused = unlocked(from, `move ${g.name} away from it`) ?? unlocked(to, `seat ${g.name} there`) ?? hasRoom(s, to);
      if (refused) return no(refused);
      return ok({ type: 'GuestMoved', v: 1, guestId: g.id, fromTableId: from.id, toTableId: to.id });
    }
    case 'swapGuests': {
      const a = guest(s, c.guestId);
      if (isError(a)) return no(a);
      const b = guest(s, c.otherGuestId);
      if (isError(b)) return no(b);
      for (const g of [a, b]) {
        if (!g.tableId) return no(domainError('GuestNotSeated', `${g.name} is not seated, so there is no seat to swap.`));
      }
      if (a.tableId === b.tableId) return no(domainError('SameTable', `${a.name} and ${b.name} already sit at the same table.`));
      const ta = entity(s.tables, a.tableId)!;
      const tb = entity(s.tables, b.tableId)!;
      const refused = unlocked(ta, `swap ${a.name} away`) ?? unlocked(tb, `swap ${b.name} away`);
      if (refused) return no(refused);
      return ok({ type: 'GuestsSwapped', v: 1, guestId: a.id, tableId: ta.id, otherGuestId: b.id, otherTableId: tb.id });
    }
    case 'unseatGuest': {
      const g = guest(s, c.guestId);
      if (isError(g)) return no(g);
      if (!g.tableId) return no(domainError('GuestNotSeated', `${g.name} is not seated.`));
      const t = entity(s.tables, g.tableId)!;
      const locked = unlocked(t, `take ${g.name} off it`);
      if (locked) return no(locked);
      return ok({ type: 'GuestUnseated', v: 1, guestId: g.id, tableId: t.id });
    }
    case 'seatParty': {
      const t = table(s, c.tableId);
      if (isError(t)) return no(t);
      return decideSeatParty(s, c, t);
    }
    case 'addSeatingRule':
      return decideAddSeatingRule(s, c);
    case 'removeSeatingRule':
      return decideRemoveSeatingRule(s, c);
    case 'pinGuest':
    case 'markTableAccessible':
    case 'setDepartmentSeating':
      return decideAutoseat(s, c);
    case 'setRoomSize':
      return decideSetRoomSize(s, c);
    case 'setRoomBackground':
      return decideSetRoomBackground(s, c);
    case 'shapePhysicalTable':
      return decideShapePhysicalTable(s, c);
    case 'arrangeFloor':
      return decideArrangeFloor(s, c);
    case 'addFixture':
      return decideAddFixture(s, c);
    case 'editFixture':
      return decideEditFixture(s, c);
    case 'removeFixture':
      return decideRemoveFixture(s, c);
    case 'orderSeats':
      return decideOrderSeats(s, c);
    default:
      return unreachable(c);
  }
}

function unreachable(c: never): Decision {
  return no(domainError('InvalidCommand', `Unknown command ${JSON.stringify((c as { type?: unknown }).type)}.`));
}

function editPhysicalTable(s: PlanState, c: CommandOf<'editPhysicalTable'>): Decision {
  const p = entity(s.physicalTables, c.physicalTableId);
  if (!p) return no(unknownPhysical(c.physicalTableId));
  const { label, roomId, capacity } = c.changes;
  if (roomId !== undefined && !entity(s.rooms, roomId)) return no(unknownRoom(roomId));
  const mapped = mappedOnto(s, p.id);
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

function editTable(s: PlanState, c: CommandOf<'editTable'>): Decision {
  const t = table(s, c.tableId);
  if (isError(t)) return no(t);
  const locked = unlocked(t, 'change it');
  if (locked) return no(locked);
  const { name, capacity, vip } = c.changes;
  if (capacity !== undefined && capacity < t.guestIds.length) {
    return no(
      domainError(
        'CapacityTooSmall',
        `${capital(tableName(t))} has ${t.guestIds.length} guests seated; unseat some before reducing it to ${capacity} seats.`,
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

function mapTable(s: PlanState, c: CommandOf<'mapTable'>): Decision {
  const t = table(s, c.tableId);
  if (isError(t)) return no(t);
  const p = entity(s.physicalTables, c.physicalTableId);
  if (!p) return no(unknownPhysical(c.physicalTableId));
  const locked = unlocked(t, 'place it elsewhere');
  if (locked) return no(locked);
  if (t.physicalTableId === p.id) return ok();
  const holder = mappedOnto(s, p.id);
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

/** The logical table placed on a physical table, if any (a physical table holds at most one). */
export function mappedOnto(s: PlanState, physicalTableId: string): LogicalTable | undefined {
  return Object.values(s.tables).find((t) => t.physicalTableId === physicalTableId);
}

const exists = (what: string, id: string) => domainError('AlreadyExists', `A ${what} with id ${id} already exists.`);
const unknownRoom = (id: string) => domainError('UnknownRoom', `That room no longer exists (id ${id}).`);
const unknownPhysical = (id: string) => domainError('UnknownPhysicalTable', `That physical table no longer exists (id ${id}).`);

/** Every id a command names (also when it did not come through the schema: batches, inverses of old events). */
function idsOf(c: Command): unknown[] {
  const out: unknown[] = [];
  const rec = c as unknown as Record<string, unknown>;
  for (const k of ['roomId', 'physicalTableId', 'tableId', 'guestId', 'otherGuestId', 'ruleId', 'fixtureId'])
    if (Object.hasOwn(rec, k)) out.push(rec[k]);
  for (const k of ['expectedTableId', 'expectedOtherTableId', 'expectedPhysicalTableId'])
    if (Object.hasOwn(rec, k) && rec[k] !== null && rec[k] !== undefined) out.push(rec[k]);
  if (Array.isArray(rec.expected))
    for (const e of rec.expected as { guestId?: unknown; tableId?: unknown }[]) out.push(e?.guestId, ...(e?.tableId === null ? [] : [e?.tableId]));
  if (Array.isArray(rec.guestIds)) out.push(...(rec.guestIds as unknown[]));
  if (Array.isArray(rec.moves)) for (const m of rec.moves as { id?: unknown }[]) out.push(m?.id);
  const changes = rec.changes as Record<string, unknown> | undefined;
  if (changes && typeof changes === 'object' && changes.roomId !== undefined) out.push(changes.roomId);
  return out;
}
