import { domainError, type DomainError } from '../errors.ts';
import { entity } from '../ids.ts';
import type { Fixture, PhysicalTable, Placement, PlanState, Room } from '../model.ts';
import { capital } from '../words.ts';
import { fixturesIn, physicalTablesIn, tableOn } from '../where.ts';
import { footprint, footprintReach, insideRoom, overlaps, type Footprint } from './geometry.ts';
import { BoxGrid, type Box } from './grid.ts';

/**
 * The floor rule decide keeps: everything inside the walls, no table on another table or on a pillar (tables may
 * stand on or by other fixtures' edges: a stage, a dance floor). Neighbours are found through a grid, so a check
 * costs what stands near the items checked, not what stands in the room.
 */

const KIND_WORDS: Record<Fixture['kind'], string> = {
  stage: 'stage',
  'dance-floor': 'dance floor',
  bar: 'bar',
  buffet: 'buffet',
  entrance: 'entrance',
  pillar: 'pillar',
  dj: 'DJ booth',
  other: 'fixture',
};

/** "table “12” (G-07)" when a logical table stands on it, else "table G-07"; "pillar “P1”". */
export function floorItemName(s: PlanState, item: PhysicalTable | Fixture): string {
  if ('kind' in item) return `${KIND_WORDS[item.kind] ?? 'fixture'} “${item.label}”`;
  const on = tableOn(s, item.id);
  return on ? `table “${on.name}” (${item.label})` : `table ${item.label}`;
}
const roomSize = (r: Room) => (r.widthM !== undefined && r.depthM !== undefined ? ` (${r.widthM} × ${r.depthM} m)` : '');

/** Where a physical table stands, or null while it is off the floor. */
export const placed = (p: PhysicalTable): Placement | null =>
  p.x !== undefined && p.y !== undefined ? { x: p.x, y: p.y, rotation: p.rotation ?? 0 } : null;

/** A table or fixture at a place: a cheap box round it at once, its exact footprint when first asked for. */
export class FloorItem {
  readonly box: Box;
  private exact: Footprint | undefined;
  /** `order`: its place in the room's listing, so the first item it clashes with is the same whatever the grid. */
  constructor(
    readonly item: PhysicalTable | Fixture,
    readonly at: Placement,
    readonly order = 0,
  ) {
    const r = footprintReach(item);
    this.box = { minX: at.x - r, minY: at.y - r, maxX: at.x + r, maxY: at.y + r };
  }
  get fp(): Footprint {
    return (this.exact ??= footprint(this.item, this.at));
  }
  get isTable(): boolean {
    return !('kind' in this.item);
  }
  get isPillar(): boolean {
    return 'kind' in this.item && this.item.kind === 'pillar';
  }
}

export interface RoomFloor {
  tables: FloorItem[];
  fixtures: FloorItem[];
}

/** What stands in a room, at the places given in `at` ("table:id" → place, null = taken off) or where it stands now. */
export function itemsOf(
  s: PlanState,
  roomId: string,
  at: Map<string, Placement | null> = new Map(),
  shapes: Map<string, PhysicalTable> = new Map(),
): RoomFloor {
  const tables: FloorItem[] = [];
  const fixtures: FloorItem[] = [];
  let order = 0;
  const moved = at.size > 0;
  for (const p0 of physicalTablesIn(s, roomId)) {
    const p = (shapes.size > 0 && shapes.get(p0.id)) || p0;
    const key = moved ? `table:${p.id}` : '';
    const where = moved && at.has(key) ? at.get(key)! : placed(p);
    if (where) tables.push(new FloorItem(p, where, order++));
  }
  for (const f of fixturesIn(s, roomId)) {
    const where = (moved && at.get(`fixture:${f.id}`)) || { x: f.x, y: f.y, rotation: f.rotation };
    fixtures.push(new FloorItem(f, where, order++));
  }
  return { tables, fixtures };
}

const boxesMeet = (a: Box, b: Box) => a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;
const clash = (a: FloorItem, b: FloorItem) => a.item.id !== b.item.id && boxesMeet(a.box, b.box) && overlaps(a.fp, b.fp);

/**
 * The fixture a table standing at `at` overlaps, first in the order given, or null. Pillars are left out: decide
 * refuses a table on one. A table may stand on a stage or a dance floor (a head table on the stage), but a planner
 * who did not mean it should see it, so the floor plan names what each table stands on.
 */
export function fixtureUnder(table: PhysicalTable, at: Placement, fixtures: readonly Fixture[]): Fixture | null {
  const t = new FloorItem(table, at);
  for (const f of fixtures) {
    if (f.kind !== 'pillar' && clash(t, new FloorItem(f, { x: f.x, y: f.y, rotation: f.rotation }))) return f;
  }
  return null;
}

/**
 * What a table or pillar may clash with, tables and pillars, as a lookup by box: held in a grid for a check of many
 * items, a plain list for a few (sorting a hall of 5,000 tables into the grid costs more than a few passes over it).
 */
function blockersOf(items: readonly FloorItem[], queries: number): (box: Box) => readonly FloorItem[] {
  const blockers = items.filter((x) => x.isTable || x.isPillar);
  if (queries <= GRID_FROM) return () => blockers;
  const grid = new BoxGrid<FloorItem>();
  for (const x of blockers) grid.add(x, x.box);
  return (box) => grid.near(box);
}
const GRID_FROM = 8;

/**
 * What `x` may not stand on, among `others`: a table clashes with tables and pillars, a pillar with tables; any
 * other fixture with nothing. The first in room order, so the message names the same item in browser and server.
 */
function firstClash(x: FloorItem, others: readonly FloorItem[], asTable = x.isTable): FloorItem | undefined {
  if (!asTable && !x.isPillar) return undefined;
  let hit: FloorItem | undefined;
  for (const o of others) {
    if (!(o.isTable || (asTable && o.isPillar))) continue;
    if ((hit === undefined || o.order < hit.order) && clash(x, o)) hit = o;
  }
  return hit;
}

/** The first reason the `checked` items may not stand where they are in the room (`all`: what stands there). */
export function floorRefusal(s: PlanState, room: Room, checked: readonly FloorItem[], all: RoomFloor): DomainError | null {
  if (checked.length === 0) return null;
  const near = blockersOf([...all.tables, ...all.fixtures], checked.length);
  for (const x of checked) {
    if (!insideRoom(x.fp, room)) {
      return domainError(
        'OutsideRoom',
        `${capital(floorItemName(s, x.item))} would stand partly outside room ${room.name}${roomSize(room)}: place it inside the walls.`,
      );
    }
    const hit = firstClash(x, near(x.box));
    if (hit) {
      return domainError(
        'Overlap',
        `${capital(floorItemName(s, x.item))} would overlap ${floorItemName(s, hit.item)}: leave room for the chairs between them.`,
      );
    }
  }
  return null;
}

/**
 * Whether `items` may stand at many candidate places (`at`, one place per item) under the floor rule of floorRefusal
 * — inside the walls, no table on a table or a pillar — for a search that tries thousands (the nearest free floor):
 * what stays where it stands is measured once, so a candidate costs only the footprints of the items moved.
 * `asTable`: the items clash with tables and pillars as a table does (a new fixture is put down like a table).
 * A candidate it refuses, decide refuses too; one it lets stand may still be refused by decide for other reasons.
 */
export function floorFit(
  s: PlanState,
  roomId: string,
  items: readonly (PhysicalTable | Fixture)[],
  { asTable = false }: { asTable?: boolean } = {},
): ((at: readonly Placement[]) => boolean) | null {
  const room = entity(s.rooms, roomId);
  if (!room) return null;
  const ids = new Set(items.map((i) => i.id));
  const all = itemsOf(s, roomId);
  const near = blockersOf(
    [...all.tables, ...all.fixtures].filter((x) => !ids.has(x.item.id)),
    Infinity,
  );
  return (at) => {
    const moved = items.map((item, i) => new FloorItem(item, at[i]!));
    for (const x of moved) {
      if (!insideRoom(x.fp, room)) return false;
      const table = asTable || x.isTable;
      if (firstClash(x, near(x.box), table) || firstClash(x, moved, table)) return false;
    }
    return true;
  };
}

/**
 * Why the given tables or fixtures (ids) may not stand where they stand now, or null: a place decide would refuse
 * today, kept from events recorded before the rule (events are never rewritten, so they still fold there). Such an
 * item cannot be freed by small steps — every step still overlaps — only moved clear in one go.
 */
export function standingRefusal(s: PlanState, roomId: string, ids: readonly string[]): DomainError | null {
  const room = entity(s.rooms, roomId);
  if (!room) return null;
  const all = itemsOf(s, roomId);
  const wanted = new Set(ids);
  return floorRefusal(
    s,
    room,
    [...all.tables, ...all.fixtures].filter((x) => wanted.has(x.item.id)),
    all,
  );
}
