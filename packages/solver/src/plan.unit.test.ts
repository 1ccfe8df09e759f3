import { decide, demoPlanCommands, evolve, initialState, type Command, type PlanState } from '@seatfold/domain';
import { describe, expect, it } from 'vitest';
import { commandsForAssignment, instanceFromPlan } from './plan.ts';
import { solve } from './solve.ts';

/** Decides and folds each command in order, as a batch does; throws with the domain's reason on a refusal. */
function applyAll(state: PlanState, commands: Command[]): PlanState {
  for (const c of commands) {
    const d = decide(state, c);
    if (!d.ok) throw new Error(`${c.type} ${JSON.stringify(c)}: ${d.error.message}`);
    for (const e of d.events) evolve(state, e);
  }
  return state;
}
const planOf = (commands: Command[]) => applyAll(initialState(), commands);

describe('plan ↔ solver', () => {
  it('names two guests of one name apart in the instance, so what could not be satisfied says which one', () => {
    const s = planOf([
      { type: 'createPlan', name: 'Gala' },
      { type: 'addGuest', guestId: 'k1', name: 'Kim Doe', email: 'kim@a.org' },
      { type: 'addGuest', guestId: 'k2', name: 'Kim Doe', email: 'kim@b.org' },
      { type: 'addGuest', guestId: 'lee', name: 'Lee Roe' },
    ]);
    expect(instanceFromPlan(s).guests.map((g) => g.name)).toEqual(['Kim Doe (kim@a.org)', 'Kim Doe (kim@b.org)', 'Lee Roe']);
  });
  it('groups a party as the plan does ("Braun" and " braun" are one), and names it once', () => {
    const s = planOf([
      { type: 'createPlan', name: 'Gala' },
      { type: 'addTable', tableId: 't1', name: '1', capacity: 2 },
      { type: 'addTable', tableId: 't2', name: '2', capacity: 2 },
      { type: 'addGuest', guestId: 'a', name: 'Ann Braun', party: 'Braun' },
      { type: 'addGuest', guestId: 'b', name: 'Ben Braun', party: ' braun' },
      { type: 'addGuest', guestId: 'c', name: 'Cara Klein', party: 'Party 7' },
      { type: 'addGuest', guestId: 'd', name: 'Dan Roth' },
    ]);
    const inst = instanceFromPlan(s);
    expect(inst.guests.map((g) => g.party)).toEqual(['Party Braun', 'Party Braun', 'Party 7', '']);
    const r = solve(inst, { seed: 1, timeLimitMs: 200 });
    expect(r.assignment.a).toBe(r.assignment.b);
  });
  it('given the demo plan, seats everybody it can and the commands apply in order with no refusal', () => {
    const state = planOf(demoPlanCommands());
    const before = JSON.parse(JSON.stringify(state)) as PlanState;
    const inst = instanceFromPlan(state, { departments: 'mix' });
    const unseatedBefore = Object.values(state.guests).filter((g) => !g.tableId).length;
    expect(unseatedBefore).toBeGreaterThan(0);
    const res = solve(inst, { seed: 1, iterations: 30_000 });
    const commands = commandsForAssignment(state, res.assignment);
    const after = applyAll(state, commands);
    for (const g of Object.values(after.guests)) expect(g.tableId, g.id).toBe(res.assignment[g.id]);
    // the demo's only hard breaches are parties the locked VIP tables already keep apart, each explained
    const hard = res.unsatisfied.filter((u) => u.hard);
    expect(hard.length).toBe(res.score.hardViolations);
    for (const u of hard) expect(u).toMatchObject({ kind: 'party', reason: expect.stringContaining('at locked table “VIP') });
    for (const t of Object.values(before.tables)) if (t.locked) expect(after.tables[t.id]!.guestIds).toEqual(t.guestIds);
  });

  it('given two full tables trading guests, breaks the cycle with one unseat and applies', () => {
    const state = planOf([
      { type: 'createPlan', name: 'P' },
      { type: 'addTable', tableId: 'a', name: 'A', capacity: 1 },
      { type: 'addTable', tableId: 'b', name: 'B', capacity: 1 },
      { type: 'addGuest', guestId: 'x', name: 'X' },
      { type: 'addGuest', guestId: 'y', name: 'Y' },
      { type: 'seatGuest', guestId: 'x', tableId: 'a' },
      { type: 'seatGuest', guestId: 'y', tableId: 'b' },
    ]);
    const commands = commandsForAssignment(state, { x: 'b', y: 'a' });
    expect(commands.map((c) => c.type)).toEqual(['unseatGuest', 'moveGuest', 'seatGuest']);
    const after = applyAll(state, commands);
    expect([after.guests.x!.tableId, after.guests.y!.tableId]).toEqual(['b', 'a']);
  });

  it('takes the smaller of a table and its physical table as capacity, and locked tables and VIP flags across', () => {
    const state = planOf([
      { type: 'createPlan', name: 'P' },
      { type: 'addRoom', roomId: 'r', name: 'Hall' },
      { type: 'addPhysicalTable', physicalTableId: 'p', roomId: 'r', label: 'P1', capacity: 4 },
      { type: 'addTable', tableId: 'a', name: 'A', capacity: 10, vip: true },
      { type: 'mapTable', tableId: 'a', physicalTableId: 'p' },
      { type: 'addTable', tableId: 'b', name: 'B', capacity: 6 },
      { type: 'lockTable', tableId: 'b' },
      { type: 'addGuest', guestId: 'g', name: 'G', accessibility: 'wheelchair' },
    ]);
    const inst = instanceFromPlan(state, { accessibleTables: ['a'], pinned: ['g'] });
    expect(inst.tables).toEqual([
      { id: 'a', name: 'A', capacity: 4, vip: true, locked: false, accessible: true },
      { id: 'b', name: 'B', capacity: 6, vip: false, locked: true, accessible: false },
    ]);
    expect(inst.guests[0]).toMatchObject({ id: 'g', needsAccessible: true, pinned: true });
    expect(instanceFromPlan(state).guests[0]!.needsAccessible).toBe(false);
  });

  it('refuses an assignment the plan no longer fits, saying to run it again', () => {
    const state = planOf([
      { type: 'createPlan', name: 'P' },
      { type: 'addTable', tableId: 'a', name: 'A', capacity: 1 },
      { type: 'addGuest', guestId: 'x', name: 'X' },
      { type: 'addGuest', guestId: 'y', name: 'Y' },
    ]);
    expect(() => commandsForAssignment(state, { gone: 'a' })).toThrow(
      'The plan changed since the seating was worked out (a guest is no longer in the plan). Run it again.',
    );
    expect(() => commandsForAssignment(state, { x: 'a', y: 'a' })).toThrow('A has no room for everyone assigned to it');
  });
});
