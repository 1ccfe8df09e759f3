import { type Command, type PlanState } from '@seatfold/domain/core';
import { undoStacks, type WireEvent } from '@seatfold/sync';
import { describe, expect, it } from 'vitest';
import { planFrom, recordOn } from '../testing.ts';
import { madeIn } from './made.ts';
import { PlanTimeline } from './registry.ts';

const ann = (commandId: string, batchId: string | null = null) => ({ actor: 'Ann', actorId: 'p-ann', commandId, batchId });
const bob = (commandId: string) => ({ actor: 'Bob', actorId: 'p-bob', commandId, batchId: null });

/** The feed's part: my issued commands confirmed by `events` on top of `before` are remembered, then stacked. */
function confirm(t: PlanTimeline, before: PlanState, events: WireEvent[]) {
  const issued = new Set(t.stacks.issued);
  t.mine.remember(madeIn(events, before, (id) => issued.has(id)));
  t.setStacks(
    undoStacks.confirmed(
      t.stacks,
      events.map((e) => e.meta.commandId),
    ),
  );
}

describe('PlanTimeline.undoWords: what Undo and Redo would take back or bring back', () => {
  it('names my last change, the change an undo took back for Redo, and a batch by its label once known', () => {
    const s = planFrom([
      { type: 'createPlan', name: 'Gala' },
      { type: 'addTable', tableId: 't12', name: '12', capacity: 4 },
      { type: 'addTable', tableId: 't3', name: '3', capacity: 4 },
      { type: 'addGuest', guestId: 'kim', name: 'Kim Doe' },
      { type: 'seatGuest', guestId: 'kim', tableId: 't3' },
    ]);
    const t = new PlanTimeline('tok', null);
    expect(t.undoWords('undo')).toBeNull();

    // Somebody else's change is never mine; my move is.
    t.setStacks(undoStacks.issued(t.stacks, 'move'));
    const before = structuredClone(s);
    confirm(t, before, [
      ...recordOn(s, [{ type: 'addGuest', guestId: 'lea', name: 'Lea' }], bob('bob-1')),
      ...recordOn(s, [{ type: 'moveGuest', guestId: 'kim', tableId: 't12' }], ann('move')),
    ]);
    expect(t.undoWords('undo')).toBe('moved Kim Doe from table 3 to table 12');
    expect(t.undoWords('redo')).toBeNull();

    // Undone here: Redo names the change the undo took back.
    t.origin.set('undo-1', 'move');
    t.setStacks(undoStacks.undone(t.stacks, 'move', 'undo-1'));
    expect(t.undoWords('undo')).toBeNull();
    expect(t.undoWords('redo')).toBe('moved Kim Doe from table 3 to table 12');

    // An import of mine: its size until its label is known, then its label.
    t.setStacks(undoStacks.issued(t.stacks, 'imp'));
    const beforeImport = structuredClone(s);
    const guests: Command[] = ['a', 'b', 'c', 'd'].map((g) => ({ type: 'addGuest', guestId: g, name: g.toUpperCase() }));
    confirm(t, beforeImport, recordOn(s, guests, ann('imp', 'imp')));
    expect(t.undoWords('undo')).toBe('made a batch of changes (4 edits)');
    expect(t.learnBatches([{ batchId: 'imp', kind: 'guest-import', label: 'Guest import: guests.xlsx' }])).toBe(true);
    expect(t.learnBatches([{ batchId: 'imp', kind: 'guest-import', label: 'Guest import: guests.xlsx' }])).toBe(false);
    expect(t.undoWords('undo')).toBe('ran “Guest import: guests.xlsx” (4 edits)');
  });

  it('says nothing of a change it did not see made (made before this page loaded: the button says it plainly)', () => {
    const t = new PlanTimeline('tok', null);
    t.setStacks({ issued: [], undo: ['earlier'], redo: ['undo-earlier'] });
    expect(t.undoWords('undo')).toBeNull();
    expect(t.undoWords('redo')).toBeNull();
  });
});
