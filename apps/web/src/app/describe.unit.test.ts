import { decide } from '@seatfold/domain';
import { describe, expect, it } from 'vitest';
import { rejectionText, tablesTouched } from './describe.ts';
import { smallPlan } from './testing.ts';

describe('rejection messages', () => {
  const s = smallPlan();

  it('reads "Could not seat <name>: <reason>" with the domain’s own reason', () => {
    const c = { type: 'seatGuest', guestId: 'dan', tableId: 't1' } as const;
    const d = decide(s, c);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(rejectionText(c, d.error.message, s)).toBe('Could not seat Dan Wolf: Table “1” is full (2 of 2 seats taken).');
  });

  it('names both guests of a swap and ends with a full stop once', () => {
    expect(rejectionText({ type: 'swapGuests', guestId: 'anna', otherGuestId: 'cara' }, 'Forbidden', s)).toBe(
      'Could not swap Anna Müller and Cara Klein: Forbidden.',
    );
    expect(rejectionText({ type: 'unseatGuest', guestId: 'anna' }, 'Nope.', s)).toBe('Could not unseat Anna Müller: Nope.');
  });

  it('describes table placement with the physical label', () => {
    expect(rejectionText({ type: 'mapTable', tableId: 't2', physicalTableId: 'p1' }, 'Taken.', s)).toBe('Could not place table “2” on P1: Taken.');
  });

  it('survives ids that no longer exist', () => {
    expect(rejectionText({ type: 'moveGuest', guestId: 'gone', tableId: 't2' }, 'Gone.', s)).toBe(
      'Could not move a guest who has since been removed: Gone.',
    );
  });
});

describe('tablesTouched (what flashes on rollback)', () => {
  const s = smallPlan();
  it('is the target and the guest’s current table for a move', () => {
    expect(tablesTouched({ type: 'moveGuest', guestId: 'anna', tableId: 't2' }, s).sort()).toEqual(['t1', 't2']);
  });
  it('is both tables of a swap and nothing for an unseated guest', () => {
    expect(tablesTouched({ type: 'swapGuests', guestId: 'anna', otherGuestId: 'cara' }, s).sort()).toEqual(['t1', 't2']);
    expect(tablesTouched({ type: 'unseatGuest', guestId: 'dan' }, s)).toEqual([]);
  });
});
