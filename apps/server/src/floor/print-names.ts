import { baselineOf, chooseSpots, fitText, type NameBox, type Point } from '@seatfold/domain';
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
  /** the guest's whole name */
  text: string;
}

/**
 * Guests' names as printed: each at the spot beside its chair where it has most room (`chooseSpots`) before another
 * name, any of the `shapes` (table tops, chairs) and any text already on the page (table numbers and labels, meal
 * lines, fixture labels, the title and legend), measured with the print font's real widths, and cut to fit
 * (`fitText`).
 */
export function printNames(
  names: readonly NameSpec[],
  shapes: readonly Point[][],
  texts: readonly Prim[],
  measure: PrintMeasure,
  { size, gap, max }: { size: number; gap: number; max: number },
): Text[] {
  const written = texts.flatMap((p) => (p.t === 'text' ? [textOutline(p, measure)] : []));
  const width = (t: string) => measure(t, size);
  const { boxes, room } = chooseSpots(
    names.map((n) => n.spots),
    names.map((n) => width(n.text)),
    [...shapes, ...written],
    { gap, max },
  );
  return names.map(({ text }, i) => ({
    t: 'text',
    x: boxes[i]!.x,
    y: baselineOf(boxes[i]!, size),
    text: fitText(text, room[i]!, width),
    size,
    anchor: ANCHOR[boxes[i]!.align],
    color: '#222222',
  }));
}
