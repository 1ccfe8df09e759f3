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
      expected: { name: anna.name, notes: anna.notes },
    });
  });

  it('an existing guest changed by somebody else while the form was open: only the planner’s own edits go', () => {
    const anna = entity(smallPlan().guests, 'anna')!;
    const shown = guestValues(anna);
    const now = { ...anna, dietary: 'halal' }; // a colleague's edit, after the form opened
    expect(guestCommand({ ...shown, name: 'Anna Roth' }, now, () => 'unused', shown)).toEqual({
      type: 'editGuest',
      guestId: 'anna',
      changes: { name: 'Anna Roth' },
      expected: { name: anna.name },
    });
  });

  it('carries what each change replaces as the form showed it: a colleague’s change to that field since refuses it as stale', () => {
    const s = smallPlan();
    const anna = entity(s.guests, 'anna')!;
    const shown = guestValues(anna);
    const command = guestCommand({ ...shown, name: 'Anna Roth' }, anna, () => 'unused', shown)!;
    // meanwhile a colleague renamed her
    const renamed = decide(s, { type: 'editGuest', guestId: 'anna', changes: { name: 'Anna Schulz' } });
    const after = foldInto(s, renamed.ok ? renamed.events : []);
    const d = decide(after, command);
    expect(d.ok ? null : d.error).toMatchObject({
      code: 'Stale',
      message: 'Anna Müller was just renamed to “Anna Schulz” — save again if you still want your change (name “Anna Roth”).',
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

  it('sends only what the planner changed from what the form showed: a colleague’s newer values stay', () => {
    const t2 = { id: 't2', name: '2', capacity: 10, vip: false, locked: false, guestIds: [], physicalTableId: null } as unknown as Parameters<
      typeof tableCommands
    >[0];
    const shown = { name: '2', capacity: 10, vip: false, locked: false };
    // Meanwhile somebody set 12 seats and locked it; the planner only renamed it.
    const now = { ...t2, capacity: 12, locked: true };
    expect(tableCommands(now, { ...shown, name: 'Two' }, shown)).toEqual([{ type: 'editTable', tableId: 't2', changes: { name: 'Two' } }]);
    expect(tableCommands(now, { ...shown, locked: false }, shown)).toEqual([]);
  });
});
