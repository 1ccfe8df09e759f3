import type { Fixture, PhysicalTable, Placement, Room } from '../model.ts';
import { rotateAbout, type Point } from './plane.ts';
import { CHAIR_DEPTH_M, tableShape } from './shapes.ts';

export type { Point } from './plane.ts';

/**
 * Pure plane geometry of the floor, in room metres: origin at the room's top-left corner, x to the right, y down,
 * rotations in degrees clockwise (what SVG's `rotate()` does in this frame). Every footprint is convex — a circle
 * or a convex polygon — so two footprints overlap exactly when no separating axis exists (SAT).
 */
export type Footprint = { kind: 'circle'; x: number; y: number; r: number } | { kind: 'polygon'; points: Point[] };

/** Touching is not overlapping: edges may meet within a tenth of a millimetre. */
const EPS = 1e-4;
/** sides of the polygon an oval is drawn as (circumscribed, so the polygon never under-states the oval) */
const OVAL_SIDES = 32;

function rectangle(at: Placement, w: number, d: number): Footprint {
  const corners: [number, number][] = [
    [-w / 2, -d / 2],
    [w / 2, -d / 2],
    [w / 2, d / 2],
    [-w / 2, d / 2],
  ];
  return { kind: 'polygon', points: corners.map(([dx, dy]) => rotateAbout(at.x, at.y, dx, dy, at.rotation)) };
}

function ellipse(at: Placement, w: number, d: number): Footprint {
  if (Math.abs(w - d) < EPS) return { kind: 'circle', x: at.x, y: at.y, r: w / 2 };
  const grow = 1 / Math.cos(Math.PI / OVAL_SIDES);
  const points: Point[] = [];
  for (let i = 0; i < OVAL_SIDES; i++) {
    const t = (2 * Math.PI * i) / OVAL_SIDES;
    points.push(rotateAbout(at.x, at.y, (w / 2) * grow * Math.cos(t), (d / 2) * grow * Math.sin(t), at.rotation));
  }
  return { kind: 'polygon', points };
}

const isFixture = (item: PhysicalTable | Fixture): item is Fixture => 'kind' in item;

/** Where an item stands: its own placement (an unplaced table counts as standing at the origin), or `at`. */
export function placementOf(item: PhysicalTable | Fixture, at?: Placement): Placement {
  return at ?? { x: item.x ?? 0, y: item.y ?? 0, rotation: item.rotation ?? 0 };
}

/**
 * The floor an item takes. A fixture: its rectangle. A table: its top with the chairs around it (CHAIR_DEPTH_M on
 * every side that seats people; a banquet seats its long sides only), so two tables whose footprints do not overlap
 * leave their chairs room. `at` places the item elsewhere (a drop being checked).
 */
export function footprint(item: PhysicalTable | Fixture, at?: Placement): Footprint {
  const p = placementOf(item, at);
  if (isFixture(item)) return rectangle(p, item.widthM, item.depthM);
  const { shape, widthM, depthM } = tableShape(item);
  const c = 2 * CHAIR_DEPTH_M;
  switch (shape) {
    case 'round':
    case 'oval':
      return ellipse(p, widthM + c, depthM + c);
    case 'banquet':
      return rectangle(p, widthM, depthM + c);
    case 'square':
    case 'rectangle':
      return rectangle(p, widthM + c, depthM + c);
  }
}

/**
 * How far an item's footprint reaches from the point it stands at, whatever its rotation: the radius of a circle
 * round the placement that holds the footprint. A box from it costs no footprint, so a room's thousands of tables can
 * be sorted into a grid cheaply and only the few near a drop measured exactly.
 */
/** Math.hypot without its care for overflow, which a room's metres never need: several times faster in V8. */
const diagonal = (a: number, b: number) => Math.sqrt(a * a + b * b);

export function footprintReach(item: PhysicalTable | Fixture): number {
  if (isFixture(item)) return diagonal(item.widthM, item.depthM) / 2 + EPS;
  const { shape, widthM, depthM } = tableShape(item);
  const c = 2 * CHAIR_DEPTH_M;
  switch (shape) {
    case 'round':
    case 'oval': {
      const [w, d] = [widthM + c, depthM + c];
      return (Math.abs(w - d) < EPS ? w / 2 : Math.max(w, d) / 2 / Math.cos(Math.PI / OVAL_SIDES)) + EPS;
    }
    case 'banquet':
      return diagonal(widthM, depthM + c) / 2 + EPS;
    case 'square':
    case 'rectangle':
      return diagonal(widthM + c, depthM + c) / 2 + EPS;
  }
}

function project(f: Footprint, ax: Point): [number, number] {
  if (f.kind === 'circle') {
    const m = f.x * ax.x + f.y * ax.y;
    return [m - f.r, m + f.r];
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of f.points) {
    const m = p.x * ax.x + p.y * ax.y;
    if (m < lo) lo = m;
    if (m > hi) hi = m;
  }
  return [lo, hi];
}

function axesOf(f: Footprint, other: Footprint): Point[] {
  if (f.kind === 'polygon') {
    return f.points.map((p, i) => {
      const q = f.points[(i + 1) % f.points.length]!;
      return unit({ x: -(q.y - p.y), y: q.x - p.x });
    });
  }
  // A circle against a polygon: the axis towards the polygon's nearest corner (the edges' normals do the rest).
  if (other.kind === 'circle') return [unit({ x: other.x - f.x, y: other.y - f.y })];
  let best = other.points[0];
  for (const p of other.points) if (Math.hypot(p.x - f.x, p.y - f.y) < Math.hypot(best!.x - f.x, best!.y - f.y)) best = p;
  return [unit({ x: best!.x - f.x, y: best!.y - f.y })];
}

function unit(v: Point): Point {
  const n = Math.hypot(v.x, v.y);
  return n < 1e-12 ? { x: 1, y: 0 } : { x: v.x / n, y: v.y / n };
}

/** Whether two footprints share floor (more than touching edges). */
export function overlaps(a: Footprint, b: Footprint): boolean {
  if (a.kind === 'circle' && b.kind === 'circle') return Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r - EPS;
  for (const ax of [...axesOf(a, b), ...axesOf(b, a)]) {
    const [a0, a1] = project(a, ax);
    const [b0, b1] = project(b, ax);
    if (a1 <= b0 + EPS || b1 <= a0 + EPS) return false;
  }
  return true;
}

/** The axis-aligned box around a footprint. */
export function bounds(f: Footprint): { minX: number; minY: number; maxX: number; maxY: number } {
  if (f.kind === 'circle') return { minX: f.x - f.r, minY: f.y - f.r, maxX: f.x + f.r, maxY: f.y + f.r };
  const xs = f.points.map((p) => p.x);
  const ys = f.points.map((p) => p.y);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}

/**
 * Whether a footprint lies within the room's walls. The origin is the room's top-left corner, so nothing stands at a
 * negative coordinate; a room without a size has no far walls yet (the view draws them round what stands there).
 */
export function insideRoom(f: Footprint, room: Pick<Room, 'widthM' | 'depthM'>): boolean {
  const b = bounds(f);
  if (b.minX < -EPS || b.minY < -EPS) return false;
  if (room.widthM === undefined || room.depthM === undefined) return true;
  return b.maxX <= room.widthM + EPS && b.maxY <= room.depthM + EPS;
}
