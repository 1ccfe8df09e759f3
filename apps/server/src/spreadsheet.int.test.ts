import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, parseSpreadsheet, UPLOAD_LIMITS, UploadError } from './spreadsheet.ts';

// Fixtures were written by LibreOffice and Python (fixtures/make-fixtures.ts), not by exceljs, the reader under test.
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../fixtures', name));

async function refusal(data: Buffer, name: string): Promise<string> {
  const err = await parseSpreadsheet(data, name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UploadError);
  return (err as Error).message;
}

describe('parseSpreadsheet', () => {
  it('reads a LibreOffice .xlsx: every sheet, the header under a merged title row, text exactly as typed', async () => {
    const f = await parseSpreadsheet(fixture('guests-de.xlsx'), 'guests-de.xlsx');
    expect(f.kind).toBe('xlsx');
    expect(f.sheets.map((s) => s.name)).toEqual(['Gäste', 'Notizen']);
    const [g] = f.sheets;
    expect(g!.headers).toEqual(['Vorname', 'Nachname', 'E-Mail', 'Abteilung', 'Tisch', 'VIP']);
    expect(g!.rows[0]).toEqual({ rowNumber: 3, cells: ['  Zoë ', 'Ünal', 'zoe.unal@example.org', 'Vertrieb', '12', 'ja'] });
    expect(g!.rows[2]!.cells.slice(0, 2)).toEqual(['李', '雷']);
    expect(g!.rows[3]!.cells[4]).toBe('13'); // a real number cell reads as the same text as a number stored as text
    expect(g!.rows.map((r) => r.rowNumber)).toEqual([3, 4, 5, 6, 8, 9]); // the blank line is not a row
  });

  it('reads a semicolon CSV in Windows-1252 with quotes, as German Excel saves it', async () => {
    const f = await parseSpreadsheet(fixture('guests-win1252.csv'), 'guests.csv');
    expect(f.kind).toBe('csv');
    expect(f.sheets[0]!.headers).toEqual(['Name', 'E-Mail', 'Abteilung', 'Tisch']);
    expect(f.sheets[0]!.rows[0]!.cells[0]).toBe('Jürgen Groß');
    expect(f.sheets[0]!.rows[1]!.cells).toEqual(['Müller; Anna', 'anna.m@example.org', 'Vertrieb "Nord"', '12']);
  });

  it('an empty sheet gives no header and no rows', async () => {
    const f = await parseSpreadsheet(fixture('empty.xlsx'), 'empty.xlsx');
    expect(f.sheets[0]).toMatchObject({ headers: [], rows: [] });
  });

  it('refuses damaged, renamed, old-format, empty, oversized and zip-bomb files with a reason', async () => {
    expect(await refusal(fixture('corrupt.xlsx'), 'corrupt.xlsx')).toMatch(/damaged/);
    expect(await refusal(fixture('renamed.xlsx'), 'renamed.xlsx')).toMatch(/PDF/);
    expect(await refusal(fixture('guests-de.xls'), 'guests-de.xls')).toMatch(/old Excel \(\.xls\)/);
    expect(await refusal(fixture('zip-bomb.xlsx'), 'bomb.xlsx')).toMatch(/zip bomb/);
    expect(await refusal(Buffer.alloc(0), 'x.csv')).toMatch(/empty/);
    expect(await refusal(Buffer.alloc(UPLOAD_LIMITS.maxBytes + 1, 65), 'big.csv')).toMatch(/limited to 10 MB/);
    expect(await refusal(Buffer.from([1, 2, 0, 3, 4]), 'x.bin')).toMatch(/not text and not an Excel workbook/);
    expect(await refusal(Buffer.from('plain text pretending'), 'fake.xlsx')).toMatch(/not an Excel workbook/);
  });

  it('refuses more rows than an import takes, with the limit in the message', async () => {
    const csv = ['Name', ...Array.from({ length: UPLOAD_LIMITS.maxRows + 5 }, (_, i) => `Guest ${i}`)].join('\n');
    expect(await refusal(Buffer.from(csv), 'many.csv')).toMatch(/more than 20,000 rows/);
  });
});

describe('parseCsv', () => {
  it('handles CRLF, quoted newlines and doubled quotes, and numbers rows as the file does', () => {
    const rows = parseCsv('a,b\r\n"x\ny","say ""hi"""\r\nlast,row');
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['a', 'b'] },
      { rowNumber: 2, cells: ['x\ny', 'say "hi"'] },
      { rowNumber: 4, cells: ['last', 'row'] },
    ]);
  });
  it('says where an unclosed quote starts', () => {
    expect(() => parseCsv('a\n"open,b\nc')).toThrow(/line 2/);
  });
});
