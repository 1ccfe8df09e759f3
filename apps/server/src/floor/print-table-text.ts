import { fitText, overlaps, type Footprint, type Point } from '@seatfold/domain';
import type { PrintMeasure } from './print-fonts.ts';
import type { Prim } from './print-model.ts';

type Text = Extract<Prim, { t: 'text' }>;

/** A table as printed, in page points: its top and chairs (convex polygons), its centre, the points a metre. */
export interface PrintedTable {
  top: readonly Point[];
  chairs: readonly (readonly Point[])[];
  centre: Point;
  /** how wide its writing may run: the top and half a chair each side */
  across: number;
  k: number;
}

/** Meal lines are written this big where they have room, never smaller than the last. */
const MEAL_SIZES = [6, 5.5, 5, 4.5, 4];
const NUMBER_COLOR = { planned: '#111111', empty: '#888888' };
export const MEAL_COLOR = '#444444';

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The box a text `width` wide takes, centred on x, on the baseline y, `size` high (DejaVu's ascent and descent). */
const boxAt = (x: number, y: number, width: number, size: number): Box => ({
  left: x - width / 2,
  right: x + width / 2,
  top: y - 0.76 * size,
  bottom: y + 0.24 * size,
});
const corners = (b: Box): Point[] => [
  { x: b.left, y: b.top },
  { x: b.right, y: b.top },
  { x: b.right, y: b.bottom },
  { x: b.left, y: b.bottom },
];

/** Whether `q` lies inside the convex polygon `poly` (either winding; its edges count as inside). */
function inside(poly: readonly Point[], q: Point): boolean {
  let sign = 0;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    const cross = (b.x - a.x) * (q.y - a.y) - (b.y - a.y) * (q.x - a.x);
    if (Math.abs(cross) < 1e-9) continue;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}

/** A box wholly on the table's top and clear of every chair (a small table's chairs may reach onto its top). */
function onTop(t: PrintedTable, box: Box): boolean {
  const pts = corners(box);
  if (!pts.every((q) => inside(t.top, q))) return false;
  const shape: Footprint = { kind: 'polygon', points: pts };
  return !t.chairs.some((c) => overlaps(shape, { kind: 'polygon', points: [...c] }));
}

/**
 * A table's writing on the printed plan: its number (bold; the plan table's, or the physical table's label in grey)
 * and, for a plan table, its meal line (`meals`). The number is centred on the table, written smaller where the
 * table is narrow (down to 70 %), cut only below that. The meal line goes where it is read and hides nothing: under
 * the number on the top; the two centred on the top together; beside the number on one line (a banquet's narrow top);
 * and where the top has no room for it, below the table and its chairs — never where the chairs are drawn.
 */
export function tableTexts(t: PrintedTable, number: string, planned: boolean, meals: string | null, measure: PrintMeasure): Text[] {
  const { centre: c, across } = t;
  const full = Math.max(7, Math.min(14, t.k * 0.45));
  const size = Math.max(0.7 * full, Math.min(full, (full * across) / measure(number, full, true)));
  const shown = fitText(number, across, (s) => measure(s, size, true));
  const numberAt = (x: number, y: number): Text => ({
    t: 'text',
    x,
    y,
    text: shown,
    size,
    bold: true,
    anchor: 'middle',
    color: planned ? NUMBER_COLOR.planned : NUMBER_COLOR.empty,
  });
  const mealAt = (x: number, y: number, s: number, text = meals ?? ''): Text => ({
    t: 'text',
    x,
    y,
    text,
    size: s,
    anchor: 'middle',
    color: MEAL_COLOR,
  });
  if (meals === null) return [numberAt(c.x, c.y + 2)];

  const wn = measure(shown, size, true);
  // each way of writing the two on the top, for a meal line `s` high: the number's and the meal line's baselines
  const layouts: ((s: number) => [Text, Text])[] = [
    // the number a little below the centre, the meal line under it
    (s) => [numberAt(c.x, c.y + 2), mealAt(c.x, c.y + 10, s)],
    // the two lines centred on the top as a block
    (s) => {
      const high = size + 1 + s;
      return [numberAt(c.x, c.y - high / 2 + 0.76 * size), mealAt(c.x, c.y - high / 2 + size + 1 + 0.76 * s, s)];
    },
    // on one line, the number first, a space between
    (s) => {
      const wm = measure(meals, s);
      const total = wn + 0.6 * s + wm;
      const y = c.y + 0.26 * size;
      return [numberAt(c.x - total / 2 + wn / 2, y), mealAt(c.x + total / 2 - wm / 2, y, s)];
    },
  ];
  // the biggest meal line any way fits, the earlier way of a size first
  for (const s of MEAL_SIZES)
    for (const [i, layout] of layouts.entries()) {
      const [n, m] = layout(s);
      const mealBox = boxAt(m.x, m.y, measure(meals, s), s);
      // side by side, the number must be on the top too (off the centre it would stand over chairs)
      if (onTop(t, mealBox) && (i < 2 || onTop(t, boxAt(n.x, n.y, wn, size)))) return [n, m];
    }
  // no room on the top: under the table and its chairs, as wide as they are (or its writing may run)
  const all = [t.top, ...t.chairs].flat();
  const xs = all.map((q) => q.x);
  const wide = Math.max(across, Math.max(...xs) - Math.min(...xs));
  const s = Math.max(4, Math.min(6, (6 * wide) / measure(meals, 6)));
  const lowest = Math.max(...all.map((q) => q.y));
  return [
    numberAt(c.x, c.y + 2),
    mealAt(
      c.x,
      lowest + 1 + 0.76 * s,
      s,
      fitText(meals, wide, (x) => measure(x, s)),
    ),
  ];
}
