import { prng } from '@seatfold/domain/testing';
import { describe, expect, it } from 'vitest';
import { generateInstance } from './generate.ts';
import { scorePlan, solve, type SolveResult, type SolverInstance } from './index.ts';

/** A random small instance: tight or overfull, with locked tables, pinned and pre-seated guests, hard rules. */
function randomInstance(seed: number): SolverInstance {
  const r = prng(seed);
  const guests = 3 + r.int(80);
  const inst = generateInstance({
    seed,
    guests,
    tables: 1 + r.int(12),
    fill: r.pick([0.5, 0.8, 0.95, 1, 1.2]),
    rules: r.int(guests / 2),
    locked: r.pick([0, 0.1, 0.3]),
    vip: r.pick([0, 0.05, 0.15]),
    needsAccessible: r.pick([0, 0.05, 0.2]),
    seated: r.pick([0, 0.3, 0.7]),
    pinned: r.pick([0, 0.05, 0.2]),
    departments: r.int(5),
  });
  // make every rule hard sometimes, and add rules with three guests
  if (r.chance(0.3)) inst.rules = inst.rules!.map((rule) => ({ ...rule, hard: true }));
  for (let i = 0; i < r.int(4); i++)
    inst.rules!.push({
      id: `x${i}`,
      kind: r.chance(0.5) ? 'apart' : 'together',
      hard: r.chance(0.5),
      guestIds: [0, 1, 2].map(() => r.pick(inst.guests).id),
    });
  // place rules: a guest (or two) at one of a few tables, hard or soft
  for (let i = 0; i < r.int(4); i++) {
    const tableIds = [...new Set([0, 1].map(() => r.pick(inst.tables).id))];
    inst.rules!.push({
      id: `p${i}`,
      kind: 'place',
      hard: r.chance(0.5),
      guestIds: [...new Set([0, 1].map(() => r.pick(inst.guests).id))],
      tableIds,
      placeName: tableIds.join('/'),
    });
  }
  return inst;
}

/** Every way the result could break the instance's hard constraints, checked from scratch. */
function breaches(inst: SolverInstance, res: SolveResult): string[] {
  const out: string[] = [];
  const current = inst.current ?? {};
  const tables = new Map(inst.tables.map((t) => [t.id, t]));
  const reported = (kind: string, guestId: string) => res.unsatisfied.some((u) => u.kind === kind && u.guestIds.includes(guestId));
  const count = new Map<string, number>();
  for (const g of inst.guests) {
    const t = res.assignment[g.id];
    if (t === undefined) out.push(`${g.id} missing from the assignment`);
    const was = current[g.id] ?? null;
    if (g.pinned && t !== was) out.push(`pinned ${g.id} moved from ${was} to ${t}`);
    if (was && tables.get(was)?.locked && t !== was) out.push(`${g.id} left locked table ${was}`);
    if (!t) continue;
    const table = tables.get(t);
    if (!table) {
      out.push(`${g.id} at unknown table ${t}`);
      continue;
    }
    if (table.locked && was !== t) out.push(`${g.id} added to locked table ${t}`);
    if (table.vip && !g.vip && !reported('vip', g.id)) out.push(`non-VIP ${g.id} at VIP table ${t}, not reported`);
    if (g.needsAccessible && !table.accessible && !reported('accessible', g.id)) out.push(`${g.id} needs access but sits at ${t}, not reported`);
    count.set(t, (count.get(t) ?? 0) + 1);
  }
  for (const [t, n] of count) if (n > tables.get(t)!.capacity) out.push(`${t} holds ${n} of ${tables.get(t)!.capacity}`);
  for (const rule of inst.rules ?? []) {
    if (!rule.hard || res.unsatisfied.some((u) => u.ruleId === rule.id)) continue;
    const at = [...new Set(rule.guestIds)].map((id) => res.assignment[id]); // a guest named twice counts once
    if (rule.kind === 'together' && new Set(at).size > 1) out.push(`hard together ${rule.id} broken (${at.join(', ')}) but reported satisfied`);
    // all of them without a seat is no breach (nobody sits apart); some seated and some not is one
    if (rule.kind === 'together' && at.some((t) => t === null) && at.some((t) => t !== null))
      out.push(`hard together ${rule.id} partly unseated but reported satisfied`);
    if (rule.kind === 'place' && at.some((t) => t !== null && !rule.tableIds!.includes(t!)))
      out.push(`hard place ${rule.id} broken (${at.join(', ')}) but reported satisfied`);
    const seated = at.filter((t) => t !== null);
    if (rule.kind === 'apart' && new Set(seated).size < seated.length)
      out.push(`hard apart ${rule.id} broken (${at.join(', ')}) but reported satisfied`);
  }
  const parties = new Map<string, string[]>();
  for (const g of inst.guests) if (g.party) parties.set(g.party, [...(parties.get(g.party) ?? []), g.id]);
  for (const [party, ids] of parties) {
    const seatedAt = new Set(ids.map((id) => res.assignment[id]).filter((t) => t !== null));
    if (seatedAt.size > 1 && !reported('party', ids[0]!)) out.push(`party ${party} split over ${[...seatedAt].join(', ')} but not reported`);
  }
  if (res.score.hardViolations !== res.unsatisfied.filter((u) => u.hard).length) out.push('hardViolations disagrees with the list');
  return out;
}

describe('solver properties (random instances, seeded)', () => {
  it('never moves locked or pinned guests, never exceeds a capacity, never breaks a hard rule it reports satisfied', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const inst = randomInstance(seed);
      const res = solve(inst, { seed, iterations: 4000 });
      expect(breaches(inst, res), `seed ${seed}`).toEqual([]);
      expect(res.score.total, `seed ${seed}: never worse than the greedy start`).toBeLessThanOrEqual(res.stats.initialScore);
    }
  });

  it('same seed and iteration budget → same plan; the search explores (another seed may differ)', () => {
    let differed = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const inst = randomInstance(1000 + seed);
      const a = solve(inst, { seed, iterations: 6000 });
      const b = solve(JSON.parse(JSON.stringify(inst)) as SolverInstance, { seed, iterations: 6000 });
      expect(b.assignment, `seed ${seed}`).toEqual(a.assignment);
      expect(b.score, `seed ${seed}`).toEqual(a.score);
      if (JSON.stringify(solve(inst, { seed: seed + 1, iterations: 6000 }).assignment) !== JSON.stringify(a.assignment)) differed++;
    }
    expect(differed).toBeGreaterThan(0);
  });

  it('the reported score is the score of the returned plan, recomputed from scratch', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const inst = randomInstance(2000 + seed);
      const res = solve(inst, { seed, iterations: 3000 });
      // re-solving from the returned plan with no search steps and every guest pinned scores it as it is
      const frozen = solve(
        { ...inst, guests: inst.guests.map((g) => ({ ...g, pinned: true })), current: res.assignment },
        { iterations: 0, weights: { moved: 0 } },
      );
      expect(frozen.assignment, `seed ${seed}`).toEqual(res.assignment);
      expect(frozen.score.softRulePenalty, `seed ${seed}`).toBe(res.score.softRulePenalty);
      expect(frozen.score.departmentPairs, `seed ${seed}`).toBe(res.score.departmentPairs);
      // scorePlan (the preview's "before") scores the returned plan exactly as the search did
      const again = scorePlan(inst, res.assignment);
      expect(again.score.total, `seed ${seed}`).toBeCloseTo(res.score.total, 6);
      expect(again.score.rulesBroken, `seed ${seed}`).toBe(res.score.rulesBroken);
      expect(again.unsatisfied, `seed ${seed}`).toEqual(res.unsatisfied);
    }
  });
});
