import type { Compiled, CompiledRule } from './compiled.ts';

// Index access: `!` marks reads of typed arrays sized from the compiled instance with guest/table/unit indices in range by construction; guards there would only cost time in the hot loops.

/** What a soft rule costs, given how many of its guests sit at each table (T: unseated). */
export function softRuleCost(r: CompiledRule, per: Map<number, number>, T: number): number {
  let s = 0;
  if (r.kind === 'apart') for (const [t, n] of per) s += t === T ? 0 : (r.weight * n * (n - 1)) / 2;
  else if (r.kind === 'together') s += r.weight * Math.max(0, per.size - 1);
  else for (const [t, n] of per) s += r.tables![t] ? 0 : r.weight * n;
  return s;
}

/**
 * The balance term at table t with n guests there: weight × n² ÷ seats, for the tables anybody may sit at (0 for
 * the others and for T). Rounded to 1/1024: sums and differences of such numbers are exact in floating point, so
 * the search's running total never drifts from a score counted from scratch.
 */
export function balanceAt(c: Compiled, t: number, n: number): number {
  return c.tableBalanced[t] ? Math.round((c.weights.balance * n * n * 1024) / c.capacity[t]!) / 1024 : 0;
}

/** The balance term of a plan, from the guests at each table. */
export function balanceCost(c: Compiled, used: ArrayLike<number>): number {
  if (c.weights.balance === 0) return 0;
  let s = 0;
  for (let t = 0; t < c.T; t++) s += balanceAt(c, t, used[t]!);
  return s;
}

/**
 * A plan under search: where each unit sits, plus the counts that make a move's score change cheap to compute
 * (seats used per table, members of each soft rule per table, colleagues per department per table). Evaluating a
 * move reads only the moving unit's members, rules and departments: O(party), never a full re-score.
 * Table index T means unseated. Fixed guests are counted where they stay and never move.
 */
export class SearchState {
  readonly c: Compiled;
  readonly tableOf: Int32Array;
  readonly used: Int32Array;
  readonly ruleCount: Int32Array;
  readonly ruleDistinct: Int32Array;
  readonly deptCount: Int32Array;
  /** the units at each table (index T: unseated), unordered; pos[u] is u's index in its list */
  readonly at: number[][];
  private readonly pos: Int32Array;
  score = 0;
  unseated = 0;

  constructor(c: Compiled) {
    this.c = c;
    const { T, U, R, D } = c;
    this.unseated = c.units.reduce((n, unit) => n + unit.size, 0);
    this.tableOf = new Int32Array(U).fill(T);
    this.used = new Int32Array(T + 1);
    this.ruleCount = new Int32Array(R * (T + 1));
    this.ruleDistinct = new Int32Array(R);
    this.deptCount = new Int32Array((T + 1) * Math.max(D, 1));
    this.at = Array.from({ length: T + 1 }, () => []);
    this.at[T] = Array.from({ length: U }, (_, u) => u);
    this.pos = Int32Array.from({ length: U }, (_, u) => u);
    for (let g = 0; g < c.G; g++) {
      const u = c.unitOfGuest[g]!;
      const t = u >= 0 ? T : c.guestFixed[g];
      this.used[t!]!++;
      if (c.guestDept[g]! >= 0) this.deptCount[t! * D + c.guestDept[g]!]!++;
    }
    c.rules.forEach((r, ri) => {
      for (const g of r.guests) {
        const t = c.unitOfGuest[g]! >= 0 ? T : c.guestFixed[g];
        if (this.ruleCount[ri * (T + 1) + t!]!++ === 0) this.ruleDistinct[ri]!++;
      }
    });
    this.score = this.fullScore();
  }

  /** Free seats at a table (never negative for the search; a fixed overfull table reads as 0). */
  free(t: number): number {
    return Math.max(0, this.c.capacity[t]! - this.used[t]!);
  }

  /** Would unit u break a hard apart rule at table t, not counting unit `ignore` (a swap partner leaving t)? */
  conflicts(u: number, t: number, ignore = -1): boolean {
    for (const p of this.c.units[u]!.apart) if (p !== ignore && this.tableOf[p] === t) return true;
    return false;
  }

  /** The score change if unit u moved to table `to` (hard feasibility is the caller's check). */
  delta(u: number, to: number): number {
    const c = this.c;
    const from = this.tableOf[u]!;
    if (from === to) return 0;
    const { T, D, weights: w } = c;
    const unit = c.units[u]!;
    let d = 0;
    if (from === T) d -= w.unseated * unit.size;
    if (to === T) d += w.unseated * unit.size;
    if (w.lostSeat !== 0 && (from === T || to === T)) d += w.lostSeat * unit.held * (to === T ? 1 : -1);
    if (c.anyVipTable && unit.vips > 0) d += w.vipOffTable * unit.vips * (this.offVip(to) - this.offVip(from));
    if (w.moved > 0 && unit.anyCurrent) {
      for (const g of unit.members) {
        const cur = c.guestCurrent[g];
        if (cur === T) continue;
        d += w.moved * ((to !== cur ? 1 : 0) - (from !== cur ? 1 : 0));
      }
    }
    if (c.deptMode !== 'ignore' && w.department !== 0) {
      let same = 0;
      for (const [dep, k] of unit.depts) {
        const within = (k * (k - 1)) / 2;
        if (to !== T) same += k * this.deptCount[to * D + dep]! + within;
        if (from !== T) same -= k * (this.deptCount[from * D + dep]! - k) + within;
      }
      d += (c.deptMode === 'mix' ? 1 : -1) * w.department * same;
    }
    if (c.placeCost) d += c.placeCost[u * (T + 1) + to]! - c.placeCost[u * (T + 1) + from]!;
    if (w.balance !== 0) {
      const k = unit.size;
      if (c.tableBalanced[to]) d += balanceAt(c, to, this.used[to]! + k) - balanceAt(c, to, this.used[to]!);
      if (c.tableBalanced[from]) d += balanceAt(c, from, this.used[from]! - k) - balanceAt(c, from, this.used[from]!);
    }
    for (const [ri, k] of unit.rules) {
      const r = c.rules[ri]!;
      const base = ri * (T + 1);
      const ca = this.ruleCount[base + from]!;
      const cb = this.ruleCount[base + to]!;
      if (r.kind === 'apart') {
        const within = (k * (k - 1)) / 2;
        d += r.weight * ((to !== T ? k * cb + within : 0) - (from !== T ? k * (ca - k) + within : 0));
      } else {
        const before = this.ruleDistinct[ri]!;
        const after = before + (ca === k ? -1 : 0) + (cb === 0 ? 1 : 0);
        d += r.weight * (Math.max(0, after - 1) - Math.max(0, before - 1));
      }
    }
    return d;
  }

  /** Moves unit u to table `to`, `d` being delta(u, to). */
  apply(u: number, to: number, d: number): void {
    const c = this.c;
    const from = this.tableOf[u]!;
    if (from === to) return;
    const { T, D } = c;
    const unit = c.units[u]!;
    this.used[from]! -= unit.size;
    this.used[to]! += unit.size;
    if (from === T) this.unseated -= unit.size;
    if (to === T) this.unseated += unit.size;
    for (const [dep, k] of unit.depts) {
      this.deptCount[from * D + dep]! -= k;
      this.deptCount[to * D + dep]! += k;
    }
    for (const [ri, k] of unit.rules) {
      const base = ri * (T + 1);
      if ((this.ruleCount[base + from]! -= k) === 0) this.ruleDistinct[ri]!--;
      if ((this.ruleCount[base + to]! += k) === k) this.ruleDistinct[ri]!++;
    }
    const list = this.at[from]!;
    const last = list.pop()!;
    if (last !== u) {
      list[this.pos[u]!] = last;
      this.pos[last] = this.pos[u]!;
    }
    this.pos[u] = this.at[to]!.length;
    this.at[to]!.push(u);
    this.tableOf[u] = to;
    this.score += d;
  }

  move(u: number, to: number): number {
    const d = this.delta(u, to);
    this.apply(u, to, d);
    return d;
  }

  private offVip(t: number): number {
    return t === this.c.T || !this.c.tableVip[t] ? 1 : 0;
  }

  /** Seats a whole assignment (unit → table), from scratch. */
  load(tableOf: Int32Array): void {
    for (let u = 0; u < this.c.U; u++) this.move(u, this.c.T);
    for (let u = 0; u < this.c.U; u++) this.move(u, tableOf[u]!);
    this.score = this.fullScore();
  }

  /** The score from scratch (soft part only: hard rules are kept by construction). Used to check the deltas. */
  fullScore(): number {
    const c = this.c;
    const { T, G, weights: w } = c;
    const tableOfGuest = (g: number) => (c.unitOfGuest[g]! >= 0 ? this.tableOf[c.unitOfGuest[g]!] : c.guestFixed[g]);
    let s = 0;
    let unseated = 0;
    const deptAt = new Map<string, number>();
    for (let g = 0; g < G; g++) {
      const t = tableOfGuest(g);
      if (c.unitOfGuest[g]! >= 0 && t === T) {
        unseated++;
        s += w.lostSeat * c.guestSeated[g]!;
      }
      if (c.anyVipTable && c.guestVip[g] && c.unitOfGuest[g]! >= 0) s += w.vipOffTable * (t === T || !c.tableVip[t!] ? 1 : 0);
      if (c.unitOfGuest[g]! >= 0 && c.guestCurrent[g] !== T && t !== c.guestCurrent[g]) s += w.moved;
      if (t !== T && c.guestDept[g]! >= 0) {
        const key = `${t}:${c.guestDept[g]}`;
        const n = deptAt.get(key) ?? 0;
        if (c.deptMode !== 'ignore') s += (c.deptMode === 'mix' ? 1 : -1) * w.department * n;
        deptAt.set(key, n + 1);
      }
    }
    this.unseated = unseated;
    s += w.unseated * unseated;
    const used = new Int32Array(T + 1);
    for (let g = 0; g < G; g++) used[tableOfGuest(g)!]!++;
    s += balanceCost(c, used);
    for (const r of c.rules) {
      if (r.hard) continue;
      const per = new Map<number, number>();
      for (const g of r.guests) per.set(tableOfGuest(g)!, (per.get(tableOfGuest(g)!) ?? 0) + 1);
      s += softRuleCost(r, per, T);
    }
    return s;
  }
}
