import type { SolveResult, SolverInstance } from '@seatfold/solver';
import type { ProposalScores, Scoring } from './scores.ts';

/** The page asks the worker to seat an instance within a time budget, and to score what it proposes for the preview. */
export interface SolveRequest {
  runId: number;
  instance: SolverInstance;
  timeLimitMs: number;
  scoring: Scoring;
}

/**
 * What the worker answers: progress (0..1 of the run, and the best score so far), the best plan so far
 * ("best": right after the first plan, then whenever it improved, at most every BEST_EVERY_MS — kept when the
 * planner presses Stop, since a busy worker cannot read a stop message until solve returns), the final plan, or
 * why it failed. Each plan comes with its preview scores, so the page does not compile the plan to show it.
 */
export type SolveReply =
  | { runId: number; type: 'progress'; fraction: number; bestScore: number }
  | { runId: number; type: 'best'; result: SolveResult; scores: ProposalScores }
  | { runId: number; type: 'done'; result: SolveResult; scores: ProposalScores }
  | { runId: number; type: 'error'; message: string };

/** How often at most the worker posts a better plan (posting 1,500 guests' plan costs ~1 ms). */
export const BEST_EVERY_MS = 200;
