import { describe, expect, it } from 'vitest';
import { decide } from '../decide.ts';
import { evolve } from '../evolve.ts';
import { initialState, type PlanState } from '../model.ts';
import type { Command } from '../commands.ts';
import { guessDrawColumns, planTableDraw } from './draw.ts';
import { guessGuestColumns, planGuestImport, type SheetRow } from './guests.ts';

function plan(commands: Command[]): PlanState {
  const s = initialState();
  for (const c of commands) {
    const d = decide(s, c);
    if (!d.ok) throw new Error(`${c.type}: ${d.error.message}`);
    for (const e of d.events) evolve(s, e);
  }
  return s;
}
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
    expect(guessGuestColumns([' Full Name ', 'E-mail address', 'Company', 'Dietary requirements'])).toEqual(['name', 'email', 'department', 'dietary']);
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
        ['Emil', 'Z', 'emil@firm.de', '', '99', ''], // unknown table
        ['Fritz', 'Q', 'fritz@firm.de', '', '', 'vielleicht'],
        ['', '', '', '', '', ''], // blank line: skipped
      ),
      cols,
      newId,
    );
    expect(p.key).toBe('email');
    expect(p.rows.map((r) => [r.rowNumber, r.status])).toEqual([
      [2, 'updated'],
      [3, 'unchanged'],
      [4, 'new'],
      [5, 'rejected'],
      [6, 'rejected'],
      [7, 'rejected'],
      [8, 'rejected'],
    ]);
    expect(p.rows[0].changes).toEqual(['department: Sales → Marketing']);
    expect(p.rows[3].reason).toMatch(/not an e-mail address/);
    expect(p.rows[4].reason).toBe('same e-mail as row 4');
    expect(p.rows[5].reason).toMatch(/table “99” does not exist/);
    expect(p.rows[6].reason).toMatch(/neither yes nor no/);
    expect(p.counts).toEqual({ new: 1, updated: 1, unchanged: 1, rejected: 4 });
    const after = apply(s, p.commands);
    const zoe = Object.values(after.guests).find((g) => g.email === 'zoe@firm.de')!;
    expect(zoe).toMatchObject({ name: 'Zoë Ünal', vip: true, tableId: 't2', department: 'IT' });
    expect(after.guests.anna.department).toBe('Marketing');
    expect(after.guests.ben.tableId).toBe('t1');
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

  it('a row that would overfill a table is rejected with the reason; the others still apply', () => {
    const s = venue();
    apply(s, [{ type: 'editTable', tableId: 't3', changes: { capacity: 1 } }]);
    const p = planGuestImport(s, rows(['A', 'A', 'a@x.de', '', '3', ''], ['B', 'B', 'b@x.de', '', '3', '']), cols, newId);
    expect(p.rows.map((r) => r.status)).toEqual(['new', 'rejected']);
    expect(p.rows[1].reason).toMatch(/full/);
    apply(s, p.commands);
    expect(Object.values(s.guests).filter((g) => g.email === 'b@x.de')).toHaveLength(0);
  });

  it('without a name column nothing can be applied', () => {
    const p = planGuestImport(venue(), rows(['x']), ['email'], newId);
    expect(p.blocking[0]).toMatch(/name/);
    expect(p.commands).toEqual([]);
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
    expect(s.tables.v.physicalTableId).toBe('h1');
    expect(s.tables.t1.physicalTableId).toBe('g1');
    expect(s.tables.t2.physicalTableId).toBe('h2');
    expect(s.tables.t3.physicalTableId).toBeNull();

    const other = planTableDraw(s, rows(['VIP', 'G-2', 'Garden']), cols);
    expect(other.rows[0]).toMatchObject({ status: 'kept' });
    expect(other.commands).toEqual([]);
    const omitted = planTableDraw(s, rows(['3', 'G-2', '']), cols);
    expect(omitted.keptVipOrLocked[0].why).toBe('VIP, locked, not in the file');
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
    expect([s.tables.t1.physicalTableId, s.tables.t2.physicalTableId]).toEqual(['g1', 'h2']);
    apply(s, [
      { type: 'addGuest', guestId: 'c', name: 'C' },
      { type: 'addGuest', guestId: 'd', name: 'D' },
      { type: 'seatGuest', guestId: 'c', tableId: 't1' },
      { type: 'seatGuest', guestId: 'd', tableId: 't1' },
    ]);
    const small = planTableDraw(s, rows(['1', 'G-2', '']), cols);
    expect(small.rows[0].status).toBe('error');
    expect(small.rows[0].note).toMatch(/seats only 2/);
  });
});
