import type { Compiled } from '@seatfold/solver/compile';
import loadHighs from 'highs';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highs: Highs | null = null;

/**
 * The exact optimum of the solver's own objective, as a MILP solved by HiGHS (WebAssembly), for small instances
 * with no current plan and no fixed guests. Variables: x(u,t) unit u at table t (only tables its hard rules
 * allow), s(u) unit unseated, y(u,v,t) units u and v both at t (for pairs that share a department or a soft
 * apart rule; ≥ x+x−1, minimised so exact), z(r,t) soft together rule r uses table t (or "unseated"), b(t,k) the
 * k-th guest at table t (the balance term).
 * Hard apart partners never share a table; capacities hold. Returns null when HiGHS did not prove optimality.
 */
export async function milpOptimum(c: Compiled, timeLimitSeconds: number): Promise<{ objective: number; seconds: number; status: string } | null> {
  highs ??= await loadHighs();
  if (c.guestFixed.some((t) => t >= 0) || c.guestCurrent.some((t) => t !== c.T))
    throw new Error('the MILP covers instances without a current plan or fixed guests only');
  const { T, units, weights: w } = c;
  const x = (u: number, t: number) => `x_${u}_${t}`;
  // HiGHS's LP reader keeps the last coefficient of a variable named twice in the objective: sum them here.
  const obj = new Map<string, number>();
  const rows: string[] = [];
  const binaries: string[] = [];
  let constant = 0;
  const term = (coef: number, v: string) => obj.set(v, (obj.get(v) ?? 0) + coef);
  units.forEach((unit, u) => {
    binaries.push(`s_${u}`, ...unit.domain.map((t) => x(u, t)));
    rows.push(`one_${u}: ${[...unit.domain.map((t) => x(u, t)), `s_${u}`].join(' + ')} = 1`);
    term(w.unseated * unit.size, `s_${u}`);
    if (c.anyVipTable && unit.vips > 0) {
      constant += w.vipOffTable * unit.vips;
      for (const t of unit.domain) if (c.tableVip[t]) term(-w.vipOffTable * unit.vips, x(u, t));
    }
  });
  // Balance: weight × n² ÷ seats per table (rounded to 1/1024, as the solver's balanceAt), convex in n, so it is
  // exact as n = Σ b(t,k) over k = 1..seats with b(t,k) costing the k-th guest's step: a minimum fills the cheap steps first.
  const balanceAt = (t: number, n: number) => Math.round((w.balance * n * n * 1024) / c.capacity[t]!) / 1024;
  for (let t = 0; t < T; t++) {
    const at = units.map((unit, u) => (unit.domain.includes(t) ? `${unit.size} ${x(u, t)}` : '')).filter(Boolean);
    if (at.length) rows.push(`cap_${t}: ${at.join(' + ')} <= ${c.capacity[t]}`);
    if (!at.length || !c.tableBalanced[t] || w.balance === 0) continue;
    const steps = Array.from({ length: c.capacity[t]! }, (_, i) => `b_${t}_${i + 1}`);
    steps.forEach((b, i) => term(balanceAt(t, i + 1) - balanceAt(t, i), b));
    binaries.push(...steps);
    rows.push(`bal_${t}: ${at.join(' + ')} - ${steps.join(' - ')} = 0`);
  }
  units.forEach((unit, u) => {
    for (const p of unit.apart)
      if (p > u) for (const t of unit.domain) if (units[p]!.domain.includes(t)) rows.push(`apart_${u}_${p}_${t}: ${x(u, t)} + ${x(p, t)} <= 1`);
  });
  // Pair costs: same-department pairs (mix: +, group: −) and soft apart pairs, between and within units.
  const sign = c.deptMode === 'mix' ? 1 : c.deptMode === 'group' ? -1 : 0;
  const pair = new Map<string, number>();
  const within = new Float64Array(units.length);
  const count = (members: number[], key: (g: number) => number) => {
    const m = new Map<number, number>();
    for (const g of members) if (key(g) >= 0) m.set(key(g), (m.get(key(g)) ?? 0) + 1);
    return m;
  };
  const perUnitDept = units.map((unit) => count(unit.members, (g) => c.guestDept[g]!));
  const softApart = c.rules.map((r, ri) => [r, ri] as const).filter(([r]) => !r.hard && r.kind === 'apart');
  const perUnitRule = units.map((_, u) => new Map(softApart.map(([r, ri]) => [ri, r.guests.filter((g) => c.unitOfGuest[g] === u).length])));
  for (let u = 0; u < units.length; u++) {
    for (const [, k] of perUnitDept[u]!) within[u]! += (sign * w.department * k * (k - 1)) / 2;
    for (const [r, ri] of softApart) {
      const k = perUnitRule[u]!.get(ri)!;
      within[u]! += (r.weight * k * (k - 1)) / 2;
    }
    for (let v = u + 1; v < units.length; v++) {
      let cost = 0;
      for (const [d, k] of perUnitDept[u]!) cost += sign * w.department * k * (perUnitDept[v]!.get(d) ?? 0);
      for (const [r, ri] of softApart) cost += r.weight * perUnitRule[u]!.get(ri)! * perUnitRule[v]!.get(ri)!;
      if (cost !== 0) pair.set(`${u}_${v}`, cost);
    }
  }
  units.forEach((_, u) => {
    if (within[u] === 0) return;
    constant += within[u]!;
    term(-within[u]!, `s_${u}`);
  });
  for (const [key, cost] of pair) {
    const [u, v] = key.split('_').map(Number);
    for (const t of units[u!]!.domain) {
      if (!units[v!]!.domain.includes(t)) continue;
      const y = `y_${u}_${v}_${t}`;
      term(cost, y);
      if (cost > 0) rows.push(`${y}_lb: ${y} - ${x(u!, t)} - ${x(v!, t)} >= -1`);
      else rows.push(`${y}_u: ${y} - ${x(u!, t)} <= 0`, `${y}_v: ${y} - ${x(v!, t)} <= 0`);
      binaries.push(y);
    }
  }
  // Soft together: weight × (tables used, unseated counting as one − 1).
  c.rules.forEach((r, ri) => {
    if (r.hard || r.kind !== 'together' || r.guests.length < 2) return;
    const us = [...new Set(r.guests.map((g) => c.unitOfGuest[g]))];
    constant -= r.weight;
    for (const t of [...new Set(us.flatMap((u) => units[u!]!.domain))]) {
      const z = `z_${ri}_${t}`;
      term(r.weight, z);
      binaries.push(z);
      for (const u of us) if (units[u!]!.domain.includes(t)) rows.push(`${z}_${u}: ${z} - ${x(u!, t)} >= 0`);
    }
    const z = `z_${ri}_none`;
    term(r.weight, z);
    binaries.push(z);
    for (const u of us) rows.push(`${z}_${u}: ${z} - s_${u} >= 0`);
  });
  const objective = [...obj].filter(([, k]) => k !== 0).map(([v, k]) => `${k >= 0 ? '+' : '-'} ${Math.abs(k)} ${v}`);
  const lp = `Minimize\n obj: ${objective.join(' ') || '0 s_0'}\nSubject To\n ${rows.join('\n ')}\nBinaries\n ${binaries.join(' ')}\nEnd\n`;
  const t0 = performance.now();
  const res = highs.solve(lp, { output_flag: false, time_limit: timeLimitSeconds });
  const seconds = (performance.now() - t0) / 1000;
  if (res.Status !== 'Optimal') return null;
  return { objective: res.ObjectiveValue + constant, seconds, status: res.Status };
}
