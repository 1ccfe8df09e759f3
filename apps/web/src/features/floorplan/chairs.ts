import { fitText, nameRoom } from '@seatfold/domain/core';
import type { FloorTable } from './layout.ts';

/*
 * Chairs drawn as two paths per table (taken, free), not a circle each: a tenth of the elements on a big floor.
 * Chairs are placed relative to the table's centre in room axes (names stay upright), so tables of one shape, size,
 * number of chairs, rotation and fill share their paths: the strings are built once per kind of table, not once per table
 * (156 tables of the big room are a handful of kinds).
 */

const CHAIR_R = 0.22;

/** A table's chairs relative to its centre, turned by its rotation (room axes), in chair order. */
export function turnedChairs(t: Pick<FloorTable, 'chairs'>, rotation: number): { x: number; y: number }[] {
  if (!rotation) return t.chairs;
  const rad = (rotation * Math.PI) / 180;
  const [c, s] = [Math.cos(rad), Math.sin(rad)];
  return t.chairs.map((p) => ({ x: p.x * c - p.y * s, y: p.x * s + p.y * c }));
}

/** A guest's name at a chair: its font size in metres (floor-shapes.css `.ft__name` says the same). */
export const NAME_FONT_M = 0.18;
/**
 * How wide a name is written, estimated (metres): a letter of the floor's font (DejaVu Sans in Debian's Chromium, the
 * widest usual one) is about 0.68 em on average over mixed capitals and small letters, the ellipsis a whole em.
 */
export const nameWidthM = (text: string) => [...text].reduce((w, c) => w + (c === '…' ? 1 : 0.68) * NAME_FONT_M, 0);
/** Names on one line of the floor: a line a little taller than the font, a gap between two, and the widest a name is
 * ever written (past it, it runs over the table). */
const NAME_LINES = { lineHeight: NAME_FONT_M * 1.2, gap: 0.08, max: 1.3 };

/** Where a chair's name is written (relative to the table's centre): beyond the chair, away from the table. */
export const nameSpot = (chair: { x: number; y: number }) => ({ x: chair.x * 1.25, y: chair.y * 1.25 + 0.06 });

/**
 * How wide each name may be written (metres) without running into another (`nameRoom`). Chairs round a table stand
 * closer than a long name is wide — which is why names ran into each other.
 */
export const nameWidths = (spots: readonly { x: number; y: number }[]): number[] => nameRoom(spots, NAME_LINES);

/** A name as it fits in `widthM` (`fitText` with the estimated width). */
export const fitName = (name: string, widthM: number): string => fitText(name, widthM, nameWidthM);

/** Circles of chair size at the given centres, as one path's `d` (undefined for none). */
export function chairPath(at: readonly { x: number; y: number }[]): string | undefined {
  let d = '';
  for (const p of at)
    d += `M${(p.x - CHAIR_R).toFixed(3)} ${p.y.toFixed(3)}a${CHAIR_R} ${CHAIR_R} 0 1 0 ${2 * CHAIR_R} 0a${CHAIR_R} ${CHAIR_R} 0 1 0 ${-2 * CHAIR_R} 0`;
  return d || undefined;
}

export interface ChairPaths {
  taken: string | undefined;
  free: string | undefined;
}

const cache = new Map<string, ChairPaths>();
/** Kinds of table remembered; past this the cache starts afresh (a venue has far fewer). */
const CACHE_MAX = 1000;

/** The two chair paths of a table turned by `rotation` with `seated` chairs taken (the first ones in chair order). */
export function chairPaths(t: Pick<FloorTable, 'shape' | 'widthM' | 'depthM' | 'chairs'>, rotation: number, seated: number): ChairPaths {
  // the chairs go round the top by their number alone (localSeats), so the top and the number make the kind
  const key = `${t.shape}|${t.widthM}|${t.depthM}|${t.chairs.length}|${rotation}|${seated}`;
  let paths = cache.get(key);
  if (!paths) {
    const chairs = turnedChairs(t, rotation);
    paths = { taken: chairPath(chairs.slice(0, seated)), free: chairPath(chairs.slice(seated)) };
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(key, paths);
  }
  return paths;
}
