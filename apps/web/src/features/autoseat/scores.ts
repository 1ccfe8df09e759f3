import { planScorer, type ScoreBreakdown, type SolveResult, type SolverInstance, type SolverWeights, type Unsatisfied } from '@seatfold/solver';

/** What the preview scores a proposal against: the plan as it is, on the mode's scale. */
export interface Scoring {
  /** the plan as it is, where the instance starts afresh (Seat everybody); absent: the instance's own `current` */
  current?: Record<string, string | null>;
  weights?: Partial<SolverWeights>;
}

/** The plan as it is and a proposal scored on one scale, and the must-haves the plan as it is breaks. */
export interface ProposalScores {
  before: ScoreBreakdown;
  score: ScoreBreakdown;
  brokenNow: Unsatisfied[];
}

/**
 * Scores a run's proposals (in the worker, off the page's thread): the instance is compiled and the plan as it is
 * explained once; each proposal then reuses the explanations solve already made for it.
 */
export function proposalScorer(instance: SolverInstance, scoring: Scoring): (result: SolveResult) => ProposalScores {
  const score = planScorer(scoring.current ? { ...instance, current: scoring.current } : instance, scoring.weights);
  const now = score();
  const brokenNow = now.unsatisfied.filter((u) => u.hard);
  return (result) => ({ before: now.score, score: score(result.assignment, result.unsatisfied).score, brokenNow });
}
