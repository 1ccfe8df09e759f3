import { useCallback, type KeyboardEvent } from 'react';
import { actedOn, movesOf, type FloorItem, type Move } from './items.ts';
import { nudgeFor, rotateStep } from './snap.ts';

interface Args {
  selection: ReadonlySet<string>;
  setSelection(s: ReadonlySet<string>): void;
  organiser: boolean;
  // Fire and forget: the sender reports its own outcome, so whatever these return (a promise) is not awaited here.
  onMoves(moves: Move[], what: string): unknown;
  /** an arrow: the items stepped by (dx, dy), as far as they can go */
  onNudge(items: FloorItem[], dx: number, dy: number): unknown;
  /** F: items standing on a table or past a wall moved to the nearest free floor */
  onFree(items: FloorItem[]): unknown;
  onDuplicate(items: FloorItem[]): unknown;
  onRemoveFixture(id: string): unknown;
}

/**
 * The keyboard path for everything the pointer does on the floor: arrows nudge (Shift: 1 m; a step stops at the
 * wall or table in its way), R / Shift+R rotate, Space selects (adds to or removes from the selection), Ctrl/Cmd+A
 * selects everything in the room, D duplicates, F frees a table stuck on another or past a wall (no arrow step can),
 * Delete removes a fixture, Escape clears.
 * An arrow or R applies to the whole selection when the focused item is in it.
 */
export function useFloorKeys({ selection, setSelection, organiser, onMoves, onNudge, onFree, onDuplicate, onRemoveFixture }: Args) {
  return useCallback(
    (e: KeyboardEvent<SVGGElement>, key: string, items: Map<string, FloorItem>) => {
      if (e.target !== e.currentTarget) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'a' || e.key === 'A')) {
        e.preventDefault();
        setSelection(new Set(items.keys()));
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape' && selection.size) {
        e.preventDefault();
        setSelection(new Set());
        return;
      }
      if (!organiser) return;
      const acted = actedOn(key, selection, items);
      if (acted.length === 0) return;
      const nudge = nudgeFor(e.key, e.shiftKey);
      if (nudge) {
        e.preventDefault();
        onNudge(acted, nudge.dx, nudge.dy);
      } else if (e.key === 'r' || e.key === 'R') {
        e.preventDefault();
        onMoves(
          movesOf(acted, 0, 0, (r) => rotateStep(r, e.shiftKey)),
          'Rotated',
        );
      } else if (e.key === ' ') {
        e.preventDefault();
        const next = new Set(selection);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        setSelection(next);
      } else if (e.key === 'd' || e.key === 'D') {
        e.preventDefault();
        onDuplicate(acted);
      } else if (e.key === 'f' || e.key === 'F') {
        e.preventDefault();
        // the focused one first: of two stacked tables, the one the planner is on moves
        onFree([...acted].sort((a, b) => Number(b.key === key) - Number(a.key === key)));
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && key.startsWith('f:')) {
        e.preventDefault();
        onRemoveFixture(key.slice(2));
      }
    },
    [selection, setSelection, organiser, onMoves, onNudge, onFree, onDuplicate, onRemoveFixture],
  );
}
