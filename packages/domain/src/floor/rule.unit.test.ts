import { describe, expect, it } from 'vitest';
import { decide } from '../decide.ts';
import { initialState, type Fixture, type PhysicalTable, type PlanState } from '../model.ts';
import { prng } from '../testing/random.ts';
import { bounds, footprint, footprintReach, insideRoom, overlaps } from './geometry.ts';
import { BoxGrid, type Box } from './grid.ts';
import { fixtureUnder, floorItemName } from './rule.ts';
import { fixturesIn, physicalTablesIn } from '../where.ts';

/** The floor rule as it was written before the grid: every checked item, in room order, against everything in the room. */
function refusalByPass(s: PlanState, roomId: string, at: Map<string, { x: number; y: number; rotation: number }>): string | null {
  const room = s.rooms[roomId]!;
  const standing = [
    ...physicalTablesIn(s, roomId).map((p) => ({
      item: p,
      where: at.get(p.id) ?? { x: p.x!, y: p.y!, rotation: p.rotation ?? 0 },
    })),
    ...fixturesIn(s, roomId).map((f) => ({ item: f, where: at.get(f.id) ?? f })),
  ].map((x) => ({ ...x, fp: footprint(x.item, x.where) }));
  const isTable = (x: (typeof standing)[number]) => !('kind' in x.item);
  const isPillar = (x: (typeof standing)[number]) => 'kind' in x.item && x.item.kind === 'pillar';
  // decide checks what moves: an item dropped where it stands keeps whatever it stood on before
  const moves = (x: (typeof standing)[number]) => {
    const was = 'kind' in x.item ? x.item : { x: x.item.x, y: x.item.y, rotation: x.item.rotation ?? 0 };
    return at.has(x.item.id) && (was.x !== x.where.x || was.y !== x.where.y || was.rotation !== x.where.rotation);
  };
  for (const x of standing.filter(moves)) {
    if (!insideRoom(x.fp, room)) return `OutsideRoom ${x.item.id}`;
    const others = isTable(x) ? standing.filter((o) => isTable(o) || isPillar(o)) : isPillar(x) ? standing.filter(isTable) : [];
    const hit = others.find((o) => o.item.id !== x.item.id && overlaps(x.fp, o.fp));
    if (hit) return `Overlap ${x.item.id} ${floorItemName(s, hit.item)}`;
  }
  return null;
}

function hall(seed: number, tables: number): PlanState {
  const rng = prng(seed);
  const physicalTables: Record<string, PhysicalTable> = {};
  for (let i = 0; i < tables; i++) {
    const shaped = rng.chance(0.3);
    physicalTables[`t${i}`] = {
      id: `t${i}`,
      roomId: 'r',
      label: `T-${i}`,
      capacity: 2 + rng.int(9),
      x: 3 + (i % 20) * 4 + rng.int(5) / 10,
      y: 3 + Math.floor(i / 20) * 4 + rng.int(5) / 10,
      rotation: rng.pick([0, 30, 90, 135]),
      ...(shaped
        ? { shape: rng.pick(['oval', 'rectangle', 'banquet', 'square'] as const), widthM: 1 + rng.int(15) / 10, depthM: 0.8 + rng.int(5) / 10 }
        : {}),
    };
  }
  const fixtures: Record<string, Fixture> = {};
  for (let i = 0; i < 12; i++) {
    const wide = i === 0; // a stage across the hall: too wide for the grid's cells
    fixtures[`f${i}`] = {
      id: `f${i}`,
      roomId: 'r',
      kind: wide ? 'stage' : rng.pick(['pillar', 'pillar', 'bar', 'dance-floor'] as const),
      label: `F${i}`,
      x: 2 + rng.int(800) / 10,
      y: 2 + rng.int(600) / 10,
      widthM: wide ? 60 : 0.4 + rng.int(20) / 10,
      depthM: wide ? 6 : 0.4 + rng.int(20) / 10,
      rotation: rng.pick([0, 45]),
    };
  }
  return { ...initialState(), plan: { name: 'Gala' }, rooms: { r: { id: 'r', name: 'Hall', widthM: 85, depthM: 65 } }, physicalTables, fixtures };
}

describe('the floor rule, neighbours found through a grid', () => {
  it('refuses and names exactly what a pass over the whole room does, for drops of a few and of many', () => {
    const seen = { ok: 0, OutsideRoom: 0, Overlap: 0, manyOk: 0 };
    for (let seed = 1; seed <= 60; seed++) {
      const s = hall(seed, 300);
      const rng = prng(1000 + seed);
      for (let k = 0; k < 10; k++) {
        const count = rng.pick([1, 3, 8, 9, 40, 200]); // up to 8 checked by a plain pass, more through the grid
        const ids = new Set<string>();
        while (ids.size < count) ids.add(rng.chance(0.9) ? `t${rng.int(300)}` : `f${1 + rng.int(11)}`);
        const at = new Map<string, { x: number; y: number; rotation: number }>();
        // most move a little (a nudge that may touch a neighbour), some far, a few out through the walls
        for (const id of ids) {
          const item = s.physicalTables[id] ?? s.fixtures![id]!;
          const far = rng.chance(0.1);
          at.set(id, {
            x: far ? rng.int(880) / 10 - 1 : item.x! + rng.int(5) / 10 - 0.2,
            y: far ? rng.int(680) / 10 - 1 : item.y! + rng.int(5) / 10 - 0.2,
            rotation: rng.pick([0, 15, 90]),
          });
        }
        const moves = [...at].map(([id, p]) => ({ kind: id.startsWith('t') ? ('table' as const) : ('fixture' as const), id, ...p }));
        const d = decide(s, { type: 'arrangeFloor', roomId: 'r', moves });
        const expected = refusalByPass(s, 'r', at);
        const got = d.ok
          ? null
          : `${d.error.code} ${moves.find((m) => d.error.message.startsWith(capitalName(s, m.id)))?.id} ${d.error.message.match(/overlap (.*): leave/)?.[1] ?? ''}`.trim();
        expect(got, `seed ${seed}, drop ${k} of ${count}`).toBe(expected);
        seen[d.ok ? 'ok' : (d.error.code as 'Overlap')]++;
        if (d.ok && count > 8) seen.manyOk++;
      }
    }
    // every kind of answer was compared
    expect(seen.ok).toBeGreaterThan(100);
    expect(seen.manyOk).toBeGreaterThan(15);
    expect(seen.Overlap).toBeGreaterThan(100);
    expect(seen.OutsideRoom).toBeGreaterThan(15);
  });
});

const capitalName = (s: PlanState, id: string) => {
  const name = floorItemName(s, s.physicalTables[id] ?? s.fixtures![id]!);
  return name.charAt(0).toUpperCase() + name.slice(1) + ' ';
};

describe('a box grid', () => {
  it('offers every item whose box meets the one asked about, wide and unplaceable items included', () => {
    const rng = prng(7);
    const boxes: Box[] = [];
    const grid = new BoxGrid<number>();
    for (let i = 0; i < 2000; i++) {
      const x = rng.int(4000) / 10 - 100;
      const y = rng.int(4000) / 10 - 100;
      const w = rng.chance(0.02) ? 80 + rng.int(400) : rng.int(50) / 10;
      const b = i % 500 === 7 ? { minX: NaN, minY: 0, maxX: 1, maxY: 1 } : { minX: x, minY: y, maxX: x + w, maxY: y + rng.int(50) / 10 };
      boxes.push(b);
      grid.add(i, b);
    }
    const meet = (a: Box, b: Box) => a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;
    for (let k = 0; k < 500; k++) {
      const x = rng.int(4000) / 10 - 100;
      const y = rng.int(4000) / 10 - 100;
      const q = { minX: x, minY: y, maxX: x + rng.int(100) / 10, maxY: y + rng.int(100) / 10 };
      const near = new Set(grid.near(q));
      boxes.forEach((b, i) => {
        if (meet(q, b)) expect(near.has(i), `query ${k}, box ${i}`).toBe(true);
      });
      // and it does not just hand back everything
      if (k % 50 === 0) expect(near.size).toBeLessThan(boxes.length / 4);
    }
    expect(new Set(grid.near({ minX: -Infinity, minY: 0, maxX: 1, maxY: 1 })).size).toBe(boxes.length);
  });
});

describe('how far a footprint reaches', () => {
  it('holds the footprint at any rotation, for every shape and fixture', () => {
    const rng = prng(3);
    for (let k = 0; k < 2000; k++) {
      const at = { x: rng.int(100), y: rng.int(100), rotation: rng.int(3600) / 10 };
      const item: PhysicalTable | Fixture = rng.chance(0.3)
        ? { id: 'f', roomId: 'r', kind: 'stage', label: 'S', ...at, widthM: 0.1 + rng.int(100) / 10, depthM: 0.1 + rng.int(100) / 10 }
        : {
            id: 't',
            roomId: 'r',
            label: 'T',
            capacity: 1 + rng.int(30),
            ...(rng.chance(0.6)
              ? {
                  shape: rng.pick(['round', 'oval', 'square', 'rectangle', 'banquet'] as const),
                  widthM: 0.3 + rng.int(50) / 10,
                  depthM: 0.3 + rng.int(50) / 10,
                }
              : {}),
          };
      const r = footprintReach(item);
      const b = bounds(footprint(item, at));
      expect(b.minX, `${k}`).toBeGreaterThanOrEqual(at.x - r);
      expect(b.maxX, `${k}`).toBeLessThanOrEqual(at.x + r);
      expect(b.minY, `${k}`).toBeGreaterThanOrEqual(at.y - r);
      expect(b.maxY, `${k}`).toBeLessThanOrEqual(at.y + r);
    }
  });
});

describe('the fixture a table stands on', () => {
  const fixture = (id: string, kind: Fixture['kind'], x: number, y: number): Fixture => ({
    id,
    roomId: 'r',
    kind,
    label: id,
    x,
    y,
    widthM: 4,
    depthM: 4,
    rotation: 0,
  });
  const table: PhysicalTable = { id: 't', roomId: 'r', label: 'T-1', capacity: 8 };
  const at = (x: number, y: number) => ({ x, y, rotation: 0 });

  it('names a stage or a dance floor under the table, never a pillar (decide refuses those), first in the order given', () => {
    const floor = fixture('floor', 'dance-floor', 10, 10);
    const stage = fixture('stage', 'stage', 12, 10);
    expect(fixtureUnder(table, at(10, 10), [floor, stage])?.id).toBe('floor');
    expect(fixtureUnder(table, at(10, 10), [stage, floor])?.id).toBe('stage');
    expect(fixtureUnder(table, at(10, 10), [fixture('p', 'pillar', 10, 10)])).toBeNull();
    expect(fixtureUnder(table, at(30, 30), [floor, stage])).toBeNull();
  });

  it('agrees with the footprints overlapping, over a random hall', () => {
    const s = hall(7, 200);
    const fixtures = fixturesIn(s, 'r');
    let under = 0;
    for (const t of physicalTablesIn(s, 'r')) {
      const place = { x: t.x!, y: t.y!, rotation: t.rotation ?? 0 };
      const expected = fixtures.find((f) => f.kind !== 'pillar' && overlaps(footprint(t, place), footprint(f))) ?? null;
      expect(fixtureUnder(t, place, fixtures)?.id ?? null).toBe(expected?.id ?? null);
      if (expected) under++;
    }
    expect(under).toBeGreaterThan(5);
  });
});
