/*
 * Guests' names written at their chairs, on the screen's floor and on the printed plan: how much room each name
 * has before it runs into another, and a name cut to fit it. Pure: whoever draws says how wide a text is written
 * (the screen estimates, the print measures its font), in whatever unit it draws in (metres, points).
 */

/** How wide `text` is written, in the drawing's unit. */
export type MeasureText = (text: string) => number;

export interface NameLines {
  /** names whose spots are less than this apart, up or down, share a line (a font size and a little) */
  lineHeight: number;
  /** kept between two names on one line */
  gap: number;
  /** the widest a name is ever written */
  max: number;
}

/**
 * How wide each name may be written without running into another: names are centred on their spots, so two on one
 * line (spots less than `lineHeight` apart, up or down) may each take the distance between them, less the gap.
 * Spots are compared in order of height, so a whole room of names costs little more than sorting them.
 */
export function nameRoom(spots: readonly { x: number; y: number }[], { lineHeight, gap, max }: NameLines): number[] {
  const room = spots.map(() => max);
  const byY = spots.map((_, i) => i).sort((a, b) => spots[a]!.y - spots[b]!.y);
  for (let a = 0; a < byY.length; a++) {
    const i = byY[a]!;
    const p = spots[i]!;
    for (let b = a + 1; b < byY.length; b++) {
      const j = byY[b]!;
      const q = spots[j]!;
      if (q.y - p.y >= lineHeight) break;
      const w = Math.abs(p.x - q.x) - gap;
      if (w < room[i]!) room[i] = w;
      if (w < room[j]!) room[j] = w;
    }
  }
  return room;
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
