import { emptyGuestFields, type Command, type Guest, type GuestFields, type LogicalTable } from '@seatfold/domain/core';

/** The guest form's fields, all empty: what "Add guest" starts from and resets to after each guest. */
export const EMPTY_GUEST: GuestFields = emptyGuestFields;
const GUEST_KEYS = Object.keys(EMPTY_GUEST) as (keyof GuestFields)[];

/** The form's values for an existing guest. */
export const guestValues = (g: GuestFields): GuestFields => Object.fromEntries(GUEST_KEYS.map((k) => [k, g[k]])) as unknown as GuestFields;

/**
 * What the guest form sends: addGuest with the fields given (empty ones left to the domain's defaults) for a new
 * guest, editGuest with only the changed fields for an existing one, or null when nothing changed.
 */
export function guestCommand(values: GuestFields, existing: Guest | null, newId: () => string, base?: GuestFields): Command | null {
  if (existing) {
    // Only what the planner changed from what the form showed (`base`): a field somebody else changed meanwhile is
    // theirs, never written back with the form's old value.
    // Each change carries the value it replaces as the form showed it: one somebody else changed since (offline, or
    // the same instant) refuses the edit as stale rather than writing over theirs.
    const from = base ?? existing;
    const changes: Partial<GuestFields> = {};
    const expected: Partial<GuestFields> = {};
    for (const k of GUEST_KEYS)
      if (values[k] !== from[k] && values[k] !== existing[k]) {
        (changes as Record<string, unknown>)[k] = values[k];
        (expected as Record<string, unknown>)[k] = from[k];
      }
    return Object.keys(changes).length ? { type: 'editGuest', guestId: existing.id, changes, expected } : null;
  }
  const given: Partial<GuestFields> = {};
  for (const k of GUEST_KEYS) if (values[k] !== EMPTY_GUEST[k]) (given as Record<string, unknown>)[k] = values[k];
  return { type: 'addGuest', guestId: newId(), name: values.name, ...given };
}

export interface TableForm {
  name: string;
  capacity: number;
  vip: boolean;
  locked: boolean;
}

/**
 * What the table form sends, in an order the domain accepts: a locked table refuses edits, so an unlock comes
 * first and a lock last. Empty when nothing changed.
 */
export function tableCommands(table: LogicalTable, form: TableForm, base: TableForm = table): Command[] {
  // Only what the planner changed from what the form showed (`base`), as for guests: a colleague's newer seats, name
  // or lock stay.
  const mine = <K extends keyof TableForm>(k: K) => form[k] !== base[k] && form[k] !== table[k];
  const changes = {
    ...(mine('name') ? { name: form.name } : {}),
    ...(mine('capacity') ? { capacity: form.capacity } : {}),
    ...(mine('vip') ? { vip: form.vip } : {}),
  };
  const locked = form.locked !== base.locked ? form.locked : table.locked;
  const out: Command[] = [];
  if (table.locked && !locked) out.push({ type: 'unlockTable', tableId: table.id });
  if (Object.keys(changes).length) out.push({ type: 'editTable', tableId: table.id, changes });
  if (!table.locked && locked) out.push({ type: 'lockTable', tableId: table.id });
  return out;
}
