import { zoomIdentity, type ZoomTransform } from 'd3-zoom';
import { useCallback, useLayoutEffect, type RefObject } from 'react';
import { NUMBER_SIZE_M, numberPx, tableLabels } from './labels.ts';
import type { FloorTable } from './layout.ts';

interface Args {
  canvas: RefObject<HTMLCanvasElement | null>;
  tables: readonly FloorTable[];
  /** the drag in progress: its tables' numbers move with them */
  offset: { keys: ReadonlySet<string>; dx: number; dy: number } | null;
  /** false while the SVG writes the numbers itself (zoomed in) */
  on: boolean;
  transform: RefObject<ZoomTransform>;
}

/**
 * Paints the table numbers (labels.ts) on the canvas over the floor: in the same frame as the tables (a layout
 * effect), again whenever they or the drag change, and on every step of a pan or zoom (the returned function, given
 * the new transform). Font and colour are the canvas's computed style (floor-canvas.css).
 */
export function useLabelCanvas({ canvas, tables, offset, on, transform }: Args): (t: ZoomTransform) => void {
  const paint = useCallback(
    (t: ZoomTransform) => {
      if (canvas.current) paintLabels(canvas.current, on ? tables : [], t, offset);
    },
    [canvas, tables, offset, on],
  );
  // Until useZoom has fitted the room (its effect runs after this one on the first render) there is nothing to paint.
  useLayoutEffect(() => {
    if (transform.current !== zoomIdentity) paint(transform.current);
  }, [paint, transform]);
  return paint;
}

/** Clears the canvas (fitted to its box at the device's pixel ratio) and writes the tables' numbers through `t`. */
function paintLabels(el: HTMLCanvasElement, tables: readonly FloorTable[], t: ZoomTransform, offset: Args['offset']) {
  const g = el.getContext('2d');
  if (!g) return;
  const dpr = window.devicePixelRatio || 1;
  const [w, h] = [el.clientWidth, el.clientHeight];
  const [pw, ph] = [Math.round(w * dpr), Math.round(h * dpr)];
  const resized = el.width !== pw || el.height !== ph;
  if (resized) [el.width, el.height] = [pw, ph];
  // Zoomed in, every pan step lands here with nothing to write: leave a blank canvas alone (no repaint of its layer).
  if (tables.length === 0 && !resized && el.dataset.blank) return;
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, w, h);
  el.dataset.blank = tables.length === 0 ? 'true' : '';
  if (tables.length === 0) return;
  const style = getComputedStyle(el);
  g.font = `${style.fontWeight} ${numberPx(t.k)}px ${style.fontFamily}`;
  g.fillStyle = style.color;
  g.textAlign = 'center';
  g.textBaseline = 'alphabetic';
  // A number written larger than to scale (numberPx) drops by part of the difference, to stay centred on its table.
  const drop = (numberPx(t.k) - NUMBER_SIZE_M * t.k) * 0.35;
  // Larger than its table, it runs over the chairs: a halo of the floor's colour keeps it readable there.
  g.strokeStyle = style.getPropertyValue('--label-halo').trim() || '#fff';
  g.lineWidth = 3;
  g.lineJoin = 'round';
  for (const l of tableLabels(tables, t, w, h, offset)) {
    if (drop > 0) g.strokeText(l.text, l.x, l.y + drop);
    g.fillText(l.text, l.x, l.y + drop);
  }
}
