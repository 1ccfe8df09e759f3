import type { Command } from './commands.ts';
import { fieldWord, show } from './changes-text.ts';
import { floorStale } from './floor/stale.ts';
import { guestLabel } from './guest-labels.ts';
import { entity } from './ids.ts';
import type { PlanState } from './model.ts';
import { partyMembers, partyTitle } from './parties.ts';
import type { EntityKey } from './targets.ts';

/**
 * A drop carries what the planner saw when the drag began (`expectedTableId`, `expectedPhysicalTableId`, a party's
 * `expected` seats). When somebody changed it meanwhile, the drop is refused — never turned into a silent override.
 *
 * A stale fact says what changed, in two voices: `was` when nobody is known ("Anna Müller was just seated at
 * table “9”"), `did` for a sentence with the actor in front ("Bob just seated Anna Müller at table “9”"; the
 * client knows who last changed `entity` and puts the name in, see `staleMessage`).
 */
export interface StaleFact {
  entity: EntityKey;
  was: string;
  did: string;
  again: string;
}

export function staleMessage(f: StaleFact, by?: string | null): string {
  return by ? `${by} just ${f.did} — ${f.again}` : `${f.was} — ${f.again}`;
}

/** The first expectation of the command that the state no longer meets, or null (also when nothing is expected). */
export function staleFact(s: PlanState, c: Command): StaleFact | null {
  switch (c.type) {
    case 'seatGuest':
    case 'moveGuest':
    case 'unseatGuest':
      return c.expectedTableId === undefined ? null : guestStale(s, c.guestId, c.expectedTableId);
    case 'swapGuests':
      return (
        (c.expectedTableId === undefined ? null : guestStale(s, c.guestId, c.expectedTableId)) ??
        (c.expectedOtherTableId === undefined ? null : guestStale(s, c.otherGuestId, c.expectedOtherTableId))
      );
    case 'mapTable':
    case 'unmapTable':
      return c.expectedPhysicalTableId === undefined ? null : tableStale(s, c.tableId, c.expectedPhysicalTableId);
    case 'seatParty':
      return c.expected === undefined ? null : partyStale(s, c.party, c.expected);
    case 'arrangeFloor':
      return floorStale(s, c);
    case 'editGuest':
      return c.expected === undefined ? null : editedStale(s, c.guestId, c.expected, c.changes);
    case 'removeTable':
      return c.expectedGuestIds === undefined ? null : seatedStale(s, c.tableId, c.expectedGuestIds);
    default:
      return null;
  }
}

const tableName = (s: PlanState, id: string) => {
  const t = entity(s.tables, id);
  return t ? `table “${t.name}”` : 'another table';
};

function guestStale(s: PlanState, guestId: string, expected: string | null): StaleFact | null {
  const g = entity(s.guests, guestId);
  if (!g || g.tableId === expected) return null; // an unknown guest is decide's to refuse
  const entityKey = `guest:${g.id}` as const;
  const name = guestLabel(s.guests, g.id) ?? g.name; // told apart from a guest of the same name
  if (g.tableId === null) {
    return {
      entity: entityKey,
      was: `${name} was just taken off ${tableName(s, expected!)}`,
      did: `took ${name} off ${tableName(s, expected!)}`,
      again: 'drop again if you still want to seat them.',
    };
  }
  const at = tableName(s, g.tableId);
  return expected === null
    ? {
        entity: entityKey,
        was: `${name} was just seated at ${at}`,
        did: `seated ${name} at ${at}`,
        again: 'drop again if you still want to move them.',
      }
    : {
        entity: entityKey,
        was: `${name} was just moved to ${at}`,
        did: `moved ${name} to ${at}`,
        again: 'drop again if you still want to move them.',
      };
}

function tableStale(s: PlanState, tableId: string, expected: string | null): StaleFact | null {
  const t = entity(s.tables, tableId);
  if (!t || t.physicalTableId === expected) return null;
  const physical = (id: string) => entity(s.physicalTables, id)?.label ?? 'another physical table';
  const entityKey = `table:${t.id}` as const;
  const again = 'drop again if you still want to place it.';
  if (t.physicalTableId === null) {
    return {
      entity: entityKey,
      was: `Table “${t.name}” was just taken off ${physical(expected!)}`,
      did: `took table “${t.name}” off ${physical(expected!)}`,
      again,
    };
  }
  const on = physical(t.physicalTableId);
  return { entity: entityKey, was: `Table “${t.name}” was just placed on ${on}`, did: `placed table “${t.name}” on ${on}`, again };
}

/** What an edit would have set, for the planner to set again: "name “Carla Alice”, VIP yes" (a long note cut). */
function ownChange(changes: Readonly<Record<string, unknown>>): string {
  const shown = (v: unknown) => (typeof v === 'string' && v.length > 120 ? show(`${v.slice(0, 119)}…`) : show(v));
  return Object.entries(changes)
    .map(([k, v]) => `${fieldWord(k)} ${shown(v)}`)
    .join(', ');
}

/**
 * A guest field the planner changed from a value somebody else has changed since. The refusal repeats what the
 * planner had typed: made offline or minutes ago, it is gone from the form and perhaps from memory.
 */
function editedStale(
  s: PlanState,
  guestId: string,
  expected: Readonly<Record<string, unknown>>,
  changes: Readonly<Record<string, unknown>>,
): StaleFact | null {
  const g = entity(s.guests, guestId);
  if (!g) return null; // decide refuses an unknown guest
  const field = Object.keys(expected).find((k) => (g as unknown as Record<string, unknown>)[k] !== expected[k]);
  if (field === undefined) return null;
  const now = (g as unknown as Record<string, unknown>)[field];
  const value = typeof now === 'boolean' ? (now ? 'yes' : 'no') : now === '' ? '(empty)' : `“${String(now)}”`;
  const name = guestLabel(s.guests, g.id) ?? g.name;
  const what = field === 'name' ? `renamed ${String(expected.name)} to ${value}` : `set the ${fieldWord(field)} of ${name} to ${value}`;
  return {
    entity: `guest:${g.id}`,
    was:
      field === 'name'
        ? `${String(expected.name)} was just renamed to ${value}`
        : // "dietary needs", "accessibility needs": plural
          `The ${fieldWord(field)} of ${name} ${fieldWord(field).endsWith('needs') ? 'were' : 'was'} just set to ${value}`,
    did: what,
    again: `save again if you still want your change (${ownChange(changes)}).`,
  };
}

/** A table to be removed whose guests are no longer the ones the planner saw: who was seated there or taken off. */
function seatedStale(s: PlanState, tableId: string, expected: readonly string[]): StaleFact | null {
  const t = entity(s.tables, tableId);
  if (!t) return null; // decide refuses an unknown table
  const seen = new Set(expected);
  const again = 'remove it again if you still want to.';
  const came = t.guestIds.find((id) => !seen.has(id));
  if (came) {
    const name = guestLabel(s.guests, came) ?? 'a guest';
    return { entity: `guest:${came}`, was: `${name} was just seated at table “${t.name}”`, did: `seated ${name} at table “${t.name}”`, again };
  }
  const here = new Set(t.guestIds);
  const left = expected.find((id) => !here.has(id));
  if (left) {
    const name = guestLabel(s.guests, left) ?? 'A guest';
    return { entity: `guest:${left}`, was: `${name} just left table “${t.name}”`, did: `took ${name} off table “${t.name}”`, again };
  }
  return null;
}

function partyStale(s: PlanState, party: string, expected: readonly { guestId: string; tableId: string | null }[]): StaleFact | null {
  const members = partyMembers(s, party);
  const seen = new Map(expected.map((e) => [e.guestId, e.tableId]));
  for (const g of members) {
    if (!seen.has(g.id)) {
      const title = partyTitle(g.party);
      return {
        entity: `guest:${g.id}`,
        was: `${g.name} just joined ${title}`,
        did: `added ${g.name} to ${title}`,
        again: 'drop again if you still want to seat the whole party.',
      };
    }
    const fact = guestStale(s, g.id, seen.get(g.id)!);
    if (fact) return { ...fact, again: 'drop again if you still want to seat the whole party.' };
  }
  const ids = new Set(members.map((g) => g.id));
  for (const e of expected) {
    if (ids.has(e.guestId)) continue;
    const g = entity(s.guests, e.guestId);
    const title = partyTitle(party);
    return g
      ? {
          entity: `guest:${g.id}`,
          was: `${g.name} just left ${title}`,
          did: `took ${g.name} out of ${title}`,
          again: 'drop again if you still want to seat the party.',
        }
      : {
          entity: `guest:${e.guestId}`,
          was: `A guest of ${title} was just removed`,
          did: `removed a guest of ${title}`,
          again: 'drop again if you still want to seat the party.',
        };
  }
  return null;
}
