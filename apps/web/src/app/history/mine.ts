import { groupHistory, undoStacks } from '@seatfold/sync';
import type { Made } from '../undo-notice.ts';
import { changeWords, type BatchLabel } from '../timeline.ts';

/**
 * My confirmed changes as they were made (their events and the plan right before them), kept as they are confirmed
 * live, so the Undo and Redo buttons can say what they would take back or bring back without the plan's history
 * being read. In memory only: after a reload (or in another tab) the words come back from this browser's storage
 * (saved-words.ts), or from the plan's history where it is held (held.ts).
 */
export class MyChanges {
  private readonly made = new Map<string, Made>();

  /** Remembers changes of mine just confirmed (command id → what it made); the oldest go beyond the undo limit. */
  remember(made: ReadonlyMap<string, Made>): void {
    for (const [commandId, m] of made) {
      this.made.delete(commandId);
      this.made.set(commandId, m);
    }
    for (const oldest of this.made.keys()) {
      if (this.made.size <= undoStacks.UNDO_LIMIT) break;
      this.made.delete(oldest);
    }
  }

  /** "moved Kim Doe from table 3 to table 12", "ran “Guest import: guests.xlsx” (1,500 edits)"; null: not held. */
  words(commandId: string, batches: ReadonlyMap<string, BatchLabel>): string | null {
    const made = this.made.get(commandId);
    const [entry] = made ? groupHistory(made.events) : [];
    if (!made || !entry) return null;
    return changeWords(entry, made.before, entry.batchId ? batches.get(entry.batchId) : null);
  }
}
