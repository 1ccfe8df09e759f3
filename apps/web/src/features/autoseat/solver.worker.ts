/// <reference lib="webworker" />
import { solve, SolverInputError, type SolveResult } from '@seatfold/solver';
import { quickPassMs, type SolveReply, type SolveRequest } from './protocol.ts';

/**
 * Runs the solver off the main thread. solve() is synchronous, so this worker cannot hear a stop message while it
 * searches: it first posts a quick plan ("interim"), then the full run's plan ("done", the better of the two); the
 * page stops a run by terminating the worker and keeps the interim plan.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (reply: SolveReply) => scope.postMessage(reply);

scope.onmessage = (event: MessageEvent<SolveRequest>) => {
  const { runId, instance, timeLimitMs } = event.data;
  try {
    const quick = quickPassMs(timeLimitMs);
    const total = quick + timeLimitMs;
    const progress = (offset: number) => (p: { elapsedMs: number; bestScore: number }) =>
      post({ runId, type: 'progress', fraction: Math.min(1, (offset + p.elapsedMs) / total), bestScore: p.bestScore });
    const first = solve(instance, { seed: 1, timeLimitMs: quick, onProgress: progress(0) });
    post({ runId, type: 'interim', result: first });
    const second = solve(instance, { seed: 2, timeLimitMs, onProgress: progress(quick) });
    const best: SolveResult = second.score.total <= first.score.total ? second : first;
    post({ runId, type: 'done', result: best });
  } catch (err) {
    const message = err instanceof SolverInputError ? err.message : `The seating could not be worked out: ${err instanceof Error ? err.message : String(err)}`;
    post({ runId, type: 'error', message });
  }
};
