import { createSelector, lruMemoize } from '@reduxjs/toolkit';
import { diffStates, entity, guestLabel, type EntityKey, type PlanState } from '@seatfold/domain/core';
import type { RootState } from '../store.ts';
import { diffActors, diffHighlights, diffLines, type DiffLine } from '../timeline.ts';
import { planTimeline } from './registry.ts';

/**
 * THE state on display: the live view, or — while travelling — the plan as it was at the viewed version.
 * Every board selector reads this (selectors.ts), so views need not know about time travel.
 */
export const selectDisplayed = (s: RootState): PlanState => {
  const v = s.history.viewing;
  const t = planTimeline();
  if (v === null || !t || v > t.history.length) return s.plan.view;
  return t.displayedAt(v);
};

/**
 * What Undo would take back and Redo bring back, in words (null: nothing, or a change not held yet: its events or
 * its batch's label still to be read). Read from the registry only when my stacks, the batch labels or the held
 * history change, never on a render.
 */
export const selectUndoWords = createSelector(
  [(s: RootState) => s.history.undo, (s: RootState) => s.history.labels, (s: RootState) => s.history.loaded],
  (stacks): { undo: string | null; redo: string | null } => {
    const t = planTimeline();
    return { undo: t && stacks.undo ? t.undoWords('undo') : null, redo: t && stacks.redo ? t.undoWords('redo') : null };
  },
);

export const selectViewing = (s: RootState) => s.history.viewing;
export const selectInPast = (s: RootState) => s.history.viewing !== null;

export interface DiffView {
  from: number;
  to: number | null;
  lines: DiffLine[];
  actors: { actor: string; actorId: string | null; events: number }[];
  guests: Set<string>;
  tables: Set<string>;
}

/** The comparison between `compareFrom` and the version on display (live: the live view), with who did it. */
export const selectDiff = createSelector(
  [(s: RootState) => s.history.compareFrom, (s: RootState) => s.history.viewing, selectDisplayed, (s: RootState) => s.history.loaded],
  (from, viewing, shown, loaded): DiffView | null => {
    const t = planTimeline();
    if (from === null || !t || from > t.history.length) return null;
    const to = viewing ?? loaded;
    const then = t.comparedAt(from);
    const [older, newer] = from <= to ? [then, shown] : [shown, then];
    const d = diffStates(older, newer);
    const { actors, byEntity, byAspect } = diffActors(t.history.slice(Math.min(from, to), Math.max(from, to)), (m) => t.nameOf(m));
    const h = diffHighlights(d);
    return { from, to: viewing, lines: diffLines(d, older, newer, byEntity, byAspect), actors, guests: h.guests, tables: h.tables };
  },
  { memoize: lruMemoize, argsMemoize: lruMemoize },
);

/** Whether the history of one entity (EntityPanel: its changes, restoring it) is there for this kind: guests and tables. */
export const hasEntityHistory = (key: EntityKey): boolean => key.startsWith('guest:') || key.startsWith('table:');

/** A guest's or table's name, as shown now, else as it was on display, else from its history. */
export function entityName(key: EntityKey, states: PlanState[]): string {
  const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  for (const s of states) {
    const found = kind === 'guest' ? entity(s.guests, id) : kind === 'table' ? entity(s.tables, id) : undefined;
    if (found) return kind === 'table' ? `table ${found.name}` : (guestLabel(s.guests, id) ?? found.name);
  }
  const t = planTimeline();
  if (t) {
    for (const e of t.history.touching(key)) {
      const ev = e.event;
      if (ev.type === 'GuestAdded' && kind === 'guest') return ev.name;
      if (ev.type === 'GuestRemoved' && kind === 'guest') return ev.previous.name;
      if (ev.type === 'TableAdded' && kind === 'table') return `table ${ev.name}`;
      if (ev.type === 'TableRemoved' && kind === 'table') return `table ${ev.previous.name}`;
    }
  }
  return kind === 'guest' ? 'a guest' : 'a table';
}
