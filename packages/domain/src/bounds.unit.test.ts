import { describe, expect, it } from 'vitest';
import { PLAN_BOUNDS, RULE_GUESTS_MOST } from './bounds.ts';
import { sizeOf } from './record-index.ts';
import { decide, demoPlanCommands, evolve, initialState, type Command, type PlanEvent, type PlanState } from './index.ts';

function run(s: PlanState, c: Command) {
  const d = decide(s, c);
  if (d.ok) for (const e of d.events) evolve(s, e);
  return d;
}

describe('a plan’s ceiling', () => {
  it('refuses the guest past 20,000 in words a planner can act on, and takes one again once a guest is removed', () => {
    const s = initialState();
    run(s, { type: 'createPlan', name: 'Congress' });
    for (let i = 0; i < PLAN_BOUNDS.guests.most; i++) expect(run(s, { type: 'addGuest', guestId: `g-${i}`, name: `Guest ${i}` }).ok).toBe(true);
    const refused = run(s, { type: 'addGuest', guestId: 'g-one-more', name: 'One more' });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'PlanFull',
        message:
          'This plan already holds 20,000 guests, the most one plan can hold. Remove guests who are not coming, or plan a part of the event in a plan of its own first.',
      },
    });
    expect(Object.keys(s.guests)).toHaveLength(20_000);
    // the count evolve keeps follows a removal: the place is free again, once
    expect(run(s, { type: 'removeGuest', guestId: 'g-7' }).ok).toBe(true);
    expect(run(s, { type: 'addGuest', guestId: 'g-one-more', name: 'One more' }).ok).toBe(true);
    expect(run(s, { type: 'addGuest', guestId: 'g-two-more', name: 'Two more' })).toMatchObject({ ok: false, error: { code: 'PlanFull' } });
    // a copy of the state (a batch decides on one) is counted afresh and refuses alike
    expect(decide(JSON.parse(JSON.stringify(s)) as PlanState, { type: 'addGuest', guestId: 'g-two-more', name: 'Two more' })).toMatchObject({
      ok: false,
      error: { code: 'PlanFull' },
    });
    // editing, seating and removing are never refused for the plan being full
    expect(run(s, { type: 'editGuest', guestId: 'g-8', changes: { name: 'Renamed' } }).ok).toBe(true);
  });

  it('refuses a seating rule that would make the rules name more than 20,000 guests in all; removing one makes room', () => {
    const s = initialState();
    run(s, { type: 'createPlan', name: 'Rules' });
    for (let i = 0; i < 50; i++) run(s, { type: 'addGuest', guestId: `g-${i}`, name: `Guest ${i}` });
    const fifty = Array.from({ length: 50 }, (_, i) => `g-${i}`);
    const rule = (n: number, guestIds = fifty): Command => ({ type: 'addSeatingRule', ruleId: `r-${n}`, kind: 'apart', hard: true, guestIds });
    for (let n = 0; n < RULE_GUESTS_MOST / 50; n++) expect(run(s, rule(n)).ok).toBe(true);
    expect(run(s, rule(9_999, ['g-1']))).toEqual({
      ok: false,
      error: {
        code: 'PlanFull',
        message:
          'This plan’s seating rules would name 20,001 guests in all, more than the 20,000 one plan can hold. Remove rules that no longer matter first.',
      },
    });
    expect(run(s, { type: 'removeSeatingRule', ruleId: 'r-3' }).ok).toBe(true);
    expect(run(s, rule(9_999)).ok).toBe(true);
  });

  it('refuses rooms past 200, and only adding: the plan keeps working', () => {
    const s = initialState();
    run(s, { type: 'createPlan', name: 'Venues' });
    for (let i = 0; i < PLAN_BOUNDS.rooms.most; i++) run(s, { type: 'addRoom', roomId: `r-${i}`, name: `Room ${i}` });
    expect(run(s, { type: 'addRoom', roomId: 'r-more', name: 'More' })).toMatchObject({
      ok: false,
      error: { code: 'PlanFull', message: expect.stringMatching(/^This plan already holds 200 rooms, the most one plan can hold\./) },
    });
    expect(run(s, { type: 'renameRoom', roomId: 'r-1', name: 'Hall' }).ok).toBe(true);
  });

  it('keeps every record’s count equal to its entries through adds, removals and old events that re-add an id', () => {
    const s = initialState();
    const records = () => [s.rooms, s.physicalTables, s.tables, s.guests, s.rules ?? {}, s.fixtures ?? {}];
    for (const c of demoPlanCommands()) run(s, c);
    // counted once here; from now on evolve keeps the counts
    records().forEach((r) => sizeOf(r));
    for (const c of [
      { type: 'removeGuest', guestId: 'g-0100' },
      { type: 'removeTable', tableId: 't-146' },
      { type: 'addGuest', guestId: 'g-new', name: 'New Guest' },
      { type: 'addSeatingRule', ruleId: 'rule-1', kind: 'together', hard: false, guestIds: ['g-0001', 'g-0002'] },
      { type: 'removeSeatingRule', ruleId: 'rule-1' },
      { type: 'addRoom', roomId: 'room-x', name: 'Annex' },
      { type: 'removeRoom', roomId: 'room-x' },
    ] as Command[])
      expect(run(s, c).ok).toBe(true);
    // an old event adding an id that exists folds as an overwrite: no new entry, so no new count
    evolve(s, { type: 'GuestAdded', v: 1, guestId: 'g-0001', name: 'Again' } as PlanEvent);
    evolve(s, { type: 'GuestRemoved', v: 1, guestId: 'g-nobody' } as PlanEvent);
    for (const r of records()) expect(sizeOf(r)).toBe(Object.keys(r).length);
    expect(sizeOf(s.guests)).toBe(1500);
  });
});
