import { describe, expect, it } from 'vitest';
import { generateInstance } from './generate.ts';
import { scorePlan, solve, type SolveResult, type SolverInstance } from './index.ts';

/** Guests seated at each table of the instance (0 for an empty one). */
function counts(inst: SolverInstance, r: SolveResult): number[] {
  const n = new Map<string, number>();
  for (const t of Object.values(r.assignment)) if (t !== null) n.set(t, (n.get(t) ?? 0) + 1);
  return inst.tables.map((t) => n.get(t.id) ?? 0);
}

/** 95 guests in parties of 1–3 and 10 tables of 12: 25 seats to spare. */
function ninetyFive(seed: number): SolverInstance {
  const inst = generateInstance({
    seed,
    guests: 95,
    tables: 10,
    fill: 95 / 120,
    rules: 0,
    locked: 0,
    vip: 0,
    needsAccessible: 0,
    departments: 0,
    maxParty: 3,
  });
  return { ...inst, tables: inst.tables.map((t) => ({ ...t, capacity: 12 })) };
}

describe('balanced tables', () => {
  it('given 95 guests and 10 tables of 12, fills every table with 9 or 10, not some full and some nearly empty', () => {
    for (const seed of [1, 2, 3]) {
      const inst = ninetyFive(seed);
      const r = solve(inst, { seed, iterations: 50_000 });
      expect(r.score.unseated).toBe(0);
      const n = counts(inst, r);
      expect(Math.min(...n), `seed ${seed}: ${n.join(' ')}`).toBeGreaterThanOrEqual(9);
      expect(Math.max(...n), `seed ${seed}: ${n.join(' ')}`).toBeLessThanOrEqual(10);
      expect(r.score.fill).toEqual({ tables: 10, fullest: { guests: 10, seats: 12 }, emptiest: { guests: 9, seats: 12 } });
    }
  });

  it('the greedy start alone already spreads the guests (it is what a 20,000-guest plan gets in a second)', () => {
    const inst = ninetyFive(1);
    const n = counts(inst, solve(inst, { seed: 1, iterations: 0 }));
    expect(Math.max(...n) - Math.min(...n), n.join(' ')).toBeLessThanOrEqual(2);
  });

  it('fills tables of different sizes to a like share of their seats', () => {
    // 27 single guests, 30 seats: each table about 90% full (5–6 of 6, 10–11 of 12), not the small one full first
    const inst: SolverInstance = {
      guests: Array.from({ length: 27 }, (_, i) => ({ id: `g${i}` })),
      tables: [
        { id: 'small', capacity: 6 },
        { id: 'big', capacity: 12 },
        { id: 'big2', capacity: 12 },
      ],
    };
    const r = solve(inst, { seed: 1, iterations: 20_000 });
    const [small, big, big2] = counts(inst, r) as [number, number, number];
    expect(small, 'of 6').toBeGreaterThanOrEqual(5);
    expect(small, 'of 6').toBeLessThanOrEqual(6);
    for (const n of [big, big2]) expect([10, 11], 'of 12').toContain(n);
  });

  it('weighs below a wish: a soft together rule of 12 keeps its table full while the rest spread', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => ({ id: `w${i}` }));
    const others = Array.from({ length: 24 }, (_, i) => ({ id: `o${i}` }));
    const inst: SolverInstance = {
      guests: [...twelve, ...others],
      tables: Array.from({ length: 5 }, (_, i) => ({ id: `t${i}`, capacity: 12 })),
      rules: [{ id: 'team', kind: 'together', hard: false, guestIds: twelve.map((g) => g.id) }],
    };
    const r = solve(inst, { seed: 1, iterations: 30_000 });
    expect(new Set(twelve.map((g) => r.assignment[g.id])).size).toBe(1);
    expect(r.score.wishesBroken).toBe(0);
    const n = counts(inst, r).sort((a, b) => b - a);
    expect(n).toEqual([12, 6, 6, 6, 6]);
  });

  it('Fix after changes does not move seated guests only to even the tables (a move weighs more)', () => {
    const inst = ninetyFive(1);
    const lopsided = solve(inst, { seed: 1, iterations: 20_000, weights: { balance: 0 } });
    expect(Math.min(...counts(inst, lopsided))).toBeLessThan(9); // without the term, some table is left nearly empty
    const fix = solve({ ...inst, current: lopsided.assignment }, { seed: 1, iterations: 20_000 });
    expect(fix.changed).toEqual([]);
  });

  it('a repair of a full plan fills holes tightest first: a late party still finds its hole, one guest moves', () => {
    // X: party P (2) and two singles; Y 3 of 4, Z 2 of 4. Late: a third P (P must make room at X) and a new party Q of 2.
    const g = (id: string, party?: string) => ({ id, ...(party ? { party } : {}) });
    const inst: SolverInstance = {
      guests: [g('p1', 'P'), g('p2', 'P'), g('p3', 'P'), g('s1'), g('s2'), g('y1'), g('y2'), g('y3'), g('z1'), g('z2'), g('q1', 'Q'), g('q2', 'Q')],
      tables: ['X', 'Y', 'Z'].map((id) => ({ id, capacity: 4 })),
      current: { p1: 'X', p2: 'X', s1: 'X', s2: 'X', y1: 'Y', y2: 'Y', y3: 'Y', z1: 'Z', z2: 'Z' },
    };
    for (const iterations of [0, 5_000]) {
      const r = solve(inst, { seed: 1, iterations });
      expect(r.score.unseated, `${iterations} steps`).toBe(0);
      // the single leaving X takes Y's one seat (tightest), leaving Z's two for Q; at Z, Q would find no two seats
      expect(r.score.moved, `${iterations} steps`).toBe(1);
    }
  });

  it('counts only the open tables anybody may sit at: a locked table and a VIP table with no VIP to seat are left out', () => {
    const inst: SolverInstance = {
      guests: [...Array.from({ length: 8 }, (_, i) => ({ id: `g${i}` })), { id: 'kept' }],
      tables: [
        { id: 'a', capacity: 6 },
        { id: 'b', capacity: 6 },
        { id: 'locked', capacity: 6, locked: true },
        { id: 'vip', capacity: 6, vip: true },
      ],
      current: { kept: 'locked' },
    };
    const r = solve(inst, { seed: 1, iterations: 5_000 });
    expect(r.score.fill).toEqual({ tables: 2, fullest: { guests: 4, seats: 6 }, emptiest: { guests: 4, seats: 6 } });
    expect(scorePlan(inst, r.assignment).score.balance).toBe(r.score.balance);
    expect(r.score.balance).toBeCloseTo(2 * ((4 * 4) / 6) * 2, 2);
  });
});
