import { decide, evolve, initialState, type Command } from '@seatfold/domain';
import { describe, expect, it } from 'vitest';
import { planOf } from '@seatfold/domain/testing';
import { roomPage, type PrintPage } from './print-model.ts';

/** An estimate of the print font's widths (the real ones are read from its file: print-names.int.test.ts). */
const measure = (text: string, size: number) => text.length * size * 0.6;

describe('a room printed for the venue', () => {
  it('draws the chairs a guest can take: the plan table’s seats on a larger physical table, all of an empty one', () => {
    const s = initialState();
    const commands: Command[] = [
      { type: 'createPlan', name: 'Gala' },
      { type: 'addRoom', roomId: 'r1', name: 'Hall' },
      { type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'r1', label: 'H-1', capacity: 12 },
      { type: 'addPhysicalTable', physicalTableId: 'p2', roomId: 'r1', label: 'H-2', capacity: 8 },
      { type: 'addTable', tableId: 't1', name: '1', capacity: 10 },
      { type: 'mapTable', tableId: 't1', physicalTableId: 'p1' },
    ];
    for (const c of commands) {
      const d = decide(s, c);
      if (!d.ok) throw new Error(d.error.message);
      d.events.forEach((e) => evolve(s, e));
    }
    // Chairs are the small circles drawn with a 0.5 pt line (table tops use 0.8).
    const chairs = roomPage(s, 'r1', false, null, measure).prims.filter((p) => p.t === 'poly' && p.width === 0.5);
    expect(chairs).toHaveLength(10 + 8);
  });

  it('draws a room nobody has sized with a dashed outline, not as walls, and says so; a sized one with walls', () => {
    const s = planOf([
      { type: 'createPlan', name: 'Gala' },
      { type: 'addRoom', roomId: 'r1', name: 'Hall' },
      { type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'r1', label: 'H-1', capacity: 8 },
    ]);
    const outline = (page: PrintPage) => page.prims.find((p) => p.t === 'poly')!;
    const unsized = roomPage(s, 'r1', false, null, measure);
    expect(outline(unsized)).toMatchObject({ dash: true });
    expect(unsized.prims.some((p) => p.t === 'text' && p.text.startsWith('size not set (the dashed line is not a wall)'))).toBe(true);
    const sized = planOf([{ type: 'setRoomSize', roomId: 'r1', widthM: 20, depthM: 10 }], s);
    expect(outline(roomPage(sized, 'r1', false, null, measure))).not.toHaveProperty('dash');
  });
});
