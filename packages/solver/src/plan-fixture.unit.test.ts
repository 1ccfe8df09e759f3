import { decide, emptyGuestFields, foldInto, initialState, type Command, type PlanState } from '@seatfold/domain';
import { describe, expect, it } from 'vitest';
import { solve } from './index.ts';
import { instanceFromPlan, solverRulesFromPlan } from './plan.ts';

function plan(commands: Command[]): PlanState {
  const s = initialState();
  for (const c of commands) {
    const d = decide(s, c);
    if (!d.ok) throw new Error(`${c.type}: ${d.error.message}`);
    foldInto(s, d.events);
  }
  return s;
}

// A hall with a stage; G-1 stands 4 m in front of it, G-2 14 m away, G-3 was never placed on the floor.
const hall: Command[] = [
  { type: 'createPlan', name: 'Gala' },
  ...['Ann', 'Ben', 'Cleo'].map((name): Command => ({ type: 'addGuest', guestId: name.toLowerCase(), ...emptyGuestFields, name })),
  { type: 'addRoom', roomId: 'hall', name: 'Hall' },
  { type: 'addFixture', fixtureId: 'stage', roomId: 'hall', kind: 'stage', label: 'Main', x: 15, y: 2, widthM: 6, depthM: 3, rotation: 0 },
  ...['1', '2', '3'].map((n): Command => ({ type: 'addPhysicalTable', physicalTableId: `p${n}`, roomId: 'hall', label: `G-${n}`, capacity: 4 })),
  {
    type: 'arrangeFloor',
    roomId: 'hall',
    moves: [
      { kind: 'table', id: 'p1', x: 15, y: 7.5, rotation: 0 },
      { kind: 'table', id: 'p2', x: 15, y: 17.5, rotation: 0 },
    ],
  },
  ...['1', '2', '3'].map((n): Command => ({ type: 'addTable', tableId: `t${n}`, name: n, capacity: 4 })),
  ...['1', '2', '3'].map((n): Command => ({ type: 'mapTable', tableId: `t${n}`, physicalTableId: `p${n}` })),
];

describe('near-a-fixture rules for the solver', () => {
  it('become place rules on the tables the domain measures within (near) or beyond (away) the distance', () => {
    const s = plan([
      ...hall,
      { type: 'addSeatingRule', ruleId: 'r1', kind: 'nearFixture', hard: true, guestIds: ['ann'], fixtureId: 'stage', distanceM: 5 },
      { type: 'addSeatingRule', ruleId: 'r2', kind: 'awayFromFixture', hard: false, guestIds: ['ben'], fixtureId: 'stage', distanceM: 10 },
    ]);
    const notes = { t3: 'Table G-3 has no place on the floor plan' };
    expect(solverRulesFromPlan(s)).toEqual({
      rules: [
        {
          id: 'r1',
          kind: 'place',
          hard: true,
          guestIds: ['ann'],
          tableIds: ['t1'],
          placeName: 'a table within 5 m of stage “Main”',
          tableNotes: notes,
        },
        {
          id: 'r2',
          kind: 'place',
          hard: false,
          guestIds: ['ben'],
          tableIds: ['t2'],
          placeName: 'a table at least 10 m from stage “Main”',
          tableNotes: notes,
        },
      ],
      notes: [],
    });
    const result = solve(instanceFromPlan(s), { seed: 1, iterations: 2000 });
    expect(result.assignment.ann).toBe('t1');
    expect(result.assignment.ben).toBe('t2');
    expect(result.unsatisfied).toEqual([]);
  });

  it('a guest pinned at a table without a place on the floor breaks the rule, and the explanation says why', () => {
    const s = plan([
      ...hall,
      { type: 'seatGuest', guestId: 'cleo', tableId: 't3' },
      { type: 'pinGuest', guestId: 'cleo', pinned: true },
      { type: 'addSeatingRule', ruleId: 'r1', kind: 'nearFixture', hard: true, guestIds: ['cleo'], fixtureId: 'stage', distanceM: 5 },
    ]);
    const result = solve(instanceFromPlan(s), { seed: 1, iterations: 500 });
    expect(result.assignment.cleo).toBe('t3');
    const broken = result.unsatisfied.find((u) => u.ruleId === 'r1');
    expect(broken?.reason).toContain('Cleo at table “3”, and table G-3 has no place on the floor plan');
  });

  it('a rule no table can meet, or whose fixture was removed, is ignored with a note, never an error', () => {
    const far = plan([
      ...hall,
      { type: 'addSeatingRule', ruleId: 'r1', kind: 'nearFixture', hard: true, guestIds: ['ann'], fixtureId: 'stage', distanceM: 1 },
    ]);
    expect(solverRulesFromPlan(far)).toEqual({
      rules: [],
      notes: [
        {
          ruleId: 'r1',
          ignored: true,
          note: 'seat Ann within 1 m of stage “Main” (must): no table stands that near (1 table has no place on the floor plan yet), so it is ignored.',
        },
      ],
    });
    const gone = plan([
      ...hall,
      { type: 'addSeatingRule', ruleId: 'r1', kind: 'awayFromFixture', hard: false, guestIds: ['ann'], fixtureId: 'stage', distanceM: 3 },
      { type: 'removeFixture', fixtureId: 'stage' },
    ]);
    expect(solverRulesFromPlan(gone).notes[0]?.note).toMatch(/its fixture was removed, so it is ignored/);
    expect(() => solve(instanceFromPlan(gone), { seed: 1, iterations: 100 })).not.toThrow();
  });
});
