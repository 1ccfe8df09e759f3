import { planFull } from './bounds.ts';
import { ID_RULE, isValidId } from './ids.ts';
import type { Command } from './commands.ts';
import { domainError, type DomainError } from './errors.ts';
import type { PlanEvent } from './events.ts';
import {
  decideAddFixture,
  decideArrangeFloor,
  decideEditFixture,
  decideOrderSeats,
  decideRemoveFixture,
  decideSetRoomBackground,
  decideSetRoomSize,
  decideShapePhysicalTable,
} from './floor/decide.ts';
import type { PlanState } from './model.ts';
import { decideSeatParty } from './parties.ts';
import { decideAutoseat } from './autoseat.ts';
import { decideAddSeatingRule, decideRemoveSeatingRule } from './rules.ts';
import { staleFact, staleMessage } from './stale.ts';
import { isError, no, ok, table } from './decide-common.ts';
import {
  decideAddPhysicalTable,
  decideAddRoom,
  decideAddTable,
  decideEditPhysicalTable,
  decideEditTable,
  decideLockTable,
  decideMapTable,
  decideRemovePhysicalTable,
  decideRemoveRoom,
  decideRemoveTable,
  decideRenameRoom,
  decideUnmapTable,
} from './decide-tables.ts';
import {
  decideAddGuest,
  decideEditGuest,
  decideMoveGuest,
  decideRemoveGuest,
  decideSeatGuest,
  decideSwapGuests,
  decideUnseatGuest,
} from './decide-guests.ts';

export type Decision = { ok: true; events: PlanEvent[] } | { ok: false; error: DomainError };

/**
 * decide(state, command) → the events that carry the command out, or the reason it is refused.
 * Pure and deterministic: reads state, never changes it; ids come with the command.
 */
export function decide(s: PlanState, c: Command): Decision {
  const badId = idsOf(c).find((id) => !isValidId(id));
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- whatever was sent, shown as text
  if (badId !== undefined) return no(domainError('InvalidCommand', `${ID_RULE} (got ${JSON.stringify(String(badId)).slice(0, 120)})`));
  if (c.type === 'createPlan') {
    return s.plan ? no(domainError('PlanAlreadyCreated', 'This plan already exists.')) : ok({ type: 'PlanCreated', v: 1, name: c.name });
  }
  if (!s.plan) return no(domainError('PlanNotCreated', 'This plan has not been created yet.'));
  const stale = staleFact(s, c);
  if (stale) return no(domainError('Stale', staleMessage(stale)));
  const full = planFull(s, c);
  if (full) return no(full);
  switch (c.type) {
    case 'renamePlan':
      if (s.plan.name === c.name) return ok();
      return ok({ type: 'PlanRenamed', v: 1, name: c.name, previousName: s.plan.name });
    case 'addRoom':
      return decideAddRoom(s, c);
    case 'renameRoom':
      return decideRenameRoom(s, c);
    case 'removeRoom':
      return decideRemoveRoom(s, c);
    case 'addPhysicalTable':
      return decideAddPhysicalTable(s, c);
    case 'editPhysicalTable':
      return decideEditPhysicalTable(s, c);
    case 'removePhysicalTable':
      return decideRemovePhysicalTable(s, c);
    case 'addTable':
      return decideAddTable(s, c);
    case 'editTable':
      return decideEditTable(s, c);
    case 'removeTable':
      return decideRemoveTable(s, c);
    case 'mapTable':
      return decideMapTable(s, c);
    case 'unmapTable':
      return decideUnmapTable(s, c);
    case 'lockTable':
      return decideLockTable(s, c.tableId, true);
    case 'unlockTable':
      return decideLockTable(s, c.tableId, false);
    case 'addGuest':
      return decideAddGuest(s, c);
    case 'editGuest':
      return decideEditGuest(s, c);
    case 'removeGuest':
      return decideRemoveGuest(s, c);
    case 'seatGuest':
      return decideSeatGuest(s, c);
    case 'moveGuest':
      return decideMoveGuest(s, c);
    case 'swapGuests':
      return decideSwapGuests(s, c);
    case 'unseatGuest':
      return decideUnseatGuest(s, c);
    case 'seatParty': {
      const t = table(s, c.tableId);
      if (isError(t)) return no(t);
      return decideSeatParty(s, c, t);
    }
    case 'addSeatingRule':
      return decideAddSeatingRule(s, c);
    case 'removeSeatingRule':
      return decideRemoveSeatingRule(s, c);
    case 'pinGuest':
    case 'markTableAccessible':
    case 'setDepartmentSeating':
      return decideAutoseat(s, c);
    case 'setRoomSize':
      return decideSetRoomSize(s, c);
    case 'setRoomBackground':
      return decideSetRoomBackground(s, c);
    case 'shapePhysicalTable':
      return decideShapePhysicalTable(s, c);
    case 'arrangeFloor':
      return decideArrangeFloor(s, c);
    case 'addFixture':
      return decideAddFixture(s, c);
    case 'editFixture':
      return decideEditFixture(s, c);
    case 'removeFixture':
      return decideRemoveFixture(s, c);
    case 'orderSeats':
      return decideOrderSeats(s, c);
    default:
      return unreachable(c);
  }
}

function unreachable(c: never): Decision {
  return no(domainError('InvalidCommand', `Unknown command ${JSON.stringify((c as { type?: unknown }).type)}.`));
}

/** Every id a command names (also when it did not come through the schema: batches, inverses of old events). */
function idsOf(c: Command): unknown[] {
  const out: unknown[] = [];
  const rec = c as unknown as Record<string, unknown>;
  for (const k of ['roomId', 'physicalTableId', 'tableId', 'guestId', 'otherGuestId', 'ruleId', 'fixtureId'])
    if (Object.hasOwn(rec, k)) out.push(rec[k]);
  for (const k of ['expectedTableId', 'expectedOtherTableId', 'expectedPhysicalTableId'])
    if (Object.hasOwn(rec, k) && rec[k] !== null && rec[k] !== undefined) out.push(rec[k]);
  if (Array.isArray(rec.expected))
    for (const e of rec.expected as { guestId?: unknown; tableId?: unknown }[]) out.push(e?.guestId, ...(e?.tableId === null ? [] : [e?.tableId]));
  if (Array.isArray(rec.guestIds)) out.push(...(rec.guestIds as unknown[]));
  if (Array.isArray(rec.moves)) for (const m of rec.moves as { id?: unknown }[]) out.push(m?.id);
  const changes = rec.changes as Record<string, unknown> | undefined;
  if (changes && typeof changes === 'object' && changes.roomId !== undefined) out.push(changes.roomId);
  return out;
}
