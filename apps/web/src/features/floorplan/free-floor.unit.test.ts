import {
  FIXTURE_KINDS,
  fixtureUnder,
  fixturesOf,
  initialState,
  TABLE_SHAPES,
  type CommandOf,
  type Fixture,
  type PhysicalTable,
  type PlanState,
} from '@seatfold/domain/core';
import { prng, type Rng } from '@seatfold/domain/testing';
import { describe, expect, it } from 'vitest';
import { asDrawn, drawnRefusal, newFixtureRefusal } from './drawn.ts';
import { freeFloorFor, nearestOffsets, placeCopies, placeFixture, type Copy } from './free-floor.ts';
import { floorItems, movesOf, type FloorItem, type Move } from './items.ts';
import { floorRoom } from './layout.ts';
import { roundCm } from './snap.ts';

/*
 * The search for the nearest free floor asks decide only about the candidates the floor rule (floorFit, measured
 * once) lets stand. Its answers must be exactly those of the search that asked decide about every candidate: the
 * reference below (clear of fixtures first, then anywhere decide allows), compared on random floors (tables of every shape and rotation, pillars and other
 * fixtures, rooms sized or not, items standing where decide would refuse them).
 */
/** Whether no table the moves put down stands on a fixture: the search looks there first. */
const clearOf = (drawn: PlanState, moves: Move[]) =>
  moves.every((m) => m.kind !== 'table' || !fixtureUnder(drawn.physicalTables[m.id]!, m, Object.values(fixturesOf(drawn))));

const reference = {
  placeCopies(drawn: PlanState, roomId: string, copies: Copy[]): Move[] | null {
    const at = (dx: number, dy: number) =>
      copies.map((c): Move => ({ kind: 'table', id: c.id, x: roundCm(c.x + dx), y: roundCm(c.y + dy), rotation: c.rotation }));
    for (const clear of [true, false]) {
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
        if ((!clear || clearOf(drawn, moves)) && !drawnRefusal(drawn, roomId, moves)) return moves;
      }
      for (const [dx, dy] of nearestOffsets(drawn, roomId, copies))
        if ((!clear || clearOf(drawn, at(dx, dy))) && !drawnRefusal(drawn, roomId, at(dx, dy))) return at(dx, dy);
    }
    return null;
  },
  placeFixture(drawn: PlanState, c: CommandOf<'addFixture'>): CommandOf<'addFixture'> | null {
    if (!newFixtureRefusal(drawn, c)) return c;
    for (const [dx, dy] of nearestOffsets(drawn, c.roomId, [{ x: c.x, y: c.y, box: { w: c.widthM, d: c.depthM } }])) {
      const moved = { ...c, x: roundCm(c.x + dx), y: roundCm(c.y + dy) };
      if (!newFixtureRefusal(drawn, moved)) return moved;
    }
    return null;
  },
  /** one stuck item to the nearest free floor */
  free(drawn: PlanState, roomId: string, item: FloorItem): Move | null {
    for (const clear of [true, false]) {
      for (const [dx, dy] of nearestOffsets(drawn, roomId, [item])) {
        const m = movesOf([item], dx, dy);
        if ((!clear || clearOf(drawn, m)) && !drawnRefusal(drawn, roomId, m)) return m[0]!;
      }
    }
    return null;
  },
};

/** A random floor: up to 14 m by 10 m (sized or not), tables placed anywhere (overlaps and all), a few fixtures. */
function randomFloor(rng: Rng) {
  const sized = rng.chance(0.7);
  const room = { id: 'r', name: 'Hall', ...(sized ? { widthM: 6 + rng.int(9), depthM: 5 + rng.int(6) } : {}) };
  const [w, d] = [room.widthM ?? 12, room.depthM ?? 9];
  const physicalTables: Record<string, PhysicalTable> = {};
  const n = 1 + rng.int(9);
  for (let i = 0; i < n; i++) {
    const shaped = rng.chance(0.5);
    const shape = rng.pick(TABLE_SHAPES);
    const side = 0.8 + rng.int(12) / 10;
    physicalTables[`t${i}`] = {
      id: `t${i}`,
      roomId: 'r',
      label: `T-${i}`,
      capacity: 2 + rng.int(11),
      ...(shaped ? { shape, widthM: side * (shape === 'banquet' || shape === 'rectangle' ? 2 : 1), depthM: side } : {}),
      ...(rng.chance(0.8) ? { x: roundCm(rng.next() * w), y: roundCm(rng.next() * d), rotation: rng.pick([0, 15, 45, 90]) } : {}),
    };
  }
  const fixtures: Record<string, Fixture> = {};
  for (let i = 0; i < rng.int(4); i++) {
    const kind = rng.pick(FIXTURE_KINDS);
    fixtures[`f${i}`] = {
      id: `f${i}`,
      roomId: 'r',
      kind,
      label: `F${i}`,
      x: roundCm(rng.next() * w),
      y: roundCm(rng.next() * d),
      widthM: 0.5 + rng.int(6) / 2,
      depthM: 0.5 + rng.int(4) / 2,
      rotation: rng.pick([0, 30, 90]),
    };
  }
  const plan: PlanState = { ...initialState(), plan: { name: 'Gala' }, rooms: { r: room }, physicalTables, fixtures };
  return { plan, floor: floorRoom(plan, room, {}), w, d };
}

describe('the nearest free floor, found by asking decide only what the floor rule lets stand', () => {
  const SEEDS = 300;

  it('gives the answers of the search that asked decide about every candidate, on random floors', () => {
    let found = 0;
    let stuckSeen = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const rng = prng(seed);
      const { plan, floor, w, d } = randomFloor(rng);
      const drawn = asDrawn(plan, floor);
      const items = floorItems(floor);
      const label = `seed ${seed}`;

      // a copy of a random table
      const t = rng.pick(floor.tables);
      const copy: PhysicalTable = { id: 'copy', roomId: 'r', label: 'C-1', capacity: t.capacity, shape: t.shape, widthM: t.widthM, depthM: t.depthM };
      const copies: Copy[] = [{ id: 'copy', x: t.x, y: t.y, rotation: t.rotation, box: items.get(`t:${t.id}`)!.box }];
      const withCopy = asDrawn(plan, floor, [copy]);
      const copied = placeCopies(withCopy, 'r', copies);
      expect(copied, label).toEqual(reference.placeCopies(withCopy, 'r', copies));

      // a new fixture of a random kind and size somewhere
      const c: CommandOf<'addFixture'> = {
        type: 'addFixture',
        fixtureId: 'new',
        roomId: 'r',
        kind: rng.pick(FIXTURE_KINDS),
        label: 'New',
        x: roundCm(rng.next() * w),
        y: roundCm(rng.next() * d),
        widthM: 0.5 + rng.int(12) / 2,
        depthM: 0.5 + rng.int(8) / 2,
        rotation: rng.pick([0, 45, 90]),
      };
      const fixture = placeFixture(drawn, c);
      expect(fixture, label).toEqual(reference.placeFixture(drawn, c));

      // every item that stands where decide refuses it, freed alone
      for (const item of items.values()) {
        const freed = freeFloorFor(drawn, 'r', [item]);
        if (freed.stuck === 0) continue;
        stuckSeen++;
        expect(freed.moves[0] ?? null, `${label}, ${item.key}`).toEqual(reference.free(drawn, 'r', item));
      }
      if (copied && fixture) found++;
    }
    // the floors are neither all empty nor all full: both kinds of answer are compared; many items stand stuck
    expect(found).toBeGreaterThan(SEEDS / 10);
    expect(found).toBeLessThan(SEEDS);
    expect(stuckSeen).toBeGreaterThan(SEEDS);
  });
});
