import { describe, expect, it } from 'vitest';
import type { SeatingModel } from '@seatfold/domain';
import { guestsCsv, neutralise } from './exports.ts';
import { restoreNeutralised } from './spreadsheet/neutralise.ts';
import { parseCsv } from './spreadsheet.ts';

describe('neutralise (formula injection in exported cells)', () => {
  it('prefixes an apostrophe to cells a spreadsheet would run as a formula, ASCII or fullwidth', () => {
    for (const v of ['=1+1', '+1', '-1', '@SUM(A1)', '＝HYPERLINK("x")', '＋1', '－1', '＠SUM(A1)', '\t=1', '\r=1', '\tplain', '\rplain', ' =1', '\n=1', '\u3000＝1']) {
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
    guests: [guest({}), guest({ name: 'Jürgen Weiß', notes: 'Rollstuhl; Tisch am Gang', party: 'Weiß, Familie' }), guest({ name: '=HYPERLINK("x")', vip: true, notes: 'sagt "hallo"' })],
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
      expect(rows[3].cells[1]).toBe(`'=HYPERLINK("x")`);
      expect(rows[3].cells[7]).toBe('yes');
      expect(rows[3].cells[8]).toBe('sagt "hallo"');
    }
  });

  it('reads back, either flavour, as the same twelve columns per row', () => {
    const comma = parseCsv(guestsCsv(model, ',').slice(1)).map((r) => r.cells);
    const semi = parseCsv(guestsCsv(model, ';').slice(1)).map((r) => r.cells);
    expect(semi).toEqual(comma);
    expect(semi).toHaveLength(4);
    for (const r of semi) expect(r).toHaveLength(12);
    expect(semi[2][8]).toBe('Rollstuhl; Tisch am Gang');
  });

  it('defaults to commas', () => {
    expect(guestsCsv(model).split('\r\n')[0]).toBe('\uFEFFGuest number,Name,E-mail,Party,Department,Dietary needs,Accessibility needs,VIP,Notes,Table,Physical table,Room');
  });
});
