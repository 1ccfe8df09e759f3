import { readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseSpreadsheet, UPLOAD_LIMITS, UploadError } from '../spreadsheet.ts';
import { forgeSizes, lyingBomb, noise, workbook } from '../upload-fixtures.ts';
import { unzipCapped } from './unzip.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../../fixtures', name));

async function refusal(data: Uint8Array, name = 'book.xlsx', logs: string[] = []): Promise<string> {
  const err = await parseSpreadsheet(data, name, (m) => logs.push(m)).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UploadError);
  return (err as Error).message;
}

describe('unpacking an .xlsx under a running cap', () => {
  it('refuses a zip bomb whose headers lie about its size (declares 1 kB, inflates to 30 MB)', async () => {
    const bomb = lyingBomb(30 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(await refusal(bomb)).toMatch(/more than 16 MB .*zip bomb/);
    // by the ratio: 100 times the file's size, once that is above the floor
    const limits = { ...UPLOAD_LIMITS, ratioFloor: 0 };
    expect(() => unzipCapped(bomb, limits)).toThrow(new RegExp(`more than ${Math.round((bomb.length * 100) / 1024 / 1024)} MB .*zip bomb`));
  });

  it('refuses a bomb under the ratio: a heavy file whose parts unpack beyond the absolute cap', async () => {
    // 200 kB of noise keeps the ratio honest-looking (< 100); the zeros alone pass the cap (8 MB here, 64 MB in use).
    const limits = { ...UPLOAD_LIMITS, maxUncompressed: 8 * 1024 * 1024 };
    const file = workbook(2, 2, { extra: { 'xl/media/noise.bin': noise(200 * 1024), 'xl/media/zeros.bin': new Uint8Array(9 * 1024 * 1024) } });
    expect((9 * 1024 * 1024) / file.length).toBeLessThan(UPLOAD_LIMITS.maxRatio);
    expect(() => unzipCapped(forgeSizes(file, 'xl/media/zeros.bin', 10), limits)).toThrow(/more than 8 MB .*zip bomb/);
  });

  it('counts every inflated byte even when many directory entries point at the same data (overlapping entries)', () => {
    const one = zipSync({ 'a.bin': new Uint8Array(300_000) });
    // Repeat the single central directory record 50 times: 50 entries, one payload.
    const view = new DataView(one.buffer);
    const eocd = one.length - 22;
    const cdAt = view.getUint32(eocd + 16, true);
    const record = one.subarray(cdAt, eocd);
    const out = new Uint8Array(cdAt + record.length * 50 + 22);
    out.set(one.subarray(0, cdAt));
    for (let i = 0; i < 50; i++) out.set(record, cdAt + i * record.length);
    out.set(one.subarray(eocd), cdAt + record.length * 50);
    const v = new DataView(out.buffer);
    v.setUint16(out.length - 22 + 8, 50, true);
    v.setUint16(out.length - 22 + 10, 50, true);
    v.setUint32(out.length - 22 + 12, record.length * 50, true);
    expect(() => unzipCapped(out, { ...UPLOAD_LIMITS, maxUncompressed: 10 * 1024 * 1024 })).toThrow(/zip bomb/);
    expect(unzipCapped(out, { ...UPLOAD_LIMITS, maxUncompressed: 20 * 1024 * 1024 }).get('a.bin')?.length).toBe(300_000);
  });

  it('counts cells while inflating, across chunk boundaries, and refuses a workbook of a million cells early', async () => {
    const book = workbook(101, 40); // 4,040 cells over many 32 kB inflate chunks
    expect(() => unzipCapped(book, { ...UPLOAD_LIMITS, maxCells: 4_039 })).toThrow(/more than 4,039 cells/);
    expect(unzipCapped(book, { ...UPLOAD_LIMITS, maxCells: 4_040 }).size).toBe(6);
    // rows are counted per sheet the same way: 20,001 empty rows are refused before exceljs builds them
    const rows = Array.from({ length: 20_002 }, (_, i) => `<row r="${i + 1}"/>`).join('');
    expect(() => unzipCapped(zipSync({ 'xl/worksheets/sheet1.xml': new TextEncoder().encode(`<sheetData>${rows}</sheetData>`) }))).toThrow(
      /more than 20,000 rows/,
    );
    const million = workbook(50_000, 20, { sameRows: true });
    expect(million.length).toBeLessThan(UPLOAD_LIMITS.maxBytes);
    // by its cells, counted while unpacking, before its 50,000 rows
    expect(await refusal(million)).toMatch(/more than 400,000 cells .*split it/);
  });

  it('a workbook whose sizes were forged but which is otherwise sound is read correctly (no library size check reaches anyone)', async () => {
    const sound = workbook(4, 3);
    const forged = forgeSizes(forgeSizes(sound, 'xl/worksheets/sheet1.xml', 7), 'xl/workbook.xml', 3);
    const f = await parseSpreadsheet(forged, 'forged.xlsx');
    expect(f.sheets[0]!.headers).toEqual(['Name', 'Column 2', 'Column 3']);
    expect(f.sheets[0]!.rows.map((r) => r.cells[0])).toEqual(['g2-0', 'g3-0', 'g4-0']);
    const de = await parseSpreadsheet(forgeSizes(fixture('guests-de.xlsx'), 'xl/worksheets/sheet1.xml', 100), 'de.xlsx');
    expect(de.sheets[0]!.rows[0]!.cells[0]).toBe('  Zoë ');
  });

  it('bounds the text read, not only the bytes unpacked: one long shared string in every cell is refused', async () => {
    const book = workbook(10_000, 10, { sharedText: 'x'.repeat(5_000) }); // 500 million characters from a 270 kB file
    expect(book.length).toBeLessThan(300_000);
    expect(await refusal(book)).toMatch(/holds 500 million characters of text; at most 20 million .*split it/);
    // thousands of millions read with a separator ("30000 million" was hard to read)
    const huge = workbook(2_000, 1, { sharedText: 'y'.repeat(1_500_000) });
    expect(await refusal(huge)).toMatch(/holds 2,999 million characters of text/);
  });

  it('turns every library failure into a fixed, actionable message; the details go to the log only', async () => {
    const logs: string[] = [];
    // a sound zip that is no workbook, and a workbook whose deflate data is garbage
    const notABook = zipSync({ 'hello.txt': new TextEncoder().encode('hi') });
    const broken = workbook(3, 3);
    broken.fill(0x55, 200, 400);
    for (const data of [notABook, broken]) {
      const message = await refusal(data, 'book.xlsx', logs);
      expect(message).toMatch(/^The workbook (could not be read|is damaged|has no sheets)/);
      expect(message).toMatch(/save it again/i);
      expect(message).not.toMatch(/Bug|mismatch|undefined|TypeError|Cannot read|invalid|Error/);
    }
    expect(logs.join('\n')).toMatch(/book\.xlsx/);
  });
});
