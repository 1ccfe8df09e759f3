import type { PhysicalTable, Placement, Room } from '../model.ts';
import { bounds, footprint } from './geometry.ts';

/** Aisle left between the footprints (chairs included) of neighbouring tables in an automatic layout. */
const AISLE_M = 1;
/** Label order, "G-2" before "G-10": one collator (localeCompare with options builds one per comparison). */
const labelOrder = new Intl.Collator('en', { numeric: true });

/**
 * A grid placement for tables nobody has placed yet: returned, never stored (the view draws it; the first drag
 * stores real positions). Tables go in label order ("G-2" before "G-10"), row by row; a room with a size gets as
 * many columns as fit its width (at least one), a room without one a roughly square grid. Every cell is as big as
 * the largest table's footprint plus an aisle, so no two placed footprints overlap.
 */
export function autoLayout(room: Pick<Room, 'widthM' | 'depthM'>, tables: readonly PhysicalTable[]): Record<string, Placement> {
  const out: Record<string, Placement> = {};
  if (tables.length === 0) return out;
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
  const sorted = [...tables].sort((a, b) => labelOrder.compare(a.label, b.label) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  sorted.forEach((t, i) => {
    const col = i % columns;
    const row = Math.floor(i / columns);
    out[t.id] = { x: AISLE_M / 2 + (col + 0.5) * cellW, y: AISLE_M / 2 + (row + 0.5) * cellD, rotation: 0 };
  });
  return out;
}
