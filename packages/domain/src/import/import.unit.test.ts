import { describe, expect, it } from 'vitest';
import { decide } from '../decide.ts';
import { evolve } from '../evolve.ts';
import { initialState, type PlanState } from '../model.ts';
import type { Command } from '../commands.ts';
import { guessDrawColumns, planTableDraw } from './draw.ts';
import { guessGuestColumns, planGuestImport, type SheetRow } from './guests.ts';
import { knownHeaderCount } from './columns.ts';
import { tableKey } from './normalize.ts';
import { usualCapacity } from './tables.ts';
import { planOf } from '../testing/index.ts';

const plan = (commands: Command[]): PlanState => planOf(commands);
function apply(s: PlanState, commands: Command[]) {
  for (const c of commands) {
    const d = decide(s, c);
    if (!d.ok) throw new Error(`apply ${c.type}: ${d.error.message}`);
    for (const e of d.events) evolve(s, e);
  }
  return s;
}
const rows = (...cells: string[][]): SheetRow[] => cells.map((c, i) => ({ rowNumber: i + 2, cells: c }));
let n = 0;
const newId = () => `new-${++n}`;

/** The seed's event: 2 rooms, 4 physical tables, VIP table V placed by hand and locked, tables 1–3. */
const venue = (): PlanState =>
  plan([
    { type: 'createPlan', name: 'Party' },
    { type: 'addRoom', roomId: 'hall', name: 'Hall' },
    { type: 'addRoom', roomId: 'garden', name: 'Garden' },
    { type: 'addPhysicalTable', physicalTableId: 'h1', roomId: 'hall', label: 'H-1', capacity: 8 },
    { type: 'addPhysicalTable', physicalTableId: 'h2', roomId: 'hall', label: 'H-2', capacity: 8 },
    { type: 'addPhysicalTable', physicalTableId: 'g1', roomId: 'garden', label: 'G-1', capacity: 8 },
    { type: 'addPhysicalTable', physicalTableId: 'g2', roomId: 'garden', label: 'G-2', capacity: 2 },
    { type: 'addTable', tableId: 'v', name: 'VIP', capacity: 8, vip: true },
    { type: 'addTable', tableId: 't1', name: '1', capacity: 8 },
    { type: 'addTable', tableId: 't2', name: '2', capacity: 8 },
    { type: 'addTable', tableId: 't3', name: '3', capacity: 8 },
    { type: 'mapTable', tableId: 'v', physicalTableId: 'h1' },
    { type: 'lockTable', tableId: 'v' },
    { type: 'mapTable', tableId: 't1', physicalTableId: 'h2' },
    { type: 'addGuest', guestId: 'anna', name: 'Anna Müller', email: 'anna@firm.de', department: 'Sales' },
    { type: 'addGuest', guestId: 'ben', name: 'Ben Koch', email: 'ben@firm.de' },
    { type: 'seatGuest', guestId: 'ben', tableId: 't1' },
  ]);

describe('column guessing', () => {
  it('recognises "Diät" as the dietary needs', () => {
    expect(guessGuestColumns(['Name', 'Diät'])).toEqual(['name', 'dietary']);
  });

  it('recognises English and German headers, each meaning once', () => {
    expect(guessGuestColumns(['Vorname', 'Nachname', 'E-Mail', 'Abteilung', 'Tisch', 'VIP', 'Bemerkung', 'Whatever', 'email'])).toEqual([
      'firstName',
      'lastName',
      'email',
      'department',
      'table',
      'vip',
      'notes',
      null,
      null,
    ]);
    expect(guessGuestColumns([' Full Name ', 'E-mail address', 'Company', 'Dietary requirements'])).toEqual([
      'name',
      'email',
      'department',
      'dietary',
    ]);
    expect(guessDrawColumns(['Tisch', 'Raum', 'Gezogen'])).toEqual(['table', 'room', 'physical']);
  });
});

describe('guest import', () => {
  const cols = guessGuestColumns(['Vorname', 'Nachname', 'E-Mail', 'Abteilung', 'Tisch', 'VIP']);

  it('previews new, updated, unchanged and rejected rows with reasons, merging by e-mail', () => {
    const s = venue();
    const p = planGuestImport(
      s,
      rows(
        ['Anna', 'Müller', 'ANNA@firm.de ', 'Marketing', '', 'nein'], // updated: department; blank table keeps her seat state
        ['Ben', 'Koch', 'ben@firm.de', '', '1', ''], // unchanged: already at table 1, blanks erase nothing
        ['  Zoë  ', 'Ünal', 'zoe@firm.de', 'IT', 'Tisch 2', 'ja'], // new, seated at 2
        ['Carl', 'X', 'not-an-address', '', '', ''],
        ['Dora', 'Y', 'zoe@firm.de', '', '', ''], // duplicate key
        ['Emil', 'Z', 'emil@firm.de', '', '99', ''], // unknown table: imported unseated (creation declined)
        ['Fritz', 'Q', 'fritz@firm.de', '', '', 'vielleicht'],
        ['', '', '', '', '', ''], // blank line: skipped
      ),
      cols,
      newId,
      { newTables: { create: false } },
    );
    expect(p.key).toBe('email');
    expect(p.rows.map((r) => [r.rowNumber, r.status])).toEqual([
      [2, 'updated'],
      [3, 'unchanged'],
      [4, 'new'],
      [5, 'rejected'],
      [6, 'rejected'],
      [7, 'new'],
      [8, 'rejected'],
    ]);
    expect(p.rows[0]!.changes).toEqual(['department “Sales” → “Marketing”']);
    expect(p.rows[3]!.reason).toMatch(/not an e-mail address/);
    expect(p.rows[4]!.reason).toBe('same e-mail as row 4');
    expect(p.rows[5]!.warnings).toEqual(['table “99” does not exist: imported unseated']);
    // A new guest's seat is part of what the preview says will happen, as an updated guest's move is.
    expect(p.rows[2]!.changes).toEqual(['seated at table 2']);
    expect(p.rows[5]!.changes).toEqual([]);
    expect(p.rows[6]!.reason).toMatch(/neither yes nor no/);
    expect(p.counts).toEqual({ new: 2, updated: 1, unchanged: 1, rejected: 3, unseated: 1, newTables: 0 });
    const after = apply(s, p.commands);
    const zoe = Object.values(after.guests).find((g) => g.email === 'zoe@firm.de')!;
    expect(zoe).toMatchObject({ name: 'Zoë Ünal', vip: true, tableId: 't2', department: 'IT' });
    expect(after.guests.anna!.department).toBe('Marketing');
    expect(after.guests.ben!.tableId).toBe('t1');
  });

  it('importing the same file twice duplicates nothing: the second time every row is unchanged', () => {
    const s = venue();
    const file = rows(['Zoë', 'Ünal', 'zoe@firm.de', 'IT', '2', 'ja'], ['Ann', 'B', 'ann.b@firm.de', '', '', '']);
    apply(s, planGuestImport(s, file, cols, newId).commands);
    const again = planGuestImport(s, file, cols, newId);
    expect(again.counts).toMatchObject({ new: 0, unchanged: 2 });
    expect(again.commands).toEqual([]);
    expect(Object.keys(s.guests)).toHaveLength(4);
  });

  it('a row whose table is full or locked is imported unseated with a warning — never left out', () => {
    const s = venue();
    apply(s, [{ type: 'editTable', tableId: 't3', changes: { capacity: 1 } }]);
    const p = planGuestImport(
      s,
      rows(
        ['A', 'A', 'a@x.de', '', '3', ''],
        ['B', 'B', 'b@x.de', '', '3', ''],
        ['C', 'C', 'c@x.de', '', 'VIP', ''],
        ['Ben', 'Koch', 'ben@firm.de', '', '3', ''],
      ),
      cols,
      newId,
    );
    expect(p.rows.map((r) => r.status)).toEqual(['new', 'new', 'new', 'unchanged']);
    expect(p.rows[1]!.warnings[0]).toMatch(/full.*: imported unseated$/);
    expect(p.rows[2]!.warnings[0]).toMatch(/locked.*: imported unseated$/);
    expect(p.rows[3]!.warnings[0]).toMatch(/full.*: stays at table 1$/);
    expect(p.counts).toMatchObject({ new: 3, unseated: 3, rejected: 0 });
    apply(s, p.commands);
    const byEmail = (e: string) => Object.values(s.guests).find((g) => g.email === e);
    expect(byEmail('a@x.de')?.tableId).toBe('t3');
    expect(byEmail('b@x.de')).toMatchObject({ name: 'B B', tableId: null });
    expect(byEmail('c@x.de')).toMatchObject({ tableId: null });
    expect(s.guests.ben!.tableId).toBe('t1');
  });

  it('a change at an unlocked VIP table is pointed out: a guest who is not a VIP seated there, a guest taken off it', () => {
    const s = apply(venue(), [
      { type: 'unlockTable', tableId: 'v' },
      { type: 'editGuest', guestId: 'anna', changes: { vip: true } },
      { type: 'seatGuest', guestId: 'anna', tableId: 'v' },
    ]);
    const p = planGuestImport(s, rows(['Anna', 'Müller', 'anna@firm.de', '', '2', ''], ['Ben', 'Koch', 'ben@firm.de', '', 'VIP', '']), cols, newId);
    expect(p.rows[0]!.warnings).toEqual(['takes them off VIP table VIP']);
    expect(p.rows[1]!.warnings).toEqual(['seats them at VIP table VIP, and they are not a VIP']);
    expect(p.rows.map((r) => r.status)).toEqual(['updated', 'updated']); // pointed out, not refused
    expect(p.counts.unseated).toBe(0);
  });

  it('a row with no name says what to fill in', () => {
    const p = planGuestImport(venue(), rows(['', '', 'x@firm.de', '', '', '']), cols, newId);
    expect(p.rows[0]).toMatchObject({ status: 'rejected', reason: 'no name: fill in the name, or the first and last name' });
  });

  it('without a name column nothing can be applied', () => {
    const p = planGuestImport(venue(), rows(['x']), ['email'], newId);
    expect(p.blocking[0]).toMatch(/name/);
    expect(p.commands).toEqual([]);
  });
});

describe('tables named in a guest list', () => {
  it('"05", "T5", "Tisch 05", "Table 5" and "Nr. 5" all mean table 5; words keep their letters', () => {
    for (const v of ['5', '05', 'T5', 't 5', 'Tisch 05', 'Table 5', 'Nr. 5', '#5']) expect(tableKey(v)).toBe('5');
    expect(tableKey('Terrace')).toBe('terrace');
    expect(tableKey('Table VIP')).toBe('vip');
    expect(tableKey('T5a')).toBe('5a');
  });

  it('offers missing tables for creation, named like the plan’s others, and creates them before seating', () => {
    const s = venue(); // tables VIP, 1, 2, 3 (capacity 8)
    apply(s, [{ type: 'addTable', tableId: 't4', name: 'Table 4', capacity: 6 }]);
    const cols = guessGuestColumns(['Name', 'Tisch']);
    const file = rows(['A', '05'], ['B', 'T5'], ['C', 'Tisch 12'], ['D', '2'], ['E', 'Garden']);
    const p = planGuestImport(s, file, cols, newId);
    expect(p.newTables).toEqual({ names: ['5', '12', 'Garden'], capacity: 8, create: true });
    expect(p.counts).toMatchObject({ new: 5, newTables: 3, unseated: 0 });
    expect(p.commands.slice(0, 3).map((c) => c.type)).toEqual(['addTable', 'addTable', 'addTable']);
    apply(s, p.commands);
    const tableOf = (name: string) => s.tables[Object.values(s.guests).find((g) => g.name === name)!.tableId!];
    expect([tableOf('A')!.name, tableOf('B')!.name, tableOf('C')!.name, tableOf('D')!.name, tableOf('E')!.name]).toEqual([
      '5',
      '5',
      '12',
      '2',
      'Garden',
    ]);
    expect(tableOf('C')!.capacity).toBe(8);
    // with tables "T01", "T02" a file's 7 becomes "T07", at the seats the planner chose
    const t = plan([
      { type: 'createPlan', name: 'P' },
      { type: 'addTable', tableId: 'a', name: 'T01', capacity: 10 },
      { type: 'addTable', tableId: 'b', name: 'T02', capacity: 10 },
    ]);
    const q = planGuestImport(t, rows(['X', '7']), cols, newId, { newTables: { capacity: 12 } });
    expect(q.newTables.names).toEqual(['T07']);
    expect(q.commands[0]).toMatchObject({ type: 'addTable', name: 'T07', capacity: 12 });
    // declining creation imports the rows unseated and creates nothing
    const no = planGuestImport(t, rows(['X', '7']), cols, newId, { newTables: { create: false, capacity: 12 } });
    expect(no.commands.map((c) => c.type)).toEqual(['addGuest']);
    expect(no.rows[0]!.warnings).toEqual(['table “7” does not exist: imported unseated']);
    expect(no.newTables).toEqual({ names: ['T07'], capacity: 12, create: false }); // still offered
    expect(no.counts.newTables).toBe(0);
    expect(usualCapacity(initialState())).toBe(10);
  });
});

describe('guest numbers and names', () => {
  it('an id column ("Nr.", "Personalnummer", "ID") is the guest number; importing twice duplicates nobody', () => {
    expect(guessGuestColumns(['Nr.', 'Name', 'Vorname', 'Tisch'])).toEqual(['ref', 'lastName', 'firstName', 'table']);
    expect(guessGuestColumns(['Personalnummer'])).toEqual(['ref']);
    expect(guessGuestColumns(['ID', 'Full name'])).toEqual(['ref', 'name']);
    const s = venue();
    const cols = guessGuestColumns(['Personalnummer', 'Name', 'Vorname', 'Tisch']);
    const file = rows(['1001', 'Müller', 'Anna', '2'], ['1002', 'Neu', 'Nora', '7'], ['1003', 'Neu', 'Nora', '']);
    const first = planGuestImport(s, file, cols, newId);
    expect(first.matchBy).toEqual(['ref', 'name']);
    expect(first.rows.map((r) => [r.status, r.name, r.matchedBy])).toEqual([
      ['updated', 'Anna Müller', 'name'],
      ['new', 'Nora Neu', null],
      ['new', 'Nora Neu', null], // another Nora: her own number says so
    ]);
    expect(first.rows[0]!.changes).toEqual(['guest number (empty) → “1001”', 'table (none) → 2']);
    apply(s, first.commands);
    const again = planGuestImport(s, file, cols, newId);
    expect(again.rows.map((r) => [r.status, r.matchedBy])).toEqual([
      ['unchanged', 'ref'],
      ['unchanged', 'ref'],
      ['unchanged', 'ref'],
    ]);
    expect(again.commands).toEqual([]);
    expect(Object.values(s.guests)).toHaveLength(4);
    // a renamed guest is still found by number; the same number twice in a file is refused
    const renamed = planGuestImport(s, rows(['1002', 'Neu-Berg', 'Nora', ''], ['1002', 'X', 'Y', '']), cols, newId);
    expect(renamed.rows.map((r) => r.status)).toEqual(['updated', 'rejected']);
    expect(renamed.rows[1]!.reason).toBe('same guest as row 2 (matched by guest number)');
    const twins = planGuestImport(s, rows(['2001', 'A', 'B', ''], ['2001', 'C', 'D', '']), cols, newId);
    expect(twins.rows[1]!.reason).toBe('same guest number as row 2');
    const mails = planGuestImport(s, rows(['X', 'x@y.de'], ['Y', 'X@Y.de']), guessGuestColumns(['Name', 'E-mail']), newId);
    expect(mails.rows.map((r) => r.reason)).toEqual([null, 'same e-mail as row 2']);
  });

  it('a "Name" column mapped by hand beside "Vorname" is the surname', () => {
    const p = planGuestImport(venue(), rows(['Müller', 'Anna']), ['name', 'firstName'], newId);
    expect(p.rows[0]).toMatchObject({ name: 'Anna Müller', status: 'unchanged', matchedBy: 'name' });
  });

  it('never merges a row into a guest whose own e-mail says it is somebody else', () => {
    const s = venue();
    const p = planGuestImport(s, rows(['Anna Müller', 'other@firm.de']), guessGuestColumns(['Name', 'E-Mail']), newId);
    expect(p.rows[0]).toMatchObject({ status: 'new', matchedBy: null });
  });

  it('never picks one of two guests of the same name (or e-mail) the row cannot tell apart: it says which they are', () => {
    const s = apply(venue(), [
      { type: 'addGuest', guestId: 'd1', name: 'David Schröder', email: 'd.schroeder@research.example', department: 'Research' },
      { type: 'addGuest', guestId: 'd2', name: 'David Schroder', email: 'david.s@sales.example', department: 'Sales' },
      { type: 'addGuest', guestId: 'kim', name: 'Kim Lee', email: 'lees@home.example' },
      { type: 'addGuest', guestId: 'sam', name: 'Sam Lee', email: 'lees@home.example' },
    ]);
    const byName = planGuestImport(s, rows(['David Schröder', '2']), guessGuestColumns(['Name', 'Tisch']), newId);
    expect(byName.rows[0]).toMatchObject({ status: 'rejected', guestId: null });
    expect(byName.rows[0]!.reason).toBe(
      '2 guests have this name (David Schröder (d.schroeder@research.example); David Schroder (david.s@sales.example)): add an e-mail or guest number to the row to tell which one it is',
    );
    expect(byName.commands).toEqual([]);
    // the e-mail tells them apart
    const byEmail = planGuestImport(s, rows(['David Schröder', 'david.s@sales.example', '2']), guessGuestColumns(['Name', 'E-Mail', 'Tisch']), newId);
    expect(byEmail.rows[0]).toMatchObject({ status: 'updated', guestId: 'd2', matchedBy: 'email' });
    // one e-mail for two people: the name tells which; neither name is ambiguous
    const couple = planGuestImport(
      s,
      rows(['Sam Lee', 'lees@home.example', 'x'], ['Jo Lee', 'lees@home.example', '']),
      guessGuestColumns(['Name', 'E-Mail', 'VIP']),
      newId,
    );
    expect(couple.rows[0]).toMatchObject({ status: 'updated', guestId: 'sam', matchedBy: 'email' });
    expect(couple.rows[1]!.reason).toMatch(/^2 guests have this e-mail \(Kim Lee; Sam Lee\): add a guest number to the row/);
  });

  it('recognises header rows by their words', () => {
    expect(knownHeaderCount(['Name', 'Vorname', 'Tisch', 'bitte bis Freitag zurück'])).toBe(3);
    expect(knownHeaderCount(['Müller', 'Anna', '5', 'kommt später'])).toBe(0);
  });
});

describe('table draw (the seed incident)', () => {
  const cols = guessDrawColumns(['Table', 'Drawn', 'Room']);

  it('never touches VIP or locked tables — listed blank, listed elsewhere or omitted — and says so', () => {
    const s = venue();
    const p = planTableDraw(s, rows(['VIP', '', ''], ['1', 'G-1', 'Garden'], ['2', 'H-2', 'Hall'], ['3', '', '']), cols);
    expect(p.blocking).toEqual([]);
    expect(p.keptVipOrLocked).toEqual([{ tableId: 'v', name: 'VIP', why: 'VIP, locked' }]);
    expect(p.rows.map((r) => r.status)).toEqual(['kept', 'place', 'place', 'blank']);
    apply(s, p.commands);
    expect(s.tables.v!.physicalTableId).toBe('h1');
    expect(s.tables.t1!.physicalTableId).toBe('g1');
    expect(s.tables.t2!.physicalTableId).toBe('h2');
    expect(s.tables.t3!.physicalTableId).toBeNull();

    const other = planTableDraw(s, rows(['VIP', 'G-2', 'Garden']), cols);
    expect(other.rows[0]).toMatchObject({ status: 'kept' });
    expect(other.commands).toEqual([]);
    const omitted = planTableDraw(s, rows(['3', 'G-2', '']), cols);
    expect(omitted.keptVipOrLocked[0]!.why).toBe('VIP, locked, not in the file');
  });

  it('blocks on unknown tables, double draws, a taken physical table and refusals, until excluded', () => {
    const s = venue();
    const file = rows(['1', 'G-1', ''], ['2', 'G-1', ''], ['7', 'H-2', ''], ['3', 'H-1', ''], ['2', 'X-9', ''], ['3', 'G-2', 'Hall']);
    const p = planTableDraw(s, file, cols);
    expect(p.commands).toEqual([]);
    expect(p.rows.map((r) => [r.rowNumber, r.status, r.note])).toEqual([
      [2, 'place', 'G-1 (Garden)'],
      [3, 'error', 'physical table G-1 is drawn twice (also in row 2)'],
      [4, 'error', 'table “7” does not exist'],
      [5, 'error', 'H-1 holds VIP, locked table VIP, which a draw never moves'],
      [6, 'error', 'table 2 is listed again (first in row 3)'],
      [7, 'error', 'table 3 is listed again (first in row 5)'],
    ]);
    expect(p.blocking.at(-1)).toMatch(/5 rows with errors/);
    const ok = planTableDraw(s, file, cols, new Set([3, 4, 5, 6, 7]));
    expect(ok.blocking).toEqual([]);
    expect(ok.commands).toEqual([
      { type: 'unmapTable', tableId: 't1' },
      { type: 'mapTable', tableId: 't1', physicalTableId: 'g1' },
    ]);
  });

  it('swaps two tables in one draw, and refuses a physical table too small for the guests', () => {
    const s = venue();
    apply(s, [{ type: 'mapTable', tableId: 't2', physicalTableId: 'g1' }]);
    const swap = planTableDraw(s, rows(['1', 'G-1', ''], ['2', 'H-2', '']), cols);
    expect(swap.blocking).toEqual([]);
    apply(s, swap.commands);
    expect([s.tables.t1!.physicalTableId, s.tables.t2!.physicalTableId]).toEqual(['g1', 'h2']);
    apply(s, [
      { type: 'addGuest', guestId: 'c', name: 'C' },
      { type: 'addGuest', guestId: 'd', name: 'D' },
      { type: 'seatGuest', guestId: 'c', tableId: 't1' },
      { type: 'seatGuest', guestId: 'd', tableId: 't1' },
    ]);
    const small = planTableDraw(s, rows(['1', 'G-2', '']), cols);
    expect(small.rows[0]!.status).toBe('error');
    expect(small.rows[0]!.note).toMatch(/seats only 2/);
  });
});
