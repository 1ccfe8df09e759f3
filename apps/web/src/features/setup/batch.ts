import type { Command } from '@seatfold/domain/core';
import { newCommandId, type CommandReply } from '@seatfold/sync';
import type { PlanConnection } from '../../app/connection.ts';
import { sendOwnBatch } from '../../app/historyUndo.ts';
import { selectRole, selectWithdrawn } from '../../app/selectors.ts';
import type { RootState } from '../../app/store.ts';

/** Shown when a command could not even be sent: nothing changed, and trying again later is safe. */
export const OFFLINE = 'You are offline or the plan is still opening: nothing was changed. Try again in a moment.';

/** Why a range of tables cannot be added while the plan is not connected, and what can be done instead. */
export const RANGE_OFFLINE =
  'Not connected: a numbered range is added as one batch (all its tables or none), which needs the connection to the server. Meanwhile add one table at a time (each waits in this browser and is sent once you are back), or add the range once the header says Connected.';

/**
 * Why this page may no longer change the plan while a form is open — the owner withdrew the access or made the planner
 * a reviewer, or the board went to the past — or null. A form asks before it sends, so it never says "Added" for a
 * change that could only be refused later.
 */
export function cannotEdit(s: RootState): string | null {
  if (selectWithdrawn(s)) return 'Your access to this plan was withdrawn, so nothing here can be saved.';
  if (selectRole(s) === 'review') return 'You can only review this plan now, so nothing here can be saved.';
  if (s.history.viewing !== null) return 'The board shows the past: go back to now to change the plan.';
  return null;
}

/**
 * Sends many commands as one 'bulk' batch (all or nothing; revertible, unlike the plan's initial 'setup'; Ctrl+Z takes
 * it back whole, as one of my changes). Resolves when the server accepted it; rejects with a planner-readable message
 * when it was refused or could not be sent.
 */
export async function sendSetupBatch(connection: PlanConnection | null, label: string, commands: Command[]): Promise<void> {
  if (!connection) throw new Error('The plan is not open yet. Wait a moment and try again.');
  const reply: CommandReply = await sendOwnBatch(connection, {
    commandId: newCommandId(),
    batchId: crypto.randomUUID(),
    kind: 'bulk',
    label,
    commands,
  });
  if (reply.status === 'rejected') {
    const retry = reply.error.retryAfterMs ? ` Try again in ${Math.ceil(reply.error.retryAfterMs / 1000)} s.` : '';
    throw new Error(`${reply.error.message}${retry}`);
  }
}
