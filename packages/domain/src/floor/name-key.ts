/*
 * A guest's name at its chair, on the screen's floor and on the printed plan, once its room is known (`chooseSpots`):
 * written, whole or cut to fit, or — where no spot beside the chair leaves room for a readable part of it — a number
 * on the chair and the whole name in a key beside the plan. Pure, in whatever unit the caller draws in.
 */

import { fitText, type MeasureText } from './names.ts';

/**
 * The fewest letters a name is cut to at its chair. Fewer do not tell one guest from another ("Ann…" is Anna,
 * Annika or Annette; "M…" anybody): such a name is numbered on its chair and given whole in the key instead.
 */
export const LEAST_LETTERS = 4;

/** A name at its chair: written there (`shown`: whole or cut), or `key`, its chair's number in the key (from 1). */
export type ChairName = { shown: string; key?: undefined } | { key: number; shown?: undefined };

/** The shortest a name may be written: its first LEAST_LETTERS letters and an ellipsis, or all of a shorter name. */
export function leastOf(name: string): string {
  const letters = [...name];
  return letters.length <= LEAST_LETTERS ? name : `${letters.slice(0, LEAST_LETTERS).join('').trimEnd()}…`;
}

/**
 * Each name as written at its chair, `room[i]` wide: cut to fit (`fitText`) where that keeps LEAST_LETTERS (or the
 * whole of a shorter name), otherwise numbered 1, 2, … in the order the names come (the key lists them so).
 */
export function namesAtChairs(names: readonly string[], room: readonly number[], measure: MeasureText): ChairName[] {
  let keyed = 0;
  return names.map((name, i) => {
    const r = room[i] ?? 0;
    return r >= measure(leastOf(name)) ? { shown: fitText(name, r, measure) } : { key: ++keyed };
  });
}

/**
 * How big a key's number is written on its chair (radius `r`): as big as the names (`size`), smaller where the
 * number written that big (`width`) is wider than the chair leaves room for.
 */
export const chairNumberSize = (size: number, width: number, r: number): number => (width > 0 ? Math.min(size, (size * 1.6 * r) / width) : size);
