import type { LogicalTable, PhysicalTable, PlanState, Room } from '@seatfold/domain';
import { rotatedSize, type Box } from './snap.ts';

/*
 * What the floor plan draws for one room, derived from the state on display. Geometry (shapes, footprints, chairs,
 * the grid placement of a room nobody arranged) comes from the domain; this file only gathers it for the view.
 * TEMPORARY: until the floor domain lands, a grid layout stands in here.
 */

export type TableShape = 'round' | 'oval' | 'square' | 'rectangle' | 'banquet';

export interface FloorTable {
  id: string;
  label: string;
  capacity: number;
  shape: TableShape;
  widthM: number;
  depthM: number;
  x: number;
  y: number;
  rotation: number;
  /** false while the position is only the automatic layout's (nobody has placed it yet) */
  placed: boolean;
  logical: LogicalTable | null;
  /** chair centres relative to the table centre, unrotated (the group is rotated as a whole) */
  chairs: { x: number; y: number }[];
}

export interface FloorFixture {
  id: string;
  kind: string;
  label: string;
  x: number;
  y: number;
  widthM: number;
  depthM: number;
  rotation: number;
}

export interface FloorRoom {
  room: Room;
  widthM: number;
  depthM: number;
  /** false while the size is only what the automatic layout needs */
  sized: boolean;
  tables: FloorTable[];
  fixtures: FloorFixture[];
}

const CHAIR_GAP = 0.35;

function defaultShape(capacity: number): { shape: TableShape; widthM: number; depthM: number } {
  return capacity <= 10 ? { shape: 'round', widthM: 1.8, depthM: 1.8 } : { shape: 'banquet', widthM: 0.6 * Math.ceil(capacity / 2), depthM: 0.9 };
}

function chairsFor(shape: TableShape, w: number, d: number, n: number): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  if (shape === 'round' || shape === 'oval') {
    for (let i = 0; i < n; i++) {
      const a = (i / n) * Math.PI * 2 - Math.PI / 2;
      out.push({ x: Math.cos(a) * (w / 2 + CHAIR_GAP), y: Math.sin(a) * (d / 2 + CHAIR_GAP) });
    }
    return out;
  }
  const top = Math.ceil(n / 2);
  const bottom = n - top;
  for (let i = 0; i < top; i++) out.push({ x: -w / 2 + (w * (i + 0.5)) / top, y: -d / 2 - CHAIR_GAP });
  for (let i = 0; i < bottom; i++) out.push({ x: w / 2 - (w * (i + 0.5)) / bottom, y: d / 2 + CHAIR_GAP });
  return out;
}

const byLabel = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The floor of one room as the view draws it. */
export function floorRoom(s: PlanState, room: Room, placement: Record<string, LogicalTable>): FloorRoom {
  const physical = Object.values(s.physicalTables)
    .filter((p) => p.roomId === room.id)
    .sort((a, b) => byLabel.compare(a.label, b.label));
  const cols = Math.max(1, Math.ceil(Math.sqrt(physical.length * 1.5)));
  const pitch = 3.6;
  const tables = physical.map((p: PhysicalTable, i): FloorTable => {
    const { shape, widthM, depthM } = defaultShape(p.capacity);
    return {
      id: p.id,
      label: p.label,
      capacity: p.capacity,
      shape,
      widthM,
      depthM,
      x: 2 + (i % cols) * pitch + pitch / 2,
      y: 2 + Math.floor(i / cols) * pitch + pitch / 2,
      rotation: 0,
      placed: false,
      logical: placement[p.id] ?? null,
      chairs: chairsFor(shape, widthM, depthM, p.capacity),
    };
  });
  const rows = Math.ceil(physical.length / cols);
  return { room, widthM: 4 + cols * pitch, depthM: 4 + Math.max(1, rows) * pitch, sized: false, tables, fixtures: [] };
}

/** The box around a table's rotated footprint with its chairs (what snapping aligns). */
export function tableBox(t: { id: string; x: number; y: number; widthM: number; depthM: number; rotation: number }): Box {
  const { w, d } = rotatedSize(t.widthM, t.depthM, t.rotation);
  return { id: t.id, x: t.x, y: t.y, w, d };
}
