import {
  DEPARTMENT_SEATING_TEXT,
  entity,
  fixturesOf,
  guestLabel,
  partyTitle,
  rulesOf,
  ruleText,
  type Command,
  type PlanState,
} from '@seatfold/domain/core';

/** "seat Anna Müller", "place table “12” on B-07" — what the planner tried to do, for "Could not …" messages. */
export function describeAttempt(c: Command, s: PlanState): string {
  const guest = (id: string) => guestLabel(s.guests, id) ?? 'a guest who has since been removed';
  const table = (id: string) => {
    const t = entity(s.tables, id);
    return t ? `table “${t.name}”` : 'a table that has since been removed';
  };
  const physical = (id: string) => entity(s.physicalTables, id)?.label ?? 'a physical table that has since been removed';
  switch (c.type) {
    case 'seatGuest':
      return `seat ${guest(c.guestId)}`;
    case 'moveGuest':
      return `move ${guest(c.guestId)}`;
    case 'swapGuests':
      return `swap ${guest(c.guestId)} and ${guest(c.otherGuestId)}`;
    case 'unseatGuest':
      return `unseat ${guest(c.guestId)}`;
    case 'seatParty':
      return `seat ${partyTitle(c.party).replace(/^Party/, 'party')} at ${table(c.tableId)}`;
    case 'mapTable':
      return `place ${table(c.tableId)} on ${physical(c.physicalTableId)}`;
    case 'unmapTable':
      return `take ${table(c.tableId)} off its physical table`;
    case 'lockTable':
      return `lock ${table(c.tableId)}`;
    case 'unlockTable':
      return `unlock ${table(c.tableId)}`;
    case 'addGuest':
      return `add ${c.name}`;
    case 'editGuest':
      return `change ${guest(c.guestId)}`;
    case 'removeGuest':
      return `remove ${guest(c.guestId)}`;
    case 'addTable':
      return `add table “${c.name}”`;
    case 'editTable':
      return `change ${table(c.tableId)}`;
    case 'removeTable':
      return `remove ${table(c.tableId)}`;
    case 'addRoom':
      return `add room “${c.name}”${c.widthM !== undefined && c.depthM !== undefined ? `, ${c.widthM} × ${c.depthM} m` : ''}`;
    case 'renameRoom':
    case 'removeRoom':
      return `${c.type === 'renameRoom' ? 'rename' : 'remove'} room “${entity(s.rooms, c.roomId)?.name ?? c.roomId}”`;
    case 'addPhysicalTable':
      return `add physical table ${c.label}`;
    case 'editPhysicalTable':
    case 'removePhysicalTable':
      return `${c.type === 'editPhysicalTable' ? 'change' : 'remove'} physical table ${physical(c.physicalTableId)}`;
    case 'createPlan':
      return 'create the plan';
    case 'renamePlan':
      return `rename the plan to “${c.name}”`;
    case 'addSeatingRule':
      return `add the rule to ${ruleText(s, c)}`;
    case 'removeSeatingRule': {
      const rule = entity(rulesOf(s), c.ruleId);
      return rule ? `remove the rule to ${ruleText(s, rule)}` : 'remove a seating rule';
    }
    case 'pinGuest':
      return `${c.pinned ? 'pin' : 'unpin'} ${guest(c.guestId)}`;
    case 'markTableAccessible':
      return `mark physical table ${physical(c.physicalTableId)} ${c.accessible ? 'accessible' : 'not accessible'}`;
    case 'setDepartmentSeating':
      return `set automatic seating to ${DEPARTMENT_SEATING_TEXT[c.departments]}`;
    case 'setRoomSize':
    case 'setRoomBackground':
      return `${c.type === 'setRoomSize' ? 'resize' : 'change the background of'} room “${entity(s.rooms, c.roomId)?.name ?? c.roomId}”`;
    case 'shapePhysicalTable':
      return `reshape physical table ${physical(c.physicalTableId)}`;
    case 'arrangeFloor':
      return c.moves.length === 1
        ? `move ${c.moves[0]!.kind === 'table' ? `physical table ${physical(c.moves[0]!.id)}` : 'the fixture'}`
        : `move ${c.moves.length} tables and fixtures`;
    case 'addFixture':
      return `add “${c.label}”`;
    case 'editFixture':
    case 'removeFixture':
      return `${c.type === 'editFixture' ? 'change' : 'remove'} “${entity(fixturesOf(s), c.fixtureId)?.label ?? 'a fixture'}”`;
    case 'orderSeats':
      return `reorder the chairs at ${table(c.tableId)}`;
  }
}

/** "Could not seat Anna Müller: Table “5” is full (10 of 10 seats taken)." */
export function rejectionText(c: Command, message: string, s: PlanState): string {
  const reason = message.trim();
  return `Could not ${describeAttempt(c, s)}: ${/[.!?]$/.test(reason) ? reason : `${reason}.`}`;
}

/** The logical tables a command touched, so the board can flash them when it is rolled back. */
export function tablesTouched(c: Command, s: PlanState): string[] {
  const at = (guestId: string) => entity(s.guests, guestId)?.tableId ?? null;
  const ids: (string | null)[] = [];
  switch (c.type) {
    case 'seatGuest':
    case 'moveGuest':
      ids.push(c.tableId, at(c.guestId));
      break;
    case 'seatParty':
      ids.push(c.tableId);
      break;
    case 'swapGuests':
      ids.push(at(c.guestId), at(c.otherGuestId));
      break;
    case 'unseatGuest':
      ids.push(at(c.guestId));
      break;
    case 'mapTable':
    case 'unmapTable':
    case 'lockTable':
    case 'unlockTable':
    case 'editTable':
    case 'removeTable':
      ids.push(c.tableId);
      break;
    default:
      break;
  }
  return [...new Set(ids.filter((x): x is string => !!x))];
}
