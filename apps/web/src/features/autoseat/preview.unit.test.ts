import { decide, demoPlanCommands, evolve, initialState, type Command, type PlanState } from '@seatfold/domain';
import { prepare, scorePlan, solve, type SolveOptions } from '@seatfold/solver';
import { commandsForAssignment, instanceFromPlan, solverRulesFromPlan } from '@seatfold/solver/plan';
import { describe, expect, it } from 'vitest';
import { batchLabel, buildPreview, instanceFor, isStale, moveText, ranOutOfTime, type AutoseatMode, type Preview } from './preview.ts';
import { proposalScorer } from './scores.ts';

const solverRules = (state: PlanState) => solverRulesFromPlan(state).rules;

function applyAll(state: PlanState, commands: Command[]): PlanState {
  for (const c of commands) {
    const d = decide(state, c);
    if (!d.ok) throw new Error(`${c.type}: ${d.error.message}`);
    for (const e of d.events) evolve(state, e);
  }
  return state;
}
const demo = () => applyAll(initialState(), demoPlanCommands());

/** A run as the panel makes it: solved and scored as the worker does, previewed as the page does. */
function runPreview(state: PlanState, mode: AutoseatMode, options: SolveOptions) {
  const made = instanceFor(state, mode);
  const result = solve(made.instance, options);
  return { result, preview: buildPreview(state, result, proposalScorer(prepare(made.instance), made.scoring)(result), made.notes) };
}

describe('autoseat preview', () => {
  it('given the demo, "Seat everybody" keeps only guests at locked tables as they are', () => {
    const state = demo();
    const { instance } = instanceFor(state, 'seat');
    const locked = new Set(
      Object.values(state.tables)
        .filter((t) => t.locked)
        .map((t) => t.id),
    );
    for (const g of Object.values(state.guests)) {
      const expected = g.tableId !== null && locked.has(g.tableId) ? g.tableId : null;
      expect(instance.current?.[g.id] ?? null, g.id).toBe(expected);
    }
    expect(Object.values(state.guests).some((g) => g.tableId !== null && !locked.has(g.tableId))).toBe(true);
  });

  it('given "Fix after changes", the instance starts from the plan as it is', () => {
    const state = demo();
    const { instance } = instanceFor(state, 'fix');
    for (const g of Object.values(state.guests)) expect(instance.current?.[g.id] ?? null).toBe(g.tableId);
  });

  it('labels a run over a plan nobody was seated in by the guests it seats, a later one also by those it moves', () => {
    const move = (guestId: string, from: string | null, to: string | null) => ({ guestId, name: guestId, from, to });
    const first = { seatedAfter: 3, moves: [move('a', null, '1'), move('b', null, '1'), move('c', null, '2')] };
    expect(batchLabel('seat', first as Preview)).toBe('Seat everybody (3 guests)');
    const again = { seatedAfter: 3, moves: [move('a', '1', '2'), move('c', '2', '1')] };
    expect(batchLabel('seat', again as Preview)).toBe('Seat everybody (3 guests, 2 moved)');
    expect(batchLabel('fix', again as Preview)).toBe('Fix after changes (2 guests)');
  });

  it('lists exactly the guests whose table changes, with table names, and the numbers before and after', () => {
    const state = demo();
    const { result, preview } = runPreview(state, 'fix', { seed: 1, iterations: 20_000 });
    const changed = Object.values(state.guests).filter((g) => result.assignment[g.id] !== g.tableId);
    expect(preview.moves.map((m) => m.guestId).sort()).toEqual(changed.map((g) => g.id).sort());
    expect(preview.unseatedBefore).toBe(Object.values(state.guests).filter((g) => g.tableId === null).length);
    expect(preview.unseatedAfter).toBe(Object.values(result.assignment).filter((t) => t === null).length);
    expect(preview.unseatedAfter).toBeLessThan(preview.unseatedBefore);
    const seated = preview.moves.find((m) => m.from === null && m.to !== null)!;
    expect(moveText(seated)).toBe(`unseated → ${seated.to}`);
    expect(Object.values(state.tables).map((t) => t.name)).toContain(seated.to);
    const moved = preview.moves.filter((m) => m.from !== null).length;
    expect(moved).toBeGreaterThan(0);
    expect(batchLabel('seat', preview)).toBe(`Seat everybody (${preview.seatedAfter} guests, ${moved} moved)`);
    expect(batchLabel('fix', preview)).toBe(`Fix after changes (${preview.moves.length} guests)`);
    // score before (the plan as it is) and after, on one scale: the after is the solver's own score
    expect(preview.before.unseated).toBe(preview.unseatedBefore);
    expect(preview.score.total).toBeCloseTo(result.score.total, 6);
    expect(preview.score.total).toBeLessThan(preview.before.total);
    expect(preview.score.moved).toBe(preview.moves.filter((m) => m.from !== null).length);
    // Guests it seats at tables placed in no room are counted, with those tables' names.
    const unplaced = preview.moves.filter((m) => {
      const t = Object.values(state.tables).find((x) => x.name === m.to);
      return t !== undefined && t.physicalTableId === null;
    });
    expect(preview.unplaced.guests).toBe(unplaced.length);
    expect(unplaced.length).toBeGreaterThan(0); // the demo has empty tables in no room (131–146)
    expect(preview.unplaced.tables).toEqual([...new Set(unplaced.map((m) => m.to!))].sort((a, b) => Number(a) - Number(b)));
  });

  it('names the must-haves the plan breaks now, in words for a guest the solver may move', () => {
    const state = applyAll(initialState(), [
      { type: 'createPlan', name: 'Wedding' },
      { type: 'addTable', tableId: 'sw', name: 'Sweethearts', capacity: 2, vip: true },
      { type: 'addTable', tableId: 't1', name: 'Table 1', capacity: 8 },
      { type: 'addGuest', guestId: 'g6', name: 'Guest 06' },
      { type: 'seatGuest', guestId: 'g6', tableId: 'sw' },
    ]);
    const { preview } = runPreview(state, 'fix', { seed: 1, iterations: 2_000 });
    expect(preview.brokenNow.map((u) => u.reason)).toEqual(['Guest 06 is not a VIP but sits at the VIP table “Sweethearts”.']);
    expect(preview.before.hardViolations).toBe(1);
    expect(preview.moves).toEqual([{ guestId: 'g6', name: 'Guest 06', from: 'Sweethearts', to: 'Table 1' }]);
  });

  it.each(['seat', 'fix'] as const)('%s: the scores the worker sends are those of scoring the plan as it is and the proposal on the page', (mode) => {
    const state = demo();
    // two guests at one table kept apart (broken now), and a rule naming a guest removed since (a note)
    const [a, b] = Object.values(state.guests).filter((g) => g.tableId !== null && !state.tables[g.tableId]!.locked && g.party === '');
    const c = Object.values(state.guests).find((g) => g.tableId === null)!;
    applyAll(state, [
      { type: 'moveGuest', guestId: b!.id, tableId: a!.tableId! },
      { type: 'addSeatingRule', ruleId: 'r1', kind: 'apart', hard: true, guestIds: [a!.id, b!.id] },
      { type: 'addSeatingRule', ruleId: 'r2', kind: 'together', hard: false, guestIds: [a!.id, b!.id, c.id] },
      { type: 'removeGuest', guestId: c.id },
    ]);
    const { result, preview } = runPreview(state, mode, { seed: 1, iterations: 5_000 });
    // what the page used to work out itself: the whole plan, moves weighing nothing for Seat everybody
    const full = instanceFromPlan(state);
    const weights = mode === 'seat' ? { moved: 0 } : undefined;
    const now = scorePlan(full, undefined, weights);
    expect(preview.before).toEqual(now.score);
    expect(preview.score).toEqual(scorePlan(full, result.assignment, weights).score);
    expect(preview.brokenNow).toEqual(now.unsatisfied.filter((u) => u.hard));
    expect(preview.notes).toEqual(solverRulesFromPlan(state).notes);
    // the fixture has something to show on each count
    expect(preview.before.hardViolations).toBeGreaterThan(0);
    expect(preview.notes).toHaveLength(1);
    if (mode === 'seat') expect(preview.score.moved).toBeGreaterThan(0);
  });

  it('calls a run stopped early when its time ran out before the search took a step', () => {
    const { instance } = instanceFor(demo(), 'seat');
    let t = 0;
    const cut = solve(instance, { seed: 1, timeLimitMs: 10, now: () => t++ }); // a clock that ticks per read
    expect(cut.score.unseated).toBeGreaterThan(0);
    expect(ranOutOfTime(cut)).toBe(true);
    expect(ranOutOfTime(solve(instance, { seed: 1, iterations: 2_000 }))).toBe(false);
  });

  it('notices a change to the plan after the run, and not a run on the same plan', () => {
    const state = demo();
    const { fingerprint } = instanceFor(state, 'seat');
    expect(isStale(state, fingerprint)).toBe(false);
    const guest = Object.values(state.guests).find((g) => g.tableId === null)!;
    const table = Object.values(state.tables).find((t) => !t.locked && t.guestIds.length < t.capacity)!;
    applyAll(state, [{ type: 'seatGuest', guestId: guest.id, tableId: table.id }]);
    expect(isStale(state, fingerprint)).toBe(true);
  });

  it("passes the plan's rules to the solver, dropping removed guests, and a hard apart rule holds", () => {
    const state = demo();
    const [a, b, c] = Object.values(state.guests).filter((g) => g.tableId === null && g.party === '');
    applyAll(state, [
      { type: 'addSeatingRule', ruleId: 'r1', kind: 'apart', hard: true, guestIds: [a!.id, b!.id] },
      { type: 'addSeatingRule', ruleId: 'r2', kind: 'together', hard: false, guestIds: [a!.id, c!.id] },
      { type: 'removeGuest', guestId: c!.id },
    ]);
    expect(solverRules(state)).toEqual([{ id: 'r1', kind: 'apart', hard: true, guestIds: [a!.id, b!.id] }]);
    const { instance } = instanceFor(state, 'fix');
    expect(instance.rules).toEqual(solverRules(state));
    const result = solve(instance, { seed: 1, iterations: 20_000 });
    expect(result.assignment[a!.id]).not.toBeNull();
    expect(result.assignment[a!.id]).not.toBe(result.assignment[b!.id]);
    const { fingerprint } = instanceFor(state, 'fix');
    applyAll(state, [{ type: 'removeSeatingRule', ruleId: 'r1' }]);
    expect(isStale(state, fingerprint)).toBe(true);
  });

  it('its proposal applies as commands with no refusal', () => {
    const state = demo();
    const result = solve(instanceFor(state, 'seat').instance, { seed: 1, iterations: 20_000 });
    const after = applyAll(state, commandsForAssignment(state, result.assignment));
    for (const g of Object.values(after.guests)) expect(g.tableId).toBe(result.assignment[g.id]);
  });
});
