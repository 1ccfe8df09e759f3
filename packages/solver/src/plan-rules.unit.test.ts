import { emptyGuestFields, type Command, type PlanState } from '@seatfold/domain';
import { describe, expect, it } from 'vitest';
import { solve } from './index.ts';
import { instanceFromPlan, solverRulesFromPlan } from './plan.ts';
import { planOf } from '@seatfold/domain/testing';

const plan = (commands: Command[]): PlanState => planOf(commands);
const guest = (guestId: string, name: string): Command => ({ type: 'addGuest', guestId, ...emptyGuestFields, name });

// given a plan whose rules name guests, tables and rooms removed since: the rules still fold, the solver gets
// what is left of them, a note says what was ignored, and nothing throws.
describe('plan rules for the solver', () => {
  const base: Command[] = [
    { type: 'createPlan', name: 'Gala' },
    guest('a', 'Ann'),
    guest('b', 'Ben'),
    guest('c', 'Cleo'),
    { type: 'addRoom', roomId: 'garden', name: 'Garden' },
    { type: 'addRoom', roomId: 'hall', name: 'Hall' },
    { type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'garden', label: 'G-1', capacity: 4 },
    { type: 'addTable', tableId: 't1', name: '1', capacity: 4 },
    { type: 'addTable', tableId: 't2', name: '2', capacity: 4 },
    { type: 'mapTable', tableId: 't1', physicalTableId: 'p1' },
  ];

  it('turns at-table and in-room rules into place rules on the right tables', () => {
    const s = plan([
      ...base,
      { type: 'addSeatingRule', ruleId: 'r1', kind: 'inRoom', hard: true, guestIds: ['a'], roomId: 'garden' },
      { type: 'addSeatingRule', ruleId: 'r2', kind: 'atTable', hard: false, guestIds: ['b'], tableId: 't2' },
    ]);
    expect(solverRulesFromPlan(s)).toEqual({
      rules: [
        { id: 'r1', kind: 'place', hard: true, guestIds: ['a'], tableIds: ['t1'], placeName: 'room Garden' },
        { id: 'r2', kind: 'place', hard: false, guestIds: ['b'], tableIds: ['t2'], placeName: 'table 2' },
      ],
      notes: [],
    });
    const r = solve(instanceFromPlan(s), { seed: 1, iterations: 2000 });
    expect(r.assignment.a).toBe('t1');
    expect(r.assignment.b).toBe('t2');
  });

  it('ignores, with a note, rules whose guests, table or room are gone or whose room has no table; keeps the rest', () => {
    const s = plan([
      ...base,
      { type: 'addSeatingRule', ruleId: 'r1', kind: 'apart', hard: true, guestIds: ['a', 'b'] },
      { type: 'addSeatingRule', ruleId: 'r2', kind: 'together', hard: false, guestIds: ['a', 'b', 'c'] },
      { type: 'addSeatingRule', ruleId: 'r3', kind: 'atTable', hard: true, guestIds: ['c'], tableId: 't2' },
      { type: 'addSeatingRule', ruleId: 'r4', kind: 'inRoom', hard: true, guestIds: ['c'], roomId: 'hall' },
      { type: 'removeGuest', guestId: 'b' },
      { type: 'removeTable', tableId: 't2' },
    ]);
    const { rules, notes } = solverRulesFromPlan(s);
    expect(rules).toEqual([{ id: 'r2', kind: 'together', hard: false, guestIds: ['a', 'c'] }]);
    expect(notes).toEqual([
      { ruleId: 'r1', ignored: true, note: 'keep Ann and (removed guest) apart (must): it names a guest who was removed, so it is ignored.' },
      {
        ruleId: 'r2',
        ignored: false,
        note: 'keep Ann, (removed guest) and Cleo together (wish): a guest it names was removed; it holds for the others.',
      },
      { ruleId: 'r3', ignored: true, note: 'seat Cleo at (removed table) (must): its table was removed, so it is ignored.' },
      { ruleId: 'r4', ignored: true, note: 'seat Cleo in room Hall (must): room Hall has no tables placed in it yet, so it is ignored.' },
    ]);
    const r = solve(instanceFromPlan(s), { seed: 1, iterations: 2000 });
    expect(r.assignment).toEqual({ a: 't1', c: 't1' });
  });

  it('reads pins, accessible physical tables and the department setting from the plan', () => {
    const s = plan([
      ...base,
      { type: 'editGuest', guestId: 'c', changes: { accessibility: 'wheelchair' } },
      { type: 'seatGuest', guestId: 'a', tableId: 't2' },
      { type: 'pinGuest', guestId: 'a', pinned: true },
      { type: 'markTableAccessible', physicalTableId: 'p1', accessible: true },
      { type: 'setDepartmentSeating', departments: 'group' },
    ]);
    const inst = instanceFromPlan(s);
    expect(inst.departments).toBe('group');
    expect(inst.guests.find((g) => g.id === 'a')!.pinned).toBe(true);
    expect(inst.tables.map((t) => [t.id, t.accessible])).toEqual([
      ['t1', true],
      ['t2', false],
    ]);
    const r = solve(inst, { seed: 1, iterations: 2000 });
    expect(r.assignment).toMatchObject({ a: 't2', c: 't1' });
  });
});
