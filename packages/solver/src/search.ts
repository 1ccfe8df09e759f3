import type { Random } from './random.ts';
import type { SearchState } from './state.ts';
import type { SolverProgress } from './types.ts';

// Index access: `!` marks reads of the search state's typed arrays with guest/table/unit indices that are in range by construction; guards there would only cost time in the hot loops.

export interface SearchLimits {
  iterations: number;
  timeLimitMs: number;
  startMs: number;
  now: () => number;
  shouldStop?: () => boolean;
  onProgress?: (p: SolverProgress) => void;
  temperature: { start: number; end: number };
  /** called once when every guest is first seated */
  onComplete?: () => void;
  /** the best plan so far (unit → table) and its score: at the start, then after improvements at most every `bestEveryMs` */
  onBest?: (best: Int32Array, score: number) => void;
  bestEveryMs?: number;
  /** propose ejection chains (u to a full table, one unit there on to a third table with room); default true */
  ejectionChains?: boolean;
}

export interface SearchOutcome {
  best: Int32Array;
  bestScore: number;
  iterations: number;
  accepted: number;
  improvements: number;
  stoppedBy: 'iterations' | 'time' | 'stop';
}

const CHECK_EVERY = 1024;
/** share of steps aimed at a soft together partner's table */
const AIMED = 0.3;
const MAX_GROUP = 3;
const PROGRESS_MS = 100;
/** share of moves into a full table (of units already seated) tried as an ejection chain rather than an exchange */
const CHAIN = 0.5;
/** third tables tried for the ejected unit */
const CHAIN_TRIES = 4;
/** share of steps (repair, with chains) sending a unit that left its table in the current plan back there */
const HOMEWARD = 0.2;

/**
 * Simulated annealing over feasible plans. Each step proposes one move — a unit to another allowed table with
 * room (or an unseated unit to a table), two units at different tables swapping places, or an ejection chain (a
 * unit into a full table, one unit from there on to a third table with room; the only way an unseated unit gets
 * into a full table, and a shorter way home for a unit whose home filled up) — and accepts it when
 * it does not worsen the score, else with probability exp(-delta / temperature). Moves that would break capacity
 * or a hard rule are never proposed, so every visited plan is feasible and the best one is kept. The temperature
 * falls geometrically over the iteration budget (deterministic per seed) or, without one, over the time budget.
 */
export function anneal(s: SearchState, rnd: Random, lim: SearchLimits): SearchOutcome {
  const c = s.c;
  const { T, units } = c;
  const best = Int32Array.from(s.tableOf);
  let bestScore = s.score;
  let accepted = 0;
  let improvements = 0;
  let temp = lim.temperature.start;
  const ratio = lim.temperature.start > 0 && lim.temperature.end > 0 ? lim.temperature.end / lim.temperature.start : 0;
  let lastProgress = -Infinity;
  let complete = s.unseated === 0;
  const movable = units.map((_, u) => u).filter((u) => units[u]!.domain.length > 0);
  if (movable.length === 0) return { best, bestScore, iterations: 0, accepted, improvements, stoppedBy: 'iterations' };
  lim.onBest?.(best, bestScore);
  let lastBest = 0;
  let reported = improvements;

  // Repair: where each unit sat in the current plan (-1: nowhere it may sit now), for the homeward steps.
  const chains = lim.ejectionChains !== false;
  const home = units.map((unit, u) => {
    const t = c.guestCurrent[unit.members[0]!]!; // a unit has at least one member; guestCurrent covers every guest
    return chains && t < T && c.allowed[u * T + t] ? t : -1;
  });
  const group: number[] = [];
  const chain: number[] = [-1, -1];
  const accept = (d: number) => d <= 0 || (temp > 0 && rnd.next() < Math.exp(-d / temp));
  let it = 0;
  let stoppedBy: SearchOutcome['stoppedBy'] = 'iterations';
  for (; it < lim.iterations; it++) {
    if (it % CHECK_EVERY === 0) {
      const elapsed = lim.now() - lim.startMs;
      if (elapsed >= lim.timeLimitMs) {
        stoppedBy = 'time';
        break;
      }
      if (lim.shouldStop?.()) {
        stoppedBy = 'stop';
        break;
      }
      const fraction = Number.isFinite(lim.iterations) ? it / lim.iterations : elapsed / lim.timeLimitMs;
      temp = ratio > 0 ? lim.temperature.start * Math.pow(ratio, fraction) : lim.temperature.start * (1 - fraction);
      if (lim.onProgress && elapsed - lastProgress >= PROGRESS_MS) {
        lastProgress = elapsed;
        lim.onProgress({ iteration: it, elapsedMs: elapsed, fraction, bestScore, currentScore: s.score, unseated: s.unseated });
      }
      if (lim.onBest && improvements !== reported && elapsed - lastBest >= (lim.bestEveryMs ?? 200)) {
        lastBest = elapsed;
        reported = improvements;
        lim.onBest(best, bestScore);
      }
    }
    const u = movable[rnd.int(movable.length)]!;
    const unit = units[u]!;
    const from = s.tableOf[u]!;
    let to = -1;
    // Now and then send a unit that left its table back (into a full one by an ejection chain).
    const homeTable = home[u] ?? -1;
    if (homeTable >= 0 && homeTable !== from && rnd.next() < HOMEWARD) to = homeTable;
    // Now and then aim at the table of someone a soft together rule wants u with.
    if (to < 0 && unit.rules.length > 0 && rnd.next() < AIMED) {
      const r = c.rules[unit.rules[rnd.int(unit.rules.length)]![0]]!;
      if (r.kind === 'together') {
        const g = r.guests[rnd.int(r.guests.length)]!;
        const t = c.unitOfGuest[g]! >= 0 ? s.tableOf[c.unitOfGuest[g]!] : c.guestFixed[g];
        if (t! < T && c.allowed[u * T + t!]) to = t!;
      }
    }
    if (to < 0) to = unit.domain[rnd.int(unit.domain.length)]!;
    if (to === from) continue;
    if (s.free(to) >= unit.size) {
      if (s.conflicts(u, to)) continue;
      const d = s.delta(u, to);
      if (!accept(d)) continue;
      s.apply(u, to, d);
    } else if (chains && (from === T || rnd.next() < CHAIN)) {
      // Ejection chain: u goes to `to`, one unit from there goes on to a third table with room.
      if (!pickEjected(s, rnd, u, from, to, chain)) continue;
      const [w, x] = chain as [number, number]; // both set by pickEjected
      let d = s.move(w, x);
      d += s.move(u, to);
      if (!accept(d)) {
        s.move(u, from);
        s.move(w, to);
        continue;
      }
    } else {
      // Exchange: u goes to `to`, one to three units from there take its place (an unseated unit only takes free seats).
      if (from === T || !pickGroup(s, rnd, u, from, to, group)) continue;
      let d = s.move(u, to);
      for (const w of group) d += s.move(w, from);
      if (!accept(d)) {
        for (const w of group) s.move(w, to);
        s.move(u, from);
        continue;
      }
    }
    accepted++;
    if (!complete && s.unseated === 0) {
      complete = true;
      lim.onComplete?.();
    }
    if (s.score < bestScore - 1e-9) {
      bestScore = s.score;
      best.set(s.tableOf);
      improvements++;
    }
  }
  return { best, bestScore, iterations: it, accepted, improvements, stoppedBy };
}

/**
 * A unit w at the full table `to` whose seats (with the free ones) make room for u, and a third table (not `to`,
 * not u's `from`: that is the exchange's case) with room for w where w is allowed and breaks no hard apart rule;
 * u must break none at `to` once w has left. Sets out to [w, third table]; false when none is found.
 */
function pickEjected(s: SearchState, rnd: Random, u: number, from: number, to: number, out: number[]): boolean {
  const c = s.c;
  const there = s.at[to];
  if (!there || there.length === 0) return false;
  // seats u lacks at `to` (a table overfilled by pinned guests counts as over, not just full)
  const need = c.units[u]!.size - (c.capacity[to]! - s.used[to]!); // u and to are valid indices (caller's)
  const w = there[rnd.int(there.length)]!; // an index below the length
  const unit = c.units[w];
  if (!unit || unit.size < need || unit.domain.length === 0 || s.conflicts(u, to, w)) return false;
  for (let i = 0; i < CHAIN_TRIES; i++) {
    const x = unit.domain[rnd.int(unit.domain.length)]!; // an index below the length
    if (x === to || x === from || s.free(x) < unit.size || s.conflicts(w, x)) continue;
    out[0] = w;
    out[1] = x;
    return true;
  }
  return false;
}

/**
 * Fills `group` with units at `to` that can move to `from` so that u fits at `to`: their seats plus the free
 * ones cover u, u's seats plus the free ones at `from` cover them, every one is allowed at `from`, and no hard
 * apart rule breaks on either side. Starts at a random unit of the table; false when no such group is found.
 */
function pickGroup(s: SearchState, rnd: Random, u: number, from: number, to: number, out: number[]): boolean {
  const c = s.c;
  const there = s.at[to]!;
  out.length = 0;
  if (there.length === 0) return false;
  const need = c.units[u]!.size - s.free(to);
  const room = s.free(from) + c.units[u]!.size;
  let size = 0;
  const k = rnd.int(there.length);
  for (let i = 0; i < there.length && size < need && out.length < MAX_GROUP; i++) {
    const w = there[(k + i) % there.length]!;
    if (size + c.units[w]!.size > room || !c.allowed[w * c.T + from]) continue;
    out.push(w);
    size += c.units[w]!.size;
  }
  if (size < need) return false;
  for (const p of c.units[u]!.apart) if (s.tableOf[p] === to && !out.includes(p)) return false;
  for (const w of out) for (const p of c.units[w]!.apart) if (p !== u && s.tableOf[p] === from) return false;
  return true;
}
