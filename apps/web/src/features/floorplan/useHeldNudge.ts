import type { Command } from '@seatfold/domain/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { movesOf, type FloorItem, type Move } from './items.ts';
import type { Preview } from './useFloorDrag.ts';

/** How long the arrow keys rest before a run of steps is sent as one move. */
export const NUDGE_REST_MS = 700;

const ARROWS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Shift']);

interface Args {
  roomId: string;
  /** issues the move; `null`: nothing to say when it is taken (each step said so already), only a refusal */
  send(command: Command, done: string | null): boolean;
  onGhost(moves: Move[] | null): void;
}

/**
 * Arrow steps held on this page and sent as one move: the items move at once as a preview (as a drag's do, other
 * organisers seeing them as ghosts), and a run of steps becomes one arrangeFloor — one change in the history, one
 * undo — once the keys rest for NUDGE_REST_MS. Before anything else happens (another key anywhere, a pointer press,
 * the page hidden, the room left) the run is sent first, so nothing acts on the places drawn before it: the canvas
 * hands every action the items where the preview draws them (`withHeld`), which is where the run puts them.
 */
export function useHeldNudge({ roomId, send, onGhost }: Args) {
  const [held, setHeld] = useState<Preview | null>(null);
  /** the run under way: its items as they stood at its first step, and how far it has moved them */
  const run = useRef<{ items: FloorItem[]; keys: ReadonlySet<string>; dx: number; dy: number } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef({ roomId, send, onGhost });
  latest.current = { roomId, send, onGhost };

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const r = run.current;
    if (!r) return;
    run.current = null;
    const { roomId, send, onGhost } = latest.current;
    onGhost(null);
    send({ type: 'arrangeFloor', roomId, moves: movesOf(r.items, r.dx, r.dy) }, null);
    setHeld(null);
  }, []);

  /** One step of `items` (as drawn, the run's offset included) by (dx, dy), already checked: added to the run. */
  const step = useCallback(
    (items: FloorItem[], dx: number, dy: number) => {
      const keys = new Set(items.map((i) => i.key));
      const r = run.current;
      const same = r && r.keys.size === keys.size && [...keys].every((k) => r.keys.has(k));
      if (r && !same) flush();
      const base = same && r ? r : { items, keys, dx: 0, dy: 0 };
      const next = { ...base, dx: base.dx + dx, dy: base.dy + dy };
      run.current = next;
      setHeld({ keys, dx: next.dx, dy: next.dy, guides: [] });
      latest.current.onGhost(movesOf(next.items, next.dx, next.dy));
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, NUDGE_REST_MS);
    },
    [flush],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!ARROWS.has(e.key)) flush();
    };
    // capture: before the key or the press does anything else (an undo, a rotation, a drag's start)
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('pointerdown', flush, true);
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('pointerdown', flush, true);
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  return { held, step };
}
