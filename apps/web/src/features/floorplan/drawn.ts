import {
  bounds,
  capital,
  decide,
  domainError,
  fixturesOf,
  floorItemName,
  footprint,
  overlaps,
  standingRefusal,
  type CommandOf,
  type DomainError,
  type Fixture,
  type PhysicalTable,
  type PlanState,
} from '@seatfold/domain/core';
import { movesOf, type FloorItem, type Move } from './items.ts';
import { roundCm } from './snap.ts';
import type { FloorRoom } from './layout.ts';

/*
 * decide only knows stored places and a room's set size: the tables still on the automatic grid are the view's. A
 * move is checked here against the floor as drawn, by decide itself, on a plan where every table of the room stands
 * where it is drawn. A room nobody has sized has walls only at its origin (north and west, where coordinates start):
 * the edges drawn east and south are where the floor drawn so far ends, not walls, so nothing is refused there.
 */

/** The plan as this room's floor is drawn; `added` are tables not in the plan yet (a duplicate's copies). */
export function asDrawn(s: PlanState, floor: FloorRoom, added: PhysicalTable[] = []): PlanState {
  const physicalTables = { ...s.physicalTables };
  for (const t of floor.tables) {
    const p = physicalTables[t.id];
    if (p && !t.placed) physicalTables[t.id] = { ...p, x: t.x, y: t.y, rotation: t.rotation };
  }
  for (const p of added) physicalTables[p.id] = p;
  return { ...s, physicalTables };
}

/** Why these moves may not happen on the floor as drawn (onto a drawn table, through a drawn wall), or null. */
export function drawnRefusal(drawn: PlanState, roomId: string, moves: Move[]): DomainError | null {
  // `from` is the server's check for moves meanwhile; here every table has a place, so it would not match.
  const plain = moves.map(({ from: _from, ...m }) => m);
  const d = decide(drawn, { type: 'arrangeFloor', roomId, moves: plain });
  return d.ok ? null : d.error;
}

/**
 * A step of `items` by (dx, dy) as far as it goes: the whole way (refusal null), or up to the wall or the next table,
 * to the centimetre (`moves` null when it cannot move at all). A keyboard step stops there instead of being refused.
 */
export function furthest(
  drawn: PlanState,
  roomId: string,
  items: FloorItem[],
  dx: number,
  dy: number,
): { moves: Move[] | null; part: number; refusal: DomainError | null } {
  const whole = movesOf(items, dx, dy);
  const refusal = drawnRefusal(drawn, roomId, whole);
  if (!refusal) return { moves: whole, part: 1, refusal: null };
  // The free way from where it stands is one stretch (a step is shorter than any table), so halving finds its end.
  const cm = Math.round(Math.max(Math.abs(dx), Math.abs(dy)) * 100);
  const at = (n: number) => movesOf(items, (dx * n) / cm, (dy * n) / cm);
  let [lo, hi] = [0, cm];
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (drawnRefusal(drawn, roomId, at(mid))) hi = mid;
    else lo = mid;
  }
  return { moves: lo > 0 ? at(lo) : null, part: lo / cm, refusal };
}

/** A copy to place beside its original: the original's place and the box round its footprint. */
export interface Copy {
  id: string;
  x: number;
  y: number;
  rotation: number;
  box: { w: number; d: number };
}

/** The step of the search for free floor when no side of the originals has it. */
const FREE_STEP_M = 0.5;

/**
 * Where copies go (the plan holds them, not placed yet): a metre beside their originals — below (as ever), else to the
 * right, above, left — on the first side with free floor for all of them; else, together as they stand, at the
 * nearest free floor in the room (searched in half-metre steps); null when the room has no free floor for them.
 */
export function placeCopies(drawn: PlanState, roomId: string, copies: Copy[]): Move[] | null {
  const at = (offset: (c: Copy) => [number, number]) =>
    copies.map((c): Move => {
      const [dx, dy] = offset(c);
      return { kind: 'table', id: c.id, x: roundCm(c.x + dx), y: roundCm(c.y + dy), rotation: c.rotation };
    });
  const sides = [
    [0, 1],
    [1, 0],
    [0, -1],
    [-1, 0],
  ] as const;
  for (const [sx, sy] of sides) {
    const moves = at((c) => [sx * (c.box.w + 1), sy * (c.box.d + 1)]);
    if (!drawnRefusal(drawn, roomId, moves)) return moves;
  }
  return nearestFree(drawn, roomId, copies, (dx, dy) => {
    const moves = at(() => [dx, dy]);
    return drawnRefusal(drawn, roomId, moves) ? null : moves;
  });
}

/**
 * Items that stand where decide would refuse them today (`standingRefusal`: on another table, past the walls — kept
 * from events recorded before the rule, or a grid table drawn under a placed one), each moved in turn to the nearest
 * free floor: no arrow step can free them, since every step still overlaps. Items that stand well are left where
 * they are; `left` are the stuck ones the room has no free floor for.
 */
export function freeFloorFor(drawn: PlanState, roomId: string, items: FloorItem[]): { moves: Move[]; stuck: number; left: FloorItem[] } {
  let plan = drawn;
  const moves: Move[] = [];
  const left: FloorItem[] = [];
  let stuck = 0;
  for (const item of items) {
    if (!standingRefusal(plan, roomId, [item.id])) continue;
    stuck++;
    const move = nearestFree(plan, roomId, [item], (dx, dy) => {
      const m = movesOf([item], dx, dy);
      return drawnRefusal(plan, roomId, m) ? null : m[0]!;
    });
    if (!move) left.push(item);
    else {
      moves.push(move);
      plan = standingAt(plan, move);
    }
  }
  return { moves, stuck, left };
}

/** The plan with the item of `m` standing where `m` puts it (so the next item is freed round it). */
function standingAt(s: PlanState, m: Move): PlanState {
  const at = { x: m.x, y: m.y, rotation: m.rotation };
  if (m.kind === 'table') return { ...s, physicalTables: { ...s.physicalTables, [m.id]: { ...s.physicalTables[m.id]!, ...at } } };
  const fixtures = fixturesOf(s);
  return { ...s, fixtures: { ...fixtures, [m.id]: { ...fixtures[m.id]!, ...at } } };
}

/** The first of `at(dx, dy)` over the offsets nearest first (nearestOffsets) that is not null, or null. */
function nearestFree<T>(
  drawn: PlanState,
  roomId: string,
  items: readonly Pick<Copy, 'x' | 'y' | 'box'>[],
  at: (dx: number, dy: number) => T | null,
): T | null {
  for (const [dx, dy] of nearestOffsets(drawn, roomId, items)) {
    const found = at(dx, dy);
    if (found) return found;
  }
  return null;
}

/**
 * Where the search for free floor looks: a sized room's floor, or — in a room nobody has sized, which has no walls
 * east and south — as far as anything in it reaches, and a row of the largest item beyond (free floor there always).
 */
function searchArea(drawn: PlanState, roomId: string, items: readonly Pick<Copy, 'x' | 'y' | 'box'>[]): { widthM: number; depthM: number } | null {
  const room = drawn.rooms[roomId];
  if (!room) return null;
  if (room.widthM !== undefined && room.depthM !== undefined) return { widthM: room.widthM, depthM: room.depthM };
  let [maxX, maxY, w, d] = [0, 0, 0, 0];
  for (const c of items) {
    [maxX, maxY] = [Math.max(maxX, c.x + c.box.w / 2), Math.max(maxY, c.y + c.box.d / 2)];
    [w, d] = [Math.max(w, c.box.w), Math.max(d, c.box.d)];
  }
  const standing = [
    ...Object.values(drawn.physicalTables).filter((p) => p.roomId === roomId && p.x !== undefined && p.y !== undefined),
    ...Object.values(fixturesOf(drawn)).filter((f) => f.roomId === roomId),
  ];
  for (const o of standing) {
    const b = bounds(footprint(o));
    [maxX, maxY] = [Math.max(maxX, b.maxX), Math.max(maxY, b.maxY)];
  }
  return { widthM: maxX + w + 1, depthM: maxY + d + 1 };
}

/**
 * Offsets that keep every item's box inside the search area (searchArea) — in half-metre steps, and flush with each
 * edge — nearest first (then lower before higher, left before right).
 */
function nearestOffsets(drawn: PlanState, roomId: string, copies: readonly Pick<Copy, 'x' | 'y' | 'box'>[]): [number, number][] {
  const area = searchArea(drawn, roomId, copies);
  if (!area) return [];
  const { widthM, depthM } = area;
  const axis = (from: number, to: number) => {
    const steps: number[] = [];
    for (let i = Math.ceil(from / FREE_STEP_M); i * FREE_STEP_M <= to; i++) steps.push(i * FREE_STEP_M);
    return from <= to ? [...new Set([from, ...steps, to])] : [];
  };
  const xs = axis(Math.max(...copies.map((c) => c.box.w / 2 - c.x)), Math.min(...copies.map((c) => widthM - c.box.w / 2 - c.x)));
  const ys = axis(Math.max(...copies.map((c) => c.box.d / 2 - c.y)), Math.min(...copies.map((c) => depthM - c.box.d / 2 - c.y)));
  const out = xs.flatMap((dx) => ys.map((dy): [number, number] => [dx, dy])).filter(([dx, dy]) => dx || dy);
  return out.sort(([ax, ay], [bx, by]) => Math.hypot(ax, ay) - Math.hypot(bx, by) || by - ay || ax - bx);
}

type NewFixture = CommandOf<'addFixture'>;

/**
 * Why a new fixture may not stand where `c` puts it on the floor as drawn: decide's refusal (past a wall, a pillar on
 * a placed table), or — a new fixture is put down as a table would be — a table as drawn or a pillar under it.
 * (decide lets a stage or a dance floor be moved over tables on purpose; it is not put there unasked.)
 */
export function newFixtureRefusal(drawn: PlanState, c: NewFixture): DomainError | null {
  const d = decide(drawn, c);
  if (!d.ok) return d.error;
  const { type: _type, fixtureId: id, ...fields } = c;
  const fixture: Fixture = { id, ...fields };
  const fp = footprint(fixture);
  const tables = Object.values(drawn.physicalTables).filter((p) => p.roomId === c.roomId && p.x !== undefined && p.y !== undefined);
  const pillars = Object.values(fixturesOf(drawn)).filter((f) => f.roomId === c.roomId && f.kind === 'pillar');
  const hit = [...tables, ...pillars].find((o) => overlaps(fp, footprint(o)));
  if (!hit) return null;
  const name = floorItemName(drawn, fixture);
  return domainError('Overlap', `${capital(name)} would overlap ${floorItemName(drawn, hit)}.`);
}

/**
 * Where a new fixture goes: where `c` puts it if nothing is in the way (newFixtureRefusal), else the nearest free floor
 * (half-metre steps, and flush with each wall); null when the room has none for it.
 */
export function placeFixture(drawn: PlanState, c: NewFixture): NewFixture | null {
  if (!newFixtureRefusal(drawn, c)) return c;
  const box = { w: c.widthM, d: c.depthM };
  return nearestFree(drawn, c.roomId, [{ x: c.x, y: c.y, box }], (dx, dy) => {
    const moved = { ...c, x: roundCm(c.x + dx), y: roundCm(c.y + dy) };
    return newFixtureRefusal(drawn, moved) ? null : moved;
  });
}
