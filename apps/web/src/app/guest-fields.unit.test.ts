import { guestLabels, GUEST_LABEL_FIELDS, type Command, type PlanState } from '@seatfold/domain/core';
import { describe, expect, it } from 'vitest';
import { onGuestFields, sameOn } from './guest-fields.ts';
import { planFrom } from './testing.ts';

const setup: Command[] = [
  { type: 'createPlan', name: 'Test' },
  { type: 'addTable', tableId: 't1', name: '1', capacity: 4 },
  { type: 'addGuest', guestId: 'k1', name: 'Kim Doe', email: 'kim@a.org' },
  { type: 'addGuest', guestId: 'k2', name: 'Kim Doe', email: 'kim@b.org' },
  { type: 'addGuest', guestId: 'lee', name: 'Lee Roe' },
];
const base = planFrom(setup);
const after = (commands: Command[]): PlanState => planFrom([...setup, ...commands]);

describe('derivations of the guests that skip changes they do not read', () => {
  it('a seat change keeps the names: same on name, not on tableId', () => {
    const seated = after([{ type: 'seatGuest', guestId: 'lee', tableId: 't1' }]);
    expect(seated.guests.lee).not.toBe(base.guests.lee);
    expect(sameOn(base.guests, seated.guests, ['name'])).toBe(true);
    expect(sameOn(base.guests, seated.guests, ['name', 'tableId'])).toBe(false);
  });

  it('a guest added or removed is a change, whatever the fields', () => {
    expect(sameOn(base.guests, after([{ type: 'addGuest', guestId: 'n', name: 'New' }]).guests, [])).toBe(false);
    expect(sameOn(base.guests, after([{ type: 'removeGuest', guestId: 'lee' }]).guests, [])).toBe(false);
  });

  it('derives once for a seat change, again for a renamed or re-detailed guest', () => {
    let runs = 0;
    const labels = onGuestFields(GUEST_LABEL_FIELDS, (g) => (runs++, guestLabels(g)));
    const first = labels(base.guests);
    expect(labels(after([{ type: 'seatGuest', guestId: 'k1', tableId: 't1' }]).guests)).toBe(first);
    expect(runs).toBe(1);
    // k2's e-mail is what tells the two Kims apart: its label follows the new address
    const emailed = labels(after([{ type: 'editGuest', guestId: 'k2', changes: { email: 'kim@c.org' } }]).guests);
    expect(runs).toBe(2);
    expect(emailed.get('k2')).toBe('Kim Doe (kim@c.org)');
    const renamed = labels(after([{ type: 'editGuest', guestId: 'k2', changes: { name: 'Kim Roe' } }]).guests);
    expect(renamed.get('k1')).toBe('Kim Doe');
    expect(renamed.get('k2')).toBe('Kim Roe');
  });
});
