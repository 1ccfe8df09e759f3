import { decide, demoPlanCommands, evolve, initialState, type Command, type PlanState } from '@seatfold/domain';
import { scorePlan, solve, type PreparedInstance, type SolverInstance } from '@seatfold/solver';
import { describe, expect, it } from 'vitest';
import { instanceFor, type AutoseatMode } from './preview.ts';
import type { SolveReply } from './protocol.ts';
import { runRequest } from './run.ts';

function applyAll(state: PlanState, commands: Command[]): PlanState {
  for (const c of commands) {
    const d = decide(state, c);
    if (!d.ok) throw new Error(`${c.type}: ${d.error.message}`);
    for (const e of d.events) evolve(state, e);
  }
  return state;
}

describe('the worker run', () => {
  const state = applyAll(initialState(), demoPlanCommands());

  for (const mode of ['seat', 'fix'] as const satisfies AutoseatMode[]) {
    it(`${mode}: hands the solver the plan compiled already for the preview's scores, which match scores compiled apart`, () => {
      const made = instanceFor(state, mode);
      const replies: SolveReply[] = [];
      const given: (SolverInstance | PreparedInstance)[] = [];
      const watched: typeof solve = (instance, options) => {
        given.push(instance);
        return solve(instance, options);
      };
      runRequest({ runId: 1, instance: made.instance, timeLimitMs: 50, scoring: made.scoring }, (r) => replies.push(r), watched);
      const done = replies.find((r) => r.type === 'done');
      if (done?.type !== 'done') throw new Error(JSON.stringify(replies.filter((r) => r.type === 'error')));
      expect(replies.some((r) => r.type === 'best')).toBe(true);
      // a prepared instance: solve compiles nothing of its own (a plain instance it would compile a second time)
      expect(given).toHaveLength(1);
      expect((given[0] as PreparedInstance).kind).toBe('prepared');
      // the same numbers as compiling the plan as it is on its own (the path before, two compiles)
      const asItIs = made.scoring.current ? { ...made.instance, current: made.scoring.current } : made.instance;
      expect(done.scores.before).toEqual(scorePlan(asItIs, undefined, made.scoring.weights).score);
      expect(done.scores.score).toEqual(scorePlan(asItIs, done.result.assignment, made.scoring.weights).score);
    });
  }
});
