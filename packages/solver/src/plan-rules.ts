import { entity, fixtureRuleTables, guestLabels, placeText, rulesOf, ruleText, type PlanState, type SeatingRule } from '@seatfold/domain';
import type { SolverRule } from './types.ts';

/** A plan rule the solver could not take as it is, and what it did instead (shown with the proposal). */
export interface RuleNote {
  ruleId: string;
  /** "keep (removed guest) and Ann apart (must): it names a guest who was removed, so it is ignored." */
  note: string;
  ignored: boolean;
}

/**
 * The plan's seating rules for the solver. Events are facts, so a rule may name a guest, table or room removed
 * since: the removed guests drop out (the rule holds for the others); a rule left with too few guests, or whose
 * table or room is gone, or whose room has no tables, is ignored. Each such case gets a note, never an error.
 * `atTable` becomes a place rule on that table; `inRoom` one on every table standing in the room; `nearFixture` /
 * `awayFromFixture` one on every table whose stored position is within / at least the distance from the fixture
 * (domain geometry; a table without a position allows neither, and the explanation names it). Sorted by id.
 */
export function solverRulesFromPlan(state: PlanState): { rules: SolverRule[]; notes: RuleNote[] } {
  const rules: SolverRule[] = [];
  const notes: RuleNote[] = [];
  const sorted = Object.values(rulesOf(state)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // A rule's text is needed only for a note; without the labels read once, each text would read every guest.
  let labels: Map<string, string> | undefined;
  const textOf = (r: SeatingRule) => ruleText(state, r, (id) => (labels ??= guestLabels(state.guests)).get(id));
  for (const r of sorted) {
    const guestIds = r.guestIds.filter((g) => entity(state.guests, g));
    const removed = r.guestIds.length - guestIds.length;
    const ignore = (why: string) => notes.push({ ruleId: r.id, note: `${textOf(r)}: ${why}, so it is ignored.`, ignored: true });
    const minGuests = r.kind === 'together' || r.kind === 'apart' ? 2 : 1;
    if (guestIds.length < minGuests) {
      ignore(removed === 1 ? 'it names a guest who was removed' : `it names ${removed} guests who were removed`);
      continue;
    }
    const fixture = r.kind === 'nearFixture' || r.kind === 'awayFromFixture';
    const place = placeTables(state, r);
    if (place === 'removed') {
      ignore(`its ${r.kind === 'atTable' ? 'table' : fixture ? 'fixture' : 'room'} was removed`);
      continue;
    }
    if (place !== null && place.tableIds.length === 0) {
      const unplaced = Object.keys(place.unplaced).length;
      ignore(
        fixture
          ? `no table stands ${r.kind === 'nearFixture' ? 'that near' : 'that far'}${unplaced ? ` (${unplaced} ${unplaced === 1 ? 'table has' : 'tables have'} no place on the floor plan yet)` : ''}`
          : `${placeText(state, r)} has no tables placed in it yet`,
      );
      continue;
    }
    if (removed > 0)
      notes.push({
        ruleId: r.id,
        note: `${textOf(r)}: ${removed === 1 ? 'a guest it names was' : `${removed} guests it names were`} removed; it holds for the others.`,
        ignored: false,
      });
    if (place === null) rules.push({ id: r.id, kind: r.kind as 'together' | 'apart', hard: r.hard, guestIds });
    else {
      const tableNotes = Object.keys(place.unplaced).length ? { tableNotes: place.unplaced } : {};
      rules.push({
        id: r.id,
        kind: 'place',
        hard: r.hard,
        guestIds,
        tableIds: place.tableIds,
        placeName: fixture ? `a table ${placeText(state, r)}` : placeText(state, r),
        ...tableNotes,
      });
    }
  }
  return { rules, notes };
}

/** The logical tables a place rule allows (sorted) with why some are unknown, 'removed' when its table, room or
 *  fixture is gone, null for together/apart rules. */
function placeTables(state: PlanState, r: SeatingRule): { tableIds: string[]; unplaced: Record<string, string> } | 'removed' | null {
  if (r.kind === 'nearFixture' || r.kind === 'awayFromFixture') return fixtureRuleTables(state, r);
  if (r.kind === 'atTable') return r.tableId !== undefined && entity(state.tables, r.tableId) ? { tableIds: [r.tableId], unplaced: {} } : 'removed';
  if (r.kind !== 'inRoom') return null;
  if (!entity(state.rooms, r.roomId)) return 'removed';
  const tableIds = Object.values(state.tables)
    .filter((t) => entity(state.physicalTables, t.physicalTableId)?.roomId === r.roomId)
    .map((t) => t.id)
    .sort();
  return { tableIds, unplaced: {} };
}
