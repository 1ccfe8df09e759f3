import { guestLabel } from './guest-labels.ts';
import { entity } from './ids.ts';
import { looksLikeEmail } from './import/normalize.ts';
import { GUEST_NUMBERS, refKey } from './guest-refs.ts';
import { entriesKeyed } from './record-index.ts';
import type { CommandOf } from './commands.ts';
import { domainError, type DomainError } from './errors.ts';
import type { PlanEvent } from './events.ts';
import { emptyGuestFields, type Guest, type GuestFields, type LogicalTable, type PlanState } from './model.ts';
import type { Decision } from './decide.ts';
import { capital, exists, guest, isError, no, ok, table, tableName, unlocked } from './decide-common.ts';

/** decide for guests: add, edit, remove, and where they sit (seat, move, swap, unseat). */

/** A guest as a refusal names them (told apart from a guest of the same name); read only when a command is refused. */
const named = (s: PlanState, g: Guest) => guestLabel(s.guests, g.id) ?? g.name;

/** A table seats at most its own capacity, and no more than the physical table it stands on. */
function hasRoom(s: PlanState, t: LogicalTable): DomainError | null {
  const p = t.physicalTableId ? entity(s.physicalTables, t.physicalTableId) : undefined;
  if (p && p.capacity < t.capacity && t.guestIds.length >= p.capacity) {
    return domainError('TableFull', `${capital(tableName(t))} is full: it stands on physical table ${p.label}, which seats ${p.capacity}.`);
  }
  return t.guestIds.length >= t.capacity
    ? domainError('TableFull', `${capital(tableName(t))} is full (${t.guestIds.length} of ${t.capacity} seats taken).`)
    : null;
}

/**
 * An e-mail address a command gives must look like one (or be empty), as the form and the import ask. Only a value
 * that changes is checked: an edit of a guest whose address was stored before the rule leaves it alone.
 */
function badEmail(email: string | undefined): DomainError | null {
  return email && !looksLikeEmail(email)
    ? domainError('InvalidCommand', `“${email}” is not an e-mail address: enter one such as anna@example.com, or leave it empty.`)
    : null;
}

/**
 * A guest number a command gives must be nobody else's: imports find guests by it, so two guests of one number make
 * the plan's own export refuse to import again. Only a number that changes is checked (plans holding two of one
 * number from before still open and edit).
 */
function refTaken(s: PlanState, ref: string | undefined, guestId: string): DomainError | null {
  if (!ref || refKey(ref) === '') return null;
  for (const id of entriesKeyed(s.guests, GUEST_NUMBERS, refKey(ref))) {
    const g = id !== guestId ? entity(s.guests, id) : undefined;
    if (g) return domainError('AlreadyExists', `Guest number “${ref}” is ${named(s, g)}’s already: give each guest a number of their own.`);
  }
  return null;
}

export function decideAddGuest(s: PlanState, c: CommandOf<'addGuest'>): Decision {
  if (entity(s.guests, c.guestId)) return no(exists('guest', c.guestId));
  const bad = badEmail(c.email) ?? refTaken(s, c.ref, c.guestId);
  if (bad) return no(bad);
  const { type: _type, guestId, ...given } = c;
  const fields = { ...emptyGuestFields };
  for (const k of Object.keys(fields) as (keyof GuestFields)[]) {
    const v = Object.hasOwn(given, k) ? given[k] : undefined;
    if (v !== undefined) (fields as Record<string, unknown>)[k] = v;
  }
  return ok({ type: 'GuestAdded', v: 1, guestId, ...fields });
}

export function decideEditGuest(s: PlanState, c: CommandOf<'editGuest'>): Decision {
  const g = guest(s, c.guestId);
  if (isError(g)) return no(g);
  const changes: Record<string, unknown> = {};
  const previous: Record<string, unknown> = {};
  for (const key of Object.keys(emptyGuestFields) as (keyof GuestFields)[]) {
    const value = Object.hasOwn(c.changes, key) ? c.changes[key] : undefined;
    if (value !== undefined && g[key] !== value) {
      changes[key] = value;
      previous[key] = g[key];
    }
  }
  if (Object.keys(changes).length === 0) return ok();
  const bad = badEmail(changes.email as string | undefined) ?? refTaken(s, changes.ref as string | undefined, g.id);
  if (bad) return no(bad);
  return ok({ type: 'GuestEdited', v: 1, guestId: g.id, changes, previous });
}

export function decideRemoveGuest(s: PlanState, c: CommandOf<'removeGuest'>): Decision {
  const g = guest(s, c.guestId);
  if (isError(g)) return no(g);
  const events: PlanEvent[] = [];
  if (g.tableId) {
    const t = entity(s.tables, g.tableId)!;
    const locked = unlocked(t, () => `remove ${named(s, g)}, who sits there`);
    if (locked) return no(locked);
    events.push({ type: 'GuestUnseated', v: 1, guestId: g.id, tableId: t.id });
  }
  const { id: _id, tableId: _t, pinned: _p, ...previous } = g;
  events.push({ type: 'GuestRemoved', v: 1, guestId: g.id, previous, ...(g.pinned ? { pinned: true as const } : {}) });
  return ok(...events);
}

export function decideSeatGuest(s: PlanState, c: CommandOf<'seatGuest'>): Decision {
  const g = guest(s, c.guestId);
  if (isError(g)) return no(g);
  const t = table(s, c.tableId);
  if (isError(t)) return no(t);
  if (g.tableId) {
    const at = entity(s.tables, g.tableId)!;
    return no(domainError('GuestAlreadySeated', `${named(s, g)} is already seated at ${tableName(at)}.`));
  }
  const refused = unlocked(t, () => `seat ${named(s, g)} there`) ?? hasRoom(s, t);
  if (refused) return no(refused);
  return ok({ type: 'GuestSeated', v: 1, guestId: g.id, tableId: t.id });
}

export function decideMoveGuest(s: PlanState, c: CommandOf<'moveGuest'>): Decision {
  const g = guest(s, c.guestId);
  if (isError(g)) return no(g);
  const to = table(s, c.tableId);
  if (isError(to)) return no(to);
  if (!g.tableId) return no(domainError('GuestNotSeated', `${named(s, g)} is not seated anywhere, so there is nothing to move.`));
  if (g.tableId === to.id) return no(domainError('SameTable', `${named(s, g)} already sits at ${tableName(to)}.`));
  const from = entity(s.tables, g.tableId)!;
  const refused = unlocked(from, () => `move ${named(s, g)} away from it`) ?? unlocked(to, () => `seat ${named(s, g)} there`) ?? hasRoom(s, to);
  if (refused) return no(refused);
  return ok({ type: 'GuestMoved', v: 1, guestId: g.id, fromTableId: from.id, toTableId: to.id });
}

export function decideSwapGuests(s: PlanState, c: CommandOf<'swapGuests'>): Decision {
  const a = guest(s, c.guestId);
  if (isError(a)) return no(a);
  const b = guest(s, c.otherGuestId);
  if (isError(b)) return no(b);
  for (const g of [a, b]) {
    if (!g.tableId) return no(domainError('GuestNotSeated', `${named(s, g)} is not seated, so there is no seat to swap.`));
  }
  if (a.tableId === b.tableId) return no(domainError('SameTable', `${named(s, a)} and ${named(s, b)} already sit at the same table.`));
  const ta = entity(s.tables, a.tableId)!;
  const tb = entity(s.tables, b.tableId)!;
  const refused = unlocked(ta, () => `swap ${named(s, a)} away`) ?? unlocked(tb, () => `swap ${named(s, b)} away`);
  if (refused) return no(refused);
  return ok({ type: 'GuestsSwapped', v: 1, guestId: a.id, tableId: ta.id, otherGuestId: b.id, otherTableId: tb.id });
}

export function decideUnseatGuest(s: PlanState, c: CommandOf<'unseatGuest'>): Decision {
  const g = guest(s, c.guestId);
  if (isError(g)) return no(g);
  if (!g.tableId) return no(domainError('GuestNotSeated', `${named(s, g)} is not seated.`));
  const t = entity(s.tables, g.tableId)!;
  const locked = unlocked(t, () => `take ${named(s, g)} off it`);
  if (locked) return no(locked);
  return ok({ type: 'GuestUnseated', v: 1, guestId: g.id, tableId: t.id });
}
