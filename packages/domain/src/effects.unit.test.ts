import { describe, expect, it } from 'vitest';
import { describeEffects, initialState, planRevert, type Command, type PlanEvent, type RecordedEvent } from './index.ts';
import { applied, planOf } from './testing/index.ts';

describe('describeEffects', () => {
  const v = 1 as const;
  const events: PlanEvent[] = [
    { type: 'PhysicalTableAdded', v, physicalTableId: 'p1', roomId: 'r', label: 'A', capacity: 8 },
    { type: 'PhysicalTableAdded', v, physicalTableId: 'p2', roomId: 'r', label: 'B', capacity: 8 },
    { type: 'PhysicalTableAdded', v, physicalTableId: 'p3', roomId: 'r', label: 'C', capacity: 8 },
    { type: 'GuestUnseated', v, guestId: 'g1', tableId: 't' },
    { type: 'GuestPinned', v, guestId: 'g1', pinned: false },
    { type: 'GuestPinned', v, guestId: 'g2', pinned: true },
    {
      type: 'FloorArranged',
      v,
      roomId: 'r',
      moves: [
        { kind: 'table', id: 'p1', to: { x: 1, y: 1, rotation: 0 }, from: null },
        { kind: 'fixture', id: 'f1', to: { x: 2, y: 2, rotation: 0 }, from: null },
      ],
    },
  ];

  it('counts what the events do, most frequent first, in the tense asked for', () => {
    expect(describeEffects(events, 'will')).toEqual([
      'add 3 physical tables',
      'move 2 items on the floor plan',
      'unseat 1 guest',
      'unpin 1 guest',
      'pin 1 guest',
    ]);
    expect(describeEffects(events, 'did')).toEqual([
      'added 3 physical tables',
      'moved 2 items on the floor plan',
      'unseated 1 guest',
      'unpinned 1 guest',
      'pinned 1 guest',
    ]);
    expect(describeEffects([], 'will')).toEqual([]);
  });

  it('a table taken off its physical table is said in the timeline\'s words, not the command\'s ("unmap")', () => {
    const off: PlanEvent[] = ['t1', 't2'].map((tableId) => ({ type: 'TableUnmapped', v, tableId, physicalTableId: `p-${tableId}` }));
    expect(describeEffects(off, 'will')).toEqual(['take 2 tables off their physical tables']);
    expect(describeEffects(off.slice(1), 'did')).toEqual(['took 1 table off its physical table']);
  });

  it('does not count what happens on the way to a removal: a guest unseated and removed is removed', () => {
    const s = planOf([
      { type: 'createPlan', name: 'Party' },
      { type: 'addRoom', roomId: 'r', name: 'Hall' },
      { type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'r', label: 'A', capacity: 8 },
      { type: 'addPhysicalTable', physicalTableId: 'p2', roomId: 'r', label: 'B', capacity: 8 },
      { type: 'addTable', tableId: 't', name: '1', capacity: 4 },
      { type: 'addTable', tableId: 't2', name: '2', capacity: 4 },
      { type: 'mapTable', tableId: 't', physicalTableId: 'p1' },
      { type: 'mapTable', tableId: 't2', physicalTableId: 'p2' },
      { type: 'addGuest', guestId: 'g1', name: 'Gina' },
      { type: 'addGuest', guestId: 'g2', name: 'Gus' },
      { type: 'seatGuest', guestId: 'g1', tableId: 't' },
      { type: 'seatGuest', guestId: 'g2', tableId: 't' },
    ]);
    const made = (
      [
        { type: 'removeGuest', guestId: 'g1' },
        { type: 'unseatGuest', guestId: 'g2' },
        { type: 'removePhysicalTable', physicalTableId: 'p1' },
        { type: 'removeTable', tableId: 't2' },
      ] satisfies Command[]
    ).flatMap((c) => applied(s, c));
    // made: g1 unseated and removed, g2 unseated, t unmapped from p1 and p1 removed, t2 unmapped and removed
    expect(made.map((e) => e.type)).toContain('GuestUnseated');
    expect(made.filter((e) => e.type === 'TableUnmapped')).toHaveLength(2);
    expect(describeEffects(made, 'will')).toEqual([
      'remove 1 guest',
      'unseat 1 guest',
      'take 1 table off its physical table',
      'remove 1 physical table',
      'remove 1 table',
    ]);
  });
});

describe('planRevert tells what the revert does', () => {
  it('a batch that added tables and seated a guest is taken back by removing and unseating, not "restoring"', () => {
    const s = initialState();
    const log: RecordedEvent[] = [];
    const run = (c: Command, batchId: string | null) => {
      const from = s.version;
      applied(s, c).forEach((event, i) =>
        log.push({ version: from + i + 1, event, actor: 'Ann', actorId: 'ann', commandId: `c${from + i + 1}`, batchId }),
      );
    };
    run({ type: 'createPlan', name: 'Party' }, null);
    run({ type: 'addRoom', roomId: 'r1', name: 'Hall' }, null);
    run({ type: 'addGuest', guestId: 'g1', name: 'Gina' }, null);
    run({ type: 'addTable', tableId: 't1', name: '1', capacity: 4 }, null);
    const before = s.version;
    for (const [i, label] of ['H-1', 'H-2'].entries()) {
      run({ type: 'addPhysicalTable', physicalTableId: `p${i}`, roomId: 'r1', label, capacity: 4 }, 'b1');
    }
    run({ type: 'seatGuest', guestId: 'g1', tableId: 't1' }, 'b1');

    const plan = planRevert(
      s,
      log.filter((e) => e.batchId === 'b1'),
      log.filter((e) => e.version > s.version),
    );
    expect(plan.restored).toBe(3);
    expect(plan.events.map((e) => e.type)).toEqual(['GuestUnseated', 'PhysicalTableRemoved', 'PhysicalTableRemoved']);
    expect(describeEffects(plan.events, 'will')).toEqual(['remove 2 physical tables', 'unseat 1 guest']);

    // The events are what the commands make: applied, the plan is back where it was before the batch.
    for (const c of plan.commands) applied(s, c);
    expect(Object.keys(s.physicalTables)).toEqual([]);
    expect(s.guests.g1!.tableId).toBeNull();
    expect(Object.keys(s.tables)).toEqual(['t1']);
    expect(s.version).toBe(before + 3 + 3);
  });
});
