import { decide, evolve, initialState, type Command } from '@seatfold/domain';
import { describe, expect, it } from 'vitest';
import { roomPage } from './print-model.ts';

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
    const chairs = roomPage(s, 'r1', false, null, (text, size) => text.length * size * 0.6).prims.filter((p) => p.t === 'poly' && p.width === 0.5);
    expect(chairs).toHaveLength(10 + 8);
  });
});
