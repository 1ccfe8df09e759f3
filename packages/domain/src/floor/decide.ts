import type { CommandOf } from '../commands.ts';
import { domainError, gone, type DomainError } from '../errors.ts';
import type { FloorMove, PlanEvent } from '../events.ts';
import { entity } from '../ids.ts';
import { fixturesOf, seatOrderOf, type Fixture, type PhysicalTable, type Placement, type PlanState, type Room } from '../model.ts';
import { bounds, footprint, insideRoom } from './geometry.ts';
import { autoLayout } from './layout.ts';
import { fixturesIn, physicalTablesIn } from '../where.ts';
import { FloorItem, floorItemName, floorRefusal, itemsOf, placed } from './rule.ts';
import { tableShape } from './shapes.ts';
import { capital } from '../words.ts';

type FloorDecision = { ok: true; events: PlanEvent[] } | { ok: false; error: DomainError };
const ok = (...events: PlanEvent[]): FloorDecision => ({ ok: true, events });
const no = (error: DomainError): FloorDecision => ({ ok: false, error });

const invalid = (message: string) => domainError('InvalidCommand', message);

const samePlace = (a: Placement | null, b: Placement | null) =>
  a === null || b === null ? a === b : a.x === b.x && a.y === b.y && a.rotation === b.rotation;

export function decideArrangeFloor(s: PlanState, c: CommandOf<'arrangeFloor'>): FloorDecision {
  const room = entity(s.rooms, c.roomId);
  if (!room) return no(gone('room'));
  const at = new Map<string, Placement | null>();
  const moves: FloorMove[] = [];
  const movedItems: (PhysicalTable | Fixture)[] = [];
  for (const m of c.moves) {
    const key = `${m.kind}:${m.id}`;
    if (at.has(key)) return no(invalid(`A drop moves each table or fixture once (${m.id} is listed twice).`));
    const item = m.kind === 'table' ? entity(s.physicalTables, m.id) : entity(fixturesOf(s), m.id);
    if (!item) return no(m.kind === 'table' ? gone('physical table') : gone('fixture'));
    if (item.roomId !== c.roomId) {
      return no(
        invalid(`${capital(floorItemName(s, item))} stands in room ${entity(s.rooms, item.roomId)?.name ?? 'another room'}, not in ${room.name}.`),
      );
    }
    const to = m.x === null || m.y === null || m.rotation === null ? null : { x: m.x, y: m.y, rotation: m.rotation };
    if (to === null && m.kind === 'fixture') return no(invalid('A fixture always has a place: remove it instead.'));
    if (to && !(to.rotation >= 0 && to.rotation < 360)) return no(invalid('Rotation is an angle from 0° up to (not including) 360°.'));
    at.set(key, to);
    const from = 'kind' in item ? { x: item.x, y: item.y, rotation: item.rotation } : placed(item);
    if (samePlace(from, to)) continue;
    moves.push({ kind: m.kind, id: m.id, to, from });
    movedItems.push(item);
  }
  if (moves.length === 0) return ok();
  const all = itemsOf(s, c.roomId, at);
  const moved = new Set(movedItems.map((i) => i.id));
  const checked = [...all.tables, ...all.fixtures].filter((x) => moved.has(x.item.id));
  const refused = floorRefusal(s, room, checked, all);
  if (refused) return no(refused);
  return ok({ type: 'FloorArranged', v: 1, roomId: c.roomId, moves });
}

export function decideSetRoomSize(s: PlanState, c: CommandOf<'setRoomSize'>): FloorDecision {
  const room = entity(s.rooms, c.roomId);
  if (!room) return no(gone('room'));
  if ((c.widthM === null) !== (c.depthM === null)) return no(invalid('Give the room’s width and depth together.'));
  const size = c.widthM !== null && c.depthM !== null ? { widthM: c.widthM, depthM: c.depthM } : null;
  const previous = room.widthM !== undefined && room.depthM !== undefined ? { widthM: room.widthM, depthM: room.depthM } : null;
  if (size?.widthM === previous?.widthM && size?.depthM === previous?.depthM) return ok();
  if (size) {
    const all = itemsOf(s, room.id);
    const out = [...all.tables, ...all.fixtures].find((x) => !insideRoom(x.fp, size));
    if (out) {
      return no(
        domainError(
          'OutsideRoom',
          `${capital(floorItemName(s, out.item))} would stand outside room ${room.name} at ${size.widthM} × ${size.depthM} m: move it first, or make the room bigger.`,
        ),
      );
    }
    // Tables nobody has placed yet stand on the automatic grid, as many to a row as the width takes and clear of what
    // stands there: they must fit too, or the size would leave them drawn outside the walls.
    const inRoom = physicalTablesIn(s, room.id);
    const unplaced = inRoom.filter((p) => !placed(p));
    const grid = autoLayout(size, inRoom, fixturesIn(s, room.id));
    const outside = unplaced.filter((p) => !insideRoom(footprint(p, grid[p.id]), size));
    if (outside.length > 0) {
      const edge = unplaced.reduce((m, p) => Math.max(m, bounds(footprint(p, grid[p.id])).maxY), 0);
      const n = outside.length;
      return no(
        domainError(
          'OutsideRoom',
          `At ${size.widthM} × ${size.depthM} m, ${n} of the tables not placed yet in ${room.name} would stand outside: laid out ${size.widthM} m wide they need ${Math.ceil(edge + 0.5)} m of depth. Make the room deeper or wider, or place ${n === 1 ? 'it' : 'them'} first.`,
        ),
      );
    }
  }
  return ok({ type: 'RoomSized', v: 1, roomId: room.id, size, previous });
}

export function decideSetRoomBackground(s: PlanState, c: CommandOf<'setRoomBackground'>): FloorDecision {
  const room = entity(s.rooms, c.roomId);
  if (!room) return no(gone('room'));
  const previous = room.background ?? null;
  const next = c.background ? { imageId: c.background.imageId, x: c.background.x, y: c.background.y, widthM: c.background.widthM } : null;
  if (JSON.stringify(previous) === JSON.stringify(next)) return ok();
  return ok({ type: 'RoomBackgroundSet', v: 1, roomId: room.id, background: next, previous: previous && { ...previous } });
}

export function decideShapePhysicalTable(s: PlanState, c: CommandOf<'shapePhysicalTable'>): FloorDecision {
  const p = entity(s.physicalTables, c.physicalTableId);
  if (!p) return no(gone('physical table'));
  if ((c.shape === null) !== (c.widthM === null) || (c.shape === null) !== (c.depthM === null))
    return no(invalid('Give the shape, width and depth together.'));
  // round and square tables have one size: the diameter, the side
  const top =
    c.shape !== null && c.widthM !== null && c.depthM !== null
      ? { shape: c.shape, widthM: c.widthM, depthM: c.shape === 'round' || c.shape === 'square' ? c.widthM : c.depthM }
      : null;
  const previous = p.shape && p.widthM !== undefined && p.depthM !== undefined ? { shape: p.shape, widthM: p.widthM, depthM: p.depthM } : null;
  if (JSON.stringify(top) === JSON.stringify(previous)) return ok();
  const room = entity(s.rooms, p.roomId);
  const where = placed(p);
  if (room && where) {
    const { shape: _s, widthM: _w, depthM: _d, ...unshaped } = p;
    const reshaped: PhysicalTable = { ...unshaped, ...(top ?? {}) };
    const all = itemsOf(s, room.id, new Map(), new Map([[p.id, reshaped]]));
    const refused = floorRefusal(
      s,
      room,
      all.tables.filter((x) => x.item.id === p.id),
      all,
    );
    if (refused) return no(refused);
  }
  return ok({ type: 'PhysicalTableShaped', v: 1, physicalTableId: p.id, shape: top, previous });
}

/**
 * A new capacity for a placed table nobody has shaped changes how it is drawn (round up to 10 seats, a banquet
 * beyond, longer with every two seats): refused when the new top would overlap or leave the room, rather than
 * reshaped silently — the planner decides whether to move it, shape it or seat fewer.
 */
export function capacityRefusal(s: PlanState, p: PhysicalTable, capacity: number): DomainError | null {
  const room = entity(s.rooms, p.roomId);
  if (!room || !placed(p) || p.shape || capacity === p.capacity) return null;
  const resized: PhysicalTable = { ...p, capacity };
  const all = itemsOf(s, room.id, new Map(), new Map([[p.id, resized]]));
  const refused = floorRefusal(
    s,
    room,
    all.tables.filter((x) => x.item.id === p.id),
    all,
  );
  if (!refused) return null;
  const top = tableShape(resized);
  const drawn = top.shape === 'banquet' ? `a ${top.widthM} m banquet` : `a ${top.widthM} m ${top.shape} table`;
  return domainError(
    refused.code,
    `With ${capacity} seats ${floorItemName(s, p)} becomes ${drawn}, and ${refused.message.charAt(0).toLowerCase()}${refused.message.slice(1)} Or give it a shape that fits first.`,
  );
}

/**
 * Tables that join the automatic grid of a room with a size, or change it — added, moved in from another room, or given
 * more seats (a cell is as big as the room's largest table) — refused when they leave more of the room's unplaced
 * tables outside the walls than before: the grid has no free floor left. (A room without a size grows with its grid.)
 *
 * Asked by the forms that add and edit physical tables, not by decide: an undo or a revert re-adds a removed table
 * before it puts it back on its place, so the step between may stand where this would refuse it. A table past the
 * walls is a drawing, not a broken plan: F (free floor) or a drag puts it right.
 */
export function gridRefusal(s: PlanState, roomId: string, joining: readonly PhysicalTable[]): DomainError | null {
  const room = entity(s.rooms, roomId);
  if (!room || room.widthM === undefined || room.depthM === undefined || joining.length === 0) return null;
  const before = physicalTablesIn(s, room.id);
  const ids = new Set(joining.map((p) => p.id));
  const after = [...before.filter((p) => !ids.has(p.id)), ...joining.map((p) => ({ ...p, roomId }))];
  if (after.every((p) => placed(p))) return null;
  const fixtures = fixturesIn(s, room.id);
  const spilt = outsideGrid(room, after, fixtures);
  if (spilt === 0 || spilt <= outsideGrid(room, before, fixtures)) return null;
  const what = joining.length === 1 ? floorItemName(s, joining[0]!) : `${joining.length} more tables`;
  return domainError(
    'OutsideRoom',
    `Room ${room.name} (${room.widthM} × ${room.depthM} m) has no free floor left for ${what}: with the tables not placed yet, ${spilt === 1 ? 'one' : spilt} would stand outside the walls. Place some tables first, make the room bigger, or use another room.`,
  );
}

/** How many of a sized room's unplaced tables its automatic grid draws outside the walls. */
function outsideGrid(room: Room, tables: readonly PhysicalTable[], fixtures: readonly Fixture[]): number {
  const grid = autoLayout(room, tables, fixtures);
  let n = 0;
  for (const p of tables) if (!placed(p) && !insideRoom(footprint(p, grid[p.id]), room)) n++;
  return n;
}

export function decideAddFixture(s: PlanState, c: CommandOf<'addFixture'>): FloorDecision {
  if (entity(fixturesOf(s), c.fixtureId)) return no(domainError('AlreadyExists', `A fixture with id ${c.fixtureId} already exists.`));
  const room = entity(s.rooms, c.roomId);
  if (!room) return no(gone('room'));
  const { type: _t, fixtureId, ...fields } = c;
  const all = itemsOf(s, room.id);
  const refused = floorRefusal(s, room, [new FloorItem({ id: fixtureId, ...fields }, fields)], all);
  if (refused) return no(refused);
  return ok({ type: 'FixtureAdded', v: 1, fixtureId, ...fields });
}

export function decideEditFixture(s: PlanState, c: CommandOf<'editFixture'>): FloorDecision {
  const f = entity(fixturesOf(s), c.fixtureId);
  if (!f) return no(gone('fixture'));
  const changes: Record<string, unknown> = {};
  const previous: Record<string, unknown> = {};
  for (const k of ['label', 'widthM', 'depthM'] as const) {
    const v = c[k];
    if (v !== undefined && v !== f[k]) [changes[k], previous[k]] = [v, f[k]];
  }
  if (Object.keys(changes).length === 0) return ok();
  const room = entity(s.rooms, f.roomId);
  if (room) {
    const after = { ...f, ...changes };
    const refused = floorRefusal(s, room, [new FloorItem(after, after)], itemsOf(s, room.id));
    if (refused) return no(refused);
  }
  return ok({ type: 'FixtureEdited', v: 1, fixtureId: f.id, changes, previous });
}

export function decideRemoveFixture(s: PlanState, c: CommandOf<'removeFixture'>): FloorDecision {
  const f = entity(fixturesOf(s), c.fixtureId);
  if (!f) return no(gone('fixture'));
  const { id: _id, ...previous } = f;
  return ok({ type: 'FixtureRemoved', v: 1, fixtureId: f.id, previous });
}

export function decideOrderSeats(s: PlanState, c: CommandOf<'orderSeats'>): FloorDecision {
  const t = entity(s.tables, c.tableId);
  if (!t) return no(gone('table'));
  if (t.locked) return no(domainError('TableLocked', `Table “${t.name}” is locked: unlock it before you change its chair order.`));
  const seated = new Set(t.guestIds);
  if (c.guestIds.length !== t.guestIds.length || new Set(c.guestIds).size !== c.guestIds.length || c.guestIds.some((id) => !seated.has(id))) {
    return no(domainError('Stale', `The guests at table “${t.name}” have changed meanwhile: reorder them again.`));
  }
  const previous = seatOrderOf(t);
  if (previous.every((id, i) => id === c.guestIds[i])) return ok();
  return ok({ type: 'SeatsOrdered', v: 1, tableId: t.id, guestIds: [...c.guestIds], previous: [...previous] });
}

/**
 * The events that take a physical table off the floor before it leaves its room or the plan: its place, and (when it
 * is removed) its shape — so the inverse puts both back.
 */
export function unfloorPhysicalTable(p: PhysicalTable, removing: boolean): PlanEvent[] {
  const events: PlanEvent[] = [];
  const where = placed(p);
  if (where) events.push({ type: 'FloorArranged', v: 1, roomId: p.roomId, moves: [{ kind: 'table', id: p.id, to: null, from: where }] });
  if (removing && p.shape && p.widthM !== undefined && p.depthM !== undefined) {
    events.push({
      type: 'PhysicalTableShaped',
      v: 1,
      physicalTableId: p.id,
      shape: null,
      previous: { shape: p.shape, widthM: p.widthM, depthM: p.depthM },
    });
  }
  return events;
}

/** The events that clear a room's size and background before it is removed (so the inverse gives them back). */
export function clearRoom(room: Room): PlanEvent[] {
  const events: PlanEvent[] = [];
  if (room.background) events.push({ type: 'RoomBackgroundSet', v: 1, roomId: room.id, background: null, previous: { ...room.background } });
  if (room.widthM !== undefined && room.depthM !== undefined) {
    events.push({ type: 'RoomSized', v: 1, roomId: room.id, size: null, previous: { widthM: room.widthM, depthM: room.depthM } });
  }
  return events;
}
