/// <reference lib="webworker" />
import { solve, SolverInputError } from '@seatfold/solver';
import { BEST_EVERY_MS, type SolveReply, type SolveRequest } from './protocol.ts';
import { proposalScorer } from './scores.ts';

/**
 * Runs the solver off the main thread. solve() is synchronous, so this worker cannot hear a stop message while it
 * searches: it posts the best plan so far as it improves ("best"), then the final one ("done"), each with its
 * preview scores; the page stops a run by terminating the worker and keeps the last best plan it received.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (reply: SolveReply) => scope.postMessage(reply);

scope.onmessage = (event: MessageEvent<SolveRequest>) => {
  const { runId, instance, timeLimitMs, scoring } = event.data;
  try {
    const scores = proposalScorer(instance, scoring);
    const result = solve(instance, {
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
};
