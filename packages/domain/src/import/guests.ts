import { entity } from '../ids.ts';
import type { Command } from '../commands.ts';
import { decide } from '../decide.ts';
import type { PlanEvent } from '../events.ts';
import { evolve } from '../evolve.ts';
import { inverseOfAll } from '../inverse.ts';
import { cloneState, type Guest, type GuestFields, type PlanState } from '../model.ts';
import { checkGuestText, type GuestTextField } from '../text.ts';
import { cleanCell, looksLikeEmail, matchKey, parseYesNo, tableKey } from './normalize.ts';

/** What a spreadsheet column can mean for a guest. */
export type GuestColumn = 'id' | 'name' | 'firstName' | 'lastName' | 'email' | 'party' | 'department' | 'dietary' | 'accessibility' | 'vip' | 'notes' | 'table';

export const GUEST_COLUMNS: { field: GuestColumn; label: string }[] = [
  { field: 'id', label: 'Guest id' },
  { field: 'name', label: 'Full name' },
  { field: 'firstName', label: 'First name' },
  { field: 'lastName', label: 'Last name' },
  { field: 'email', label: 'E-mail' },
  { field: 'party', label: 'Party / group' },
  { field: 'department', label: 'Department / company' },
  { field: 'dietary', label: 'Dietary needs' },
  { field: 'accessibility', label: 'Accessibility needs' },
  { field: 'vip', label: 'VIP' },
  { field: 'notes', label: 'Notes' },
  { field: 'table', label: 'Table' },
];

/** Common headers in English and German, matched after lower-casing and dropping accents and punctuation. */
const HEADER_WORDS: Record<GuestColumn, string[]> = {
  id: ['id', 'guest id', 'gast id', 'gastid', 'guestid', 'nr', 'nummer', 'personalnummer', 'employee id'],
  name: ['name', 'full name', 'guest', 'gast', 'guest name', 'vollstandiger name', 'teilnehmer', 'participant'],
  firstName: ['first name', 'firstname', 'given name', 'vorname'],
  lastName: ['last name', 'lastname', 'surname', 'family name', 'nachname', 'familienname'],
  email: ['email', 'e mail', 'mail', 'email address', 'e mail address', 'e mail adresse', 'emailadresse', 'mailadresse'],
  party: ['party', 'group', 'gruppe', 'begleitung', 'family', 'familie', 'household', 'haushalt'],
  department: ['department', 'abteilung', 'company', 'firma', 'unternehmen', 'team', 'bereich', 'organisation', 'organization'],
  dietary: ['dietary', 'diet', 'dietary needs', 'dietary requirements', 'allergies', 'essen', 'ernahrung', 'menu', 'menue', 'unvertraglichkeiten', 'allergien'],
  accessibility: ['accessibility', 'accessibility needs', 'access needs', 'mobility', 'barrierefreiheit', 'barrierefrei', 'rollstuhl', 'wheelchair', 'special needs'],
  vip: ['vip', 'v i p', 'ehrengast', 'vip guest'],
  notes: ['notes', 'note', 'comment', 'comments', 'notiz', 'notizen', 'bemerkung', 'bemerkungen', 'kommentar', 'anmerkung'],
  table: ['table', 'tisch', 'table number', 'tischnummer', 'tisch nr', 'table no', 'seat', 'platz'],
};

const headerKey = (h: string) => matchKey(h).replace(/[^a-z0-9]+/g, ' ').trim();

/** Guesses each column's meaning from its header; a meaning is given to one column at most. */
export function guessGuestColumns(headers: string[]): (GuestColumn | null)[] {
  const used = new Set<GuestColumn>();
  return headers.map((h) => {
    const k = headerKey(h);
    for (const [field, words] of Object.entries(HEADER_WORDS) as [GuestColumn, string[]][]) {
      if (!used.has(field) && words.includes(k)) {
        used.add(field);
        return field;
      }
    }
    return null;
  });
}

export interface SheetRow {
  /** the row number as the spreadsheet shows it */
  rowNumber: number;
  cells: string[];
}

export type RowStatus = 'new' | 'updated' | 'unchanged' | 'rejected';

export interface GuestImportRow {
  rowNumber: number;
  status: RowStatus;
  name: string;
  guestId: string | null;
  /** for 'updated': what changes, e.g. ["department: Sales → Marketing", "table: 3 → 7"] */
  changes: string[];
  reason: string | null;
}

export interface GuestImportPlan {
  /** how rows are matched with existing guests */
  key: 'id' | 'email' | 'name';
  rows: GuestImportRow[];
  counts: Record<RowStatus, number>;
  /** problems with the mapping itself; when not empty, nothing can be applied */
  blocking: string[];
  commands: Command[];
}

/**
 * Plans a guest import: each row becomes a new guest, an update of the guest it matches (by id, else e-mail,
 * else name), "unchanged", or a rejection with its reason. Blank cells never erase what a guest has — a blank
 * table cell leaves the guest's seat alone. Every command is tried through decide on a copy of the state, so the
 * plan applies as one atomic batch. `newId` makes ids for new guests (the caller's, so this stays pure).
 */
export function planGuestImport(state: PlanState, rows: SheetRow[], columns: (GuestColumn | null)[], newId: () => string): GuestImportPlan {
  const col = (f: GuestColumn) => columns.indexOf(f);
  const blocking: string[] = [];
  if (col('name') < 0 && col('firstName') < 0 && col('lastName') < 0) blocking.push('Choose which column holds the guest’s name (or first and last name).');
  const key: GuestImportPlan['key'] = col('id') >= 0 ? 'id' : col('email') >= 0 ? 'email' : 'name';

  const byKey = new Map<string, Guest>();
  for (const g of Object.values(state.guests)) {
    const k = key === 'id' ? g.id : key === 'email' ? matchKey(g.email) : matchKey(g.name);
    if (k && !byKey.has(k)) byKey.set(k, g);
  }
  const tablesByName = new Map(Object.values(state.tables).map((t) => [tableKey(t.name), t]));

  const work = cloneState(state);
  const out: GuestImportRow[] = [];
  const commands: Command[] = [];
  const seenKeys = new Map<string, number>();
  const get = (r: SheetRow, f: GuestColumn) => (col(f) >= 0 ? cleanCell(r.cells[col(f)] ?? '') : '');

  for (const r of rows) {
    if (r.cells.every((c) => cleanCell(c) === '')) continue; // blank lines are not rows
    const name = get(r, 'name') || [get(r, 'firstName'), get(r, 'lastName')].filter(Boolean).join(' ');
    const row: GuestImportRow = { rowNumber: r.rowNumber, status: 'rejected', name, guestId: null, changes: [], reason: null };
    out.push(row);
    const reject = (reason: string) => void (row.reason = reason);
    if (blocking.length) {
      reject('the name column is not chosen');
      continue;
    }
    if (!name) {
      reject('no name');
      continue;
    }
    // The same schema per field as an edit of it: an imported field can never hold what an edit would refuse.
    const fields: Partial<GuestFields> = {};
    const refused = cleanFields(fields, { name, email: get(r, 'email'), party: get(r, 'party'), department: get(r, 'department'), dietary: get(r, 'dietary'), accessibility: get(r, 'accessibility'), notes: get(r, 'notes') });
    if (refused) {
      reject(refused);
      continue;
    }
    const email = fields.email ?? '';
    if (email && !looksLikeEmail(email)) {
      reject(`“${email}” is not an e-mail address`);
      continue;
    }
    const vipText = get(r, 'vip');
    const vip = col('vip') >= 0 ? parseYesNo(vipText) : null;
    if (col('vip') >= 0 && vip === null) {
      reject(`VIP “${vipText}” is neither yes nor no`);
      continue;
    }
    const k = key === 'id' ? get(r, 'id') : key === 'email' ? matchKey(email) : matchKey(name);
    if (!k) {
      reject(key === 'id' ? 'no guest id' : 'no e-mail address to match guests by');
      continue;
    }
    if (seenKeys.has(k)) {
      reject(`same ${key === 'id' ? 'guest id' : key === 'email' ? 'e-mail' : 'name'} as row ${seenKeys.get(k)}`);
      continue;
    }
    seenKeys.set(k, r.rowNumber);

    if (vip !== null && vipText !== '') fields.vip = vip;

    const tableText = get(r, 'table');
    const table = tableText ? tablesByName.get(tableKey(tableText)) : undefined;
    if (tableText && !table) {
      reject(`table “${tableText}” does not exist`);
      continue;
    }

    const existing = byKey.get(k);
    const rowCommands: Command[] = [];
    if (existing) {
      row.guestId = existing.id;
      const changes: Partial<GuestFields> = {};
      for (const [f, v] of Object.entries(fields) as [keyof GuestFields, never][]) {
        // E-mail addresses differing only in case are the same address.
        if (existing[f] !== v && !(f === 'email' && matchKey(existing.email) === matchKey(String(v)))) {
          (changes as Record<string, unknown>)[f] = v;
          row.changes.push(`${f}: ${show(existing[f])} → ${show(v)}`);
        }
      }
      if (Object.keys(changes).length) rowCommands.push({ type: 'editGuest', guestId: existing.id, changes });
    } else {
      row.guestId = newId();
      rowCommands.push({ type: 'addGuest', guestId: row.guestId, ...fields, name: fields.name! });
    }
    if (table) {
      const current = existing ? entity(work.guests, existing.id)?.tableId ?? null : null;
      if (current !== table.id) {
        rowCommands.push(current ? { type: 'moveGuest', guestId: row.guestId, tableId: table.id } : { type: 'seatGuest', guestId: row.guestId, tableId: table.id });
        if (existing) row.changes.push(`table: ${current ? (entity(work.tables, current)?.name ?? current) : '(not seated)'} → ${table.name}`);
      }
    }

    // Try the row on the working copy: all of it applies, or the row is rejected with decide's reason.
    const trial = cloneRowTrial(work, rowCommands);
    if (!trial.ok) {
      reject(trial.message);
      continue;
    }
    commands.push(...rowCommands);
    row.status = !existing ? 'new' : rowCommands.length ? 'updated' : 'unchanged';
  }
  const counts: Record<RowStatus, number> = { new: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const r of out) counts[r.status]++;
  return { key, rows: out, counts, blocking, commands };
}

/**
 * Applies a row's commands to `work` if all succeed. If a later one is refused, the earlier ones are taken back
 * with their inverses (a row is addGuest/editGuest then seat/move: those inverses always apply).
 */
function cloneRowTrial(work: PlanState, commands: Command[]): { ok: true } | { ok: false; message: string } {
  const applied: PlanEvent[] = [];
  for (const c of commands) {
    const d = decide(work, c);
    if (!d.ok) {
      for (const undo of inverseOfAll(applied)) {
        const u = decide(work, undo);
        if (u.ok) for (const e of u.events) evolve(work, e);
      }
      return { ok: false, message: d.error.message };
    }
    for (const e of d.events) {
      evolve(work, e);
      applied.push(e);
    }
  }
  return { ok: true };
}

/**
 * Checks the row's text fields with the command schemas into `fields` (blank cells are left out, so they never
 * erase anything); returns the first field's reason when one is refused — the row is rejected, never cut.
 */
function cleanFields(fields: Partial<GuestFields>, texts: Partial<Record<GuestTextField, string>>): string | null {
  for (const [f, v] of Object.entries(texts) as [GuestTextField, string][]) {
    if (!v) continue;
    const checked = checkGuestText(f, v);
    if (!checked.ok) return checked.message;
    fields[f] = checked.value;
  }
  return null;
}

const show = (v: unknown) => (v === '' || v === undefined ? '(empty)' : String(v));
