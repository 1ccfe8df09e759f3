import {
  autoLayout,
  bounds,
  fixtureUnder,
  fixturesOf,
  floorItemName,
  footprint,
  localSeats,
  tableShape,
  type LogicalTable,
  type PlanState,
  type Point,
  type Room,
  type RoomBackground,
  type TableShape,
} from '@seatfold/domain/core';
import type { Box } from './snap.ts';

/*
 * What the floor plan draws for one room, derived from the state on display. All geometry (shapes, footprints,
 * chairs, the grid placement of tables nobody has placed) is the domain's (packages/domain/src/floor); this file
 * only gathers it for the view.
 */

export interface FloorTable {
  id: string;
  label: string;
  /** the physical table's own capacity (what its top is drawn for, what a copy of it seats) */
  capacity: number;
  /** the chairs a guest can take: the plan table's on it (no more than the physical table's, as decide seats), else its own */
  seats: number;
  shape: TableShape;
  widthM: number;
  depthM: number;
  x: number;
  y: number;
  rotation: number;
  /** false while the position is only the automatic layout's (nobody has placed it yet) */
  placed: boolean;
  logical: LogicalTable | null;
  /** the stage, dance floor, bar… it stands on where it is drawn ("dance floor “Floor”"), or null */
  standsOn: string | null;
  /** chair centres relative to the table centre, unrotated (in chair order) */
  chairs: { x: number; y: number; facing: number }[];
  /** the axis-aligned box around its footprint with chairs, relative to its centre (what snapping aligns) */
  boxW: number;
  boxD: number;
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
  boxW: number;
  boxD: number;
  /** its footprint in room metres, as a polygon (what guests' names keep clear of) */
  outline: Point[];
}

export interface FloorRoom {
  room: Room;
  widthM: number;
  depthM: number;
  /** false while the size is only what the drawn tables need (nobody has set it) */
  sized: boolean;
  background: RoomBackground | null;
  tables: FloorTable[];
  fixtures: FloorFixture[];
}

/** Around tables in a room without a size. */
const MARGIN_M = 1;

/** The floor of one room as the view draws it. */
export function floorRoom(s: Pick<PlanState, 'physicalTables' | 'fixtures'>, room: Room, placement: Record<string, LogicalTable>): FloorRoom {
  const physical = Object.values(s.physicalTables).filter((p) => p.roomId === room.id);
  const inRoom = Object.values(fixturesOf(s as PlanState)).filter((f) => f.roomId === room.id);
  // The automatic grid (a cell for every table of the room, so placing one never shifts the others still on it; clear
  // of placed tables and fixtures). With every table placed it costs nothing: autoLayout answers at once.
  const auto = autoLayout(room, physical, inRoom);
  let maxX = 0;
  let maxY = 0;
  const tables = physical.map((p): FloorTable => {
    const placed = p.x !== undefined && p.y !== undefined;
    const at = placed ? { x: p.x!, y: p.y!, rotation: p.rotation ?? 0 } : auto[p.id]!; // autoLayout places every table it is given
    const size = tableShape(p);
    const b = bounds(footprint(p, { ...at, rotation: at.rotation }));
    const logical = placement[p.id] ?? null;
    const seats = logical ? Math.min(logical.capacity, p.capacity) : p.capacity;
    const under = inRoom.length ? fixtureUnder(p, at, inRoom) : null;
    maxX = Math.max(maxX, b.maxX);
    maxY = Math.max(maxY, b.maxY);
    return {
      id: p.id,
      label: p.label,
      capacity: p.capacity,
      seats,
      shape: size.shape,
      widthM: size.widthM,
      depthM: size.depthM,
      x: at.x,
      y: at.y,
      rotation: at.rotation,
      placed,
      logical,
      standsOn: under && floorItemName(s as PlanState, under),
      chairs: localSeats(size, seats).map(({ x, y, facing }) => ({ x, y, facing })),
      boxW: b.maxX - b.minX,
      boxD: b.maxY - b.minY,
    };
  });
  const fixtures = inRoom.map((f): FloorFixture => {
    const shape = footprint(f);
    const b = bounds(shape);
    maxX = Math.max(maxX, b.maxX);
    maxY = Math.max(maxY, b.maxY);
    return {
      id: f.id,
      kind: f.kind,
      label: f.label,
      x: f.x,
      y: f.y,
      widthM: f.widthM,
      depthM: f.depthM,
      rotation: f.rotation,
      boxW: b.maxX - b.minX,
      boxD: b.maxY - b.minY,
      // (a fixture's footprint is its rectangle; a circle would be kept clear of by the square round it)
      outline:
        shape.kind === 'polygon'
          ? shape.points
          : [
              { x: b.minX, y: b.minY },
              { x: b.maxX, y: b.minY },
              { x: b.maxX, y: b.maxY },
              { x: b.minX, y: b.maxY },
            ],
    };
  });
  const sized = room.widthM !== undefined && room.depthM !== undefined;
  const round = (v: number) => Math.ceil(v * 2) / 2;
  return {
    room,
    widthM: sized ? room.widthM! : Math.max(10, round(maxX + MARGIN_M)),
    depthM: sized ? room.depthM! : Math.max(8, round(maxY + MARGIN_M)),
    sized,
    background: room.background ?? null,
    tables,
    fixtures,
  };
}

/** The box snapping aligns: the footprint's bounds (chairs included) at the item's place. */
export function itemBox(key: string, t: { x: number; y: number; boxW: number; boxD: number }): Box {
  return { id: key, x: t.x, y: t.y, w: t.boxW, d: t.boxD };
}
