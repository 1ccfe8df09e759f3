import { matchKey } from '@seatfold/domain/core';
import { itemBox, type FloorRoom } from './layout.ts';
import { normaliseRotation, roundCm, type Box } from './snap.ts';

/** A thing on the floor that moves: keyed `t:<physical table id>` or `f:<fixture id>`. */
export interface FloorItem {
  key: string;
  kind: 'table' | 'fixture';
  id: string;
  x: number;
  y: number;
  rotation: number;
  /** false while a table stands only where the automatic layout put it */
  placed: boolean;
  widthM: number;
  depthM: number;
  box: Box;
}

export interface Move {
  kind: 'table' | 'fixture';
  id: string;
  x: number;
  y: number;
  rotation: number;
  /** where the planner saw it (null: not placed yet): the server refuses the drop as stale when it moved since */
  from?: { x: number; y: number; rotation: number } | null;
}

export function floorItems(floor: FloorRoom): Map<string, FloorItem> {
  const out = new Map<string, FloorItem>();
  for (const t of floor.tables)
    out.set(`t:${t.id}`, {
      key: `t:${t.id}`,
      kind: 'table',
      id: t.id,
      x: t.x,
      y: t.y,
      rotation: t.rotation,
      placed: t.placed,
      widthM: t.widthM,
      depthM: t.depthM,
      box: itemBox(`t:${t.id}`, t),
    });
  for (const f of floor.fixtures)
    out.set(`f:${f.id}`, {
      key: `f:${f.id}`,
      kind: 'fixture',
      id: f.id,
      x: f.x,
      y: f.y,
      rotation: f.rotation,
      placed: true,
      widthM: f.widthM,
      depthM: f.depthM,
      box: itemBox(`f:${f.id}`, f),
    });
  return out;
}

/** The items as drawn while a run of arrow steps is held (useHeldNudge): those it moves shifted by its offset. */
export function withHeld(items: Map<string, FloorItem>, held: { keys: ReadonlySet<string>; dx: number; dy: number } | null): Map<string, FloorItem> {
  if (!held || (held.dx === 0 && held.dy === 0)) return items;
  const out = new Map(items);
  for (const key of held.keys) {
    const i = items.get(key);
    if (!i) continue;
    out.set(key, { ...i, x: i.x + held.dx, y: i.y + held.dy, box: { ...i.box, x: i.box.x + held.dx, y: i.box.y + held.dy } });
  }
  return out;
}

/** The moves of a set of items (as the planner saw them) shifted by (dx, dy) and optionally turned to a new rotation each. */
export function movesOf(items: FloorItem[], dx: number, dy: number, rotate?: (r: number) => number): Move[] {
  return items.map((i) => ({
    kind: i.kind,
    id: i.id,
    x: roundCm(i.x + dx),
    y: roundCm(i.y + dy),
    rotation: normaliseRotation(rotate ? rotate(i.rotation) : i.rotation),
    from: i.placed ? { x: i.x, y: i.y, rotation: i.rotation } : null,
  }));
}

/** A drag in progress as other organisers' ghosts carry it: where each item is now, not what was seen. */
export const ghostOf = (moves: Move[]) => moves.map(({ kind, id, x, y, rotation }) => ({ kind, id, x, y, rotation }));

/** Which items a keyboard or pointer action applies to: the selection when the item is in it, else the item alone. */
export function actedOn(key: string, selection: ReadonlySet<string>, items: Map<string, FloorItem>): FloorItem[] {
  const keys = selection.has(key) ? [...selection] : [key];
  return keys.map((k) => items.get(k)).filter((i): i is FloorItem => !!i);
}

/** The next free label in the series of `label` ("G-07" → "G-53" when G-01…G-52 exist), for a duplicate. */
export function nextLabel(label: string, taken: Iterable<string>): string {
  // Compared as decide compares labels (matchKey: case and accents aside): "g-01" takes "G-01".
  const used = new Set(Array.from(taken, matchKey));
  const m = /^(.*?)(\d+)$/.exec(label);
  const prefix = m ? m[1]! : `${label} `;
  const width = m ? m[2]!.length : 1;
  const key = matchKey(prefix);
  let n = 1;
  for (const l of used) {
    if (!l.startsWith(key)) continue;
    const rest = l.slice(key.length);
    if (/^\d+$/.test(rest)) n = Math.max(n, Number(rest) + 1);
  }
  while (used.has(matchKey(`${prefix}${String(n).padStart(width, '0')}`))) n++;
  return `${prefix}${String(n).padStart(width, '0')}`;
}
