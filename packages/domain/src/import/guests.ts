import { changesText } from '../changes-text.ts';
import { entity } from '../ids.ts';
import type { Command } from '../commands.ts';
import { decide } from '../decide.ts';
import { evolve } from '../evolve.ts';
import { cloneState, type GuestFields, type LogicalTable, type PlanState } from '../model.ts';
import { checkGuestText, type GuestTextField } from '../text.ts';
import type { GuestColumn } from './columns.ts';
import type { GuestImportOptions, GuestImportPlan, GuestImportRow, MatchKey, SheetRow } from './guest-plan.ts';
import { findGuest, guestIndex, KEY_LABEL } from './match.ts';
import { cleanCell, cleanLines, looksLikeEmail, matchKey, parseYesNo, tableKey } from './normalize.ts';
import { tableNamer, usualCapacity } from './tables.ts';
import { tryAll } from './trial.ts';
import { finish, type Steps } from '../steps.ts';

export { GUEST_COLUMNS, guessGuestColumns, type GuestColumn } from './columns.ts';

export * from './guest-plan.ts';

/**
 * Plans a guest import: each row becomes a new guest, an update of the guest it matches (by guest number, else
 * e-mail, else name — never one whose own number or e-mail says it is somebody else), "unchanged", or a rejection
 * with its reason. A person is never left out because of their table: a full or locked table, or one that does not
 * exist and is not created, imports the row unseated with a warning. Tables the file names that do not exist are
 * created (addTable first, in the same batch) when `newTables.create`. Blank cells never erase what a guest has.
 * Every command is tried through decide on a copy of the state, so the plan applies as one atomic batch.
 */
export function planGuestImport(
  state: PlanState,
  rows: SheetRow[],
  columns: (GuestColumn | null)[],
  newId: () => string,
  options: GuestImportOptions = {},
): GuestImportPlan {
  return finish(planGuestImportSteps(state, rows, columns, newId, options));
}

/** Rows planned between two yields of planGuestImportSteps (~2 ms of work on a quiet machine, under 10 on a busy one). */
const ROWS_A_STEP = 100;

/** planGuestImport as Steps: it yields every ROWS_A_STEP rows, and the state must not change until it is done. */
export function* planGuestImportSteps(
  state: PlanState,
  rows: SheetRow[],
  columns: (GuestColumn | null)[],
  newId: () => string,
  options: GuestImportOptions = {},
): Steps<GuestImportPlan> {
  const col = (f: GuestColumn) => columns.indexOf(f);
  const blocking: string[] = [];
  if (col('name') < 0 && col('firstName') < 0 && col('lastName') < 0)
    blocking.push('Choose which column holds the guest’s name (or first and last name).');
  const matchBy: MatchKey[] = [...(col('ref') >= 0 ? ['ref' as const] : []), ...(col('email') >= 0 ? ['email' as const] : []), 'name'];
  const newTables = {
    names: [] as string[],
    capacity: options.newTables?.capacity ?? usualCapacity(state),
    create: options.newTables?.create ?? true,
  };
  const newTableId = options.newTableId ?? newId;

  const index = guestIndex(state);
  const tablesByKey = new Map<string, LogicalTable>();
  for (const t of Object.values(state.tables)) if (!tablesByKey.has(tableKey(t.name))) tablesByKey.set(tableKey(t.name), t);
  const nameTable = tableNamer(state);
  const missing = new Map<string, { tableId: string; name: string } | { error: string }>();

  const work = cloneState(state);
  const out: GuestImportRow[] = [];
  /** rows whose table could not be given them (missing, full, locked): the preview's "n unseated" */
  const notSeatedAsListed = new Set<GuestImportRow>();
  const tableCommands: Command[] = [];
  const commands: Command[] = [];
  const claimed = new Map<string, number>(); // an existing guest's id, or a new row's "guest number:…", "e-mail:…", "name:…" → row number
  // Beside a first-name column (and without a last-name one), the name column holds the surname.
  const nameIsSurname = col('name') >= 0 && col('firstName') >= 0 && col('lastName') < 0;
  const get = (r: SheetRow, f: GuestColumn) => (col(f) >= 0 ? cleanCell(r.cells[col(f)] ?? '') : '');

  /** The table a row names: an existing one, one this import creates, or why there is none. */
  const tableFor = (text: string): { table: { id: string; name: string } } | { why: string } => {
    const key = tableKey(text);
    const t = tablesByKey.get(key);
    if (t) return { table: t };
    if (!newTables.create) {
      if (!missing.has(key)) {
        missing.set(key, { error: `table “${text}” does not exist` });
        newTables.names.push(nameTable(text)); // listed, so the planner can still choose to create them
      }
      return { why: `table “${text}” does not exist` };
    }
    let made = missing.get(key);
    if (!made) {
      const name = nameTable(text);
      const tableId = newTableId();
      const c: Command = { type: 'addTable', tableId, name, capacity: newTables.capacity };
      const d = decide(work, c);
      if (d.ok) {
        for (const e of d.events) evolve(work, e);
        tableCommands.push(c);
        newTables.names.push(name);
        made = { tableId, name };
      } else made = { error: `table “${text}” cannot be created: ${d.error.message}` };
      missing.set(key, made);
    }
    return 'error' in made ? { why: made.error } : { table: { id: made.tableId, name: made.name } };
  };

  yield; // the index and the copy of the state above
  for (const [i, r] of rows.entries()) {
    if (i > 0 && i % ROWS_A_STEP === 0) yield;
    if (r.cells.every((c) => cleanCell(c) === '')) continue; // blank lines are not rows
    const full = (last: string) => [get(r, 'firstName'), last].filter(Boolean).join(' ');
    const name = nameIsSurname ? full(get(r, 'name')) : get(r, 'name') || full(get(r, 'lastName'));
    const row: GuestImportRow = {
      rowNumber: r.rowNumber,
      status: 'rejected',
      name,
      guestId: null,
      matchedBy: null,
      changes: [],
      reason: null,
      warnings: [],
    };
    out.push(row);
    const reject = (reason: string) => void (row.reason = reason);
    if (blocking.length) {
      reject('the name column is not chosen');
      continue;
    }
    if (!name) {
      reject('no name: fill in the name, or the first and last name');
      continue;
    }
    // The same schema per field as an edit of it: an imported field can never hold what an edit would refuse.
    const fields: Partial<GuestFields> = {};
    const notes = col('notes') >= 0 ? cleanLines(r.cells[col('notes')] ?? '') : ''; // notes keep their line breaks
    const texts = {
      name,
      ref: get(r, 'ref'),
      email: get(r, 'email'),
      party: get(r, 'party'),
      department: get(r, 'department'),
      dietary: get(r, 'dietary'),
      accessibility: get(r, 'accessibility'),
      notes,
    };
    const refused = cleanFields(fields, texts);
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
    if (vip !== null && vipText !== '') fields.vip = vip;

    const keys = { ref: matchKey(fields.ref ?? ''), email: matchKey(email), name: matchKey(name) };
    const match = findGuest(index, keys, matchBy);
    if (match && 'ambiguous' in match) {
      reject(match.ambiguous);
      continue;
    }
    const found = match;
    // One person, one row: a second row for the same guest — or, for new guests, with the same number, the same
    // e-mail, or the same name and neither — is refused.
    const identities = found
      ? [found.guest.id]
      : [keys.ref && `guest number:${keys.ref}`, keys.email && `e-mail:${keys.email}`, !keys.ref && !keys.email && `name:${keys.name}`].filter(
          (x): x is string => Boolean(x),
        );
    const twin = identities.find((i) => claimed.has(i));
    if (twin !== undefined) {
      reject(
        found
          ? `same guest as row ${claimed.get(twin)} (matched by ${KEY_LABEL[found.by]})`
          : `same ${twin.slice(0, twin.indexOf(':'))} as row ${claimed.get(twin)}`,
      );
      continue;
    }
    for (const i of identities) claimed.set(i, r.rowNumber);

    const existing = found?.guest;
    const rowCommands: Command[] = [];
    if (existing) {
      row.guestId = existing.id;
      row.matchedBy = found.by;
      const changes: Partial<GuestFields> = {};
      for (const [f, v] of Object.entries(fields) as [keyof GuestFields, never][]) {
        // E-mail addresses differing only in case are the same address.
        if (existing[f] !== v && !(f === 'email' && matchKey(existing.email) === matchKey(String(v)))) {
          (changes as Record<string, unknown>)[f] = v;
          row.changes.push(changesText({ [f]: v }, { [f]: existing[f] }, state)); // in the forms' words, as History says it
        }
      }
      if (Object.keys(changes).length) rowCommands.push({ type: 'editGuest', guestId: existing.id, changes });
    } else {
      row.guestId = newId();
      rowCommands.push({ type: 'addGuest', guestId: row.guestId, ...fields, name: fields.name! });
    }
    // The person first: all of the row's guest commands apply, or the row is rejected with decide's reason.
    const trial = tryAll(work, rowCommands);
    if (!trial.ok) {
      reject(trial.message);
      continue;
    }
    // Then the seat: a table that is missing, full or locked leaves the person unseated (or where they are).
    const tableText = get(r, 'table');
    if (tableText) {
      const current = entity(work.guests, row.guestId)?.tableId ?? null;
      const target = tableFor(tableText);
      const stays = current ? `stays at table ${entity(work.tables, current)?.name ?? current}` : 'imported unseated';
      if ('why' in target) {
        row.warnings.push(`${target.why}: ${stays}`);
        notSeatedAsListed.add(row);
      } else if (current !== target.table.id) {
        const seat: Command = current
          ? { type: 'moveGuest', guestId: row.guestId, tableId: target.table.id }
          : { type: 'seatGuest', guestId: row.guestId, tableId: target.table.id };
        const seated = tryAll(work, [seat]);
        if (seated.ok) {
          rowCommands.push(seat);
          // VIP tables are the ones planned by hand (a table draw never touches them): a change there is pointed out.
          const from = current ? entity(work.tables, current) : undefined;
          const to = entity(work.tables, target.table.id);
          const isVip = entity(work.guests, row.guestId)?.vip === true;
          if (from?.vip) row.warnings.push(`takes them off VIP table ${from.name}`);
          if (to?.vip && !isVip) row.warnings.push(`seats them at VIP table ${to.name}, and they are not a VIP`);
          row.changes.push(
            existing
              ? `table ${current ? (entity(work.tables, current)?.name ?? current) : '(none)'} → ${target.table.name}`
              : `seated at table ${target.table.name}`,
          );
        } else {
          row.warnings.push(`${seated.message.replace(/\.$/, '')}: ${stays}`);
          notSeatedAsListed.add(row);
        }
      }
    }
    commands.push(...rowCommands);
    row.status = !existing ? 'new' : rowCommands.length ? 'updated' : 'unchanged';
  }
  const counts: GuestImportPlan['counts'] = {
    new: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    unseated: 0,
    newTables: newTables.create ? newTables.names.length : 0,
  };
  for (const r of out) {
    counts[r.status]++;
    if (notSeatedAsListed.has(r)) counts.unseated++;
  }
  // Tables are only created for rows that were imported; none when the mapping blocks.
  return { key: matchBy[0]!, matchBy, rows: out, counts, newTables, blocking, commands: blocking.length ? [] : [...tableCommands, ...commands] };
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
