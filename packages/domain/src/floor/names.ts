/*
 * Guests' names written at their chairs, on the screen's floor and on the printed plan: where each is written
 * beside its chair, how much room it has before it runs into another name or anything drawn, and a name cut to fit it. Pure: whoever draws says how wide a text is written
 * (the screen estimates, the print measures its font), in whatever unit it draws in (metres, points).
 */

import type { Point } from './plane.ts';

/** How wide `text` is written, in the drawing's unit. */
export type MeasureText = (text: string) => number;

/** How names keep apart: the gap kept between a name and anything else, and the widest a name is ever written. */
export interface NameSpacing {
  gap: number;
  max: number;
}

/**
 * A name as it fits in `width`: whole, or cut with an ellipsis and no space before it ("Maximili…"); at least its
 * first letter. The longest cut that fits is found by halving (a longer cut is never narrower).
 */
export function fitText(text: string, width: number, measure: MeasureText): string {
  const letters = [...text];
  if (letters.length <= 1 || measure(text) <= width) return text;
  const cut = (n: number) => `${letters.slice(0, n).join('').trimEnd()}…`;
  // the longest n in [1, letters - 1] whose cut fits, or 1 when none does
  let lo = 1;
  let hi = letters.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(cut(mid)) <= width) lo = mid;
    else hi = mid - 1;
  }
  return cut(lo);
}

/**
 * A name's place beside its chair. `x` is where it is anchored on its line and `align` how much of its width lies
 * left of `x` (0: it starts there, ½: it is centred, 1: it ends there); `top` and `bottom` are its line's extent.
 */
export interface NameBox {
  x: number;
  align: 0 | 0.5 | 1;
  top: number;
  bottom: number;
}

/** Where a text written `size` high from `top` has its baseline (about as much of a letter is above it as in DejaVu). */
export const baselineOf = (box: Pick<NameBox, 'top'>, size: number): number => box.top + 0.76 * size;

/** A unit vector from a table out through its chair, for a chair that faces the table at `facing` degrees (a Seat's). */
export function awayFromTable(facing: number): Point {
  const a = (facing * Math.PI) / 180;
  return { x: -Math.cos(a), y: -Math.sin(a) };
}

/** The sine of 22.5°: a direction within this of an axis counts as along it (the eight points of the compass). */
const ALONG = Math.sin(Math.PI / 8);

/**
 * A chair's name, written beyond the chair's back, away from its table: the chair `at` (its centre), `away` a unit
 * vector from the table through the chair, `clear` the chair's radius and a gap, `height` the line's. A chair to the
 * east of its table has its name start there and run east; one to the north has it centred above; one to the
 * north-east has it start there and sit above — so the name lies on the far side of the line across the chair's back
 * and never over the table behind it (nor its own chair).
 */
export function besideChair(at: Point, away: Point, clear: number, height: number): NameBox {
  const x = at.x + away.x * clear;
  const y = at.y + away.y * clear;
  const align = away.x > ALONG ? 0 : away.x < -ALONG ? 1 : 0.5;
  const top = away.y < -ALONG ? y - height : away.y > ALONG ? y : y - height / 2;
  return { x, align, top, bottom: top + height };
}

/** What a convex polygon covers of the band from `top` to `bottom`, left to right; null when it misses the band. */
export function spanInBand(points: readonly Point[], top: number, bottom: number): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  let inside = false;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const q = points[(i + 1) % points.length]!;
    if (p.y > top && p.y < bottom) {
      inside = true;
      lo = Math.min(lo, p.x);
      hi = Math.max(hi, p.x);
    }
    // where the edge from p to q crosses the band's top and bottom lines
    for (let k = 0; k < 2; k++) {
      const y = k === 0 ? top : bottom;
      if ((p.y - y) * (q.y - y) < 0 || (p.y === y && q.y !== y)) {
        const x = p.x + ((q.x - p.x) * (y - p.y)) / (q.y - p.y);
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
    }
  }
  // a polygon that only touches the band's edges does not cover it
  return lo < hi || inside ? [lo, hi] : null;
}

/**
 * How much of its width `box` may write before it meets `other` on a line they share: two names that would meet
 * share the room between their anchors, so each may take the same width. Infinity when they cannot meet (other
 * lines, or each runs away from the other); below zero when one's anchor lies where the other is written.
 */
export function roomBefore(box: NameBox, other: NameBox, gap: number): number {
  if (other.top >= box.bottom || other.bottom <= box.top) return Infinity;
  if (box.x === other.x && box.align === other.align) return -gap;
  // at one anchor, the one running further left counts as the left one
  const left = box.x < other.x || (box.x === other.x && box.align > other.align);
  const [l, r] = left ? [box, other] : [other, box];
  const [cl, cr] = [1 - l.align, r.align];
  const mine = left ? cl : cr;
  return mine === 0 ? Infinity : (r.x - l.x - gap) / (cl + cr);
}

/** A cell nobody filed a shape in (one array for all, not a new one per look). */
const NONE: readonly never[] = [];

/**
 * How wide a name at `box` may be written before any of `shapes` (convex polygons: table tops, chairs, what else
 * is written on the floor), keeping `gap`; Infinity when none is in its way, zero when one lies over its anchor.
 * Shapes are filed once in cells `rowH` high (the tallest name's line) and `reach` wide, so each name looks only at
 * those of its own rows within `reach` of its anchor — not at every shape across a wide room's whole row.
 */
export function roomAmongShapes(shapes: readonly (readonly Point[])[], rowH: number, reach: number, gap: number): (box: NameBox) => number {
  type Filed = { s: readonly Point[]; top: number; bottom: number; left: number; right: number; seen: number };
  const cells = new Map<number, Filed[]>();
  if (!(rowH > 0)) return () => Infinity;
  // a cell's key: its row and column in one number (two cells sharing one, far apart, only cost a look more)
  const colW = reach > 0 && Number.isFinite(reach) ? reach : Infinity;
  const col = (x: number) => (colW === Infinity ? 0 : Math.floor(x / colW));
  const key = (r: number, c: number) => r * 2 ** 21 + c;
  for (const s of shapes) {
    let [top, bottom, left, right] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const p of s) {
      if (p.y < top) top = p.y;
      if (p.y > bottom) bottom = p.y;
      if (p.x < left) left = p.x;
      if (p.x > right) right = p.x;
    }
    const e: Filed = { s, top, bottom, left, right, seen: 0 };
    for (let r = Math.floor(top / rowH); r <= Math.floor(bottom / rowH); r++)
      for (let c = col(left); c <= col(right); c++) {
        const cell = cells.get(key(r, c));
        if (cell) cell.push(e);
        else cells.set(key(r, c), [e]);
      }
  }
  // a shape filed in several cells a name looks at is measured once for it
  let query = 0;
  return (box) => {
    let room = Infinity;
    query++;
    for (let r = Math.floor(box.top / rowH); r <= Math.floor(box.bottom / rowH); r++)
      for (let c = col(box.x - reach); c <= col(box.x + reach); c++)
        for (const e of cells.get(key(r, c)) ?? NONE) {
          const { s, top, bottom, left, right } = e;
          if (e.seen === query || bottom <= box.top || top >= box.bottom || left > box.x + reach || right < box.x - reach) continue;
          e.seen = query;
          const span = spanInBand(s, box.top, box.bottom);
          if (!span) continue;
          const [lo, hi] = span;
          const w =
            lo >= box.x
              ? box.align < 1
                ? (lo - gap - box.x) / (1 - box.align)
                : Infinity
              : hi <= box.x
                ? box.align > 0
                  ? (box.x - hi - gap) / box.align
                  : Infinity
                : 0;
          if (w < room) room = w;
        }
    return room;
  };
}

/** The line height names are filed by: the tallest name's. */
export const lineOf = (boxes: readonly NameBox[]): number => Math.max(0, ...boxes.map((b) => b.bottom - b.top));

/**
 * How wide each name placed by `besideChair` may be written: not into another name (`roomBefore`), nor into any of
 * `shapes` (`roomAmongShapes`), keeping `gap` from each; at most `max`. A shape over a name's anchor leaves it no
 * room (fitText then keeps its first letter). Names are compared in order of height and shapes filed by rows, so a
 * whole room costs little more than sorting.
 */
export function roomBeside(boxes: readonly NameBox[], shapes: readonly (readonly Point[])[], { gap, max }: NameSpacing): number[] {
  const room = boxes.map(() => max);
  const limit = (i: number, w: number) => {
    if (w < room[i]!) room[i] = w;
  };
  const byTop = boxes.map((_, i) => i).sort((a, b) => boxes[a]!.top - boxes[b]!.top);
  for (let a = 0; a < byTop.length; a++) {
    const i = byTop[a]!;
    for (let b = a + 1; b < byTop.length; b++) {
      const j = byTop[b]!;
      if (boxes[j]!.top >= boxes[i]!.bottom) break;
      limit(i, roomBefore(boxes[i]!, boxes[j]!, gap));
      limit(j, roomBefore(boxes[j]!, boxes[i]!, gap));
    }
  }
  const among = roomAmongShapes(shapes, lineOf(boxes), max + gap, gap);
  boxes.forEach((box, i) => limit(i, among(box)));
  return room;
}
