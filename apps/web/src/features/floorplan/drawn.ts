import {
  capital,
  decide,
  domainError,
  fixturesOf,
  floorItemName,
  footprint,
  overlaps,
  type CommandOf,
  type DomainError,
  type Fixture,
  type PhysicalTable,
  type PlanState,
} from '@seatfold/domain/core';
import { movesOf, type FloorItem, type Move } from './items.ts';
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

export type NewFixture = CommandOf<'addFixture'>;

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
