import { describe, expect, it } from 'vitest';
import type { Command } from '@seatfold/domain';
import { dropCommand, dropVerdict, swapSentence, withSeen } from './dnd.ts';
import { decide, evolve } from '@seatfold/domain';
import { planFrom, smallPlan } from './testing.ts';

const guest = (guestId: string) => ({ kind: 'guest', guestId }) as const;
const table = (tableId: string) => ({ kind: 'table', tableId }) as const;

describe('dropCommand: what a drop means', () => {
  const s = smallPlan();

  it('seats an unseated guest dropped on a table', () => {
    expect(dropCommand(guest('dan'), table('t2'), s)).toEqual({ type: 'seatGuest', guestId: 'dan', tableId: 't2' });
  });

  it('moves a seated guest dropped on another table', () => {
    expect(dropCommand(guest('anna'), table('t2'), s)).toEqual({ type: 'moveGuest', guestId: 'anna', tableId: 't2' });
  });

  it('does nothing when a guest is dropped on their own table or their own chip', () => {
    expect(dropCommand(guest('anna'), table('t1'), s)).toBeNull();
    expect(dropCommand(guest('anna'), { kind: 'chip', guestId: 'anna' }, s)).toBeNull();
    expect(dropCommand(guest('anna'), { kind: 'chip', guestId: 'ben' }, s)).toBeNull(); // same table
  });

  it('swaps two seated guests when a chip is dropped on a chip at another table', () => {
    expect(dropCommand(guest('anna'), { kind: 'chip', guestId: 'cara' }, s)).toEqual({ type: 'swapGuests', guestId: 'anna', otherGuestId: 'cara' });
  });

  it('announces a swap with where each guest sits after it, not the other guest at the first one’s old table', () => {
    const after = smallPlan();
    const d = decide(after, dropCommand(guest('anna'), { kind: 'chip', guestId: 'cara' }, after)!);
    if (d.ok) for (const e of d.events) evolve(after, e);
    expect(swapSentence('anna', 'cara', after)).toBe(
      'Swapped Anna Müller and Cara Klein: Anna Müller now sits at table “2”, Cara Klein at table “1”.',
    );
  });

  it('seats an unseated guest dropped on a chip at that chip’s table', () => {
    expect(dropCommand(guest('dan'), { kind: 'chip', guestId: 'cara' }, s)).toEqual({ type: 'seatGuest', guestId: 'dan', tableId: 't2' });
  });

  it('unseats a seated guest dropped on the guest list, and ignores an unseated one', () => {
    expect(dropCommand(guest('cara'), { kind: 'unseat' }, s)).toEqual({ type: 'unseatGuest', guestId: 'cara' });
    expect(dropCommand(guest('dan'), { kind: 'unseat' }, s)).toBeNull();
  });

  it('maps a logical table onto a physical table, and unmaps it from the tray', () => {
    expect(dropCommand(table('t2'), { kind: 'physical', physicalTableId: 'p2' }, s)).toEqual({
      type: 'mapTable',
      tableId: 't2',
      physicalTableId: 'p2',
    });
    expect(dropCommand(table('t1'), { kind: 'physical', physicalTableId: 'p1' }, s)).toBeNull();
    expect(dropCommand(table('t1'), { kind: 'tray' }, s)).toEqual({ type: 'unmapTable', tableId: 't1' });
    expect(dropCommand(table('t2'), { kind: 'tray' }, s)).toBeNull();
  });

  it('ignores sources dropped on targets of the other kind, and unknown ids', () => {
    expect(dropCommand(guest('anna'), { kind: 'physical', physicalTableId: 'p2' }, s)).toBeNull();
    expect(dropCommand(table('t1'), table('t2'), s)).toBeNull();
    expect(dropCommand(guest('nobody'), table('t2'), s)).toBeNull();
    expect(dropCommand(table('gone'), { kind: 'tray' }, s)).toBeNull();
  });
});

describe('dropVerdict: marking targets while dragging', () => {
  const s = smallPlan();

  it('says ok for a drop the plan accepts', () => {
    expect(dropVerdict(guest('dan'), table('t2'), s).state).toBe('ok');
  });

  it('refuses a full table with the domain’s reason', () => {
    const v = dropVerdict(guest('dan'), table('t1'), s);
    expect(v.state).toBe('refused');
    if (v.state === 'refused') {
      expect(v.code).toBe('TableFull');
      expect(v.reason).toContain('is full');
    }
  });

  it('refuses a locked table', () => {
    const v = dropVerdict(guest('dan'), table('tv'), s);
    expect(v).toMatchObject({ state: 'refused', code: 'TableLocked' });
  });

  it('refuses a physical table that already holds another table', () => {
    expect(dropVerdict(table('t2'), { kind: 'physical', physicalTableId: 'p1' }, s)).toMatchObject({ state: 'refused', code: 'PhysicalTableTaken' });
  });

  it('is noop where the drop changes nothing', () => {
    expect(dropVerdict(guest('anna'), table('t1'), s)).toEqual({ state: 'noop' });
  });
});

describe('drops carry what the planner saw at pick-up', () => {
  it('records the guest’s table, the table’s place and the party’s seats', () => {
    const s = smallPlan();
    expect(withSeen(guest('dan'), s)).toEqual({ kind: 'guest', guestId: 'dan', seenTableId: null });
    expect(withSeen(guest('anna'), s)).toEqual({ kind: 'guest', guestId: 'anna', seenTableId: 't1' });
    expect(withSeen({ kind: 'table', tableId: 't1' }, s)).toEqual({ kind: 'table', tableId: 't1', seenPhysicalTableId: 'p1' });
  });

  it('an unseated guest somebody else seated meanwhile: the drop is refused as stale, never turned into a move', () => {
    const atPickUp = withSeen(guest('dan'), smallPlan());
    const now = planFrom([...setup(), { type: 'seatGuest', guestId: 'dan', tableId: 't2' }]);
    const v = dropVerdict(atPickUp, table('tv'), now);
    expect(v).toMatchObject({
      state: 'refused',
      code: 'Stale',
      command: { type: 'seatGuest', guestId: 'dan', tableId: 'tv', expectedTableId: null },
    });
    expect(v.state === 'refused' && v.reason).toBe('Dan Wolf was just seated at table “2” — drop again if you still want to move them.');
  });

  it('a table placed by somebody else meanwhile: the placement is refused as stale', () => {
    const atPickUp = withSeen({ kind: 'table', tableId: 't2' }, smallPlan());
    const now = planFrom([
      ...setup(),
      { type: 'mapTable', tableId: 't2', physicalTableId: 'p2' },
      { type: 'addPhysicalTable', physicalTableId: 'p3', roomId: 'r1', label: 'P3', capacity: 10 },
    ]);
    expect(dropVerdict(atPickUp, { kind: 'physical', physicalTableId: 'p3' }, now)).toMatchObject({ state: 'refused', code: 'Stale' });
  });
});

describe('a party dropped on a table', () => {
  const withParty = () =>
    planFrom([
      ...setup(),
      { type: 'editGuest', guestId: 'dan', changes: { party: 'Wolf' } },
      { type: 'addGuest', guestId: 'eva', name: 'Eva Wolf', party: 'wolf ' },
      { type: 'addGuest', guestId: 'fin', name: 'Fin Wolf', party: 'Wolf' },
    ]);

  it('seats the whole party with what was seen, on a table or on a chip at that table', () => {
    const s = withParty();
    const party = withSeen({ kind: 'party', party: 'Wolf' }, s);
    const expected = [
      { guestId: 'dan', tableId: null },
      { guestId: 'eva', tableId: null },
      { guestId: 'fin', tableId: null },
    ];
    expect(dropCommand(party, table('t2'), s)).toEqual({ type: 'seatParty', party: 'Wolf', tableId: 't2', expected });
    expect(dropCommand(party, { kind: 'chip', guestId: 'cara' }, s)).toEqual({ type: 'seatParty', party: 'Wolf', tableId: 't2', expected });
    expect(dropCommand(party, { kind: 'unseat' }, s)).toBeNull();
  });

  it('is refused whole with the numbers when the table is too small', () => {
    const s = withParty();
    const v = dropVerdict(withSeen({ kind: 'party', party: 'Wolf' }, s), table('t1'), s);
    expect(v).toMatchObject({ state: 'refused', code: 'TableFull', reason: 'Party Wolf (3): table “1” has 0 free seats.' });
  });
});

function setup(): Command[] {
  return [
    { type: 'createPlan', name: 'Test' },
    { type: 'addRoom', roomId: 'r1', name: 'Hall' },
    { type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'r1', label: 'P1', capacity: 2 },
    { type: 'addPhysicalTable', physicalTableId: 'p2', roomId: 'r1', label: 'P2', capacity: 10 },
    { type: 'addTable', tableId: 't1', name: '1', capacity: 2 },
    { type: 'addTable', tableId: 't2', name: '2', capacity: 10 },
    { type: 'addTable', tableId: 'tv', name: 'VIP', capacity: 4, vip: true },
    { type: 'mapTable', tableId: 't1', physicalTableId: 'p1' },
    { type: 'addGuest', guestId: 'anna', name: 'Anna Müller' },
    { type: 'addGuest', guestId: 'ben', name: 'Ben Braun' },
    { type: 'addGuest', guestId: 'cara', name: 'Cara Klein' },
    { type: 'addGuest', guestId: 'dan', name: 'Dan Wolf' },
    { type: 'seatGuest', guestId: 'anna', tableId: 't1' },
    { type: 'seatGuest', guestId: 'ben', tableId: 't1' },
    { type: 'seatGuest', guestId: 'cara', tableId: 't2' },
  ];
}
