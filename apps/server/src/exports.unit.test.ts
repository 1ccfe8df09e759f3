import { describe, expect, it } from 'vitest';
import type { SeatingModel } from '@seatfold/domain';
import ExcelJS from 'exceljs';
import { cateringSheet, guestsCsv, neutralise, seatingWorkbook } from './exports.ts';
import { restoreNeutralised } from './spreadsheet/neutralise.ts';
import { parseCsv } from './spreadsheet.ts';

describe('neutralise (formula injection in exported cells)', () => {
  it('prefixes an apostrophe to cells a spreadsheet would run as a formula, ASCII or fullwidth', () => {
    for (const v of [
      '=1+1',
      '+1',
      '-1',
      '@SUM(A1)',
      '＝HYPERLINK("x")',
      '＋1',
      '－1',
      '＠SUM(A1)',
      '\t=1',
      '\r=1',
      '\tplain',
      '\rplain',
      ' =1',
      '\n=1',
      '\u3000＝1',
    ]) {
      expect(neutralise(v), JSON.stringify(v)).toBe(`'${v}`);
    }
  });

  it('leaves ordinary text alone', () => {
    for (const v of ['Anna Müller', 'a=b', 'x-y', 'mail@example.org', '', '  spaced', "'quoted", 'Table 1 (VIP)', '５ seats']) {
      expect(neutralise(v), JSON.stringify(v)).toBe(v);
    }
  });
});

describe('restoreNeutralised (reading an exported CSV back)', () => {
  it('takes off exactly the apostrophe neutralise added, so every text round-trips', () => {
    for (const v of ['=1+1', "'=1+1", "''+x", '\t=1', ' =1', '＠SUM(A1)', "'quoted", "'", '', 'Anna Müller', "O'Brien", '-']) {
      expect(restoreNeutralised(neutralise(v)), JSON.stringify(v)).toBe(v);
    }
    expect(neutralise("'=1+1")).toBe("''=1+1");
    expect(restoreNeutralised("'quoted")).toBe("'quoted");
  });
});

describe('guestsCsv (the all-guests CSV, comma and semicolon flavours)', () => {
  const guest = (over: Partial<SeatingModel['guests'][number]>): SeatingModel['guests'][number] => ({
    name: 'Anna Müller',
    email: 'anna@example.org',
    party: '',
    department: 'Straße & Söhne',
    dietary: 'vegan',
    accessibility: '',
    ref: '',
    vip: false,
    notes: '',
    table: '5',
    physical: 'A-05',
    room: 'Großer Saal',
    ...over,
  });
  const model: SeatingModel = {
    planName: 'Sommerfest',
    version: 1,
    rooms: [],
    unplacedTables: [],
    guests: [
      guest({}),
      guest({ name: 'Jürgen Weiß', notes: 'Rollstuhl; Tisch am Gang', party: 'Weiß, Familie' }),
      guest({ name: '=HYPERLINK("x")', vip: true, notes: 'sagt "hallo"' }),
    ],
  };
  const bytes = (s: string) => Buffer.from(s, 'utf8');

  it('starts with a UTF-8 BOM and keeps umlauts intact as UTF-8, in both flavours', () => {
    for (const sep of [',', ';'] as const) {
      const buf = bytes(guestsCsv(model, sep));
      expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = buf.toString('utf8');
      for (const word of ['Anna Müller', 'Jürgen Weiß', 'Großer Saal', 'Straße & Söhne']) expect(text).toContain(word);
    }
  });

  it('separates the semicolon flavour by semicolons, quoting values that hold one, a comma or a quote', () => {
    const text = guestsCsv(model, ';').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('Guest number;Name;E-mail;Party;Department;Dietary needs;Accessibility needs;VIP;Notes;Table;Physical table;Room');
    expect(lines[1]).toBe(';Anna Müller;anna@example.org;;Straße & Söhne;vegan;;;;5;A-05;Großer Saal');
    expect(lines[2]).toBe(';Jürgen Weiß;anna@example.org;"Weiß, Familie";Straße & Söhne;vegan;;;"Rollstuhl; Tisch am Gang";5;A-05;Großer Saal');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('neutralises formula cells in the semicolon flavour as in the comma one', () => {
    for (const sep of [',', ';'] as const) {
      const rows = parseCsv(guestsCsv(model, sep).slice(1));
      expect(rows[3]!.cells[1]).toBe(`'=HYPERLINK("x")`);
      expect(rows[3]!.cells[7]).toBe('yes');
      expect(rows[3]!.cells[8]).toBe('sagt "hallo"');
    }
  });

  it('reads back, either flavour, as the same twelve columns per row', () => {
    const comma = parseCsv(guestsCsv(model, ',').slice(1)).map((r) => r.cells);
    const semi = parseCsv(guestsCsv(model, ';').slice(1)).map((r) => r.cells);
    expect(semi).toEqual(comma);
    expect(semi).toHaveLength(4);
    for (const r of semi) expect(r).toHaveLength(12);
    expect(semi[2]![8]).toBe('Rollstuhl; Tisch am Gang');
  });

  it('defaults to commas', () => {
    expect(guestsCsv(model).split('\r\n')[0]).toBe(
      '\uFEFFGuest number,Name,E-mail,Party,Department,Dietary needs,Accessibility needs,VIP,Notes,Table,Physical table,Room',
    );
  });
});

describe('the Catering sheet (meal counts per table and in total)', () => {
  const g = (name: string, dietary: string) => ({
    name,
    email: '',
    party: '',
    department: '',
    dietary,
    accessibility: '',
    ref: '',
    vip: false,
    notes: '',
  });
  const table = (id: string, name: string, physical: string | null, guests: ReturnType<typeof g>[]) => ({
    id,
    name,
    capacity: 8,
    vip: false,
    locked: false,
    physical,
    room: physical ? 'Hall' : null,
    guests,
  });
  const t1 = table('t1', '1', 'H-1', [g('Ann', 'vegan'), g('Ben', ''), g('Cem', 'Vegan, no pork')]);
  const t2 = table('t2', '=2', null, [g('Dora', 'halal')]);
  const model: SeatingModel = {
    planName: 'Gala',
    version: 1,
    rooms: [
      {
        name: 'Hall',
        physicalTables: [
          { label: 'H-1', capacity: 8, table: t1 },
          { label: 'H-2', capacity: 8, table: null },
        ],
      },
    ],
    unplacedTables: [t2, table('t3', '3', null, [])],
    guests: [
      ...t1.guests.map((x) => ({ ...x, table: '1', physical: 'H-1', room: 'Hall' })),
      ...t2.guests.map((x) => ({ ...x, table: '2', physical: '', room: '' })),
      { ...g('Eve', 'low salt'), table: '', physical: '', room: '' },
    ],
  };

  it('has a row per seated table, the unseated guests and the total, with a column per category anybody needs', () => {
    const { headers, rows } = cateringSheet(model);
    expect(headers).toEqual([
      'Room',
      'Physical table',
      'Table',
      'Guests',
      'Standard',
      'Vegan',
      'Halal',
      'Other needs',
      'Several needs (one meal each)',
    ]);
    expect(rows).toEqual([
      ['Hall', 'H-1', '1', 3, 1, 2, 0, '1× no pork', '1× Vegan + no pork'],
      ['', '', '=2', 1, 0, 0, 1, '', ''],
      ['', '', 'Not seated yet', 1, 0, 0, 0, '1× low salt', ''],
      ['Total', '', '', 5, 1, 2, 1, '1× low salt, 1× no pork', '1× Vegan + no pork'],
    ]);
    // Nobody with several needs: no such column.
    const single = { ...model, guests: model.guests.filter((x) => x.name !== 'Cem') };
    expect(cateringSheet(single).headers.at(-1)).toBe('Other needs');
  });

  it('is the last sheet of the workbook, numbers as numbers, formula-like text as a plain string cell', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await seatingWorkbook(model)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Hall', 'Not placed', 'All guests', 'Catering']);
    const ws = wb.getWorksheet('Catering')!;
    expect(ws.getRow(2).getCell(4).value).toBe(3);
    expect(ws.getRow(5).getCell(1).value).toBe('Total');
    expect(ws.getRow(5).getCell(6).value).toBe(2);
    // An .xlsx string cell is never a formula: the text is kept as typed (only the CSV adds an apostrophe).
    expect(ws.getRow(3).getCell(3).value).toBe('=2');
    expect(ws.getRow(3).getCell(3).type).toBe(ExcelJS.ValueType.String);
    ws.eachRow((r) => r.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
  });
});
