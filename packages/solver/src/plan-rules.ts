import { entity, placeText, rulesOf, ruleText, type PlanState, type SeatingRule } from '@seatfold/domain';
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
 * `atTable` becomes a place rule on that table; `inRoom` one on every table standing in the room. Sorted by id.
 */
export function solverRulesFromPlan(state: PlanState): { rules: SolverRule[]; notes: RuleNote[] } {
  const rules: SolverRule[] = [];
  const notes: RuleNote[] = [];
  const sorted = Object.values(rulesOf(state)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const r of sorted) {
    const text = ruleText(state, r);
    const guestIds = r.guestIds.filter((g) => entity(state.guests, g));
    const removed = r.guestIds.length - guestIds.length;
    const ignore = (why: string) => notes.push({ ruleId: r.id, note: `${text}: ${why}, so it is ignored.`, ignored: true });
    const minGuests = r.kind === 'together' || r.kind === 'apart' ? 2 : 1;
    if (guestIds.length < minGuests) {
      ignore(removed === 1 ? 'it names a guest who was removed' : `it names ${removed} guests who were removed`);
      continue;
    }
    const place = placeTables(state, r);
    if (place === 'removed') {
      ignore(`its ${r.kind === 'atTable' ? 'table' : 'room'} was removed`);
      continue;
    }
    if (place !== null && place.length === 0) {
      ignore(`${placeText(state, r)} has no tables placed in it yet`);
      continue;
    }
    if (removed > 0) notes.push({ ruleId: r.id, note: `${text}: ${removed === 1 ? 'a guest it names was' : `${removed} guests it names were`} removed; it holds for the others.`, ignored: false });
    if (place === null) rules.push({ id: r.id, kind: r.kind as 'together' | 'apart', hard: r.hard, guestIds });
    else rules.push({ id: r.id, kind: 'place', hard: r.hard, guestIds, tableIds: place, placeName: placeText(state, r) });
  }
  return { rules, notes };
}

/** The logical tables a place rule allows (sorted), 'removed' when its table or room is gone, null for other rules. */
function placeTables(state: PlanState, r: SeatingRule): string[] | 'removed' | null {
  if (r.kind === 'atTable') return entity(state.tables, r.tableId) ? [r.tableId!] : 'removed';
  if (r.kind !== 'inRoom') return null;
  if (!entity(state.rooms, r.roomId)) return 'removed';
  return Object.values(state.tables)
    .filter((t) => entity(state.physicalTables, t.physicalTableId)?.roomId === r.roomId)
    .map((t) => t.id)
    .sort();
}
