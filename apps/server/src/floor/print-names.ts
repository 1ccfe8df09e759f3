import { baselineOf, chairNumberSize, chooseSpots, namesAtChairs, type NameBox, type Point } from '@seatfold/domain';
import type { PrintMeasure } from './print-fonts.ts';
import type { Prim } from './print-model.ts';

type Text = Extract<Prim, { t: 'text' }>;

const ANCHOR = { 0: 'start', 0.5: 'middle', 1: 'end' } as const;
const LEFT = { start: 0, middle: 0.5, end: 1 } as const;

/** The box a printed text takes, as its font writes it: a letter's height above the baseline, the descent below. */
export function textOutline(p: Text, measure: PrintMeasure): Point[] {
  const w = measure(p.text, p.size, p.bold);
  const left = p.x - w * LEFT[p.anchor];
  const [top, bottom] = [p.y - 0.76 * p.size, p.y + 0.24 * p.size];
  return [
    { x: left, y: top },
    { x: left + w, y: top },
    { x: left + w, y: bottom },
    { x: left, y: bottom },
  ];
}

export interface NameSpec {
  /** where it may go, best first (`spotsBeside`) */
  spots: NameBox[];
  /** its chair: the centre and radius */
  chair: Point & { r: number };
  /** the guest's whole name */
  text: string;
}

/** How names, and the key's numbers on chairs, are printed (their colours tell them from other text). */
export const NAME_COLOR = '#222222';
export const KEY_COLOR = '#ffffff';

/** The names as printed; `key`: the whole names with no room at their chair, numbered from 1 on their chairs. */
export interface PrintedNames {
  texts: Text[];
  key: string[];
}

/**
 * Guests' names as printed: each at the spot beside its chair where it has most room (`chooseSpots`) before another
 * name, any of the `shapes` (past the room's outline, fixtures, table tops, chairs) and any text already on the page (table numbers and labels, meal
 * lines, fixture labels, the title and legend), measured with the print font's real widths, and cut to fit
 * (`namesAtChairs`). A name that cannot keep LEAST_LETTERS at any spot is neither dropped nor written over anything: its
 * chair shows a number, and the page's key gives the name.
 */
export function printNames(
  names: readonly NameSpec[],
  shapes: readonly Point[][],
  texts: readonly Prim[],
  measure: PrintMeasure,
  { size, gap, max }: { size: number; gap: number; max: number },
): PrintedNames {
  const written = texts.flatMap((p) => (p.t === 'text' ? [textOutline(p, measure)] : []));
  const width = (t: string) => measure(t, size);
  const { boxes, room } = chooseSpots(
    names.map((n) => n.spots),
    names.map((n) => width(n.text)),
    [...shapes, ...written],
    { gap, max },
  );
  const out: PrintedNames = { texts: [], key: [] };
  const atChairs = namesAtChairs(
    names.map((n) => n.text),
    room,
    width,
  );
  names.forEach(({ text, chair }, i) => {
    const box = boxes[i]!;
    const at = atChairs[i]!;
    if (at.key === undefined) {
      out.texts.push({ t: 'text', x: box.x, y: baselineOf(box, size), text: at.shown, size, anchor: ANCHOR[box.align], color: NAME_COLOR });
      return;
    }
    out.key.push(text);
    const number = String(at.key);
    // on the chair: as big as a name, smaller where the number is wider than the chair
    const numberSize = chairNumberSize(size, measure(number, size), chair.r);
    out.texts.push({ t: 'text', x: chair.x, y: chair.y + 0.36 * numberSize, text: number, size: numberSize, anchor: 'middle', color: KEY_COLOR });
  });
  return out;
}
