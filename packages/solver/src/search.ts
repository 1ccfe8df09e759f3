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

/**
 * Simulated annealing over feasible plans. Each step proposes one move — a unit to another allowed table with
 * room (or an unseated unit to a table), or two units at different tables swapping places — and accepts it when
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

  const group: number[] = [];
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
    // Now and then aim at the table of someone a soft together rule wants u with.
    if (unit.rules.length > 0 && rnd.next() < AIMED) {
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
