import { describe, expect, it } from 'vitest';
import type { Command } from '@seatfold/domain';
import { describePending } from './pending.ts';
import { smallPlan } from './testing.ts';

const waiting = (...commands: Command[]) => commands.map((command, i) => ({ commandId: `c${i}`, command, batchId: null, ackedAt: null }));

describe('changes waiting to sync, as the planner made them', () => {
  it('tells each in order, decided on the ones before it, and says which the plan now refuses', () => {
    const s = smallPlan(); // table 1 holds Anna and Ben and is full; Dan is unseated
    const lines = describePending(
      s,
      waiting(
        { type: 'seatGuest', guestId: 'dan', tableId: 't1' }, // full: refused
        { type: 'unseatGuest', guestId: 'anna' },
        { type: 'seatGuest', guestId: 'dan', tableId: 't1' }, // Anna's seat, freed by the change before it
        { type: 'removeTable', tableId: 't2' }, // Cara unseated with it: two changes
      ),
      50,
    );
    expect(lines.map((l) => l.refused)).toEqual([true, false, false, false]);
    expect(lines[0]!.text).toMatch(/^Seat Dan Wolf: Table “1” is full/);
    expect(lines[1]!.text).toMatch(/^Took Anna Müller off table 1$/);
    expect(lines[2]!.text).toMatch(/^Seated Dan Wolf at table 1/);
    expect(lines[3]!.text).toMatch(/^Remove table “2” \(\d+ changes\)$/);
    // The stored plan is left as it was.
    expect(s.guests).toEqual(smallPlan().guests);
  });

  it('tells at most the first `limit`', () => {
    const lines = describePending(smallPlan(), waiting(...Array.from({ length: 5 }, () => ({ type: 'unseatGuest', guestId: 'cara' }) as const)), 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.refused).toBe(true); // Cara is unseated by the first
  });
});
