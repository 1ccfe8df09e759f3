import { describe, expect, it } from 'vitest';
import { GUEST_NUMBERS, refKey } from './guest-refs.ts';
import { entriesKeyed } from './record-index.ts';
import { decide, evolve, initialState, type Command, type PlanEvent, type PlanState } from './index.ts';

function run(s: PlanState, c: Command) {
  const d = decide(s, c);
  if (d.ok) for (const e of d.events) evolve(s, e);
  return d;
}
/** What the index must say: every guest whose number matches, found the slow way. */
const holders = (s: PlanState, ref: string) =>
  Object.values(s.guests)
    .filter((g) => typeof g.ref === 'string' && g.ref !== '' && refKey(g.ref) === refKey(ref))
    .map((g) => g.id)
    .sort();

describe('guest numbers, looked up by number', () => {
  it('follow every add, edit and removal, so a number is refused while somebody holds it and free once nobody does', () => {
    const s = initialState();
    run(s, { type: 'createPlan', name: 'Numbers' });
    for (let i = 0; i < 50; i++) expect(run(s, { type: 'addGuest', guestId: `g-${i}`, name: `Guest ${i}`, ref: `E-${1000 + i}` }).ok).toBe(true);
    // taken, as imports match numbers (case and spacing aside)
    expect(run(s, { type: 'addGuest', guestId: 'g-x', name: 'X', ref: ' e-1007 ' })).toMatchObject({
      ok: false,
      error: { code: 'AlreadyExists', message: 'Guest number “ e-1007 ” is Guest 7’s already: give each guest a number of their own.' },
    });
    // a number edited away is free; the new one is taken
    expect(run(s, { type: 'editGuest', guestId: 'g-7', changes: { ref: 'E-2007' } }).ok).toBe(true);
    expect(run(s, { type: 'addGuest', guestId: 'g-y', name: 'Y', ref: 'E-2007' })).toMatchObject({ ok: false, error: { code: 'AlreadyExists' } });
    expect(run(s, { type: 'addGuest', guestId: 'g-x', name: 'X', ref: 'E-1007' }).ok).toBe(true);
    // a removed guest's number is free again
    expect(run(s, { type: 'removeGuest', guestId: 'g-8' }).ok).toBe(true);
    expect(run(s, { type: 'addGuest', guestId: 'g-z', name: 'Z', ref: 'E-1008' }).ok).toBe(true);
    // a guest keeps their own number when edited
    expect(run(s, { type: 'editGuest', guestId: 'g-9', changes: { name: 'Nine', ref: 'e-1009' } }).ok).toBe(true);
    // old events fold as they always did: one re-adding an id with another number, one giving a number twice
    evolve(s, { type: 'GuestAdded', v: 1, guestId: 'g-10', name: 'Ten again', ref: 'E-3010' } as PlanEvent);
    evolve(s, { type: 'GuestEdited', v: 1, guestId: 'g-11', changes: { ref: 'E-1012' }, previous: { ref: 'E-1011' } });
    for (const ref of ['E-1007', 'E-2007', 'E-1008', 'E-1009', 'E-1010', 'E-3010', 'E-1011', 'E-1012', 'E-1049', 'E-9999'])
      expect([...entriesKeyed(s.guests, GUEST_NUMBERS, refKey(ref))].sort(), ref).toEqual(holders(s, ref));
    expect([...entriesKeyed(s.guests, GUEST_NUMBERS, refKey('E-1012'))].sort()).toEqual(['g-11', 'g-12']);
    // a copy of the state (a batch decides on one) is indexed afresh and refuses alike
    const copy = JSON.parse(JSON.stringify(s)) as PlanState;
    expect(decide(copy, { type: 'addGuest', guestId: 'g-w', name: 'W', ref: 'E-3010' })).toMatchObject({
      ok: false,
      error: { code: 'AlreadyExists' },
    });
  });

  it('names and labels likewise: a name is refused while a table, room or physical table holds it, and free once renamed or removed', () => {
    const s = initialState();
    run(s, { type: 'createPlan', name: 'Names' });
    run(s, { type: 'addRoom', roomId: 'r1', name: 'Hall' });
    for (let i = 1; i <= 30; i++) {
      expect(run(s, { type: 'addTable', tableId: `t${i}`, name: `${i}`, capacity: 8 }).ok).toBe(true);
      expect(run(s, { type: 'addPhysicalTable', physicalTableId: `p${i}`, roomId: 'r1', label: `H-${i}`, capacity: 8 }).ok).toBe(true);
    }
    expect(run(s, { type: 'addTable', tableId: 'tx', name: ' 7 ', capacity: 8 })).toMatchObject({ ok: false, error: { code: 'AlreadyExists' } });
    expect(run(s, { type: 'editTable', tableId: 't7', changes: { name: 'Seven' } }).ok).toBe(true);
    expect(run(s, { type: 'addTable', tableId: 'tx', name: '7', capacity: 8 }).ok).toBe(true);
    expect(run(s, { type: 'addTable', tableId: 'ty', name: 'seven', capacity: 8 })).toMatchObject({ ok: false, error: { code: 'AlreadyExists' } });
    expect(run(s, { type: 'addPhysicalTable', physicalTableId: 'px', roomId: 'r1', label: 'h-3', capacity: 8 })).toMatchObject({
      ok: false,
      error: { code: 'AlreadyExists', message: 'There is a physical table H-3 in Hall already: give this one another label.' },
    });
    expect(run(s, { type: 'removePhysicalTable', physicalTableId: 'p3' }).ok).toBe(true);
    expect(run(s, { type: 'addPhysicalTable', physicalTableId: 'px', roomId: 'r1', label: 'h-3', capacity: 8 }).ok).toBe(true);
    expect(run(s, { type: 'renameRoom', roomId: 'r1', name: 'Great Hall' }).ok).toBe(true);
    expect(run(s, { type: 'addRoom', roomId: 'r2', name: 'Hall' }).ok).toBe(true);
    expect(run(s, { type: 'addRoom', roomId: 'r3', name: 'great  hall' })).toMatchObject({ ok: false, error: { code: 'AlreadyExists' } });
  });
});
