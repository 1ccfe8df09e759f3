import { describe, expect, it } from 'vitest';
import { cloneState, decide, describeEvent, describeRemoval, type Command, type PlanState } from './core.ts';
import { planOf } from './testing/harness.ts';

/** The events `command` makes on `s` and the sentence the timeline writes for each, on the plan just before it. */
function sentences(s: PlanState, command: Command): string[] {
  const d = decide(s, command);
  if (!d.ok) throw new Error(d.error.message);
  return d.events.map((e) => describeEvent(e, s));
}

describe('describeEvent: an edit says its fields in the forms’ words, never a stored key or id', () => {
  const s = planOf([
    { type: 'createPlan', name: 'Gala' },
    { type: 'addRoom', roomId: 'room-7f3a', name: 'Hall A' },
    { type: 'addRoom', roomId: 'room-91bc', name: 'Garden' },
    { type: 'addPhysicalTable', physicalTableId: 'p-1', roomId: 'room-7f3a', label: 'G-07', capacity: 8 },
    { type: 'addTable', tableId: 't-7', name: '7', capacity: 8 },
    { type: 'addGuest', guestId: 'anna', name: 'Anna Müller', dietary: 'vegan' },
  ]);

  it('a guest: guest number, VIP yes/no, dietary needs', () => {
    expect(sentences(s, { type: 'editGuest', guestId: 'anna', changes: { ref: 'G-12', vip: true, dietary: 'halal' } })).toEqual([
      'changed Anna Müller: dietary needs “vegan” → “halal”, VIP no → yes, guest number (empty) → “G-12”',
    ]);
  });

  it('a physical table moved to another room names both rooms', () => {
    expect(sentences(s, { type: 'editPhysicalTable', physicalTableId: 'p-1', changes: { roomId: 'room-91bc', capacity: 10 } })).toEqual([
      'changed physical table G-07 (Hall A): room Hall A → Garden, seats 8 → 10',
    ]);
  });

  it('a physical table given its first place on the floor is positioned, then moved: never "placed", which is a plan table’s', () => {
    const first = planOf(
      [{ type: 'arrangeFloor', roomId: 'room-7f3a', moves: [{ kind: 'table', id: 'p-1', x: 2, y: 3, rotation: 0 }] }],
      cloneState(s),
    );
    expect(sentences(s, { type: 'arrangeFloor', roomId: 'room-7f3a', moves: [{ kind: 'table', id: 'p-1', x: 2, y: 3, rotation: 0 }] })).toEqual([
      'positioned table G-07 in Hall A',
    ]);
    expect(sentences(first, { type: 'arrangeFloor', roomId: 'room-7f3a', moves: [{ kind: 'table', id: 'p-1', x: 4, y: 3, rotation: 0 }] })).toEqual([
      'moved table G-07 in Hall A',
    ]);
  });

  it('a table made VIP', () => {
    expect(sentences(s, { type: 'editTable', tableId: 't-7', changes: { vip: true } })).toEqual(['changed table 7: VIP no → yes']);
  });
});

describe('describeRemoval: a removal is said as one, with what it took along', () => {
  const s = planOf([
    { type: 'createPlan', name: 'Gala' },
    { type: 'addRoom', roomId: 'hall', name: 'Hall' },
    { type: 'addPhysicalTable', physicalTableId: 'p-1', roomId: 'hall', label: 'A-11', capacity: 8 },
    { type: 'addTable', tableId: 't-5', name: '5', capacity: 8 },
    { type: 'mapTable', tableId: 't-5', physicalTableId: 'p-1' },
    { type: 'addGuest', guestId: 'ann', name: 'Ann Lee' },
    { type: 'addGuest', guestId: 'bo', name: 'Bo Chan' },
    { type: 'seatGuest', guestId: 'ann', tableId: 't-5' },
    { type: 'seatGuest', guestId: 'bo', tableId: 't-5' },
  ]);
  const said = (c: Command) => {
    const d = decide(s, c);
    if (!d.ok) throw new Error(d.error.message);
    return describeRemoval(d.events, s);
  };

  it('a table with its guests, a physical table with the table on it, a seated guest', () => {
    expect(said({ type: 'removeTable', tableId: 't-5' })).toBe('removed table 5 (2 guests unseated)');
    expect(said({ type: 'removePhysicalTable', physicalTableId: 'p-1' })).toBe('removed physical table A-11 (table 5 taken off it)');
    expect(said({ type: 'removeGuest', guestId: 'ann' })).toBe('removed guest Ann Lee (from table 5)');
    // not a removal: each event is said on its own
    expect(said({ type: 'unseatGuest', guestId: 'ann' })).toBeNull();
  });
});
