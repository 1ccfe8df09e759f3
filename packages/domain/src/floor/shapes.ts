import type { PhysicalTable, TableShape } from '../model.ts';
import { normalDegrees, rotateAbout } from './plane.ts';

/** How deep a chair with the person on it stands out from the table's edge. */
export const CHAIR_DEPTH_M = 0.5;
/** Room a person takes along a banquet's side. */
const PLACE_WIDTH_M = 0.6;

export interface ShapeSize {
  shape: TableShape;
  /** for round and square tables widthM = depthM (the diameter, the side) */
  widthM: number;
  depthM: number;
}

/** How a table no one has shaped is drawn: round 1.8 m for up to 10 seats, a banquet long enough otherwise. */
export function defaultShape(capacity: number): ShapeSize {
  if (capacity <= 10) return { shape: 'round', widthM: 1.8, depthM: 1.8 };
  return { shape: 'banquet', widthM: Math.max(1.8, Math.ceil(capacity / 2) * PLACE_WIDTH_M), depthM: 0.9 };
}

/** A physical table's top: as shaped, or the default for its capacity. */
export function tableShape(p: Pick<PhysicalTable, 'capacity' | 'shape' | 'widthM' | 'depthM'>): ShapeSize {
  if (p.shape && p.widthM !== undefined && p.depthM !== undefined) return { shape: p.shape, widthM: p.widthM, depthM: p.depthM };
  return defaultShape(p.capacity);
}

/** A chair: its centre in room metres and the direction it faces (towards the table), degrees clockwise from +x. */
export interface Seat {
  x: number;
  y: number;
  facing: number;
}

/** Chairs around a table in the table's own frame (centre at 0,0, unrotated), one per seat of its capacity. */
export function localSeats(size: ShapeSize, count: number): Seat[] {
  const { shape, widthM: w, depthM: d } = size;
  const out = CHAIR_DEPTH_M / 2;
  const seats: Seat[] = [];
  if (count <= 0) return seats;
  if (shape === 'round' || shape === 'oval') {
    for (let i = 0; i < count; i++) {
      const t = -Math.PI / 2 + (2 * Math.PI * i) / count;
      const x = (w / 2 + out) * Math.cos(t);
      const y = (d / 2 + out) * Math.sin(t);
      seats.push({ x, y, facing: degrees(Math.atan2(-y, -x)) });
    }
    return seats;
  }
  if (shape === 'banquet') {
    // both long sides, the first half along the top (facing down), the rest along the bottom
    const top = Math.ceil(count / 2);
    const bottom = count - top;
    for (let i = 0; i < top; i++) seats.push({ x: -w / 2 + ((i + 0.5) * w) / top, y: -d / 2 - out, facing: 90 });
    for (let i = 0; i < bottom; i++) seats.push({ x: w / 2 - ((i + 0.5) * w) / bottom, y: d / 2 + out, facing: 270 });
    return seats;
  }
  // square, rectangle: evenly round the edge, clockwise from the top-left corner
  const perimeter = 2 * (w + d);
  for (let i = 0; i < count; i++) {
    let s = ((i + 0.5) * perimeter) / count;
    if (s < w) seats.push({ x: -w / 2 + s, y: -d / 2 - out, facing: 90 });
    else if ((s -= w) < d) seats.push({ x: w / 2 + out, y: -d / 2 + s, facing: 180 });
    else if ((s -= d) < w) seats.push({ x: w / 2 - s, y: d / 2 + out, facing: 270 });
    else seats.push({ x: -w / 2 - out, y: d / 2 - (s - w), facing: 0 });
  }
  return seats;
}

/**
 * Chairs around a physical table in room metres, in chair order: as many as it seats, or `count` (the plan table on
 * it may seat fewer; the top keeps the size its own capacity gives it).
 */
export function seatPositions(p: PhysicalTable, count = p.capacity): Seat[] {
  const x = p.x ?? 0;
  const y = p.y ?? 0;
  const r = p.rotation ?? 0;
  return localSeats(tableShape(p), count).map((s) => ({ ...rotateAbout(x, y, s.x, s.y, r), facing: normalDegrees(s.facing + r) }));
}

const degrees = (rad: number) => normalDegrees((rad * 180) / Math.PI);
