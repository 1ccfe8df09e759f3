import type { Command } from '@seatfold/domain/core';
import type { Rejection } from '@seatfold/sync';

type Refusal = Pick<Rejection, 'command' | 'error'>;

/** What an adding command creates: the id it gives, the refusal code of a later command naming that id, the words. */
function added(c: Command): { id: string; code: string; what: string } | null {
  switch (c.type) {
    case 'addTable':
      return { id: c.tableId, code: 'UnknownTable', what: `table “${c.name}”` };
    case 'addGuest':
      return { id: c.guestId, code: 'UnknownGuest', what: c.name };
    case 'addRoom':
      return { id: c.roomId, code: 'UnknownRoom', what: `room “${c.name}”` };
    case 'addPhysicalTable':
      return { id: c.physicalTableId, code: 'UnknownPhysicalTable', what: `physical table “${c.label}”` };
    default:
      return null;
  }
}

/** Every id a command names (the guest, tables, physical table, room), whatever its kind. */
function named(c: Command): string[] {
  const fields = c as unknown as Record<string, unknown>;
  const ids = ['guestId', 'otherGuestId', 'tableId', 'physicalTableId', 'roomId'].map((k) => fields[k]);
  if (Array.isArray(fields.guestIds)) ids.push(...(fields.guestIds as unknown[]));
  return ids.filter((v): v is string => typeof v === 'string');
}

/**
 * A change refused because what it names is not in the plan, when that is something this planner added and the plan
 * refused to add — made offline, say, while a colleague added a table of the same name. The plan's own message
 * ("That table no longer exists. It may have been removed by somebody else.") would send the planner looking for
 * a removal nobody made: "table “21” was not added — there is a table “21” already: …". Null to keep the plan's own
 * message. `earlier`: the refusals still on screen (the one that refused the adding among them).
 */
export function unaddedText(r: Refusal, earlier: readonly Refusal[]): string | null {
  if (!r.error.code.startsWith('Unknown')) return null;
  const ids = new Set(named(r.command));
  for (const e of earlier) {
    const add = added(e.command);
    if (!add || add.code !== r.error.code || !ids.has(add.id)) continue;
    const reason = e.error.message.trim();
    // "There is a table …" read on after a dash: lower case, unless the word is all capitals (VIP)
    const rest = /^[A-Z][a-z]/.test(reason) ? reason[0]!.toLowerCase() + reason.slice(1) : reason;
    return `${add.what} was not added — ${rest}`;
  }
  return null;
}
