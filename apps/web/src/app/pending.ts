import { createNextState } from '@reduxjs/toolkit';
import { capital, decide, describeEvent, evolve, type PlanState } from '@seatfold/domain/core';
import type { PendingCommand } from '@seatfold/sync';
import { describeAttempt } from './describe.ts';

export interface PendingLine {
  commandId: string;
  text: string;
  /** the plan as it now stands refuses it (somebody changed it meanwhile): the server will say so too */
  refused: boolean;
}

/**
 * The changes waiting to sync, first to last (the order they are sent in), each told as the timeline tells it
 * ("Moved Anna Müller from table 12 to table 7"): decided on the stored plan with the ones before it, as the board
 * shows them. One the plan now refuses says why. The first `limit` only: each is decided and folded on a draft.
 */
export function describePending(confirmed: PlanState, pending: readonly PendingCommand[], limit: number): PendingLine[] {
  const lines: PendingLine[] = [];
  // A draft over the stored plan, thrown away: only what the commands touch is copied.
  createNextState(confirmed, (d) => {
    const s = d as PlanState;
    for (const p of pending.slice(0, limit)) {
      const r = decide(s, p.command);
      if (!r.ok) {
        lines.push({ commandId: p.commandId, text: `${capital(describeAttempt(p.command, s))}: ${r.error.message}`, refused: true });
        continue;
      }
      // One event: the timeline's sentence, with names and tables; several (a party seated, a table with its
      // guests): what was asked, and how many changes it makes.
      const text =
        r.events.length === 1
          ? describeEvent(r.events[0]!, s)
          : `${describeAttempt(p.command, s)}${r.events.length > 1 ? ` (${r.events.length} changes)` : ''}`;
      for (const e of r.events) evolve(s, e);
      lines.push({ commandId: p.commandId, text: capital(text), refused: false });
    }
  });
  return lines;
}
