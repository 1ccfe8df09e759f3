import { describe, expect, it } from 'vitest';
import {
  decide,
  departmentSeatingOf,
  describeEvent,
  diffStates,
  emptyGuestFields,
  foldInto,
  initialState,
  inverseOf,
  isTableAccessible,
  parseCommand,
  rulesOf,
  ruleText,
  stateHash,
  type PlanEvent,
  type PlanState,
} from './index.ts';
import { clone, given as givenEvents } from './testing/index.ts';

// given / when / then for what automatic seating reads from the plan: pins, accessible tables, departments, place rules.

/** A state as a planner sees it: once created, an empty rule list and the default setting stay (undo adds facts). */
/** Undo: the inverses, decided on the state after, give back the state before (but for the version). */
function undoesBack(before: PlanState, after: PlanState, events: PlanEvent[]) {
  let undone = clone(after);
  for (const c of events.flatMap(inverseOf).reverse()) {
    const d = decide(undone, c);
    if (!d.ok) throw new Error(d.error.message);
    undone = foldInto(undone, d.events);
  }
  expect(normal(undone)).toEqual(normal(before));
}
const given = (history: PlanEvent[]) => givenEvents(history, { parse: true, after: undoesBack });

function normal(s: PlanState) {
  const { version: _v, rules, seating, ...rest } = s;
  return { ...rest, rules: rules ?? {}, departments: departmentSeatingOf({ ...s, seating }) };
}

const world: PlanEvent[] = [
  { type: 'PlanCreated', v: 1, name: 'Gala' },
  { type: 'GuestAdded', v: 1, guestId: 'g1', ...emptyGuestFields, name: 'Ann Braun' },
  { type: 'GuestAdded', v: 1, guestId: 'g2', ...emptyGuestFields, name: 'Ben Klein' },
  { type: 'RoomAdded', v: 1, roomId: 'r1', name: 'Garden' },
  { type: 'PhysicalTableAdded', v: 1, physicalTableId: 'p1', roomId: 'r1', label: 'G-01', capacity: 8 },
  { type: 'TableAdded', v: 1, tableId: 't1', name: '12', capacity: 8, vip: false },
  { type: 'TableMapped', v: 1, tableId: 't1', physicalTableId: 'p1', previousPhysicalTableId: null },
];

describe('pinned guests', () => {
  it('given a guest, when pinned, then the guest carries pinned; unpinning removes the field again; undo works', () => {
    const pinned = given(world)
      .when({ type: 'pinGuest', guestId: 'g1', pinned: true })
      .then([{ type: 'GuestPinned', v: 1, guestId: 'g1', pinned: true }]);
    expect(pinned.guests.g1!.pinned).toBe(true);
    const unpinned = given([...world, { type: 'GuestPinned', v: 1, guestId: 'g1', pinned: true }])
      .when({ type: 'pinGuest', guestId: 'g1', pinned: false })
      .then([{ type: 'GuestPinned', v: 1, guestId: 'g1', pinned: false }]);
    expect('pinned' in unpinned.guests.g1!).toBe(false);
    expect(diffStates(given(world).state, pinned).guestsEdited).toEqual([{ guestId: 'g1', fields: ['pinned'] }]);
  });

  it('pinning a pinned guest changes nothing; an unknown guest is refused in words', () => {
    given([...world, { type: 'GuestPinned', v: 1, guestId: 'g1', pinned: true }])
      .when({ type: 'pinGuest', guestId: 'g1', pinned: true })
      .then([]);
    given(world)
      .when({ type: 'pinGuest', guestId: 'gone', pinned: true })
      .thenRejects('UnknownGuest', /no longer exists/);
  });

  it('a pinned guest who is removed comes back by undo without the pin field breaking the command', () => {
    const s = given([...world, { type: 'GuestPinned', v: 1, guestId: 'g1', pinned: true }]).state;
    const removed = decide(s, { type: 'removeGuest', guestId: 'g1' });
    if (!removed.ok) throw new Error(removed.error.message);
    const [undo] = inverseOf(removed.events.at(-1)!);
    expect(parseCommand(undo).ok).toBe(true);
  });

  it('the timeline says who was pinned', () => {
    expect(describeEvent({ type: 'GuestPinned', v: 1, guestId: 'g1', pinned: true }, given(world).state)).toBe(
      'pinned Ann Braun (automatic seating keeps their seat)',
    );
  });
});

describe('accessible tables', () => {
  it('given a physical table, when marked accessible, the tables on it count as accessible; unmarking removes the field', () => {
    const after = given(world)
      .when({ type: 'markTableAccessible', physicalTableId: 'p1', accessible: true })
      .then([{ type: 'PhysicalTableAccessibilityMarked', v: 1, physicalTableId: 'p1', accessible: true }]);
    expect(isTableAccessible(after, 't1')).toBe(true);
    const back = given([...world, { type: 'PhysicalTableAccessibilityMarked', v: 1, physicalTableId: 'p1', accessible: true }])
      .when({ type: 'markTableAccessible', physicalTableId: 'p1', accessible: false })
      .then([{ type: 'PhysicalTableAccessibilityMarked', v: 1, physicalTableId: 'p1', accessible: false }]);
    expect('accessible' in back.physicalTables.p1!).toBe(false);
    expect(describeEvent({ type: 'PhysicalTableAccessibilityMarked', v: 1, physicalTableId: 'p1', accessible: true }, back)).toBe(
      'marked physical table G-01 (Garden) accessible',
    );
  });

  it('refuses an unknown physical table', () => {
    given(world)
      .when({ type: 'markTableAccessible', physicalTableId: 'nope', accessible: true })
      .thenRejects('UnknownPhysicalTable', /no longer exists/);
  });
});

describe('department setting', () => {
  it('is "ignore" and absent until set; set and undone by its inverse', () => {
    const s = given(world).state;
    expect(departmentSeatingOf(s)).toBe('ignore');
    expect('seating' in s).toBe(false);
    const after = given(world)
      .when({ type: 'setDepartmentSeating', departments: 'mix' })
      .then([{ type: 'DepartmentSeatingSet', v: 1, departments: 'mix', previous: 'ignore' }]);
    expect(departmentSeatingOf(after)).toBe('mix');
    given(world).when({ type: 'setDepartmentSeating', departments: 'ignore' }).then([]);
    expect(parseCommand({ type: 'setDepartmentSeating', departments: 'random' }).ok).toBe(false);
  });
});

describe('rules by place', () => {
  it('given a table, when "seat Ann at table 12 (must)" is added, then it is a rule naming the table; removal keeps it for undo', () => {
    const after = given(world)
      .when({ type: 'addSeatingRule', ruleId: 'x', kind: 'atTable', hard: true, guestIds: ['g1'], tableId: 't1' })
      .then([{ type: 'SeatingRuleAdded', v: 1, ruleId: 'x', kind: 'atTable', hard: true, guestIds: ['g1'], tableId: 't1' }]);
    expect(ruleText(after, rulesOf(after).x!)).toBe('seat Ann Braun at table 12 (must)');
    given([...world, { type: 'SeatingRuleAdded', v: 1, ruleId: 'x', kind: 'inRoom', hard: false, guestIds: ['g1', 'g2'], roomId: 'r1' }])
      .when({ type: 'removeSeatingRule', ruleId: 'x' })
      .then([{ type: 'SeatingRuleRemoved', v: 1, ruleId: 'x', previous: { kind: 'inRoom', hard: false, guestIds: ['g1', 'g2'], roomId: 'r1' } }]);
  });

  it('refuses a place rule without its place, with an unknown one, or a together rule naming a table', () => {
    given(world)
      .when({ type: 'addSeatingRule', ruleId: 'x', kind: 'atTable', hard: true, guestIds: ['g1'] })
      .thenRejects('InvalidCommand', /Pick the table/);
    given(world)
      .when({ type: 'addSeatingRule', ruleId: 'x', kind: 'inRoom', hard: true, guestIds: ['g1'], roomId: 'gone' })
      .thenRejects('UnknownRoom', /no longer exists/);
    given(world)
      .when({ type: 'addSeatingRule', ruleId: 'x', kind: 'together', hard: true, guestIds: ['g1', 'g2'], tableId: 't1' })
      .thenRejects('InvalidCommand', /names guests only/);
    expect(parseCommand({ type: 'addSeatingRule', ruleId: 'x', kind: 'together', hard: true, guestIds: ['g1'] }).ok).toBe(false);
  });

  it('a rule whose guest, table or room was removed still folds, and reads "(removed …)"', () => {
    const s = given([
      ...world,
      { type: 'SeatingRuleAdded', v: 1, ruleId: 'x', kind: 'atTable', hard: true, guestIds: ['g1'], tableId: 't1' },
      { type: 'SeatingRuleAdded', v: 1, ruleId: 'y', kind: 'apart', hard: false, guestIds: ['g1', 'g2'] },
      { type: 'TableUnmapped', v: 1, tableId: 't1', physicalTableId: 'p1' },
      { type: 'TableRemoved', v: 1, tableId: 't1', previous: { name: '12', capacity: 8, vip: false } },
      { type: 'GuestRemoved', v: 1, guestId: 'g2', previous: { ...emptyGuestFields, name: 'Ben Klein' } },
    ]).state;
    expect(ruleText(s, rulesOf(s).x!)).toBe('seat Ann Braun at (removed table) (must)');
    expect(ruleText(s, rulesOf(s).y!)).toBe('keep Ann Braun and (removed guest) apart (wish)');
  });

  it('old rule events (before place rules) fold and hash as they did', () => {
    const events: PlanEvent[] = [...world, { type: 'SeatingRuleAdded', v: 1, ruleId: 'y', kind: 'apart', hard: false, guestIds: ['g1', 'g2'] }];
    const s = given(events).state;
    expect(rulesOf(s).y).toEqual({ id: 'y', kind: 'apart', hard: false, guestIds: ['g1', 'g2'] });
    expect(stateHash(s)).toBe(stateHash(foldInto(initialState(), clone(events))));
    expect('pinned' in s.guests.g1! || 'accessible' in s.physicalTables.p1!).toBe(false);
  });
});
