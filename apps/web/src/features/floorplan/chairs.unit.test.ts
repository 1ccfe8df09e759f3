import { describe, expect, it } from 'vitest';
import type { FloorTable } from './layout.ts';
import { chairAt, chairSpots, reorderedSeats } from './useChairDrag.ts';

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
