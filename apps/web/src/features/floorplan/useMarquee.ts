import { useCallback, useEffect, useRef, useState, type PointerEvent } from 'react';
import { panNearEdge, type PanCanvas } from './edge-pan.ts';
import type { FloorItem } from './items.ts';

export interface Marquee {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The items whose centre lies inside the rectangle (room metres), by key. */
export function insideMarquee(items: Iterable<FloorItem>, m: Marquee): string[] {
  const out: string[] = [];
  for (const i of items) if (i.x >= m.x && i.x <= m.x + m.w && i.y >= m.y && i.y <= m.y + m.h) out.push(i.key);
  return out;
}

const rect = (a: { x: number; y: number }, b: { x: number; y: number }): Marquee => ({
  x: Math.min(a.x, b.x),
  y: Math.min(a.y, b.y),
  w: Math.abs(a.x - b.x),
  h: Math.abs(a.y - b.y),
});

interface Args {
  items: Map<string, FloorItem>;
  selection: ReadonlySet<string>;
  setSelection(s: ReadonlySet<string>): void;
  toRoom(clientX: number, clientY: number): { x: number; y: number };
  /** the room's walls (infinite east and south when it has no size): the view pans no further past them */
  room: { widthM: number; depthM: number };
  /** the canvas on screen and a pan of the view: a marquee held near the canvas's edge pans it (edge-pan.ts) */
  canvas?: PanCanvas;
}

/**
 * Marquee selection: Shift + drag on the empty floor draws a rectangle and adds every table and fixture whose centre
 * is inside it to the selection (a plain drag on the empty floor still pans; the keyboard's way is Ctrl/Cmd+A).
 * Escape cancels. Held near the canvas's edge, it pans the view on and grows that way (`panNearEdge`). `start` is
 * called from the svg's pointer-down; it answers whether it took the press.
 */
export function useMarquee({ items, selection, setSelection, toRoom, room, canvas }: Args) {
  const [marquee, setMarquee] = useState<Marquee | null>(null);
  const from = useRef<{ x: number; y: number } | null>(null);
  const frame = useRef(0);
  /** the pointer's last place (client px), and the stop of the edge panning */
  const at = useRef({ x: 0, y: 0 });
  const panning = useRef<(() => void) | null>(null);
  const latest = useRef({ items, selection, setSelection, toRoom, room, canvas });
  latest.current = { items, selection, setSelection, toRoom, room, canvas };

  // the rectangle from where it began to the pointer, wherever the view now stands
  const update = useCallback(() => {
    const a = from.current;
    if (!a) return;
    const b = latest.current.toRoom(at.current.x, at.current.y);
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => setMarquee(rect(a, b)));
  }, []);

  const start = useCallback(
    (e: PointerEvent<SVGSVGElement>) => {
      if (!e.shiftKey || e.button !== 0) return false;
      const { toRoom, canvas } = latest.current;
      from.current = toRoom(e.clientX, e.clientY);
      at.current = { x: e.clientX, y: e.clientY };
      setMarquee({ ...from.current, w: 0, h: 0 });
      if (canvas)
        panning.current = panNearEdge(
          () => at.current,
          canvas,
          () => latest.current,
          update,
        );
      return true;
    },
    [update],
  );

  useEffect(() => {
    const stop = () => {
      from.current = null;
      cancelAnimationFrame(frame.current);
      panning.current?.();
      panning.current = null;
      setMarquee(null);
    };
    const move = (e: globalThis.PointerEvent) => {
      if (!from.current) return;
      at.current = { x: e.clientX, y: e.clientY };
      update();
    };
    const up = (e: globalThis.PointerEvent) => {
      const a = from.current;
      if (!a) return;
      const { items, selection, setSelection, toRoom } = latest.current;
      const picked = insideMarquee(items.values(), rect(a, toRoom(e.clientX, e.clientY)));
      if (picked.length) setSelection(new Set([...selection, ...picked]));
      stop();
    };
    const key = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape' && from.current) stop();
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', stop);
    window.addEventListener('keydown', key);
    return () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', stop);
      window.removeEventListener('keydown', key);
      panning.current?.();
    };
  }, [update]);

  return { marquee, start };
}
