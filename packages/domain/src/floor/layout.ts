import type { Fixture, PhysicalTable, Placement, Room } from '../model.ts';
import { bounds, footprint, overlaps, type Footprint } from './geometry.ts';
import { BoxGrid } from './grid.ts';

/** Aisle left between the footprints (chairs included) of neighbouring tables in an automatic layout. */
const AISLE_M = 1;
/** Label order, "G-2" before "G-10": one collator (localeCompare with options builds one per comparison). */
const labelOrder = new Intl.Collator('en', { numeric: true });

const isPlaced = (t: PhysicalTable) => t.x !== undefined && t.y !== undefined;

/**
 * Where the tables nobody has placed yet are drawn: a grid, returned, never stored (the view draws it; the first drag
 * stores real positions). Give it every table of the room and its fixtures; it answers for the unplaced ones.
 *
 * Every table of the room has a cell, in label order ("G-2" before "G-10"), row by row: a room with a size gets as
 * many columns as fit its width (at least one), a room without one a roughly square grid; a cell is as big as the
 * largest table's footprint plus an aisle. So placing a table leaves its cell empty and moves no other. An unplaced
 * table whose cell meets a placed table or a fixture (a copy put beside its original, a stage) takes the next free
 * cell after all of them instead: no table is ever drawn on another or on a stage.
 */
export function autoLayout(
  room: Pick<Room, 'widthM' | 'depthM'>,
  tables: readonly PhysicalTable[],
  fixtures: readonly Fixture[] = [],
): Record<string, Placement> {
  const out: Record<string, Placement> = {};
  if (!tables.some((t) => !isPlaced(t))) return out;
  let cellW = 0;
  let cellD = 0;
  for (const t of tables) {
    const b = bounds(footprint(t, { x: 0, y: 0, rotation: 0 }));
    cellW = Math.max(cellW, b.maxX - b.minX);
    cellD = Math.max(cellD, b.maxY - b.minY);
  }
  cellW += AISLE_M;
  cellD += AISLE_M;
  const columns =
    room.widthM !== undefined ? Math.max(1, Math.floor((room.widthM - AISLE_M) / cellW)) : Math.max(1, Math.ceil(Math.sqrt(tables.length)));
  const at = (i: number): Placement => ({
    x: AISLE_M / 2 + ((i % columns) + 0.5) * cellW,
    y: AISLE_M / 2 + (Math.floor(i / columns) + 0.5) * cellD,
    rotation: 0,
  });
  // what stands on the floor already, found by box (a hall of thousands of placed tables stays one pass)
  const standing = new BoxGrid<Footprint>();
  for (const item of [...tables.filter(isPlaced), ...fixtures]) {
    const fp = footprint(item);
    standing.add(fp, bounds(fp));
  }
  // A table fits a cell when its footprint there overlaps nothing: one standing against it, chairs touching, leaves it
  // where it is, as decide lets a placed table stand there.
  const fits = (t: PhysicalTable, i: number) => {
    const fp = footprint(t, at(i));
    return !standing.near(bounds(fp)).some((other) => overlaps(fp, other));
  };
  const sorted = [...tables].sort((a, b) => labelOrder.compare(a.label, b.label) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const displaced: PhysicalTable[] = [];
  sorted.forEach((t, i) => {
    if (isPlaced(t)) return;
    if (fits(t, i)) {
      out[t.id] = at(i);
    } else displaced.push(t);
  });
  // after every table's cell, so that placing a table, which empties its cell, moves none of these either
  let next = sorted.length;
  for (const t of displaced) {
    while (!fits(t, next)) next++; // ends: finitely many things stand on the floor
    out[t.id] = at(next++);
  }
  return out;
}
