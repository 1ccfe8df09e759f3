import { entity } from './ids.ts';
import type { Command } from './commands.ts';
import { GUEST_FIELDS, type GuestFields, type PlanState } from './model.ts';
import type { EntityKey } from './targets.ts';

/**
 * The commands that bring one guest or one logical table back to how it was in `past`, applied on `current`
 * (as new events: history stays). Pure; the result is meant to be sent as one atomic batch, so when something
 * no longer fits (the old table is full or locked now, the physical table is taken) the whole restore is
 * refused with decide's reason rather than half done.
 *
 *   guest   its fields and its seat (re-added if it was removed since, removed if it did not exist yet)
 *   table   name, capacity, VIP, placement, lock, and who sat at it: guests seated there now but not then are
 *           unseated, guests seated there then (and still in the plan) are seated or moved back
 * Other keys (rooms, physical tables, the plan) give no commands.
 */
export function restoreCommands(current: PlanState, past: PlanState, key: EntityKey): Command[] {
  const [kind, id] = splitKey(key);
  if (kind === 'guest') return restoreGuest(current, past, id);
  if (kind === 'table') return restoreTable(current, past, id);
  return [];
}

/**
 * Whether restoring `key` as it was in `past` removes it: it exists now and did not exist yet then (restoring a
 * guest or table as it was before it was added). The caller asks before doing that: it reads as "restore", it acts
 * as "remove".
 */
export function restoreRemoves(current: PlanState, past: PlanState, key: EntityKey): boolean {
  const [kind, id] = splitKey(key);
  const of = (s: PlanState) => (kind === 'guest' ? entity(s.guests, id) : kind === 'table' ? entity(s.tables, id) : undefined);
  return of(current) !== undefined && of(past) === undefined;
}

function splitKey(key: EntityKey): [string, string] {
  const i = key.indexOf(':');
  return [key.slice(0, i), key.slice(i + 1)];
}

function restoreGuest(current: PlanState, past: PlanState, guestId: string): Command[] {
  const now = entity(current.guests, guestId);
  const then = entity(past.guests, guestId);
  if (!then) return now ? [{ type: 'removeGuest', guestId }] : [];
  const out: Command[] = [];
  if (!now) {
    const { id: _id, tableId: _t, ...fields } = then;
    out.push({ type: 'addGuest', guestId, ...fields });
  } else {
    const changes: Partial<GuestFields> = {};
    for (const f of GUEST_FIELDS) if (now[f] !== then[f]) (changes as Record<string, unknown>)[f] = then[f];
    if (Object.keys(changes).length) out.push({ type: 'editGuest', guestId, changes });
  }
  const seatNow = now?.tableId ?? null;
  const seatThen = then.tableId;
  if (seatNow !== seatThen) {
    if (seatThen === null) out.push({ type: 'unseatGuest', guestId });
    else if (seatNow === null) out.push({ type: 'seatGuest', guestId, tableId: seatThen });
    else out.push({ type: 'moveGuest', guestId, tableId: seatThen });
  }
  return out;
}

function restoreTable(current: PlanState, past: PlanState, tableId: string): Command[] {
  const now = entity(current.tables, tableId);
  const then = entity(past.tables, tableId);
  if (!then) return now ? [...(now.locked ? [{ type: 'unlockTable', tableId } as const] : []), { type: 'removeTable', tableId }] : [];
  const out: Command[] = [];
  // A locked table refuses every change: open it first, close it again last if it was locked then.
  if (now?.locked) out.push({ type: 'unlockTable', tableId });
  if (!now) {
    out.push({ type: 'addTable', tableId, name: then.name, capacity: then.capacity, vip: then.vip });
  } else {
    const pastGuests = new Set(then.guestIds);
    for (const g of now.guestIds) if (!pastGuests.has(g)) out.push({ type: 'unseatGuest', guestId: g });
    const changes: { name?: string; capacity?: number; vip?: boolean } = {};
    if (now.name !== then.name) changes.name = then.name;
    if (now.capacity !== then.capacity) changes.capacity = then.capacity;
    if (now.vip !== then.vip) changes.vip = then.vip;
    if (Object.keys(changes).length) out.push({ type: 'editTable', tableId, changes });
  }
  const placedNow = now?.physicalTableId ?? null;
  if (placedNow !== then.physicalTableId) {
    if (then.physicalTableId === null) out.push({ type: 'unmapTable', tableId });
    else out.push({ type: 'mapTable', tableId, physicalTableId: then.physicalTableId });
  }
  const seatedNow = new Set(now?.guestIds ?? []);
  for (const g of then.guestIds) {
    if (seatedNow.has(g)) continue;
    const guest = entity(current.guests, g);
    if (!guest) continue; // removed since: restoring the table does not bring other guests back
    out.push(guest.tableId ? { type: 'moveGuest', guestId: g, tableId } : { type: 'seatGuest', guestId: g, tableId });
  }
  if (then.locked) out.push({ type: 'lockTable', tableId });
  return out;
}
