import {
  awayFromTable,
  baselineOf,
  chairNumberSize,
  chooseSpots,
  fitText,
  namesAtChairs,
  spotsBeside,
  type NameBox,
  type Point,
} from '@seatfold/domain/core';
import type { FloorFixture, FloorTable } from './layout.ts';

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
/** A line of a table's writing: its text, baseline below the table's centre and font size (metres). */
export interface TableLine {
  text: string;
  y: number;
  size: number;
  bold: boolean;
}

/**
 * A table's writing on the floor, centred on it: its number (bold) and the line under it; `y` the baseline below
 * the table's centre and `size` the font's, in metres (floor-shapes.css `.ft__number` and `.ft__fill` say the same).
 */
export function tableWriting(t: Pick<FloorTable, 'label' | 'seats' | 'logical'>): [number: TableLine, fill: TableLine] {
  const seated = t.logical?.guestIds.length ?? 0;
  return [
    { text: t.logical ? t.logical.name : t.label, y: t.logical ? -0.05 : 0.1, size: 0.42, bold: true },
    { text: t.logical ? `${t.label} · ${seated}/${t.seats}` : `${t.seats} seats`, y: 0.35, size: 0.24, bold: false },
  ];
}

/** The box a table's writing takes on the floor (estimated as a name is; bold letters a tenth wider), as a polygon. */
function writingBox(t: FloorTable, line: TableLine): Point[] {
  const w = (nameWidthM(line.text) * line.size * (line.bold ? 1.1 : 1)) / NAME_FONT_M;
  const [l, r] = [t.x - w / 2, t.x + w / 2];
  const [top, bottom] = [t.y + line.y - 0.76 * line.size, t.y + line.y + 0.24 * line.size];
  return [
    { x: l, y: top },
    { x: r, y: top },
    { x: r, y: bottom },
    { x: l, y: bottom },
  ];
}

/** Between two names on the floor, and the widest a name is ever written (past it, it runs over a table). */
const NAME_LINES = { gap: 0.08, max: 1.3 };

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

/**
 * A guest's name as the floor writes it, relative to its table's centre: beside its chair (`shown`: whole or cut, the
 * baseline's anchor at x, y), or, with no room for a readable part of it there, `key`: its number in the room's key of
 * names, written `size` high on the chair (the baseline's middle at x, y).
 */
export type PlacedName = {
  /** the chair's number in chair order */
  chair: number;
  name: string;
  x: number;
  y: number;
} & ({ anchor: 'start' | 'middle' | 'end'; shown: string; key?: undefined } | { key: number; size: number; shown?: undefined });

const ANCHOR = { 0: 'start', 0.5: 'middle', 1: 'end' } as const;
/** Between a name and its chair, another name or a table top (metres). */
const NAME_GAP_M = 0.06;

/** A circle of radius `r` as a polygon of `n` corners round (x, y) (what roomBeside measures against). */
const disc = (x: number, y: number, rx: number, ry: number, n: number, turn = 0): Point[] =>
  Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n;
    const [dx, dy] = [rx * Math.cos(a), ry * Math.sin(a)];
    return { x: x + dx * Math.cos(turn) - dy * Math.sin(turn), y: y + dx * Math.sin(turn) + dy * Math.cos(turn) };
  });

/** A table's top in room metres, as a convex polygon. */
function topOf(t: FloorTable): Point[] {
  const turn = (t.rotation * Math.PI) / 180;
  if (t.shape === 'round' || t.shape === 'oval') return disc(t.x, t.y, t.widthM / 2, t.depthM / 2, 24, turn);
  return [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
  ].map(([sx, sy]) => {
    const [dx, dy] = [(sx! * t.widthM) / 2, (sy! * t.depthM) / 2];
    return { x: t.x + dx * Math.cos(turn) - dy * Math.sin(turn), y: t.y + dx * Math.sin(turn) + dy * Math.cos(turn) };
  });
}

/**
 * Every guest's name on the floor of a room, by table id: written beyond its chair's back, away from the table, at
 * the spot beside it with most room (`spotsBeside`, `chooseSpots`: staggered where chairs stand close), and cut to the room it has before any other name of the room (a neighbouring table's too), a
 * table top, a fixture, a table's number and fill line (`tableWriting`) or a chair (`roomBeside`, with the estimated widths). One pass for the room, not one per table: fitted
 * per table, the names of neighbouring tables ran into each other. A name with no room for a readable part of it at
 * any spot is numbered on its chair instead (`namesAtChairs`; `nameKey` lists them), as the print does.
 */
export function placeNames(
  tables: readonly FloorTable[],
  names: Readonly<Record<string, readonly string[]>>,
  fixtures: readonly Pick<FloorFixture, 'outline'>[] = [],
): Record<string, PlacedName[]> {
  const spots: NameBox[][] = [];
  const owners: { table: FloorTable; name: string; chair: number; at: Point }[] = [];
  // A stage, a bar or a pillar is kept clear of as a table top is: a name written over one could not be read.
  const shapes: Point[][] = fixtures.map((f) => f.outline);
  for (const t of tables) {
    shapes.push(topOf(t), ...tableWriting(t).map((line) => writingBox(t, line)));
    const chairs = turnedChairs(t, t.rotation);
    chairs.forEach((c) => shapes.push(disc(t.x + c.x, t.y + c.y, CHAIR_R, CHAIR_R, 12)));
    const list = names[t.id] ?? [];
    t.chairs.forEach((c, i) => {
      const name = list[i];
      if (name === undefined) return;
      const at = { x: t.x + chairs[i]!.x, y: t.y + chairs[i]!.y };
      spots.push(spotsBeside(at, awayFromTable(c.facing + t.rotation), CHAIR_R + NAME_GAP_M, NAME_FONT_M, NAME_LINES.gap));
      owners.push({ table: t, name, chair: i, at });
    });
  }
  const { boxes, room } = chooseSpots(
    spots,
    owners.map((o) => nameWidthM(o.name)),
    shapes,
    NAME_LINES,
  );
  const written = namesAtChairs(
    owners.map((o) => o.name),
    room,
    nameWidthM,
  );
  const out: Record<string, PlacedName[]> = {};
  boxes.forEach((box, i) => {
    const { table, name, chair, at } = owners[i]!;
    const w = written[i]!;
    let placed: PlacedName;
    if (w.key === undefined)
      placed = { chair, name, x: box.x - table.x, y: baselineOf(box, NAME_FONT_M) - table.y, anchor: ANCHOR[box.align], shown: w.shown };
    else {
      const size = chairNumberSize(NAME_FONT_M, nameWidthM(String(w.key)), CHAIR_R);
      placed = { chair, name, x: at.x - table.x, y: at.y + 0.36 * size - table.y, key: w.key, size };
    }
    (out[table.id] ??= []).push(placed);
  });
  return out;
}

/** A name numbered on its chair, as the room's key lists it. */
export interface KeyedName {
  key: number;
  name: string;
  /** the plan table's name (the physical table's label where none stands on it) */
  table: string;
  physicalId: string;
  /** the chair's number from 1, in chair order */
  chair: number;
}

/** The room's key of names numbered on their chairs (`placeNames`), by number. */
export function nameKey(tables: readonly FloorTable[], placed: Readonly<Record<string, readonly PlacedName[]>>): KeyedName[] {
  const out: KeyedName[] = [];
  for (const t of tables)
    for (const n of placed[t.id] ?? [])
      if (n.key !== undefined) out.push({ key: n.key, name: n.name, table: t.logical?.name ?? t.label, physicalId: t.id, chair: n.chair + 1 });
  return out.sort((a, b) => a.key - b.key);
}
