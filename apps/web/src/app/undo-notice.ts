import { cloneState, evolve, planRevert, type PlanEvent, type PlanState } from '@seatfold/domain/core';
import type { CommandReply, HistoryEntry, WireEvent } from '@seatfold/sync';
import { entrySentence } from './timeline.ts';

/** What one undo or redo made: its own events, and the plan right before them. */
export interface Made {
  events: readonly WireEvent[];
  before: PlanState;
}

/**
 * The change an undo took back or a redo brought back, as the timeline says it with "you" ("you moved Anna Müller
 * from table 12 to table 7"), read from the undo's or redo's own events — so it needs neither the history nor memory
 * of which change the undo was for (gone after a reload). A redo's events are that change made again; an undo's are
 * its inverse, so the change is what taking them back does on the plan after them (what a redo would do).
 */
export function changeTakenBack(which: 'undo' | 'redo', made: Made): string | null {
  let change: PlanEvent[];
  let on: PlanState;
  if (which === 'redo') {
    change = made.events.map((e) => e.event);
    on = made.before;
  } else {
    const after = cloneState(made.before);
    for (const e of made.events) evolve(after, e.event);
    const recorded = made.events.map((e) => ({ version: e.version, event: e.event, ...e.meta }));
    change = planRevert(after, recorded, []).events;
    on = after;
  }
  if (change.length === 0) return null;
  const first = made.events[0]!;
  const entry: HistoryEntry = {
    firstVersion: first.version,
    lastVersion: first.version + change.length - 1,
    actor: 'you',
    actorId: first.meta.actorId,
    at: first.meta.at,
    commandId: first.meta.commandId,
    // not the undo's batch: the change is described event by event, not as "undid a change"
    batchId: null,
    events: change.map((event, i) => ({ version: first.version + i, event, meta: { ...first.meta, batchId: null } })),
  };
  return entrySentence(entry, on, null, 'you');
}

/**
 * Whether an accepted undo or redo made no events (the change it takes back was already gone): the server's reply
 * says how many it made, and with none there is nothing to wait for before the notice.
 */
export const madeNothing = (reply: CommandReply | { ok: false }): boolean => 'status' in reply && reply.status === 'accepted' && reply.events === 0;

/**
 * The notice after an undo or redo: "Undone: you moved Anna Müller from table 12 to table 7." (or bare, unknown);
 * `nothing`: it made no change (the plan already was as it would make it).
 */
export function undoNotice(which: 'undo' | 'redo', what: string | null, nothing = false): string {
  const done = which === 'undo' ? 'Undone' : 'Redone';
  if (nothing) return `${done}: nothing was left to ${which === 'undo' ? 'take' : 'bring'} back, the plan already was as it would make it.`;
  return what ? `${done}: ${what}.` : `${done}.`;
}
