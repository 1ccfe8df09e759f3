import { useCallback, useEffect, useRef, useState, type PointerEvent } from 'react';
import { panNearEdge, type PanCanvas } from './edge-pan.ts';
import { movesOf, type FloorItem, type Move } from './items.ts';
import { clampInside, snapMove, type Guide } from './snap.ts';

export interface Preview {
  keys: ReadonlySet<string>;
  dx: number;
  dy: number;
  guides: Guide[];
}

interface Args {
  items: Map<string, FloorItem>;
  selection: ReadonlySet<string>;
  setSelection(s: ReadonlySet<string>): void;
  toRoom(clientX: number, clientY: number): { x: number; y: number };
  /** what keeps the drag in: the room's walls (infinite east and south when it has no size) */
  room: { widthM: number; depthM: number };
  /** the canvas on screen and a pan of the view (pixels): a drag near the canvas's edge pans it (edge-pan.ts) */
  canvas?: PanCanvas;
  /** one drop of one or many items (one command) */
  onDrop(moves: Move[]): void;
  /** the drag in progress, for other organisers (null when it ends); called at most once per frame */
  onGhost?(moves: Move[] | null): void;
}

/** How far (px) the pointer must travel before a press becomes a drag (a shorter press is a click: select). */
const DRAG_FROM_PX = 4;

/**
 * Dragging tables and fixtures with the pointer: a press selects (Shift toggles), a drag moves the selection with
 * grid snapping and alignment guides, drawn as a preview; the drop is one command. Escape cancels the drag. Held near
 * the canvas's edge, the drag pans the view on (`edgePan`), so it reaches floor the canvas did not show.
 */
export function useFloorDrag({ items, selection, setSelection, toRoom, room, canvas, onDrop, onGhost }: Args) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const drag = useRef<{
    keys: Set<string>;
    seen: FloorItem[];
    start: { x: number; y: number };
    px: { x: number; y: number };
    moved: boolean;
    dx: number;
    dy: number;
    /** the pointer's last place (client px) */
    at: { x: number; y: number };
  } | null>(null);
  const frame = useRef(0);
  /** stops the edge panning of the drag under way */
  const panning = useRef<(() => void) | null>(null);
  const latest = useRef({ items, room, onDrop, onGhost, toRoom, canvas });
  latest.current = { items, room, onDrop, onGhost, toRoom, canvas };

  const end = useCallback(() => {
    drag.current = null;
    cancelAnimationFrame(frame.current);
    panning.current?.();
    panning.current = null;
    setPreview(null);
  }, []);

  const onPointerDown = useCallback(
    (e: PointerEvent<SVGGElement>, key: string) => {
      if (e.button !== 0) return;
      e.stopPropagation();
      e.currentTarget.focus({ preventScroll: true });
      if (e.shiftKey) {
        const next = new Set(selection);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        setSelection(next);
        return;
      }
      const keys = selection.has(key) ? new Set(selection) : new Set([key]);
      if (!selection.has(key)) setSelection(keys);
      // What the planner sees now: the drop moves these from here, and is refused if somebody moves them meanwhile.
      const seen = [...keys].map((k) => items.get(k)).filter((i): i is FloorItem => !!i);
      const px = { x: e.clientX, y: e.clientY };
      drag.current = { keys, seen, start: toRoom(px.x, px.y), px, moved: false, dx: 0, dy: 0, at: px };
    },
    [items, selection, setSelection, toRoom],
  );

  useEffect(() => {
    // the dragged items follow the pointer at (x, y), wherever the view now stands
    const follow = (x: number, y: number) => {
      const d = drag.current;
      if (!d) return;
      const { items, room, toRoom, onGhost } = latest.current;
      const p = toRoom(x, y);
      const moving = d.seen;
      const others = [...items.values()].filter((i) => !d.keys.has(i.key) && i.kind === 'table').map((i) => i.box);
      const snapped = snapMove(
        moving.map((i) => i.box),
        others,
        p.x - d.start.x,
        p.y - d.start.y,
      );
      const { dx, dy } = clampInside(
        moving.map((i) => i.box),
        snapped.dx,
        snapped.dy,
        room,
      );
      d.dx = dx;
      d.dy = dy;
      cancelAnimationFrame(frame.current);
      frame.current = requestAnimationFrame(() => {
        setPreview({ keys: d.keys, dx, dy, guides: dx === snapped.dx && dy === snapped.dy ? snapped.guides : [] });
        onGhost?.(movesOf(moving, dx, dy));
      });
    };
    // Each frame of a drag, a pointer near the canvas's edge pans the view, and the items go on following it.
    const pan = (d: NonNullable<typeof drag.current>, canvas: PanCanvas) =>
      panNearEdge(
        () => d.at,
        canvas,
        () => latest.current,
        () => follow(d.at.x, d.at.y),
      );
    const move = (e: globalThis.PointerEvent) => {
      const d = drag.current;
      if (!d) return;
      if (!d.moved && Math.hypot(e.clientX - d.px.x, e.clientY - d.px.y) < DRAG_FROM_PX) return;
      d.moved = true;
      d.at = { x: e.clientX, y: e.clientY };
      follow(e.clientX, e.clientY);
      const { canvas } = latest.current;
      if (!panning.current && canvas) panning.current = pan(d, canvas);
    };
    const up = () => {
      const d = drag.current;
      if (!d) return;
      const { onDrop, onGhost } = latest.current;
      if (d.moved && (d.dx !== 0 || d.dy !== 0)) onDrop(movesOf(d.seen, d.dx, d.dy));
      if (d.moved) onGhost?.(null);
      end();
    };
    const key = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape' || !drag.current) return;
      if (drag.current.moved) latest.current.onGhost?.(null);
      end();
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', end);
    window.addEventListener('keydown', key);
    return () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', end);
      window.removeEventListener('keydown', key);
    };
  }, [end]);

  return { preview, onPointerDown };
}
