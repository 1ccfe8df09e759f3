import type { SolveResult, SolverInstance } from '@seatfold/solver';

/** The page asks the worker to seat an instance within a time budget. */
export interface SolveRequest {
  runId: number;
  instance: SolverInstance;
  timeLimitMs: number;
}

/**
 * What the worker answers: progress (0..1 of the whole run), a first plan early on (kept when the planner presses
 * Stop, since a busy worker cannot read a stop message until solve returns), the final plan, or why it failed.
 */
export type SolveReply =
  | { runId: number; type: 'progress'; fraction: number; bestScore: number }
  | { runId: number; type: 'interim'; result: SolveResult }
  | { runId: number; type: 'done'; result: SolveResult }
  | { runId: number; type: 'error'; message: string };

/** The first, quick pass: a feasible plan to keep if the run is stopped. */
export const quickPassMs = (timeLimitMs: number) => Math.min(150, Math.round(timeLimitMs * 0.15));
