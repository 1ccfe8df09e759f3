import { describe, expect, it } from 'vitest';
import { compile } from './compile.ts';
import { generateInstance } from './generate.ts';
import { planScorer, prepare, solve, SolverInputError } from './index.ts';

describe('prepare: an instance compiled once for solving and scoring', () => {
  it('solves as the instance itself does (same seed and budget → same plan and score)', () => {
    const inst = generateInstance({ seed: 4, guests: 200, tables: 20, rules: 30, locked: 0.1, vip: 0.05, departments: 5 });
    expect(solve(prepare(inst), { seed: 3, iterations: 8000 })).toMatchObject(
      (({ stats: _, ...rest }) => rest)(solve(inst, { seed: 3, iterations: 8000 })),
    );
  });

  it('withPlan scores as a fresh compile of the instance with that plan and weights, also when it has to recompile', () => {
    const inst = generateInstance({ seed: 5, guests: 200, tables: 20, rules: 30, locked: 0.1, pinned: 0.05, seated: 0.5, departments: 5 });
    // as Seat everybody: only the guests who may not move (pinned, at locked tables) keep their seat
    const locked = new Set(inst.tables.filter((t) => t.locked).map((t) => t.id));
    const pinned = new Set(inst.guests.filter((g) => g.pinned).map((g) => g.id));
    const fixedOnly = Object.fromEntries(Object.entries(inst.current ?? {}).map(([g, t]) => [g, t && (locked.has(t) || pinned.has(g)) ? t : null]));
    const p = prepare({ ...inst, current: fixedOnly });
    const pin = [...pinned].find((g) => inst.current?.[g])!; // a pinned guest with a seat
    expect(p.withPlan(inst.current, { moved: 0 }).compiled.units).not.toBe(p.compiled.units); // units copied…
    expect(p.withPlan(inst.current, { moved: 0 }).compiled.allowed).toBe(p.compiled.allowed); // …the rest shared, not recompiled
    expect(p.withPlan(inst.current, { rule: 4 }).compiled.allowed).not.toBe(p.compiled.allowed);
    expect(p.withPlan({ ...inst.current, [pin]: null }).compiled.allowed).not.toBe(p.compiled.allowed); // a pin moved
    const proposal = solve(inst, { seed: 1, iterations: 3000 }).assignment;
    for (const [current, weights] of [
      [inst.current, { moved: 0 }], // fixed guests agree: shared compile
      [proposal, { moved: 3 }],
      [inst.current, { rule: 4 }], // another default rule weight: recompiled
      [{ ...inst.current, [pin]: null }, {}], // a pinned guest elsewhere: recompiled
    ] as const) {
      const shared = planScorer(p.withPlan(current, weights));
      const fresh = planScorer({ ...inst, current }, weights);
      expect(shared(proposal)).toEqual(fresh(proposal));
      expect(shared()).toEqual(fresh());
    }
  });

  it('refuses weights beside a prepared instance (they were fixed when it was compiled)', () => {
    const inst = generateInstance({ seed: 6, guests: 20, tables: 3 });
    expect(() => solve(prepare(inst), { weights: { moved: 1 } })).toThrow(SolverInputError);
  });

  it('gives the units of one kind (no rule of their own) one list of tables, not a copy each (~90 MB at 20,000 guests)', () => {
    const { units } = compile(generateInstance({ seed: 6, guests: 400, tables: 40, rules: 20, vip: 0.05, needsAccessible: 0.05 }));
    const lists = new Set(units.map((u) => u.domain));
    // at most four kinds (VIP or not, access needs or not), plus the units with a place rule, fixed partner or anchor
    expect(lists.size).toBeLessThan(units.length / 4);
    for (const u of units) expect(u.domain.every((t, i) => i === 0 || t > u.domain[i - 1]!)).toBe(true);
  });
});
