import { describe, expect, it } from 'vitest';
import {
  decide,
  describeEvent,
  distanceToFootprint,
  emptyGuestFields,
  fixtureRuleTables,
  foldInto,
  initialState,
  inverseOf,
  parseCommand,
  rulesOf,
  ruleText,
  tableFixtureDistance,
  type Command,
  type PlanEvent,
  type PlanState,
} from './index.ts';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function run(s: PlanState, c: Command): { state: PlanState; events: PlanEvent[] } {
  const d = decide(s, c);
  if (!d.ok) throw new Error(`${c.type}: ${d.error.message}`);
  return { state: foldInto(clone(s), clone(d.events)), events: d.events };
}
const plan = (commands: Command[]) => commands.reduce((s, c) => run(s, c).state, initialState());

// A 30 × 20 m hall with a 6 × 3 m stage at (15, 2); tables G-1 (4 m in front), G-2 (far back), G-3 never placed;
// a garden with G-4. Logical tables 1–4 stand on them; table 5 on no physical table.
const floor: Command[] = [
  { type: 'createPlan', name: 'Gala' },
  { type: 'addGuest', guestId: 'a', ...emptyGuestFields, name: 'Ann' },
  { type: 'addGuest', guestId: 'b', ...emptyGuestFields, name: 'Ben' },
  { type: 'addRoom', roomId: 'hall', name: 'Hall' },
  { type: 'addRoom', roomId: 'garden', name: 'Garden' },
  { type: 'setRoomSize', roomId: 'hall', widthM: 30, depthM: 20 },
  { type: 'addFixture', fixtureId: 'stage', roomId: 'hall', kind: 'stage', label: 'Main', x: 15, y: 2, widthM: 6, depthM: 3, rotation: 0 },
  ...(['1', '2', '3'] as const).map((n): Command => ({
    type: 'addPhysicalTable',
    physicalTableId: `p${n}`,
    roomId: 'hall',
    label: `G-${n}`,
    capacity: 8,
  })),
  { type: 'addPhysicalTable', physicalTableId: 'p4', roomId: 'garden', label: 'G-4', capacity: 8 },
  {
    type: 'arrangeFloor',
    roomId: 'hall',
    moves: [
      { kind: 'table', id: 'p1', x: 15, y: 7.5, rotation: 0 },
      { kind: 'table', id: 'p2', x: 15, y: 17, rotation: 0 },
    ],
  },
  ...(['1', '2', '3', '4', '5'] as const).map((n): Command => ({ type: 'addTable', tableId: `t${n}`, name: n, capacity: 8 })),
  ...(['1', '2', '3', '4'] as const).map((n): Command => ({ type: 'mapTable', tableId: `t${n}`, physicalTableId: `p${n}` })),
];
const near: Command = {
  type: 'addSeatingRule',
  ruleId: 'r1',
  kind: 'nearFixture',
  hard: false,
  guestIds: ['a', 'b'],
  fixtureId: 'stage',
  distanceM: 5,
};

describe('distance to a footprint', () => {
  it('is 0 inside, the gap to the nearest edge outside (rectangle, rotated rectangle, circle)', () => {
    const square = {
      kind: 'polygon' as const,
      points: [
        { x: 0, y: 0 },
        { x: 2, y: 0 },
        { x: 2, y: 2 },
        { x: 0, y: 2 },
      ],
    };
    expect(distanceToFootprint({ x: 1, y: 1 }, square)).toBe(0);
    expect(distanceToFootprint({ x: 5, y: 1 }, square)).toBeCloseTo(3);
    expect(distanceToFootprint({ x: 5, y: 6 }, square)).toBeCloseTo(5); // to the corner (2, 2)
    expect(distanceToFootprint({ x: 1, y: 1 }, { kind: 'polygon', points: [...square.points].reverse() })).toBe(0);
    expect(distanceToFootprint({ x: 4, y: 0 }, { kind: 'circle', x: 0, y: 0, r: 1 })).toBeCloseTo(3);
  });
});

describe('near-a-fixture and away-from-a-fixture rules', () => {
  const s = plan(floor);

  it('measures from the table centre to the fixture edge; unplaced tables and tables in other rooms say so', () => {
    expect(tableFixtureDistance(s, 't1', 'stage')).toEqual({ kind: 'metres', metres: 4 }); // stage edge at y = 3.5
    expect(tableFixtureDistance(s, 't3', 'stage')).toEqual({ kind: 'unplaced', reason: 'Table G-3 has no place on the floor plan' });
    expect(tableFixtureDistance(s, 't4', 'stage')).toEqual({ kind: 'otherRoom' });
    expect(tableFixtureDistance(s, 't5', 'stage')).toEqual({ kind: 'unplaced', reason: 'Table 5 stands on no physical table' });
  });

  it('near allows placed tables within the distance; away allows those beyond it and those in other rooms', () => {
    expect(fixtureRuleTables(s, { kind: 'nearFixture', fixtureId: 'stage', distanceM: 5 })).toEqual({
      tableIds: ['t1'],
      unplaced: { t3: 'Table G-3 has no place on the floor plan', t5: 'Table 5 stands on no physical table' },
    });
    expect(fixtureRuleTables(s, { kind: 'awayFromFixture', fixtureId: 'stage', distanceM: 8 })).toMatchObject({ tableIds: ['t2', 't4'] });
    expect(fixtureRuleTables(s, { kind: 'nearFixture', fixtureId: 'gone', distanceM: 5 })).toBe('removed');
  });

  it('given a stage, when a near rule is added, then it is a fact with its fixture and distance, described for the timeline', () => {
    const { state, events } = run(s, near);
    expect(events).toEqual([
      { type: 'SeatingRuleAdded', v: 1, ruleId: 'r1', kind: 'nearFixture', hard: false, guestIds: ['a', 'b'], fixtureId: 'stage', distanceM: 5 },
    ]);
    expect(rulesOf(state).r1).toEqual({ id: 'r1', kind: 'nearFixture', hard: false, guestIds: ['a', 'b'], fixtureId: 'stage', distanceM: 5 });
    expect(describeEvent(events[0]!, s)).toBe('added the rule: seat Ann and Ben within 5 m of stage “Main” (wish)');
    expect(ruleText(s, { kind: 'awayFromFixture', hard: true, guestIds: ['a'], fixtureId: 'stage', distanceM: 7.5 })).toBe(
      'seat Ann at least 7.5 m from stage “Main” (must)',
    );
  });

  it('removing it is undone by its inverse, fixture and distance included; a removed fixture reads as removed', () => {
    const added = run(s, near).state;
    const removed = run(added, { type: 'removeSeatingRule', ruleId: 'r1' });
    expect(removed.events[0]).toMatchObject({ previous: { fixtureId: 'stage', distanceM: 5 } });
    const back = run(removed.state, inverseOf(removed.events[0]!)[0]!).state;
    expect(rulesOf(back)).toEqual(rulesOf(added));
    const noStage = run(added, { type: 'removeFixture', fixtureId: 'stage' }).state;
    expect(ruleText(noStage, rulesOf(noStage).r1!)).toBe('seat Ann and Ben within 5 m of (removed fixture) (wish)');
  });

  it('refuses a missing fixture or distance, a removed fixture, and fixture fields on other rules, in the domain’s words', () => {
    const refuse = (c: Command, message: RegExp) => {
      const d = decide(s, c);
      expect(d.ok ? '' : d.error.message).toMatch(message);
    };
    refuse(
      { type: 'addSeatingRule', ruleId: 'r2', kind: 'nearFixture', hard: true, guestIds: ['a'], distanceM: 5 },
      /Pick the fixture to seat them near/,
    );
    refuse({ type: 'addSeatingRule', ruleId: 'r2', kind: 'awayFromFixture', hard: true, guestIds: ['a'], fixtureId: 'stage' }, /Give the distance/);
    refuse(
      { type: 'addSeatingRule', ruleId: 'r2', kind: 'nearFixture', hard: true, guestIds: ['a'], fixtureId: 'bar', distanceM: 5 },
      /fixture no longer exists/,
    );
    refuse(
      { type: 'addSeatingRule', ruleId: 'r2', kind: 'together', hard: true, guestIds: ['a', 'b'], fixtureId: 'stage' },
      /Only a near or away-from rule/,
    );
    const bad = parseCommand({ ...near, distanceM: 0 });
    expect(bad.ok ? '' : bad.message).toMatch(/more than 0 m/);
  });

  it('old rule events (without fixture fields) still fold as they did', () => {
    const old: PlanEvent = { type: 'SeatingRuleAdded', v: 1, ruleId: 'r9', kind: 'together', hard: true, guestIds: ['a', 'b'] };
    expect(rulesOf(foldInto(clone(s), [old])).r9).toEqual({ id: 'r9', kind: 'together', hard: true, guestIds: ['a', 'b'] });
  });
});
