import { describe, expect, it } from 'vitest';
import type { FloorTable } from './layout.ts';
import { chairAt, chairSpots, reorderedSeats } from './useChairDrag.ts';
import { fitName, NAME_FONT_M, nameSpot, nameWidthM, nameWidths, turnedChairs } from './chairs.ts';
import { floorRoom } from './layout.ts';
import { initialState, type PlanState, type Room } from '@seatfold/domain';

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
  // A round table of ten as the floor draws it, its names where they are written; long names, as planners have.
  const room: Room = { id: 'r', name: 'Hall' };
  const plan: PlanState = {
    ...initialState(),
    rooms: { r: room },
    physicalTables: { a: { id: 'a', roomId: 'r', label: 'G-1', capacity: 10 } },
  };
  const spots = turnedChairs(floorRoom(plan, room, {}).tables[0]!, 0).map(nameSpot);
  const names = Array.from({ length: 10 }, (_, i) => `Maximiliane Oberhuber-Lindqvist ${i}`);
  /** Pairs of names that run into each other, written `shown` (centred; as wide as estimated). */
  const clashes = (shown: string[]) => {
    const w = shown.map(nameWidthM);
    const out: [number, number][] = [];
    for (let i = 0; i < spots.length; i++)
      for (let j = i + 1; j < spots.length; j++)
        if (Math.abs(spots[i]!.y - spots[j]!.y) < NAME_FONT_M && (w[i]! + w[j]!) / 2 > Math.abs(spots[i]!.x - spots[j]!.x)) out.push([i, j]);
    return out;
  };

  it('ran into each other written whole: chairs stand closer than a long name is wide', () => {
    expect(clashes(names).length).toBeGreaterThan(0);
  });

  it('are cut to the room between their neighbours, so none runs into another', () => {
    const widths = nameWidths(spots);
    const shown = names.map((n, i) => fitName(n, widths[i]!));
    expect(clashes(shown)).toEqual([]);
    expect(shown.every((n) => n.endsWith('…') && n.startsWith('Max'))).toBe(true);
  });

  it('a name that fits is written whole; one cut keeps at least its first letter', () => {
    expect(fitName('Ann Lee', 1)).toBe('Ann Lee');
    expect(fitName('Maximiliane', 0.7)).toBe('Maxi…'); // 4 × 0.68 em + 1 em of 0.18 m: 0.67 m
    expect(nameWidthM('Maxim…')).toBeGreaterThan(0.7);
    expect(fitName('Maximiliane', 0.01)).toBe('M…');
    expect(fitName('Ann Lee', 0.75)).toBe('Ann…'); // no space before the ellipsis
  });
});
