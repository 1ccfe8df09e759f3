/*
 * A drag that nears the canvas's edge pans the view that way, so a table can be carried past what the canvas shows
 * (a room nobody has sized has no walls east and south: only a drag that can go on can reach its far floor). Pure:
 * the drag hook asks each frame how far to pan.
 */

/** Within this many pixels of the canvas's edge (or past it) a drag pans the view. */
export const EDGE_PX = 40;
/** The fastest it pans, in pixels a frame (at the edge and beyond). */
export const PAN_MAX_PX = 14;
/** Floor kept in view past a wall, in metres: a drag pans no further than a wall and this. */
const PAST_WALL_M = 1;

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** What of the room the canvas shows, in metres. */
interface Seen {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

const speed = (inside: number) => (inside >= EDGE_PX ? 0 : Math.round(PAN_MAX_PX * Math.min(1, (EDGE_PX - inside) / EDGE_PX)));

/**
 * How far (pixels, the way the floor's content moves) to pan the view this frame for a pointer at (x, y) over a
 * canvas `rect` that shows `seen` of a room: faster the nearer the edge; never past the north and west walls, nor
 * past the east and south walls of a room with a size (a room without one has none there).
 */
export function edgePan(x: number, y: number, rect: Rect, seen: Seen, room: { widthM: number; depthM: number } | null): { dx: number; dy: number } {
  let dx = 0;
  let dy = 0;
  if (seen.minX > -PAST_WALL_M) dx += speed(x - rect.left);
  if (!room || seen.maxX < room.widthM + PAST_WALL_M) dx -= speed(rect.right - x);
  if (seen.minY > -PAST_WALL_M) dy += speed(y - rect.top);
  if (!room || seen.maxY < room.depthM + PAST_WALL_M) dy -= speed(rect.bottom - y);
  return { dx, dy };
}

/** The canvas on screen and a pan of its view (pixels, the way the floor's content moves). */
export interface PanCanvas {
  rect(): DOMRect;
  panBy(dx: number, dy: number): void;
}

/** What the edge pan reads of the floor each frame: client px to room metres, and the room's size (NaN: none). */
export interface PanView {
  toRoom(clientX: number, clientY: number): { x: number; y: number };
  room: { widthM: number; depthM: number };
}

/**
 * Pans the view each frame while a drag is held near the canvas's edge (`edgePan`), until the returned stop is
 * called: `at` is the pointer's last place (client px), `view` the floor as it is now (a room without a size has no
 * east and south walls), and `panned` lets the dragged thing follow the pointer.
 * One loop for every drag on the floor: tables, the marquee, a guest's name.
 */
export function panNearEdge(at: () => { x: number; y: number }, canvas: PanCanvas, view: () => PanView, panned: () => void): () => void {
  let frame = 0;
  const step = () => {
    const rect = canvas.rect();
    const { toRoom, room } = view();
    const [a, b] = [toRoom(rect.left, rect.top), toRoom(rect.right, rect.bottom)];
    const p = at();
    const { dx, dy } = edgePan(p.x, p.y, rect, { minX: a.x, minY: a.y, maxX: b.x, maxY: b.y }, Number.isFinite(room.widthM) ? room : null);
    if (dx || dy) {
      canvas.panBy(dx, dy);
      panned();
    }
    frame = requestAnimationFrame(step);
  };
  frame = requestAnimationFrame(step);
  return () => cancelAnimationFrame(frame);
}
