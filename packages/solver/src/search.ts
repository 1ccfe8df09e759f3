import type { Random } from './random.ts';
import type { SearchState } from './state.ts';
import type { SolverProgress } from './types.ts';

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
  const movable = units.map((_, u) => u).filter((u) => units[u].domain.length > 0);
  if (movable.length === 0) return { best, bestScore, iterations: 0, accepted, improvements, stoppedBy: 'iterations' };

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
    }
    const u = movable[rnd.int(movable.length)];
    const unit = units[u];
    const from = s.tableOf[u];
    const to = unit.domain[rnd.int(unit.domain.length)];
    if (to === from) continue;
    if (s.free(to) >= unit.size) {
      if (s.conflicts(u, to)) continue;
      const d = s.delta(u, to);
      if (!accept(d)) continue;
      s.apply(u, to, d);
    } else {
      // swap u with a random unit at `to` that may take u's place
      if (from === T) continue;
      const there = s.at[to];
      if (there.length === 0) continue;
      const w = there[rnd.int(there.length)];
      const other = units[w];
      if (!c.allowed[w * T + from]) continue;
      if (s.free(to) + other.size < unit.size || s.free(from) + unit.size < other.size) continue;
      if (s.conflicts(u, to, w) || s.conflicts(w, from, u)) continue;
      const d1 = s.move(u, to);
      const d2 = s.delta(w, from);
      if (!accept(d1 + d2)) {
        s.move(u, from);
        continue;
      }
      s.apply(w, from, d2);
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

