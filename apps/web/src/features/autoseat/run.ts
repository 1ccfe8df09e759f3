import { prepare, solve, SolverInputError } from '@seatfold/solver';
import { BEST_EVERY_MS, type SolveReply, type SolveRequest } from './protocol.ts';
import { proposalScorer } from './scores.ts';

/**
 * One run as the worker makes it: the instance is read and compiled once, for the solver and for the preview's
 * scores alike; the best plan so far as it improves ("best"), then the final one ("done"), each with its scores.
 * `solveWith` is the solver (a test watches what it is given).
 */
export function runRequest(request: SolveRequest, post: (reply: SolveReply) => void, solveWith: typeof solve = solve): void {
  const { runId, instance, timeLimitMs, scoring } = request;
  try {
    const prepared = prepare(instance);
    const scores = proposalScorer(prepared, scoring);
    const result = solveWith(prepared, {
      seed: 1,
      timeLimitMs,
      bestEveryMs: BEST_EVERY_MS,
      onBest: (best) => post({ runId, type: 'best', result: best, scores: scores(best) }),
      onProgress: (p) => post({ runId, type: 'progress', fraction: p.fraction, bestScore: p.bestScore }),
    });
    post({ runId, type: 'done', result, scores: scores(result) });
  } catch (err) {
    const message =
      err instanceof SolverInputError ? err.message : `The seating could not be worked out: ${err instanceof Error ? err.message : String(err)}`;
    post({ runId, type: 'error', message });
  }
}
