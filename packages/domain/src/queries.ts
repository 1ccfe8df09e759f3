import { foldText, mealLabel, readDietary, type MealCategory } from './catering.ts';
import { entity } from './ids.ts';
import type { Guest, LogicalTable, PlanState, Room } from './model.ts';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
export const byName = <T extends { name: string }>(a: T, b: T) => collator.compare(a.name, b.name);

export interface RoomGroup {
  room: Room | null; // null: logical tables not placed on any physical table
  tables: LogicalTable[];
}

/** Logical tables grouped by the room of the physical table they stand on; unplaced tables last. */
export function tablesByRoom(s: PlanState): RoomGroup[] {
  const groups = new Map<string | null, LogicalTable[]>();
  for (const room of Object.values(s.rooms).sort(byName)) groups.set(room.id, []);
  groups.set(null, []);
  for (const t of Object.values(s.tables)) {
    const roomId = t.physicalTableId ? (entity(s.physicalTables, t.physicalTableId)?.roomId ?? null) : null;
    (groups.get(roomId) ?? groups.get(null)!).push(t);
  }
  return [...groups].map(([roomId, tables]) => ({ room: (roomId ? entity(s.rooms, roomId) : null) ?? null, tables: tables.sort(byName) }));
}

export function seatedGuests(s: PlanState, t: LogicalTable): Guest[] {
  return t.guestIds.map((id) => entity(s.guests, id)).filter((g): g is Guest => g !== undefined);
}

export function planTotals(s: PlanState) {
  let seated = 0;
  let guests = 0;
  for (const g of Object.values(s.guests)) {
    guests++;
    if (g.tableId) seated++;
  }
  let seats = 0;
  for (const t of Object.values(s.tables)) seats += t.capacity;
  return { guests, seated, unseated: guests - seated, seats, tables: Object.keys(s.tables).length };
}

/** German umlauts and ß as they are written without them (Müller → mueller), on lower-case text. */
const spellOut = (s: string) => s.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');

/**
 * Case- and accent-insensitive match of a guest against a search text: name, e-mail, party, department, dietary
 * and accessibility needs, notes and the guest number ("wheelchair" finds a guest by their needs or notes), and the
 * meal the catering count reads their dietary text as (readDietary: "vegetarian" finds "vegetarisch"). Every
 * word of the search must be found, in any order and in any field ("Schmidt, Anna" finds Anna Schmidt), never
 * across two fields; umlauts match their spelled-out form both ways ("Mueller" finds Müller).
 */
export function guestMatches(g: Guest, query: string): boolean {
  return guestMatcher(query)(g);
}

/** A guest's searchable text, folded and spelled out, kept per guest object; rebuilt when its text changed (so a
 *  guest mutated in place, as the server's evolve does, is never matched against what it used to say). The meal
 *  categories of the dietary text are one more field, read only when the text is rebuilt. */
const searchText = new WeakMap<Guest, { text: string; folded: string; spelled: string }>();
function searchable(g: Guest) {
  const text = `${g.name}\n${g.email}\n${g.party}\n${g.department}\n${g.dietary}\n${g.accessibility}\n${g.notes}\n${g.ref}`.toLowerCase();
  let t = searchText.get(g);
  if (t?.text !== text) {
    const meals = readDietary(g.dietary).categories.map(mealLabel);
    const all = meals.length ? `${text}\n${meals.join('\n').toLowerCase()}` : text;
    const folded = foldText(all);
    t = { text, folded, spelled: /[äöüß]/.test(all) ? foldText(spellOut(all)) : folded };
    searchText.set(g, t);
  }
  return t;
}

/** guestMatches with the search text read once, for filtering many guests by one search. */
export function guestMatcher(query: string): (g: Guest) => boolean {
  const words = query
    .toLowerCase()
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((w) => [foldText(w), foldText(spellOut(w))] as const);
  if (words.length === 0) return () => true;
  return (g) => {
    const { folded, spelled } = searchable(g);
    return words.every(([plain, out]) => folded.includes(plain) || spelled.includes(out));
  };
}

/** Does a guest have any need a host should see: dietary, accessibility, or a note? */
export const hasNeeds = (g: Guest) => !!(g.dietary || g.accessibility || g.notes);

/**
 * A table matches a search by its name ("Board", "table 12") or its physical table's label ("B-01"). A number
 * ("12", "Table 12", "#12") matches a table by that number exactly, so "12" does not find table 112.
 */
export function tableMatches(t: LogicalTable, query: string, physicalLabel = ''): boolean {
  const q = foldText(query.trim());
  if (!q) return false;
  const number = /^(?:(?:table|tisch|tafel|t)\s*)?#?\s*(\d+)$/.exec(q)?.[1];
  if (number !== undefined) {
    const n = Number(number);
    return [t.name, physicalLabel].some((name) => (name.match(/\d+/g) ?? []).some((d) => Number(d) === n));
  }
  return foldText(t.name).includes(q) || (!!physicalLabel && foldText(physicalLabel).includes(q));
}

/** The seats a table really has: its capacity, or the smaller physical table's under it. */
export function seatLimit(t: LogicalTable, physicalCapacity?: number): number {
  return Math.min(t.capacity, physicalCapacity ?? Infinity);
}

/** Free seats at a table: its capacity, or the smaller physical table's under it, less who sits there. */
export function freeSeats(t: LogicalTable, physicalCapacity?: number): number {
  return Math.max(0, seatLimit(t, physicalCapacity) - t.guestIds.length);
}

/** What a planner narrows the guests down to. Empty strings and nulls mean "any". */
export interface GuestCriteria {
  text: string;
  seated: 'seated' | 'unseated' | null;
  department: string;
  /** part of the party's name, case- and accent-insensitively */
  party: string;
  /** a meal category key, 'standard' (no dietary need), 'other' (a need no category names), or '' */
  dietary: string;
  vip: boolean;
  /** only guests with accessibility needs */
  accessibility: boolean;
  /** only guests with any need (dietary, accessibility) or a note */
  needs: boolean;
}

export const noCriteria: GuestCriteria = {
  text: '',
  seated: null,
  department: '',
  party: '',
  dietary: '',
  vip: false,
  accessibility: false,
  needs: false,
};

/** True when the criteria narrow anything down. */
export const criteriaActive = (c: GuestCriteria) =>
  !!(c.text.trim() || c.seated || c.department || c.party || c.dietary || c.vip || c.accessibility || c.needs);

/** One predicate for the guest list and the board: every criterion given must hold. */
export function guestFilter(c: GuestCriteria): (g: Guest) => boolean {
  const matches = guestMatcher(c.text);
  return (g) => {
    if (c.seated && (c.seated === 'seated') !== !!g.tableId) return false;
    if (c.department && g.department !== c.department) return false;
    if (c.party && !foldText(g.party).includes(foldText(c.party.trim()))) return false;
    if (c.vip && !g.vip) return false;
    if (c.accessibility && !g.accessibility) return false;
    if (c.needs && !hasNeeds(g)) return false;
    if (c.dietary) {
      const r = readDietary(g.dietary);
      const ok =
        c.dietary === 'standard'
          ? r.categories.length === 0 && r.other.length === 0
          : c.dietary === 'other'
            ? r.other.length > 0
            : r.categories.includes(c.dietary as MealCategory);
      if (!ok) return false;
    }
    return matches(g);
  };
}
