import { decide, type DomainError, type PhysicalTable, type PlanState } from '@seatfold/domain/core';
import { movesOf, type FloorItem, type Move } from './items.ts';
import { roundCm } from './snap.ts';
import type { FloorRoom } from './layout.ts';

/*
 * decide only knows stored places and a room's set size: the tables still on the automatic grid and the walls drawn
 * round a room nobody has sized are the view's. A move is checked here against the floor as drawn, by decide itself,
 * on a plan where every table of the room stands where it is drawn and the room is as big as its drawn walls.
 */

/** The plan as this room's floor is drawn; `added` are tables not in the plan yet (a duplicate's copies). */
export function asDrawn(s: PlanState, floor: FloorRoom, added: PhysicalTable[] = []): PlanState {
  const physicalTables = { ...s.physicalTables };
  for (const t of floor.tables) {
    const p = physicalTables[t.id];
    if (p && !t.placed) physicalTables[t.id] = { ...p, x: t.x, y: t.y, rotation: t.rotation };
  }
  for (const p of added) physicalTables[p.id] = p;
  const rooms = { ...s.rooms, [floor.room.id]: { ...floor.room, widthM: floor.widthM, depthM: floor.depthM } };
  return { ...s, physicalTables, rooms };
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

/**
 * Where copies go (the plan holds them, not placed yet): a metre beside their originals — below (as ever), else to the
 * right, above, left — on the first side with free floor for all of them; else the refusal of the first side.
 */
export function besideCopies(drawn: PlanState, roomId: string, copies: Copy[]): { moves: Move[] } | { refusal: DomainError } {
  let first: DomainError | null = null;
  for (const [sx, sy] of [
    [0, 1],
    [1, 0],
    [0, -1],
    [-1, 0],
  ] as const) {
    const moves = copies.map((c): Move => ({
      kind: 'table',
      id: c.id,
      x: roundCm(c.x + sx * (c.box.w + 1)),
      y: roundCm(c.y + sy * (c.box.d + 1)),
      rotation: c.rotation,
    }));
    const refusal = drawnRefusal(drawn, roomId, moves);
    if (!refusal) return { moves };
    first ??= refusal;
  }
  return { refusal: first! };
}
