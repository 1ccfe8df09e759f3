import { cloneState, decide, evolve, initialState, planRevert, type Command, type PlanEvent, type PlanState } from '@seatfold/domain/core';
import type { WireEvent } from '@seatfold/sync';
import { describe, expect, it } from 'vitest';
import { changeTakenBack, madeNothing, undoNotice, type Made } from './undo-notice.ts';

/** Runs commands on a copy of `s`: the new plan and the events, as confirmed wire events of one command. */
function run(s: PlanState, commands: Command[], commandId: string): { after: PlanState; made: Made } {
  const after = cloneState(s);
  const events: PlanEvent[] = [];
  for (const c of commands) {
    const d = decide(after, c);
    if (!d.ok) throw new Error(d.error.message);
    for (const e of d.events) {
      evolve(after, e);
      events.push(e);
    }
  }
  return { after, made: { before: s, events: wire(events, s.version, commandId) } };
}

const wire = (events: PlanEvent[], from: number, commandId: string): WireEvent[] =>
  events.map((event, i) => ({ version: from + 1 + i, event, meta: { actor: 'Ann', actorId: 'a1', commandId, batchId: null, at: 1_000 } }));

/** What the server does for an undo (and a redo, the undo of an undo): the inverse of `made` on the plan after it. */
function takeBack(after: PlanState, made: Made, commandId: string) {
  const recorded = made.events.map((e) => ({ version: e.version, event: e.event, ...e.meta }));
  return run(after, planRevert(after, recorded, []).commands, commandId);
}

const start = run(
  initialState(),
  [
    { type: 'createPlan', name: 'Gala' },
    { type: 'addTable', tableId: 't12', name: '12', capacity: 4 },
    { type: 'addTable', tableId: 't7', name: '7', capacity: 4 },
    { type: 'addGuest', guestId: 'anna', name: 'Anna Müller' },
    { type: 'addGuest', guestId: 'ben', name: 'Ben Ode' },
    { type: 'seatGuest', guestId: 'anna', tableId: 't12' },
  ],
  'setup',
).after;

describe('the undo and redo notices say the change from the events the undo or redo made', () => {
  const move = run(start, [{ type: 'moveGuest', guestId: 'anna', tableId: 't7' }], 'move');
  const undo = takeBack(move.after, move.made, 'undo');
  const redo = takeBack(undo.after, undo.made, 'redo');

  it('an undo names the change it took back, not its own inverse', () => {
    expect(undoNotice('undo', changeTakenBack('undo', undo.made))).toBe('Undone: you moved Anna Müller from table 12 to table 7.');
  });

  it('a redo names the change it brought back', () => {
    expect(undoNotice('redo', changeTakenBack('redo', redo.made))).toBe('Redone: you moved Anna Müller from table 12 to table 7.');
  });

  it('a removal brought back or taken back is named as it was before it went', () => {
    const remove = run(start, [{ type: 'removeGuest', guestId: 'ben' }], 'remove');
    const back = takeBack(remove.after, remove.made, 'undo-remove');
    expect(changeTakenBack('undo', back.made)).toBe('you removed guest Ben Ode');
    expect(changeTakenBack('redo', takeBack(back.after, back.made, 'redo-remove').made)).toBe('you removed guest Ben Ode');
  });

  it('a change of many events names the first ones and counts the rest', () => {
    const tables = run(
      start,
      ['1', '2', '3', '4', '5'].map((n) => ({ type: 'addTable', tableId: `n${n}`, name: n, capacity: 8 }) as const),
      'tables',
    );
    const undone = takeBack(tables.after, tables.made, 'undo-tables');
    expect(changeTakenBack('undo', undone.made)).toBe(
      'you added table 1 (8 seats); added table 2 (8 seats); added table 3 (8 seats) and 2 more edits',
    );
  });

  it('without events to read, the notice is bare', () => {
    expect(changeTakenBack('redo', { before: start, events: [] })).toBeNull();
    expect(undoNotice('redo', null)).toBe('Redone.');
  });
});

describe('an undo that made nothing', () => {
  it('is told by the server’s reply, so its notice need not wait for events that will never come', () => {
    expect(madeNothing({ commandId: 'u', status: 'accepted', version: 9, events: 0 })).toBe(true);
    expect(madeNothing({ commandId: 'u', status: 'accepted', version: 9, events: 2 })).toBe(false);
    expect(madeNothing({ commandId: 'u', status: 'rejected', error: { code: 'UndoConflict', message: '…' } })).toBe(false);
    expect(undoNotice('undo', null, true)).toBe('Undone: nothing was left to take back, the plan already was as it would make it.');
    expect(undoNotice('redo', 'you seated Ann', true)).toBe('Redone: nothing was left to bring back, the plan already was as it would make it.');
  });
});
