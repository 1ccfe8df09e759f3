import { describeEvent, describePartySeating, describeRemoval, type PlanEvent, type PlanState } from '@seatfold/domain';
import type { EventStore, StoredEvent } from '@seatfold/store';

/** The longest batch label Seatfold writes itself (a client's is checked to the same length). */
const LABEL_MAX = 300;
const clip = (s: string) => (s.length > LABEL_MAX ? `${s.slice(0, LABEL_MAX - 1)}…` : s);

/**
 * What an undo or redo batch is called: the plain word and what it takes back, where that is knowable — "Undo of
 * “Guest import: guests.xlsx”" for a batch, "Undo: moved Kim Doe from table 3 to table 12" for one command. The
 * Batches list and the timeline read it, so an undo is never mistaken for the change it took back. A redo is an
 * undo of an undo: it keeps that undo's words ("Redo of “Guest import: guests.xlsx”"); an undo labelled before
 * undos had words (plain "Undo") gives a plain "Redo". `batchId`: the batch the target's events belong to.
 */
export async function undoLabel(
  store: EventStore,
  planId: string,
  target: { events: readonly StoredEvent<PlanEvent>[]; batchId: string | null },
  state: PlanState,
  redo: boolean,
): Promise<string> {
  const word = redo ? 'Redo' : 'Undo';
  if (target.batchId) {
    const batch = await store.batchInfo(planId, target.batchId);
    if (!batch) return word;
    // Undoing an undo (a redo) or a redo (undo again): the words after its own "Undo"/"Redo" name the change.
    if (batch.kind === 'undo') return clip(word + batch.label.replace(/^(Undo|Redo)/, ''));
    return clip(`${word} of “${batch.label}”`);
  }
  const events = target.events.map((e) => e.event);
  const [first] = events;
  if (!first) return word;
  const more = events.length - 1;
  const what =
    describePartySeating(events, state) ??
    describeRemoval(events, state) ??
    `${describeEvent(first, state)}${more ? ` and ${more} more ${more === 1 ? 'change' : 'changes'}` : ''}`;
  return clip(`${word}: ${what}`);
}
