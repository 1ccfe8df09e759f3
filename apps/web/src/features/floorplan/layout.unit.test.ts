import { autoLayout, type LogicalTable, type PhysicalTable, type Room } from '@seatfold/domain';
import { describe, expect, it } from 'vitest';
import { floorRoom } from './layout.ts';

const room: Room = { id: 'r', name: 'Hall', widthM: 20, depthM: 10 };
const table = (id: string, label: string, at?: { x: number; y: number; rotation?: number }): PhysicalTable => ({
  id,
  roomId: 'r',
  label,
  capacity: 8,
  ...at,
});
const floorOf = (tables: PhysicalTable[]) => floorRoom({ physicalTables: Object.fromEntries(tables.map((t) => [t.id, t])), fixtures: {} }, room, {});

describe('where the floor draws each table', () => {
  it('placed tables where they were placed, the others on the automatic grid of all the room’s tables', () => {
    const tables = [table('a', 'T-1', { x: 3, y: 4, rotation: 90 }), table('b', 'T-2'), table('c', 'T-10')];
    const grid = autoLayout(room, tables);
    const drawn = floorOf(tables).tables.map((t) => ({ id: t.id, x: t.x, y: t.y, rotation: t.rotation, placed: t.placed }));
    expect(drawn).toEqual([
      { id: 'a', x: 3, y: 4, rotation: 90, placed: true },
      { id: 'b', ...grid.b, placed: false },
      { id: 'c', ...grid.c, placed: false },
    ]);
  });
  it('a room whose tables are all placed draws each at its own place', () => {
    const drawn = floorOf([table('a', 'T-1', { x: 3, y: 4 }), table('b', 'T-2', { x: 0, y: 0, rotation: 45 })]).tables;
    expect(drawn.map((t) => [t.x, t.y, t.rotation, t.placed])).toEqual([
      [3, 4, 0, true],
      [0, 0, 45, true],
    ]);
  });
});

describe('the seats the floor draws for a table', () => {
  const plan = (capacity: number): LogicalTable => ({
    id: 't',
    name: '24',
    capacity,
    vip: false,
    locked: false,
    physicalTableId: 'a',
    guestIds: [],
  });
  const seatsOf = (placement: Record<string, LogicalTable>) => {
    const t = floorRoom({ physicalTables: { a: table('a', 'G-12') }, fixtures: {} }, room, placement).tables[0]!;
    return [t.capacity, t.seats, t.chairs.length];
  };
  it('are the plan table’s on it, no more than the physical table’s, else the physical table’s own', () => {
    expect(seatsOf({ a: plan(6) })).toEqual([8, 6, 6]);
    expect(seatsOf({ a: plan(10) })).toEqual([8, 8, 8]); // decide seats no more than the physical table holds
    expect(seatsOf({})).toEqual([8, 8, 8]);
  });
});
