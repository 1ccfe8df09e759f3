import { describe, expect, it } from 'vitest';
import { dropCommand, dropVerdict } from './dnd.ts';
import { smallPlan } from './testing.ts';

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

  it('seats an unseated guest dropped on a chip at that chip’s table', () => {
    expect(dropCommand(guest('dan'), { kind: 'chip', guestId: 'cara' }, s)).toEqual({ type: 'seatGuest', guestId: 'dan', tableId: 't2' });
  });

  it('unseats a seated guest dropped on the guest list, and ignores an unseated one', () => {
    expect(dropCommand(guest('cara'), { kind: 'unseat' }, s)).toEqual({ type: 'unseatGuest', guestId: 'cara' });
    expect(dropCommand(guest('dan'), { kind: 'unseat' }, s)).toBeNull();
  });

  it('maps a logical table onto a physical table, and unmaps it from the tray', () => {
    expect(dropCommand(table('t2'), { kind: 'physical', physicalTableId: 'p2' }, s)).toEqual({ type: 'mapTable', tableId: 't2', physicalTableId: 'p2' });
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
