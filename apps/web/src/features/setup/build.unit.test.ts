import { decide, entity, foldInto } from '@seatfold/domain';
import { describe, expect, it } from 'vitest';
import { smallPlan } from '../../app/testing.ts';
import { EMPTY_GUEST, guestCommand, guestValues, tableCommands } from './build.ts';

describe('what the guest form sends', () => {
  it('a new guest: only the fields filled in, with the id it is given', () => {
    expect(guestCommand({ ...EMPTY_GUEST, name: 'Eva Roth', dietary: 'vegan', vip: true }, null, () => 'g-1')).toEqual({
      type: 'addGuest',
      guestId: 'g-1',
      name: 'Eva Roth',
      dietary: 'vegan',
      vip: true,
    });
  });

  it('an existing guest: only what changed, and nothing when nothing changed', () => {
    const s = smallPlan();
    const anna = entity(s.guests, 'anna')!;
    expect(guestCommand(guestValues(anna), anna, () => 'unused')).toBeNull();
    expect(guestCommand({ ...guestValues(anna), name: 'Anna Müller-Roth', notes: 'wheelchair' }, anna, () => 'unused')).toEqual({
      type: 'editGuest',
      guestId: 'anna',
      changes: { name: 'Anna Müller-Roth', notes: 'wheelchair' },
    });
  });
});

describe('what the table form sends', () => {
  it('unlocks before editing a locked table, and the domain accepts the sequence', () => {
    const s = smallPlan();
    const vip = entity(s.tables, 'tv')!;
    const cmds = tableCommands(vip, { name: 'Top table', capacity: 6, vip: true, locked: false });
    expect(cmds.map((c) => c.type)).toEqual(['unlockTable', 'editTable']);
    for (const c of cmds) {
      const d = decide(s, c);
      expect(d.ok).toBe(true);
      if (d.ok) foldInto(s, d.events);
    }
    expect(entity(s.tables, 'tv')).toMatchObject({ name: 'Top table', capacity: 6, locked: false });
  });

  it('locks after editing, and sends nothing when nothing changed', () => {
    const t2 = entity(smallPlan().tables, 't2')!;
    expect(tableCommands(t2, { name: '2', capacity: 10, vip: false, locked: false })).toEqual([]);
    expect(tableCommands(t2, { name: '2', capacity: 12, vip: false, locked: true })).toEqual([
      { type: 'editTable', tableId: 't2', changes: { capacity: 12 } },
      { type: 'lockTable', tableId: 't2' },
    ]);
  });
});
