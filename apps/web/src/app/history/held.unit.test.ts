import { initialState, type Command } from '@seatfold/domain/core';
import { undoStacks, type WireEvent } from '@seatfold/sync';
import { describe, expect, it } from 'vitest';
import { recordOn } from '../testing.ts';
import { PlanTimeline } from './registry.ts';

const ann = (commandId: string, batchId: string | null = null) => ({ actor: 'Ann', actorId: 'p-ann', commandId, batchId });

/** A plan's whole history as the server stored it: set-up by Ann, her move, her import, then her undo and redo. */
function history() {
  const s = initialState();
  const events: WireEvent[] = [
    ...recordOn(
      s,
      [
        { type: 'createPlan', name: 'Gala' },
        { type: 'addTable', tableId: 't12', name: '12', capacity: 4 },
        { type: 'addTable', tableId: 't3', name: '3', capacity: 4 },
        { type: 'addGuest', guestId: 'kim', name: 'Kim Doe' },
        { type: 'seatGuest', guestId: 'kim', tableId: 't3' },
      ],
      ann('setup', 'setup'),
    ),
    ...recordOn(s, [{ type: 'moveGuest', guestId: 'kim', tableId: 't12' }], ann('move')),
  ];
  const guests: Command[] = ['a', 'b', 'c', 'd'].map((g) => ({ type: 'addGuest', guestId: g, name: g.toUpperCase() }));
  const imported = recordOn(s, guests, ann('imp', 'imp'));
  const undo = recordOn(s, [{ type: 'moveGuest', guestId: 'kim', tableId: 't3' }], ann('undo-1', 'b-undo-1'));
  const redo = recordOn(s, [{ type: 'moveGuest', guestId: 'kim', tableId: 't12' }], ann('redo-1', 'b-redo-1'));
  return { imported, moved: events, undo, redo };
}

const batches = [
  { batchId: 'setup', kind: 'setup', label: 'Set up', summary: null },
  { batchId: 'imp', kind: 'guest-import', label: 'Guest import: guests.xlsx', summary: null },
  { batchId: 'b-undo-1', kind: 'undo', label: 'Undo: moved Kim Doe from table 3 to table 12', summary: { undoOf: 'move' } },
  { batchId: 'b-redo-1', kind: 'undo', label: 'Redo: moved Kim Doe from table 3 to table 12', summary: { undoOf: 'undo-1' } },
];

describe('PlanTimeline.undoWords after a reload: my changes named from the plan’s history', () => {
  it('names a change this page never saw made once its events are held (the join’s events), a batch once its label is', () => {
    const h = history();
    // A fresh page: the stacks come back from storage, nothing is remembered in memory.
    const t = new PlanTimeline('tok', null);
    t.setStacks({ issued: [], undo: ['move', 'imp'], redo: [] });
    expect(t.undoWordsMissing()).toBe(true);
    t.add([...h.moved, ...h.imported]);
    // The import's label (could it be an undo?) is not known yet: no words rather than wrong ones.
    expect(t.undoWords('undo')).toBeNull();
    expect(t.undoWordsMissing()).toBe(true);
    t.learnBatches(batches);
    expect(t.undoWords('undo')).toBe('ran “Guest import: guests.xlsx” (4 edits)');
    t.setStacks({ issued: [], undo: ['move'], redo: [] });
    expect(t.undoWords('undo')).toBe('moved Kim Doe from table 3 to table 12');
    expect(t.undoWordsMissing()).toBe(false);
  });

  it('names what an undo took back (Redo) and what a redo brought back (Undo) by following the undo batches', () => {
    const h = history();
    const t = new PlanTimeline('tok', null);
    t.add([...h.moved, ...h.imported, ...h.undo]);
    t.learnBatches(batches);
    // The move was undone by undo-1 (before the reload): Redo names the move, not what the undo's events did.
    t.setStacks({ issued: [], undo: ['imp'], redo: ['undo-1'] });
    expect(t.undoWords('redo')).toBe('moved Kim Doe from table 3 to table 12');
    expect(t.undoWords('undo')).toBe('ran “Guest import: guests.xlsx” (4 edits)');

    // Redone by redo-1: Undo names the move again (redo-1 undid undo-1, which undid the move).
    t.add(h.redo);
    t.setStacks(undoStacks.redone(t.stacks, 'undo-1', 'redo-1'));
    expect(t.undoWords('undo')).toBe('moved Kim Doe from table 3 to table 12');
    expect(t.undoWords('redo')).toBeNull();
    expect(t.changeBehind('redo-1')).toBe('move');
    expect(t.changeBehind('imp')).toBe('imp');
  });

  it('says nothing while an undo’s batch label is unknown, and survives a chain that names itself', () => {
    const h = history();
    const t = new PlanTimeline('tok', null);
    t.add([...h.moved, ...h.imported, ...h.undo]);
    t.setStacks({ issued: [], undo: [], redo: ['undo-1'] });
    // Without its label the undo's own events would read "moved Kim Doe from table 12 to table 3": not said.
    expect(t.undoWords('redo')).toBeNull();
    // A stored summary naming its own command (junk) stops the chain there.
    t.learnBatches([{ batchId: 'b-undo-1', kind: 'undo', label: 'Undo', summary: { undoOf: 'undo-1' } }]);
    expect(t.changeBehind('undo-1')).toBe('undo-1');
  });
});
