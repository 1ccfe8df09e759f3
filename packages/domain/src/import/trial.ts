import type { Command } from '../commands.ts';
import { decide } from '../decide.ts';
import type { PlanEvent } from '../events.ts';
import { evolve } from '../evolve.ts';
import { inverseOfAll } from '../inverse.ts';
import type { PlanState } from '../model.ts';

/**
 * Applies commands to `work` if all succeed. If a later one is refused, the earlier ones are taken back with their
 * inverses (a row is addGuest/editGuest then seat/move: those inverses always apply).
 */
export function tryAll(work: PlanState, commands: Command[]): { ok: true } | { ok: false; message: string } {
  const applied: PlanEvent[] = [];
  for (const c of commands) {
    const d = decide(work, c);
    if (!d.ok) {
      for (const undo of inverseOfAll(applied)) {
        const u = decide(work, undo);
        if (u.ok) for (const e of u.events) evolve(work, e);
      }
      return { ok: false, message: d.error.message };
    }
    for (const e of d.events) {
      evolve(work, e);
      applied.push(e);
    }
  }
  return { ok: true };
}
