import { useCallback, useEffect, useRef, useState, type PointerEvent } from 'react';
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
}

/**
 * Marquee selection: Shift + drag on the empty floor draws a rectangle and adds every table and fixture whose centre
 * is inside it to the selection (a plain drag on the empty floor still pans; the keyboard's way is Ctrl/Cmd+A).
 * Escape cancels. `start` is called from the svg's pointer-down; it answers whether it took the press.
 */
export function useMarquee({ items, selection, setSelection, toRoom }: Args) {
  const [marquee, setMarquee] = useState<Marquee | null>(null);
  const from = useRef<{ x: number; y: number } | null>(null);
  const frame = useRef(0);
  const latest = useRef({ items, selection, setSelection, toRoom });
  latest.current = { items, selection, setSelection, toRoom };

  const start = useCallback((e: PointerEvent<SVGSVGElement>) => {
    if (!e.shiftKey || e.button !== 0) return false;
    from.current = latest.current.toRoom(e.clientX, e.clientY);
    setMarquee({ ...from.current, w: 0, h: 0 });
    return true;
  }, []);

  useEffect(() => {
    const stop = () => {
      from.current = null;
      cancelAnimationFrame(frame.current);
      setMarquee(null);
    };
    const move = (e: globalThis.PointerEvent) => {
      const a = from.current;
      if (!a) return;
      const b = latest.current.toRoom(e.clientX, e.clientY);
      cancelAnimationFrame(frame.current);
      frame.current = requestAnimationFrame(() => setMarquee(rect(a, b)));
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
    };
  }, []);

  return { marquee, start };
}
