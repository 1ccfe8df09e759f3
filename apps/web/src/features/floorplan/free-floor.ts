import { bounds, fixtureUnder, fixturesOf, floorFit, footprint, standingRefusal, type PlanState } from '@seatfold/domain/core';
import { drawnRefusal, newFixtureRefusal, type NewFixture } from './drawn.ts';
import { movesOf, type FloorItem, type Move } from './items.ts';
import { roundCm } from './snap.ts';

/*
 * The nearest free floor on the floor as drawn (drawn.ts): for a duplicate's copies, a new fixture, an item stuck
 * where decide refuses it. Candidates go nearest first in half-metre steps; the floor rule measured once (floorFit)
 * turns away most of them, and decide has the last word on each one it lets stand.
 */

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
  const fit = fitOf(drawn, roomId, copies);
  // clear of stages and bars first (a table may stand on one, but a copy put there by the search is not meant to)
  for (const clear of [true, false]) {
    for (const [sx, sy] of sides) {
      const moves = at((c) => [sx * (c.box.w + 1), sy * (c.box.d + 1)]);
      if ((!clear || offFixtures(drawn, roomId, moves)) && !drawnRefusal(drawn, roomId, moves)) return moves;
    }
    const found = nearestFree(drawn, roomId, copies, (dx, dy) => {
      const moves = at(() => [dx, dy]);
      return (clear && !offFixtures(drawn, roomId, moves)) || fit?.(moves) === false || drawnRefusal(drawn, roomId, moves) ? null : moves;
    });
    if (found) return found;
  }
  return null;
}

/** Whether no table `moves` puts down stands on a fixture (a stage, a dance floor). */
function offFixtures(drawn: PlanState, roomId: string, moves: readonly Move[]): boolean {
  const fixtures = Object.values(fixturesOf(drawn)).filter((f) => f.roomId === roomId);
  if (fixtures.length === 0) return true;
  return moves.every((m) => {
    const p = m.kind === 'table' ? drawn.physicalTables[m.id] : undefined;
    return !p || !fixtureUnder(p, { x: m.x, y: m.y, rotation: m.rotation }, fixtures);
  });
}

/**
 * The floor rule for the search's candidates, measured once (floorFit): a candidate it refuses, decide refuses too,
 * so only the ones it lets stand are asked of decide — the answers are decide's, found in a fraction of the time.
 */
function fitOf(drawn: PlanState, roomId: string, items: readonly { id: string; kind?: 'table' | 'fixture' }[]) {
  const entities = items.map((i) => (i.kind === 'fixture' ? fixturesOf(drawn)[i.id] : drawn.physicalTables[i.id]));
  return entities.every((e) => e !== undefined) ? floorFit(drawn, roomId, entities) : null;
}

/**
 * Items that stand where decide would refuse them today (`standingRefusal`: on another table, past the walls — kept
 * from events recorded before the rule, or a grid table with no cell left inside the walls), each moved in turn to
 * the nearest free floor (clear of fixtures where the room has such floor): no arrow step can free them, since every step still overlaps. Items that stand well are left where
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
    const fit = fitOf(plan, roomId, [item]);
    const search = (clear: boolean) =>
      nearestFree(plan, roomId, [item], (dx, dy) => {
        const m = movesOf([item], dx, dy);
        return (clear && !offFixtures(plan, roomId, m)) || fit?.(m) === false || drawnRefusal(plan, roomId, m) ? null : m[0]!;
      });
    // clear of stages and bars first, as copies are
    const move = search(true) ?? search(false);
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
export function nearestOffsets(drawn: PlanState, roomId: string, copies: readonly Pick<Copy, 'x' | 'y' | 'box'>[]): [number, number][] {
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
  // each offset's distance computed once, not in every comparison of the sort (thousands of offsets in a big room)
  const out: { d: number; dx: number; dy: number }[] = [];
  for (const dx of xs) for (const dy of ys) if (dx || dy) out.push({ d: Math.hypot(dx, dy), dx, dy });
  out.sort((a, b) => a.d - b.d || b.dy - a.dy || a.dx - b.dx);
  return out.map((o): [number, number] => [o.dx, o.dy]);
}

/**
 * Where a new fixture goes: where `c` puts it if nothing is in the way (newFixtureRefusal), else the nearest free floor
 * (half-metre steps, and flush with each wall); null when the room has none for it.
 */
export function placeFixture(drawn: PlanState, c: NewFixture): NewFixture | null {
  if (!newFixtureRefusal(drawn, c)) return c;
  const box = { w: c.widthM, d: c.depthM };
  const { type: _type, fixtureId: id, ...fields } = c;
  // put down as a table would be (newFixtureRefusal)
  const fit = floorFit(drawn, c.roomId, [{ id, ...fields }], { asTable: true });
  return nearestFree(drawn, c.roomId, [{ x: c.x, y: c.y, box }], (dx, dy) => {
    const moved = { ...c, x: roundCm(c.x + dx), y: roundCm(c.y + dy) };
    return fit?.([moved]) === false || newFixtureRefusal(drawn, moved) ? null : moved;
  });
}
