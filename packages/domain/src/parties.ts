import type { CommandOf } from './commands.ts';
import type { Decision } from './decide.ts';
import { domainError } from './errors.ts';
import type { PlanEvent } from './events.ts';
import { entity } from './ids.ts';
import type { Guest, LogicalTable, PlanState } from './model.ts';
import { freeSeats } from './queries.ts';
import { entriesWithKey, type Lookup } from './record-index.ts';

/**
 * A party (a household, a couple, a guest and their +1, a team) is every guest whose `party` text is the same,
 * compared trimmed and case-insensitively; an empty party is no party. Parties are not stored as entities: the
 * guests' own field is the one fact, so editing a guest's party moves them between parties.
 */
// toLowerCase() is toLocaleLowerCase('en') (only Turkish, Azeri and Lithuanian lower-case differently; a test checks
// every code point) at a fifth of the cost: a first render keys each of the demo's 1,500 guests.
export const partyKey = (party: string): string => party.trim().normalize('NFC').toLowerCase();

/** "Party Braun" for party text "Braun"; text that already says party ("Party 012 (Braun)") is kept as it is. */
export function partyTitle(party: string): string {
  const text = party.trim();
  return /^party\b/i.test(text) ? text : `Party ${text}`;
}

/** Guests by party key (record-index.ts): seating a party finds its members without keying every guest of the plan. */
const PARTIES: Lookup<Guest> = { key: (g) => (typeof g.party === 'string' && partyKey(g.party) !== '' ? partyKey(g.party) : undefined) };

/** The party's members, in a stable order (by id), so every client decides the same events in the same order. */
export function partyMembers(s: Pick<PlanState, 'guests'>, party: string): Guest[] {
  const key = partyKey(party);
  if (key === '') return [];
  return entriesWithKey(s.guests, PARTIES, key).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface PartyInfo {
  /** the compared form (trimmed, lower case) */
  key: string;
  /** the text as the first member carries it */
  party: string;
  guestIds: string[];
  /** the distinct tables its seated members sit at */
  tableIds: string[];
  unseated: number;
}

/** Every party of the plan with where its members sit. One pass over the guests. */
export function partiesOf(s: Pick<PlanState, 'guests'>): Map<string, PartyInfo> {
  const out = new Map<string, PartyInfo>();
  for (const g of Object.values(s.guests)) {
    const key = partyKey(g.party);
    if (key === '') continue;
    let p = out.get(key);
    if (!p) out.set(key, (p = { key, party: g.party.trim(), guestIds: [], tableIds: [], unseated: 0 }));
    p.guestIds.push(g.id);
    if (!g.tableId) p.unseated++;
    else if (!p.tableIds.includes(g.tableId)) p.tableIds.push(g.tableId);
  }
  return out;
}

/** The parties whose seated members sit at two or more tables, keyed by party key. */
export function splitParties(s: Pick<PlanState, 'guests'>): Map<string, PartyInfo> {
  const out = new Map<string, PartyInfo>();
  for (const [key, p] of partiesOf(s)) if (p.tableIds.length > 1) out.set(key, p);
  return out;
}

/** Seats a logical table still has (queries.freeSeats), and the physical table when it is the smaller limit. */
function tableRoom(s: PlanState, t: LogicalTable): { free: number; physical: { label: string; capacity: number } | null } {
  const p = t.physicalTableId ? entity(s.physicalTables, t.physicalTableId) : undefined;
  return { free: freeSeats(t, p?.capacity), physical: p && p.capacity < t.capacity ? { label: p.label, capacity: p.capacity } : null };
}

const seats = (n: number) => `${n} free seat${n === 1 ? '' : 's'}`;

/**
 * Seats every member of a party at one table in one step: unseated members are seated, members at other tables
 * are moved, members already there stay. Refused whole — nothing applied — when any member cannot come.
 * (Unknown table and stale expectations are checked by decide before this runs.)
 */
export function decideSeatParty(s: PlanState, c: CommandOf<'seatParty'>, t: LogicalTable): Decision {
  const members = partyMembers(s, c.party);
  const title = partyTitle(members[0]?.party ?? c.party);
  if (members.length === 0) {
    return {
      ok: false,
      error: domainError(
        'UnknownParty',
        `Nobody belongs to ${title.replace(/^Party/, 'party')} any more: its guests may have been edited or removed.`,
      ),
    };
  }
  const label = `${title} (${members.length})`;
  if (t.locked)
    return { ok: false, error: domainError('TableLocked', `${label}: table “${t.name}” is locked; unlock it before you seat the party there.`) };
  const coming = members.filter((g) => g.tableId !== t.id);
  for (const g of coming) {
    const from = g.tableId ? entity(s.tables, g.tableId) : undefined;
    if (from?.locked) {
      return {
        ok: false,
        error: domainError('TableLocked', `${label}: ${g.name} sits at locked table “${from.name}”; unlock it before you move the party.`),
      };
    }
  }
  const { free, physical } = tableRoom(s, t);
  if (coming.length > free) {
    const there = members.length - coming.length;
    const already = there > 0 ? `, ${there} already there` : '';
    const why = physical ? ` (it stands on physical table ${physical.label}, which seats ${physical.capacity})` : '';
    return { ok: false, error: domainError('TableFull', `${title} (${members.length}${already}): table “${t.name}” has ${seats(free)}${why}.`) };
  }
  const events: PlanEvent[] = coming.map((g) =>
    g.tableId
      ? { type: 'GuestMoved', v: 1, guestId: g.id, fromTableId: g.tableId, toTableId: t.id }
      : { type: 'GuestSeated', v: 1, guestId: g.id, tableId: t.id },
  );
  return { ok: true, events };
}
