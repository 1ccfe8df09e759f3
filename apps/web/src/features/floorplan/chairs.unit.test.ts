import { describe, expect, it } from 'vitest';
import type { FloorTable } from './layout.ts';
import { chairAt, chairSpots, reorderedSeats } from './useChairDrag.ts';
import { fitName, NAME_FONT_M, nameKey, nameWidthM, placeNames, tableWriting, turnedChairs, type PlacedName } from './chairs.ts';
import { keyedNames } from './FloorTableShape.tsx';
import { floorRoom } from './layout.ts';
import { initialState, type Fixture, type PlanState, type Room } from '@seatfold/domain';

describe('dropping a guest’s name on another chair', () => {
  const order = ['ann', 'ben', 'cat', 'dan'];
  it('swaps the two guests (chairs are places)', () => {
    expect(reorderedSeats(order, 0, 2)).toEqual(['cat', 'ben', 'ann', 'dan']);
    expect(reorderedSeats(order, 3, 1)).toEqual(['ann', 'dan', 'cat', 'ben']);
  });
  it('an empty chair sends the guest to the last seated chair; the same chair changes nothing', () => {
    expect(reorderedSeats(order, 1, 7)).toEqual(['ann', 'cat', 'dan', 'ben']);
    expect(reorderedSeats(order, 2, 2)).toBeNull();
    expect(reorderedSeats(order, 3, 9)).toBeNull(); // already the last seated
  });
});

describe('which chair a drop lands on', () => {
  // a table at (10, 5) turned 90°: its chair 1 m "north" in its own frame stands 1 m east in the room
  const table = {
    id: 'p',
    x: 10,
    y: 5,
    rotation: 90,
    chairs: [
      { x: 0, y: -1 },
      { x: 0, y: 1 },
    ],
  } as FloorTable;
  it('places the chairs by the table’s position and rotation', () => {
    const [a, b] = chairSpots(table);
    expect(a!.x).toBeCloseTo(11);
    expect(a!.y).toBeCloseTo(5);
    expect(b!.x).toBeCloseTo(9);
  });
  it('the nearest chair within reach, or none', () => {
    expect(chairAt(table, 11.2, 5.1)).toBe(0);
    expect(chairAt(table, 8.7, 5)).toBe(1);
    expect(chairAt(table, 10, 5)).toBeNull(); // the middle of the table: a metre from each
  });
});

describe('guests’ names at the chairs', () => {
  // Two round tables of ten side by side with an aisle of a metre between their chairs, as the floor draws them;
  // long names, as planners have.
  const room: Room = { id: 'r', name: 'Hall' };
  const plan: PlanState = {
    ...initialState(),
    rooms: { r: room },
    physicalTables: {
      a: { id: 'a', roomId: 'r', label: 'G-1', capacity: 10, x: 2, y: 2, rotation: 0 },
      b: { id: 'b', roomId: 'r', label: 'G-2', capacity: 10, x: 5.8, y: 2, rotation: 0 },
    },
  };
  const tables = floorRoom(plan, room, {}).tables;
  const long = Array.from({ length: 10 }, (_, i) => `Maximiliane Oberhuber-Lindqvist ${i}`);
  const placed = placeNames(tables, { a: long, b: long });
  /** A name written beside its chair (not numbered on it). */
  type Written = Extract<PlacedName, { shown: string }>;
  const written = (ns: readonly PlacedName[] | undefined): Written[] => (ns ?? []).flatMap((n) => (n.key === undefined ? [n] : []));
  /** A placed name's box in room metres, as wide as estimated. */
  const box = (t: string, n: Written) => {
    const at = tables.find((x) => x.id === t)!;
    const w = nameWidthM(n.shown);
    const left = at.x + n.x - w * { start: 0, middle: 0.5, end: 1 }[n.anchor];
    return { left, right: left + w, top: at.y + n.y - 0.76 * NAME_FONT_M, bottom: at.y + n.y + 0.24 * NAME_FONT_M, name: n.shown };
  };
  const all = Object.entries(placed).flatMap(([t, ns]) => written(ns).map((n) => box(t, n)));

  it('are written outside their table, beside their chair: none over either table top', () => {
    expect(all).toHaveLength(20);
    const over = all.filter((b) =>
      tables.some((t) => {
        // the nearest point of the box to the round top's centre
        const x = Math.max(b.left, Math.min(t.x, b.right));
        const y = Math.max(b.top, Math.min(t.y, b.bottom));
        return Math.hypot(x - t.x, y - t.y) < t.widthM / 2;
      }),
    );
    expect(over.map((b) => b.name)).toEqual([]);
  });

  it('are cut to the room they have in the whole room, so none runs into another, a neighbouring table’s neither', () => {
    const clashes = all.flatMap((a, i) =>
      all
        .slice(i + 1)
        .filter((b) => a.right > b.left && b.right > a.left && a.bottom > b.top && b.bottom > a.top)
        .map((b) => `${a.name} / ${b.name}`),
    );
    expect(clashes).toEqual([]);
    expect(all.every((b) => b.name.startsWith('Ma'))).toBe(true);
    // the names facing the aisle between the tables share it; those facing away have the most room
    const east = written(placed.b).find((n) => n.chair === 3)!;
    expect(east.anchor).toBe('start');
    expect(east.shown.length).toBeGreaterThan(written(placed.a).find((n) => n.chair === 3)!.shown.length);
  });

  it('keep clear of a stage beside their table: none is written over it', () => {
    // a stage a metre south of G-1's chairs, as wide as the table and its chairs
    const stage: Fixture = { id: 's', roomId: 'r', kind: 'stage', label: 'Stage', x: 2, y: 4.6, widthM: 4, depthM: 2, rotation: 0 };
    const hall = floorRoom({ ...plan, fixtures: { s: stage } }, room, {});
    const over = (p: Record<string, PlacedName[]>) =>
      Object.entries(p)
        .flatMap(([t, ns]) => written(ns).map((n) => box(t, n)))
        .filter((b) => b.right > 0 && b.left < 4 && b.bottom > 3.6 && b.top < 5.6)
        .map((b) => b.name);
    // placed as if the stage were not there, the names facing south would run onto it
    expect(over(placeNames(hall.tables, { a: long, b: long })).length).toBeGreaterThan(0);
    expect(over(placeNames(hall.tables, { a: long, b: long }, hall.fixtures))).toEqual([]);
  });

  it('a name that fits is written whole; one cut keeps at least its first letter', () => {
    expect(fitName('Ann Lee', 1)).toBe('Ann Lee');
    expect(fitName('Maximiliane', 0.7)).toBe('Maxi…'); // 4 × 0.68 em + 1 em of 0.18 m: 0.67 m
    expect(nameWidthM('Maxim…')).toBeGreaterThan(0.7);
    expect(fitName('Maximiliane', 0.01)).toBe('M…');
    expect(fitName('Ann Lee', 0.75)).toBe('Ann…'); // no space before the ellipsis
  });

  it('keep clear of a table’s number and the line under it where these are wider than its top', () => {
    // a table of ten named at length: its number (0.42 m bold) runs past the 1.8 m top, over where the side chairs' names start
    const family = {
      id: 'f',
      name: 'Family of the bride and groom',
      capacity: 10,
      vip: false,
      locked: false,
      physicalTableId: 'a',
      guestIds: long.map((_, i) => `g${i}`),
    };
    const [solo] = floorRoom({ physicalTables: { a: plan.physicalTables.a! }, fixtures: {} }, room, { a: family }).tables;
    const [number, fill] = tableWriting(solo!);
    expect(nameWidthM(number.text) * (number.size / NAME_FONT_M)).toBeGreaterThan(solo!.widthM + 1);
    const names = written(placeNames([solo!], { a: long }).a);
    expect(names).toHaveLength(10);
    const lines = [number, fill].map((line) => {
      const w = (nameWidthM(line.text) * line.size * 1.1) / NAME_FONT_M;
      return { left: solo!.x - w / 2, right: solo!.x + w / 2, top: solo!.y + line.y - 0.76 * line.size, bottom: solo!.y + line.y + 0.24 * line.size };
    });
    const over = names.filter((n) => {
      const b = box('a', n);
      return lines.some((o) => b.right > o.left && o.right > b.left && b.bottom > o.top && o.bottom > b.top);
    });
    expect(over.map((n) => n.shown)).toEqual([]);
  });
});

describe('a name with no room beside its chair on the floor', () => {
  // Two round tables of ten pushed together (their floors touch: 2.8 m between centres, 0.17 m between the chairs
  // facing each other), guests at the first one's chairs.
  const room: Room = { id: 'r', name: 'Hall' };
  const plan: Pick<PlanState, 'physicalTables' | 'fixtures'> = {
    physicalTables: {
      a: { id: 'a', roomId: 'r', label: 'G-1', capacity: 10, x: 2, y: 2, rotation: 0 },
      b: { id: 'b', roomId: 'r', label: 'G-2', capacity: 10, x: 4.8, y: 2, rotation: 0 },
    },
    fixtures: {},
  };
  const tables = floorRoom(plan, room, {}).tables;
  const guests = Array.from({ length: 10 }, (_, i) => `Annabel Oberhuber ${i}`);
  const placed = placeNames(tables, { a: guests }).a!;

  it('is numbered on its chair, never cut to a stub; the others are written, four letters or more', () => {
    const keyed = placed.filter((n) => n.key !== undefined);
    // the chairs east of the table, facing the other table's
    expect(keyed.map((n) => n.chair)).toEqual(expect.arrayContaining([2, 3]));
    expect(keyed.map((n) => n.key)).toEqual(keyed.map((_, i) => i + 1));
    for (const n of placed) if (n.key === undefined) expect(n.shown === n.name || [...n.shown.replace('…', '')].length >= 4, n.shown).toBe(true);
    // the number sits on its chair
    const chairs = turnedChairs(tables[0]!, 0);
    for (const n of keyed) {
      if (n.key === undefined) continue;
      const c = chairs[n.chair]!;
      expect(Math.hypot(n.x - c.x, n.y - 0.36 * n.size - c.y)).toBeLessThan(1e-9);
    }
  });

  it('is listed in the room’s key with its table and chair, and said in the table’s accessible name', () => {
    const key = nameKey(tables, { a: placed });
    const first = placed.find((n) => n.key === 1)!;
    expect(key[0]).toEqual({ key: 1, name: first.name, table: 'G-1', physicalId: 'a', chair: first.chair + 1 });
    expect(key.map((k) => k.key)).toEqual(key.map((_, i) => i + 1));
    expect(keyedNames(placed)).toContain(`numbered chairs: 1 ${first.name} (chair ${first.chair + 1})`);
    expect(keyedNames(placed.filter((n) => n.key === undefined))).toBe('');
  });
});
