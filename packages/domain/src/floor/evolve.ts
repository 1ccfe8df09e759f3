import { changeEntry, remove } from '../record-index.ts';
import type { PlanEvent } from '../events.ts';
import { entity, isReservedKey } from '../ids.ts';
import type { PlanState } from '../model.ts';

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

const FIXTURE_FIELDS = ['label', 'widthM', 'depthM'] as const;

/**
 * Folds the floor plan's events (see evolve.ts for the rules every fold obeys: never throw, own entries only).
 * A setting taken back to "never set" (null) deletes its fields, so the state is again what it was before the
 * first setting and hashes the same.
 */
export function evolveFloor(s: PlanState, e: FloorEvent): void {
  switch (e.type) {
    case 'RoomSized': {
      const room = entity(s.rooms, e.roomId);
      if (!room) return;
      if (e.size) [room.widthM, room.depthM] = [e.size.widthM, e.size.depthM];
      else {
        delete room.widthM;
        delete room.depthM;
      }
      return;
    }
    case 'RoomBackgroundSet': {
      const room = entity(s.rooms, e.roomId);
      if (!room) return;
      if (e.background) room.background = { imageId: e.background.imageId, x: e.background.x, y: e.background.y, widthM: e.background.widthM };
      else delete room.background;
      return;
    }
    case 'PhysicalTableShaped': {
      const p = entity(s.physicalTables, e.physicalTableId);
      if (!p) return;
      if (e.shape) [p.shape, p.widthM, p.depthM] = [e.shape.shape, e.shape.widthM, e.shape.depthM];
      else {
        delete p.shape;
        delete p.widthM;
        delete p.depthM;
      }
      return;
    }
    case 'FloorArranged':
      for (const m of Array.isArray(e.moves) ? e.moves : []) {
        const item =
          m?.kind === 'table' ? entity(s.physicalTables, m.id) : m?.kind === 'fixture' && s.fixtures ? entity(s.fixtures, m.id) : undefined;
        if (!item) continue;
        if (m.to) [item.x, item.y, item.rotation] = [m.to.x, m.to.y, m.to.rotation];
        else if (m.kind === 'table') {
          delete item.x;
          delete item.y;
          delete item.rotation;
        }
      }
      return;
    case 'FixtureAdded': {
      if (typeof e.fixtureId !== 'string' || isReservedKey(e.fixtureId)) return;
      const { roomId, kind, label, x, y, widthM, depthM, rotation } = e;
      const fixtures = (s.fixtures ??= {});
      const id = e.fixtureId;
      changeEntry(fixtures, id, () => (fixtures[id] = { id, roomId, kind, label, x, y, widthM, depthM, rotation }));
      return;
    }
    case 'FixtureEdited': {
      const f = s.fixtures ? entity(s.fixtures, e.fixtureId) : undefined;
      if (!f || !e.changes || typeof e.changes !== 'object') return;
      for (const k of FIXTURE_FIELDS) if (Object.hasOwn(e.changes, k)) (f as unknown as Record<string, unknown>)[k] = e.changes[k];
      return;
    }
    case 'FixtureRemoved':
      if (s.fixtures && entity(s.fixtures, e.fixtureId)) remove(s.fixtures, e.fixtureId);
      return;
    case 'SeatsOrdered': {
      const t = entity(s.tables, e.tableId);
      if (!t || !Array.isArray(e.guestIds)) return;
      // the seating order itself needs no list: keep one only while the planner's order differs from it
      if (e.guestIds.length === t.guestIds.length && e.guestIds.every((id, i) => id === t.guestIds[i])) delete t.seatOrder;
      else t.seatOrder = [...e.guestIds];
      return;
    }
  }
}
