import { changesText } from './changes-text.ts';
import { describeFloorEvent } from './floor/describe.ts';
import { directLabeller, type GuestLabeller } from './guest-labels.ts';
import { entity } from './ids.ts';
import type { PlanEvent } from './events.ts';
import { emptyGuestFields, type PlanState } from './model.ts';
import { partyKey, partyTitle } from './parties.ts';
import { DEPARTMENT_SEATING_TEXT } from './autoseat.ts';
import { ruleText } from './rules.ts';

/**
 * A sentence for the timeline: what an event did, with names as they were just before it ("moved Anna Müller
 * from table 12 to table 7"; a guest whose name another guest then had is told apart: guestLabel). The actor is put
 * in front by the caller. `labels`: for many sentences on one state (a GuestLabelIndex); by default each label reads
 * every guest.
 */
export function describeEvent(e: PlanEvent, before: PlanState, labels: GuestLabeller = directLabeller(before.guests)): string {
  const guest = (id: string) => labels.label(id) ?? 'a guest';
  const table = (id: string) => {
    const t = entity(before.tables, id);
    return t ? `table ${t.name}` : 'a table';
  };
  const physical = (id: string) => {
    const p = entity(before.physicalTables, id);
    if (!p) return 'a physical table';
    const room = entity(before.rooms, p.roomId);
    return room ? `${p.label} (${room.name})` : p.label;
  };
  // "changed Kim Doe: department “Sales” → “IT”"; a stored edit that names no field (an odd payload) just "changed Kim Doe".
  const changed = (what: string, c: unknown, p: unknown) => {
    const text = changesText(c, p, before);
    return text ? `changed ${what}: ${text}` : `changed ${what}`;
  };
  switch (e.type) {
    case 'PlanCreated':
      return `created the plan “${e.name}”`;
    case 'PlanRenamed':
      return `renamed the plan “${e.previousName}” to “${e.name}”`;
    case 'RoomAdded':
      return `added room ${e.name}`;
    case 'RoomRenamed':
      return `renamed room ${e.previousName} to ${e.name}`;
    case 'RoomRemoved':
      return `removed room ${e.name}`;
    case 'PhysicalTableAdded':
      return `added physical table ${e.label} (${e.capacity} seats) in ${entity(before.rooms, e.roomId)?.name ?? 'a room'}`;
    case 'PhysicalTableEdited':
      return changed(`physical table ${physical(e.physicalTableId)}`, e.changes, e.previous);
    case 'PhysicalTableRemoved':
      return `removed physical table ${e.previous.label}`;
    case 'TableAdded':
      return `added ${e.vip ? 'VIP ' : ''}table ${e.name} (${e.capacity} seats)`;
    case 'TableEdited':
      return changed(table(e.tableId), e.changes, e.previous);
    case 'TableRemoved':
      return `removed table ${e.previous.name}`;
    case 'TableMapped':
      return e.previousPhysicalTableId
        ? `moved ${table(e.tableId)} from ${physical(e.previousPhysicalTableId)} to ${physical(e.physicalTableId)}`
        : `placed ${table(e.tableId)} on ${physical(e.physicalTableId)}`;
    case 'TableUnmapped':
      return `took ${table(e.tableId)} off ${physical(e.physicalTableId)}`;
    case 'TableLocked':
      return `locked ${table(e.tableId)}`;
    case 'TableUnlocked':
      return `unlocked ${table(e.tableId)}`;
    case 'GuestAdded': {
      // told apart from a guest of the same name already there, as the guest reads from now on
      const { type: _t, v: _v, guestId, ...fields } = e;
      return `added guest ${labels.labelAdded({ id: guestId, ...emptyGuestFields, ...fields, tableId: null })}`;
    }
    case 'GuestEdited':
      return changed(guest(e.guestId), e.changes, e.previous);
    case 'GuestRemoved':
      return `removed guest ${labels.label(e.guestId) ?? e.previous.name}`;
    case 'GuestSeated':
      return `seated ${guest(e.guestId)} at ${table(e.tableId)}`;
    case 'GuestMoved':
      return `moved ${guest(e.guestId)} from ${table(e.fromTableId)} to ${table(e.toTableId)}`;
    case 'GuestsSwapped':
      return `swapped ${guest(e.guestId)} (${table(e.tableId)}) and ${guest(e.otherGuestId)} (${table(e.otherTableId)})`;
    case 'GuestUnseated':
      return `took ${guest(e.guestId)} off ${table(e.tableId)}`;
    case 'SeatingRuleAdded':
      return `added the rule: ${ruleText(before, e, (id) => labels.label(id))}`;
    case 'SeatingRuleRemoved':
      return `removed the rule: ${ruleText(before, e.previous, (id) => labels.label(id))}`;
    case 'GuestPinned':
      return `${e.pinned ? 'pinned' : 'unpinned'} ${guest(e.guestId)}${e.pinned ? ' (automatic seating keeps their seat)' : ''}`;
    case 'PhysicalTableAccessibilityMarked':
      return `marked physical table ${physical(e.physicalTableId)} ${e.accessible ? 'accessible' : 'not accessible'}`;
    case 'DepartmentSeatingSet':
      return `set automatic seating to ${DEPARTMENT_SEATING_TEXT[e.departments]}`;
    default:
      return describeFloorEvent(e, before);
  }
}

/**
 * One sentence for a command that removed something, whose other events are what the removal took with it (guests
 * unseated from a removed table, the table on a removed physical table): "removed table 129 (4 guests unseated)",
 * "removed physical table A-11 (table 5 taken off it)", "removed guest Ann Lee (from table 7)". The removal is the
 * command's last event. Null for anything else.
 */
export function describeRemoval(events: readonly PlanEvent[], before: PlanState): string | null {
  const last = events.at(-1);
  if (events.length < 2 || !last || !['TableRemoved', 'PhysicalTableRemoved', 'RoomRemoved', 'GuestRemoved'].includes(last.type)) return null;
  const unseated = events.filter((e) => e.type === 'GuestUnseated');
  const unmapped = events.filter((e) => e.type === 'TableUnmapped');
  const table = (id: string) => entity(before.tables, id)?.name;
  const extras: string[] = [];
  if (last.type === 'GuestRemoved') {
    const from = unseated[0]?.type === 'GuestUnseated' ? table(unseated[0].tableId) : undefined;
    if (from !== undefined) extras.push(`from table ${from}`);
  } else if (unseated.length > 0) extras.push(`${unseated.length} ${unseated.length === 1 ? 'guest' : 'guests'} unseated`);
  if (last.type === 'PhysicalTableRemoved') {
    for (const e of unmapped) if (e.type === 'TableUnmapped') extras.push(`table ${table(e.tableId) ?? '?'} taken off it`);
  }
  const head = describeEvent(last, before);
  return extras.length ? `${head} (${extras.join(', ')})` : head;
}

/**
 * One sentence for a command's several events when they seated one party at one table (seatParty): "seated 4
 * guests of Party Braun at table 9". Null for anything else (then each event is described on its own).
 */
export function describePartySeating(events: readonly PlanEvent[], before: PlanState): string | null {
  if (events.length < 2) return null;
  let tableId: string | null = null;
  let key: string | null = null;
  let party = '';
  for (const e of events) {
    const to = e.type === 'GuestSeated' ? e.tableId : e.type === 'GuestMoved' ? e.toTableId : null;
    const g = 'guestId' in e ? entity(before.guests, e.guestId) : undefined;
    if (!to || !g || (tableId !== null && to !== tableId) || partyKey(g.party) === '' || (key !== null && partyKey(g.party) !== key)) return null;
    [tableId, key, party] = [to, partyKey(g.party), g.party];
  }
  const t = entity(before.tables, tableId);
  return `seated ${events.length} guests of ${partyTitle(party)} at ${t ? `table ${t.name}` : 'a table'}`;
}
