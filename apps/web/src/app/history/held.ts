import type { HistoryEntry, PlanHistory } from '@seatfold/sync';
import { changeWords, type BatchLabel } from '../timeline.ts';

/*
 * The Undo and Redo buttons' words read from the plan's history as the page holds it (read after the load when my
 * stacks need it: feed.ts, and continued live): so after a reload or in a second tab they name my changes as the tab
 * that made them did (mine.ts, in memory, has them only for changes this tab saw made).
 */

/** How deep a chain of undos and redos is followed (each is an undo of the one before). */
const CHAIN_MAX = 200;

/**
 * The change an undo or redo command `commandId` finally takes back or brings back: an undo's batch names its target
 * (undoOf), a redo is an undo of an undo, and so on down to a change that is no undo. `origin` holds what this tab
 * saw itself; a command whose batch label is not known yet stands for itself.
 */
export function changeBehind(
  commandId: string,
  origin: ReadonlyMap<string, string>,
  entryOf: (commandId: string) => HistoryEntry | undefined,
  batches: ReadonlyMap<string, BatchLabel>,
): string {
  let id = commandId;
  for (let i = 0; i < CHAIN_MAX; i++) {
    const seen = origin.get(id);
    if (seen !== undefined) return seen;
    const batchId = entryOf(id)?.batchId;
    const batch = batchId ? batches.get(batchId) : undefined;
    if (batch?.kind !== 'undo' || !batch.undoOf || batch.undoOf === id) return id;
    id = batch.undoOf;
  }
  return id;
}

/**
 * What the command `commandId` did, as the buttons say it ("moved Kim Doe from table 3 to table 12"), from its
 * timeline entry and the plan before it; null while its events are not held, or while it is a batch whose label
 * has not arrived (then it could be an undo, whose words are those of what it took back).
 */
export function heldWords(entry: HistoryEntry | undefined, history: PlanHistory, batches: ReadonlyMap<string, BatchLabel>): string | null {
  if (!entry || entry.lastVersion > history.length) return null;
  const batch = entry.batchId ? batches.get(entry.batchId) : null;
  if (entry.batchId && !batch) return null;
  return changeWords(entry, history.stateAt(entry.firstVersion - 1), batch);
}
