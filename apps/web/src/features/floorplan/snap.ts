/**
 * Pure view logic of moving things on the floor: grid snapping, alignment guides to other tables, keyboard
 * nudges and rotation steps. Units are metres (room origin top-left, y down), as in the domain.
 */

/** An axis-aligned box around an item's rotated footprint: centre and full width/depth. */
export interface Box {
  id: string;
  x: number;
  y: number;
  w: number;
  d: number;
}

/** A guide line drawn while dragging: vertical at `at` (x) from `from` to `to` (y), or horizontal. */
export interface Guide {
  axis: 'x' | 'y';
  at: number;
  from: number;
  to: number;
}

export interface SnapOptions {
  /** grid step in metres (0 = no grid) */
  grid: number;
  /** how close (metres) an edge or centre must come to another's to align with it */
  tolerance: number;
}

export const DEFAULT_SNAP: SnapOptions = { grid: 0.5, tolerance: 0.3 };

/** Arrow-key steps in metres: a small nudge, and with Shift a big one. */
export const NUDGE_M = 0.1;
export const NUDGE_BIG_M = 1;
/** R rotates by this many degrees (Shift+R the other way). */
export const ROTATE_STEP = 15;

/** Positions are kept to the centimetre: what the planner sees is what is stored. */
export const roundCm = (v: number) => Math.round(v * 100) / 100;

export function snapToGrid(v: number, grid: number): number {
  return grid > 0 ? roundCm(Math.round(v / grid) * grid) : roundCm(v);
}

/** 0 ≤ r < 360, whole degrees. */
export function normaliseRotation(r: number): number {
  const n = Math.round(r) % 360;
  return n < 0 ? n + 360 : n + 0; // + 0 turns -0 into 0
}

/** The move an arrow key stands for, or null for any other key. */
export function nudgeFor(key: string, shift: boolean): { dx: number; dy: number } | null {
  const step = shift ? NUDGE_BIG_M : NUDGE_M;
  switch (key) {
    case 'ArrowLeft':
      return { dx: -step, dy: 0 };
    case 'ArrowRight':
      return { dx: step, dy: 0 };
    case 'ArrowUp':
      return { dx: 0, dy: -step };
    case 'ArrowDown':
      return { dx: 0, dy: step };
    default:
      return null;
  }
}

/** The rotation after R (clockwise) or Shift+R (anticlockwise). */
export function rotateStep(rotation: number, shift: boolean): number {
  return normaliseRotation(rotation + (shift ? -ROTATE_STEP : ROTATE_STEP));
}

function span(boxes: Box[]) {
  let left = Infinity,
    right = -Infinity,
    top = Infinity,
    bottom = -Infinity;
  for (const b of boxes) {
    left = Math.min(left, b.x - b.w / 2);
    right = Math.max(right, b.x + b.w / 2);
    top = Math.min(top, b.y - b.d / 2);
    bottom = Math.max(bottom, b.y + b.d / 2);
  }
  return { left, right, top, bottom, cx: (left + right) / 2, cy: (top + bottom) / 2 };
}

interface Hit {
  shift: number;
  at: number;
  other: Box;
}

/** The nearest alignment of the group's centre/edges (`lines`) with any other box's on one axis, within tolerance;
 *  on a tie centres win over edges (listed first). */
function nearest(lines: number[], others: Box[], axis: 'x' | 'y', tolerance: number): Hit | null {
  let best: Hit | null = null;
  for (const o of others) {
    const c = axis === 'x' ? o.x : o.y;
    const half = (axis === 'x' ? o.w : o.d) / 2;
    for (const target of [c, c - half, c + half]) {
      for (const l of lines) {
        const shift = target - l;
        if (Math.abs(shift) <= tolerance && (!best || Math.abs(shift) < Math.abs(best.shift) - 1e-9)) best = { shift, at: target, other: o };
      }
    }
  }
  return best;
}

/**
 * Where a drag of `moving` by (dx, dy) lands: on each axis the group aligns its left/centre/right (top/middle/bottom)
 * with the nearest edge or centre of another box within the tolerance, and a guide is drawn there; otherwise the
 * first moving item's centre snaps to the grid. Returns the snapped delta (centimetres) and the guides.
 */
export function snapMove(
  moving: Box[],
  others: Box[],
  dx: number,
  dy: number,
  opts: SnapOptions = DEFAULT_SNAP,
): { dx: number; dy: number; guides: Guide[] } {
  if (moving.length === 0) return { dx, dy, guides: [] };
  const ids = new Set(moving.map((b) => b.id));
  const rest = others.filter((o) => !ids.has(o.id));
  const g = span(moving.map((b) => ({ ...b, x: b.x + dx, y: b.y + dy })));
  const guides: Guide[] = [];
  const lead = moving[0]!;
  let outX = dx;
  let outY = dy;

  const hx = nearest([g.cx, g.left, g.right], rest, 'x', opts.tolerance);
  if (hx) outX = dx + hx.shift;
  else outX = snapToGrid(lead.x + dx, opts.grid) - lead.x;
  const hy = nearest([g.cy, g.top, g.bottom], rest, 'y', opts.tolerance);
  if (hy) outY = dy + hy.shift;
  else outY = snapToGrid(lead.y + dy, opts.grid) - lead.y;

  const after = span(moving.map((b) => ({ ...b, x: b.x + outX, y: b.y + outY })));
  if (hx) {
    const o = hx.other;
    guides.push({
      axis: 'x',
      at: roundCm(hx.at),
      from: roundCm(Math.min(after.top, o.y - o.d / 2)),
      to: roundCm(Math.max(after.bottom, o.y + o.d / 2)),
    });
  }
  if (hy) {
    const o = hy.other;
    guides.push({
      axis: 'y',
      at: roundCm(hy.at),
      from: roundCm(Math.min(after.left, o.x - o.w / 2)),
      to: roundCm(Math.max(after.right, o.x + o.w / 2)),
    });
  }
  return { dx: roundCm(outX), dy: roundCm(outY), guides };
}

/** Keeps a group's move inside the room (so a drag cannot carry a table off the floor); the domain still decides. */
export function clampInside(moving: Box[], dx: number, dy: number, room: { widthM: number; depthM: number }): { dx: number; dy: number } {
  if (moving.length === 0) return { dx, dy };
  const g = span(moving);
  const cx = Math.min(Math.max(dx, -g.left), room.widthM - g.right);
  const cy = Math.min(Math.max(dy, -g.top), room.depthM - g.bottom);
  return { dx: roundCm(g.right - g.left > room.widthM ? dx : cx), dy: roundCm(g.bottom - g.top > room.depthM ? dy : cy) };
}
