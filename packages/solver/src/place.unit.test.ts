import { describe, expect, it } from 'vitest';
import { compile } from './compile.ts';
import { construct } from './construct.ts';
import { generateInstance } from './generate.ts';
import { random } from './random.ts';
import { SearchState } from './state.ts';
import { scorePlan, solve, type SolveResult, type SolverGuest, type SolverInstance, type SolverTable } from './index.ts';

// given / when / then: rules by place, the score of a plan as it is, and the best plan so far while searching.
const guest = (id: string, more: Partial<SolverGuest> = {}): SolverGuest => ({ id, name: id, ...more });
const table = (id: string, capacity: number, more: Partial<SolverTable> = {}): SolverTable => ({ id, name: id, capacity, ...more });
const run = (inst: SolverInstance) => solve(inst, { seed: 3, iterations: 20_000 });

describe('rules by place', () => {
  it('given a hard "seat at table T2" for a party member, seats the whole party at T2', () => {
    const r = run({
      guests: [guest('a', { party: 'Braun' }), guest('b', { party: 'Braun' }), guest('c')],
      tables: [table('T1', 4), table('T2', 4)],
      rules: [{ id: 'p', kind: 'place', hard: true, guestIds: ['a'], tableIds: ['T2'], placeName: 'table T2' }],
    });
    expect(r.assignment).toMatchObject({ a: 'T2', b: 'T2' });
    expect(r.unsatisfied).toEqual([]);
  });

  it('given a soft "seat in room Garden" (two tables) and room there, seats the guest in the room', () => {
    const r = run({
      guests: [guest('a'), guest('b'), guest('c')],
      tables: [table('H1', 3), table('G1', 1), table('G2', 1)],
      rules: [{ id: 'p', kind: 'place', hard: false, guestIds: ['a', 'b'], tableIds: ['G1', 'G2'], placeName: 'room Garden' }],
    });
    expect(['G1', 'G2']).toContain(r.assignment.a);
    expect(['G1', 'G2']).toContain(r.assignment.b);
    expect(r.score.softRulePenalty).toBe(0);
  });

  it('given a soft place rule that cannot be kept, explains it and counts it as broken', () => {
    const r = run({
      guests: [guest('a'), guest('b', { pinned: true })],
      tables: [table('T1', 2), table('T2', 1)],
      current: { b: 'T2' },
      rules: [{ id: 'p', kind: 'place', hard: false, guestIds: ['a'], tableIds: ['T2'], placeName: 'table T2' }],
    });
    expect(r.assignment.a).toBe('T1');
    expect(r.unsatisfied).toEqual([
      {
        kind: 'place',
        hard: false,
        ruleId: 'p',
        guestIds: ['a'],
        reason: 'seat a at table T2: a at table “T1” (a soft rule: other wishes weighed more, or there was no room).',
      },
    ]);
    expect(r.score.rulesBroken).toBe(1);
  });

  it('given a pinned guest elsewhere than a hard place rule says, reports the hard breach and never moves them', () => {
    const r = run({
      guests: [guest('a', { pinned: true })],
      tables: [table('T1', 2), table('T2', 2)],
      current: { a: 'T1' },
      rules: [{ id: 'p', kind: 'place', hard: true, guestIds: ['a'], tableIds: ['T2'], placeName: 'table T2' }],
    });
    expect(r.assignment.a).toBe('T1');
    expect(r.score.hardViolations).toBe(1);
    expect(r.unsatisfied[0]!.reason).toBe('seat a at table T2: a at table “T1” (a pinned at table “T1”).');
  });

  it('keeps the incremental score equal to the score from scratch with soft place rules', () => {
    const inst = generateInstance({ seed: 12, guests: 300, tables: 30, rules: 40, seated: 0.5, pinned: 0.05 });
    for (let i = 0; i < 30; i++)
      inst.rules!.push({
        id: `p${i}`,
        kind: 'place',
        hard: false,
        weight: 1 + i,
        guestIds: [inst.guests[i * 7]!.id, inst.guests[i * 7 + 3]!.id],
        tableIds: [inst.tables[i % 30]!.id, inst.tables[(i * 11) % 30]!.id],
      });
    const c = compile(inst);
    const s = new SearchState(c);
    construct(s);
    const rnd = random(9);
    for (let i = 0; i < 5000; i++) {
      const u = rnd.int(c.U);
      const dom = c.units[u]!.domain;
      if (!dom.length) continue;
      const t = rnd.int(4) === 0 ? c.T : dom[rnd.int(dom.length)];
      if (t! < c.T && (s.free(t!) < c.units[u]!.size || s.conflicts(u, t!))) continue;
      s.move(u, t!);
    }
    expect(s.fullScore()).toBeCloseTo(s.score, 6);
  });

  it('refuses a place rule naming an unknown table, with what to fix', () => {
    expect(() =>
      run({ guests: [guest('a')], tables: [table('T', 2)], rules: [{ id: 'p', kind: 'place', hard: true, guestIds: ['a'], tableIds: ['X'] }] }),
    ).toThrow('Rule "p" names the table "X", which is not among the tables.');
  });
});

describe('score of a plan as it is (the preview\'s "before")', () => {
  it('given a hand-made plan that splits a party and leaves a guest unseated, counts and explains both', () => {
    const inst: SolverInstance = {
      guests: [guest('a', { party: 'Braun' }), guest('b', { party: 'Braun' }), guest('c')],
      tables: [table('T1', 2), table('T2', 2)],
      current: { a: 'T1', b: 'T2', c: null },
      rules: [{ id: 'r', kind: 'apart', hard: false, guestIds: ['a', 'c'] }],
    };
    const before = scorePlan(inst);
    // 1000 for c without a seat, and balance 2 × 1² ÷ 2 at each table
    expect(before.score).toMatchObject({ unseated: 1, moved: 0, hardViolations: 1, balance: 2, total: 1002, wishes: 1, wishesBroken: 0 });
    expect(before.score.fill).toEqual({ tables: 2, fullest: { guests: 1, seats: 2 }, emptiest: { guests: 1, seats: 2 } });
    expect(before.unsatisfied.map((u) => u.kind)).toEqual(['unseated', 'party']);
    const after = solve(inst, { seed: 1, iterations: 5000 });
    expect(after.score.total).toBeLessThan(before.score.total);
  });
});

describe('best plan so far', () => {
  it('reports the first plan and then only better ones; the final result is at least as good as the last', () => {
    const inst = generateInstance({ seed: 5, guests: 300, tables: 30, rules: 40 });
    const seen: SolveResult[] = [];
    let t = 0;
    const r = solve(inst, { seed: 2, iterations: 60_000, now: () => (t += 1), bestEveryMs: 0, onBest: (b) => seen.push(b) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[0]!.score.total).toBe(r.stats.initialScore);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.score.total).toBeLessThan(seen[i - 1]!.score.total);
    expect(seen.at(-1)!.score.total).toBeGreaterThanOrEqual(r.score.total);
    // each report is a whole plan whose own score matches the one reported
    expect(scorePlan(inst, seen.at(-1)!.assignment).score.total).toBeCloseTo(seen.at(-1)!.score.total, 6);
  });
});
