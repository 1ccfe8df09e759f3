import { planScorer, type PreparedInstance, type ScoreBreakdown, type SolveResult, type SolverWeights, type Unsatisfied } from '@seatfold/solver';

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
 * Scores a run's proposals (in the worker, off the page's thread) on the instance solve runs on, compiled once for
 * both (Seat everybody: the same compiled form with the plan as it is for `current`); the plan as it is is explained
 * once, and each proposal reuses the explanations solve already made for it.
 */
export function proposalScorer(prepared: PreparedInstance, scoring: Scoring): (result: SolveResult) => ProposalScores {
  const score = planScorer(
    scoring.current || scoring.weights ? prepared.withPlan(scoring.current ?? prepared.instance.current, scoring.weights) : prepared,
  );
  const now = score();
  const brokenNow = now.unsatisfied.filter((u) => u.hard);
  return (result) => ({ before: now.score, score: score(result.assignment, result.unsatisfied).score, brokenNow });
}
