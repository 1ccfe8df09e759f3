/** Points and turns in room metres: x to the right, y down, degrees clockwise (what SVG's `rotate()` does here). */
export interface Point {
  x: number;
  y: number;
}

/** (dx, dy) turned clockwise by `deg` degrees and moved to (x, y). */
export function rotateAbout(x: number, y: number, dx: number, dy: number, deg: number): Point {
  const a = (deg * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  return { x: x + dx * c - dy * s, y: y + dx * s + dy * c };
}

/** An angle in [0, 360). */
export function normalDegrees(deg: number): number {
  const r = deg % 360;
  return r < 0 ? r + 360 : r === 360 ? 0 : r;
}
