import type { FloorTable } from './layout.ts';

/*
 * Table numbers while the whole room is in view (below FILL_FROM px/m), painted on a canvas over the floor rather
 * than as 156 SVG text elements: laying out SVG text was the largest single part of the room's first draw
 * (docs/performance.md, "Issue #10: floor plan first draw"). The writing is decoration — each table's accessible name
 * says its number, fill and place — so nothing is lost to assistive technology. Zoomed in, the SVG text (fill line,
 * names at the chairs, which are dragged) takes over.
 */

export interface Label {
  text: string;
  /** baseline centre in canvas pixels */
  x: number;
  y: number;
}

interface View {
  k: number;
  x: number;
  y: number;
}

/** Pixels outside the canvas within which a label is still drawn (half of a long number sticks in). */
const MARGIN_PX = 60;

/** Where each table's number is written on a canvas of `w` × `h` px through the view, offset while dragged; off-screen ones left out. */
export function tableLabels(
  tables: readonly FloorTable[],
  view: View,
  w: number,
  h: number,
  offset?: { keys: ReadonlySet<string>; dx: number; dy: number } | null,
): Label[] {
  const out: Label[] = [];
  for (const t of tables) {
    const moved = offset?.keys.has(`t:${t.id}`) ? offset : null;
    const x = view.x + view.k * (t.x + (moved?.dx ?? 0));
    const y = view.y + view.k * (t.y + (moved?.dy ?? 0) + (t.logical ? -0.05 : 0.1));
    if (x < -MARGIN_PX || y < -MARGIN_PX || x > w + MARGIN_PX || y > h + MARGIN_PX) continue;
    out.push({ text: t.logical ? t.logical.name : t.label, x, y });
  }
  return out;
}

/** The number's size in metres (as `.ft__number`'s font-size in the SVG). */
export const NUMBER_SIZE_M = 0.42;

/**
 * The smallest number the painter writes, in CSS pixels. A big room fitted into a phone's canvas is drawn at 6–10 px/m,
 * where a number to scale (0.42 m) is 3–4 px tall: unreadable. Below this size it is written at this size instead,
 * wider than its table but still clear of the next one (tables stand a metre or more apart, and the numbers are short).
 */
export const MIN_NUMBER_PX = 9;

/** The font size (px) of the table numbers at `k` px/m. */
export const numberPx = (k: number) => Math.max(NUMBER_SIZE_M * k, MIN_NUMBER_PX);
