import { expect } from 'vitest';
import {
  decide,
  evolve,
  foldInto,
  initialState,
  parseCommand,
  stateHash,
  type Command,
  type DomainErrorCode,
  type PlanEvent,
  type PlanState,
} from '../index.ts';
import { violation } from './invariants.ts';

/** Plain-JSON deep copy (states, events and commands are plain JSON by design). */
export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Freezes a value and everything it holds, so a write to it throws. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Decides `c` on `s` and folds its events into it; returns them. A refused command throws with its message. */
export function applied(s: PlanState, c: Command): PlanEvent[] {
  const d = decide(s, c);
  if (!d.ok) throw new Error(`${c.type}: ${d.error.message}`);
  for (const e of d.events) evolve(s, e);
  return d.events;
}

/** The plan that `commands` build from an empty one; a refused command throws with its message. */
export function planOf(commands: Command[], from: PlanState = initialState()): PlanState {
  for (const c of commands) applied(from, c);
  return from;
}

export interface GivenOptions {
  /** also check that the command passes the wire schema (parseCommand) before it is decided */
  parse?: boolean;
  /** more checks on an accepted command: the state before, the state after and the events */
  after?: (before: PlanState, after: PlanState, events: PlanEvent[]) => void;
  /** what a refusal's message must not contain (default: "undefined" and raw object dumps) */
  unsaid?: RegExp;
}

/**
 * Given / when / then over decide: `given(history).when(command).then(events)` asserts the exact events and returns
 * the state after them; `.thenRejects(code, message)` asserts the refusal. Every `when` decides on a deep-frozen copy
 * (decide must not write to the state it is given); every `then` folds the events and checks the plan invariants;
 * every refusal's message must read as a sentence (no "undefined", no raw object dumps).
 */
export function given(history: PlanEvent[], options: GivenOptions = {}) {
  const state = foldInto(initialState(), clone(history));
  return {
    state,
    when(command: Command) {
      if (options.parse) {
        const parsed = parseCommand(command);
        expect(parsed.ok, `the schema refuses ${JSON.stringify(command)}`).toBe(true);
      }
      const frozen = deepFreeze(clone(state));
      const before = stateHash(frozen);
      const decision = decide(frozen, command); // would throw if decide wrote to the frozen state
      expect(stateHash(frozen)).toBe(before);
      return {
        decision,
        /** Asserts the exact events and returns the state after folding them. */
        then(expected: PlanEvent[]): PlanState {
          expect(decision).toEqual({ ok: true, events: expected });
          const after = foldInto(clone(state), clone(expected));
          expect(after.version).toBe(state.version + expected.length);
          expect(violation(after)).toBeNull();
          options.after?.(state, after, expected);
          return after;
        },
        thenRejects(code: DomainErrorCode, message: RegExp) {
          expect(decision.ok, `expected ${code}, got ${JSON.stringify(decision)}`).toBe(false);
          if (!decision.ok) {
            expect(decision.error.code).toBe(code);
            expect(decision.error.message).toMatch(message);
            expect(decision.error.message).not.toMatch(options.unsaid ?? /undefined|\[object/);
          }
        },
      };
    },
  };
}
