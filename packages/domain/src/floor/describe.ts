import type { PlanEvent } from '../events.ts';
import { entity } from '../ids.ts';
import { fixturesOf, type PlanState } from '../model.ts';
import { floorItemName } from './rule.ts';
import { changesText } from '../changes-text.ts';
import { listOf } from '../stored.ts';

type FloorEvent = Extract<
  PlanEvent,
  {
    type:
      | 'RoomSized'
      | 'RoomBackgroundSet'
      | 'PhysicalTableShaped'
      | 'FloorArranged'
      | 'FixtureAdded'
      | 'FixtureEdited'
      | 'FixtureRemoved'
      | 'SeatsOrdered';
  }
>;

const m = (n: number) => `${Math.round(n * 100) / 100} m`;

/** The timeline's sentence for a floor plan event, with names as they were just before it. */
export function describeFloorEvent(e: FloorEvent, before: PlanState): string {
  const room = (id: string) => entity(before.rooms, id)?.name ?? 'a room';
  switch (e.type) {
    case 'RoomSized':
      return e.size ? `set room ${room(e.roomId)} to ${m(e.size.widthM)} × ${m(e.size.depthM)}` : `cleared the size of room ${room(e.roomId)}`;
    case 'RoomBackgroundSet':
      return e.background
        ? `${e.previous ? 'moved' : 'set'} the background plan of room ${room(e.roomId)}`
        : `removed the background plan of room ${room(e.roomId)}`;
    case 'PhysicalTableShaped': {
      const p = entity(before.physicalTables, e.physicalTableId);
      const name = p ? floorItemName(before, p) : 'a table';
      return e.shape ? `made ${name} ${e.shape.shape} ${m(e.shape.widthM)} × ${m(e.shape.depthM)}` : `reset the shape of ${name}`;
    }
    case 'FloorArranged': {
      const moves = listOf(e.moves); // a stored event's moves may be anything: it is described, never thrown on
      const names = moves.map((mv) => {
        const item = mv.kind === 'table' ? entity(before.physicalTables, mv.id) : entity(fixturesOf(before), mv.id);
        return item ? floorItemName(before, item) : `a ${mv.kind}`;
      });
      const what = names.length <= 3 ? names.join(', ') : `${names.length} tables and fixtures`;
      if (moves.every((mv) => mv.to === null)) return `took ${what} off the floor of ${room(e.roomId)}`;
      const turned = moves.every((mv) => mv.from && mv.to && mv.from.x === mv.to.x && mv.from.y === mv.to.y);
      // A table that stood on the automatic grid had no place of its own: it is "positioned", which no planner takes
      // for placing a plan table on a physical table ("placed table 7 on G-07").
      return `${turned ? 'turned' : moves.every((mv) => mv.from === null) ? 'positioned' : 'moved'} ${what} in ${room(e.roomId)}`;
    }
    case 'FixtureAdded':
      return `added ${floorItemName(before, { id: e.fixtureId, ...e })} in ${room(e.roomId)}`;
    case 'FixtureEdited': {
      const f = entity(fixturesOf(before), e.fixtureId);
      return `changed ${f ? floorItemName(before, f) : 'a fixture'}: ${changesText(e.changes, e.previous, before)}`;
    }
    case 'FixtureRemoved':
      return `removed ${floorItemName(before, { id: e.fixtureId, ...e.previous })}`;
    case 'SeatsOrdered': {
      const t = entity(before.tables, e.tableId);
      return `changed the chair order at ${t ? `table ${t.name}` : 'a table'}`;
    }
  }
}
