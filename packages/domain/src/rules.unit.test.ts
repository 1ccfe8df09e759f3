import { describe, expect, it } from 'vitest';
import { decide, describeEvent, diffStates, emptyGuestFields, foldInto, inverseOf, parseCommand, rulesOf, type PlanEvent } from './index.ts';
import { clone, given } from './testing/index.ts';

const guest = (guestId: string, name: string, party = ''): PlanEvent => ({ type: 'GuestAdded', v: 1, guestId, ...emptyGuestFields, name, party });
const world: PlanEvent[] = [
  { type: 'PlanCreated', v: 1, name: 'Gala' },
  guest('g1', 'Ann Braun', 'Braun'),
  guest('g2', 'Ben Braun', 'Braun'),
  guest('g3', 'Cara Klein'),
];
const added: PlanEvent = { type: 'SeatingRuleAdded', v: 1, ruleId: 'r1', kind: 'apart', hard: true, guestIds: ['g1', 'g3'] };

describe('seating rules', () => {
  it('given guests, when a hard keep-apart rule is added, then it is a fact in state.rules', () => {
    const after = given(world)
      .when({ type: 'addSeatingRule', ruleId: 'r1', kind: 'apart', hard: true, guestIds: ['g1', 'g3'] })
      .then([added]);
    expect(rulesOf(after)).toEqual({ r1: { id: 'r1', kind: 'apart', hard: true, guestIds: ['g1', 'g3'] } });
  });

  it('states folded before rules existed have no rules, and hash as they did', () => {
    const s = given(world).state;
    expect(rulesOf(s)).toEqual({});
    expect('rules' in s).toBe(false);
  });

  it('refuses a rule naming a guest twice, an unknown guest, or an existing id, in words a planner can act on', () => {
    given(world)
      .when({ type: 'addSeatingRule', ruleId: 'r2', kind: 'together', hard: false, guestIds: ['g1', 'g1'] })
      .thenRejects('InvalidCommand', /names each guest once/);
    given(world)
      .when({ type: 'addSeatingRule', ruleId: 'r2', kind: 'together', hard: false, guestIds: ['g1', 'gone'] })
      .thenRejects('UnknownGuest', /no longer exists/);
    given([...world, added])
      .when({ type: 'addSeatingRule', ruleId: 'r1', kind: 'together', hard: false, guestIds: ['g1', 'g2'] })
      .thenRejects('AlreadyExists', /already exists/);
  });

  it('refuses to keep apart (hard) two guests of one party, and accepts it as a wish', () => {
    given(world)
      .when({ type: 'addSeatingRule', ruleId: 'r2', kind: 'apart', hard: true, guestIds: ['g1', 'g2'] })
      .thenRejects('InvalidCommand', /Ann Braun and Ben Braun belong to Party Braun.*Make it a wish/);
    given(world)
      .when({ type: 'addSeatingRule', ruleId: 'r2', kind: 'apart', hard: false, guestIds: ['g1', 'g2'] })
      .then([{ type: 'SeatingRuleAdded', v: 1, ruleId: 'r2', kind: 'apart', hard: false, guestIds: ['g1', 'g2'] }]);
  });

  it('refuses a must rule that contradicts the must rules there are, through parties and shared guests; a wish is taken', () => {
    const dan: PlanEvent = guest('g4', 'Dan Roth');
    const together = (ruleId: string, guestIds: string[]): PlanEvent => ({
      type: 'SeatingRuleAdded',
      v: 1,
      ruleId,
      kind: 'together',
      hard: true,
      guestIds,
    });
    // Cara kept apart from Ann; then Cara with Ann's party (Ben) is a must the other one forbids
    given([...world, added])
      .when({ type: 'addSeatingRule', ruleId: 'r2', kind: 'together', hard: true, guestIds: ['g3', 'g2'] })
      .thenRejects('InvalidCommand', /^A must rule keeps Ann Braun and Cara Klein apart: they cannot also be kept together\. Make this one a wish/);
    // Cara with Dan, Dan with Ben (Ann's party): Cara apart from Ann now splits that group
    given([...world, dan, together('t1', ['g3', 'g4']), together('t2', ['g4', 'g2'])])
      .when({ type: 'addSeatingRule', ruleId: 'r2', kind: 'apart', hard: true, guestIds: ['g1', 'g3'] })
      .thenRejects(
        'InvalidCommand',
        /^Ann Braun and Cara Klein must sit together \(by a must rule, through their party or other guests kept with them\)/,
      );
    given([...world, added])
      .when({ type: 'addSeatingRule', ruleId: 'r2', kind: 'together', hard: false, guestIds: ['g3', 'g2'] })
      .then([{ type: 'SeatingRuleAdded', v: 1, ruleId: 'r2', kind: 'together', hard: false, guestIds: ['g3', 'g2'] }]);
    // unrelated guests are not held back by a clash stored before the check
    given([...world, dan, added, together('t1', ['g1', 'g3'])])
      .when({ type: 'addSeatingRule', ruleId: 'r2', kind: 'apart', hard: true, guestIds: ['g4', 'g2'] })
      .then([{ type: 'SeatingRuleAdded', v: 1, ruleId: 'r2', kind: 'apart', hard: true, guestIds: ['g4', 'g2'] }]);
  });

  it('given a rule, when it is removed, then it is gone and the event keeps what it was', () => {
    const after = given([...world, added])
      .when({ type: 'removeSeatingRule', ruleId: 'r1' })
      .then([{ type: 'SeatingRuleRemoved', v: 1, ruleId: 'r1', previous: { kind: 'apart', hard: true, guestIds: ['g1', 'g3'] } }]);
    expect(rulesOf(after)).toEqual({});
    given(world)
      .when({ type: 'removeSeatingRule', ruleId: 'r1' })
      .thenRejects('InvalidCommand', /no longer exists/);
  });

  it('adding and removing are undone by their inverses, back to the same state', () => {
    const start = given([...world, added]).state;
    const removed = decide(start, { type: 'removeSeatingRule', ruleId: 'r1' });
    if (!removed.ok) throw new Error(removed.error.message);
    const after = foldInto(clone(start), removed.events);
    const [undo] = inverseOf(removed.events[0]!);
    const back = decide(after, undo!);
    if (!back.ok) throw new Error(back.error.message);
    const restored = foldInto(clone(after), back.events);
    expect(rulesOf(restored)).toEqual(rulesOf(start));
    expect(inverseOf(added)).toEqual([{ type: 'removeSeatingRule', ruleId: 'r1' }]);
  });

  it('the timeline says what the rule was, and the diff lists it', () => {
    const s = given(world).state;
    expect(describeEvent(added, s)).toBe('added the rule: keep Ann Braun and Cara Klein apart (must)');
    const after = foldInto(clone(s), [added]);
    expect(
      describeEvent({ type: 'SeatingRuleRemoved', v: 1, ruleId: 'r1', previous: { kind: 'together', hard: false, guestIds: ['g1', 'g3'] } }, after),
    ).toBe('removed the rule: keep Ann Braun and Cara Klein together (wish)');
    expect(diffStates(s, after).rulesChanged).toEqual(['r1']);
  });

  it('the schema checks the shape at the boundary', () => {
    expect(parseCommand({ type: 'addSeatingRule', ruleId: 'r1', kind: 'near', hard: true, guestIds: ['g1', 'g2'] }).ok).toBe(false);
    const one = parseCommand({ type: 'addSeatingRule', ruleId: 'r1', kind: 'apart', hard: true, guestIds: ['g1'] });
    expect(one.ok ? '' : one.message).toMatch(/at least two guests/);
  });
});
