import { fixturesOf, type Fixture, type LogicalTable, type PhysicalTable, type PlanState } from './model.ts';
import { entriesWithKey, type Lookup } from './record-index.ts';

/**
 * What stands where — the logical table on a physical table, the physical tables and fixtures in a room — as lookups
 * (record-index.ts), not passes over the plan: decide asks these for one table drag or one move on the floor, and at
 * a plan's ceiling (5,000 tables, 2,000 fixtures) a pass each time cost 1.5–3 ms of the server's thread a command.
 * evolve changes `physicalTableId` and `roomId` only through changeEntry, which keeps the lookups.
 */
const ON_PHYSICAL: Lookup<LogicalTable> = { key: (t) => (typeof t.physicalTableId === 'string' ? t.physicalTableId : undefined) };
const PHYSICAL_IN_ROOM: Lookup<PhysicalTable> = { key: (p) => (typeof p.roomId === 'string' ? p.roomId : undefined) };
const FIXTURES_IN_ROOM: Lookup<Fixture> = { key: (f) => (typeof f.roomId === 'string' ? f.roomId : undefined) };

/**
 * The logical table placed on a physical table, if any. decide lets a physical table hold one; were a stream ever to
 * place two there, the lowest id is the answer, whichever way the lookup was built (every client decides alike).
 */
export function tableOn(s: Pick<PlanState, 'tables'>, physicalTableId: string): LogicalTable | undefined {
  let on: LogicalTable | undefined;
  for (const t of entriesWithKey(s.tables, ON_PHYSICAL, physicalTableId)) if (!on || t.id < on.id) on = t;
  return on;
}

/** The physical tables standing in a room. */
export const physicalTablesIn = (s: Pick<PlanState, 'physicalTables'>, roomId: string): PhysicalTable[] =>
  entriesWithKey(s.physicalTables, PHYSICAL_IN_ROOM, roomId);

/** The fixtures (stage, bar, pillar…) in a room. */
export const fixturesIn = (s: PlanState, roomId: string): Fixture[] => entriesWithKey(fixturesOf(s), FIXTURES_IN_ROOM, roomId);
