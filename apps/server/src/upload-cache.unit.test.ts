import { describe, expect, it } from 'vitest';
import type { ParsedFile } from './spreadsheet.ts';
import { pack, packedSize, rowsOf } from './spreadsheet/packed.ts';
import { UPLOAD_CACHE_LIMITS, UploadCache } from './upload-cache.ts';

/** A parsed CSV of `rows` rows of one `width`-character cell each, packed as the parse worker hands it over. */
const unpacked = (rows: number, width = 100): ParsedFile => ({
  kind: 'csv',
  sheets: [{ name: 'CSV', headers: ['Name'], rows: Array.from({ length: rows }, (_, i) => ({ rowNumber: i + 2, cells: ['x'.repeat(width)] })) }],
});
const parsed = (rows: number, width = 100) => pack(unpacked(rows, width)).file;
const estimateSize = packedSize;
const file = (planId: string, rows = 1_000) => ({ planId, fileName: 'g.csv', fileHash: 'h', bytes: 1, parsed: parsed(rows) });

describe('the upload cache', () => {
  it('holds parsed rows packed: their bytes counted, the rows, sample and headers as parsed when unpacked', () => {
    expect(estimateSize(parsed(1_000))).toBeGreaterThan(1_000 * 100);
    expect(estimateSize(parsed(2_000))).toBeGreaterThan(1.9 * estimateSize(parsed(1_000)));
    const rows = [
      { rowNumber: 2, cells: ['Zoë “Z” Ålund', '', 'a,b'] },
      { rowNumber: 5, cells: ['\u0000?', '😀', '"quoted"'] },
    ];
    const sheet = pack({ kind: 'xlsx', sheets: [{ name: 'Gäste', headers: ['Name', 'E-mail', 'Notes'], rows }] }).file.sheets[0]!;
    expect(sheet).toMatchObject({ name: 'Gäste', headers: ['Name', 'E-mail', 'Notes'], rowCount: 2, sample: rows.map((r) => r.cells) });
    expect(rowsOf(sheet)).toEqual(rows);
  });

  it("a plan's new upload evicts only that plan's own oldest uploads (count and bytes per plan)", () => {
    const one = estimateSize(parsed(1_000));
    const cache = new UploadCache({ ...UPLOAD_CACHE_LIMITS, planCount: 3, planBytes: 10 * one, totalBytes: 100 * one });
    const theirs = cache.put(file('B'));
    const mine = Array.from({ length: 6 }, () => cache.put(file('A')));
    expect(cache.get(theirs.id, 'B')).toBeDefined();
    expect(mine.map((u) => cache.get(u.id, 'A') !== undefined)).toEqual([false, false, false, true, true, true]);
    // bytes per plan: a big upload pushes out as many of the plan's own as it needs
    cache.put({ ...file('A'), parsed: parsed(8_500) });
    expect(mine.filter((u) => cache.get(u.id, 'A')).length).toBe(1);
    expect(cache.get(theirs.id, 'B')).toBeDefined();
  });

  it('refuses as busy (503, retryable) when the total is full of other plans’ live uploads, instead of evicting them', () => {
    const one = estimateSize(parsed(1_000));
    const cache = new UploadCache({ ...UPLOAD_CACHE_LIMITS, planCount: 5, planBytes: 10 * one, totalBytes: 3.5 * one, count: 100 });
    const others = ['B', 'C', 'D'].map((p) => cache.put(file(p)));
    let refused: unknown;
    try {
      cache.put(file('A'));
    } catch (err) {
      refused = err;
    }
    expect(refused).toMatchObject({ status: 503, retryAfterSec: expect.any(Number) });
    expect((refused as Error).message).toMatch(/try again in \d+ seconds/);
    expect(others.every((u) => cache.get(u.id, u.planId))).toBe(true);
    // the total count is bounded the same way
    const counted = new UploadCache({ ...UPLOAD_CACHE_LIMITS, count: 2 });
    counted.put(file('B', 1));
    counted.put(file('C', 1));
    expect(() => counted.put(file('A', 1))).toThrow(/holding many uploads/);
  });

  it('sweeps expired uploads, which frees room for everybody; a used upload lives on', () => {
    let now = 0;
    const one = estimateSize(parsed(1_000));
    const cache = new UploadCache({ ...UPLOAD_CACHE_LIMITS, totalBytes: 2.5 * one, ttlMs: 1_000 }, () => now);
    const b = cache.put(file('B'));
    const c = cache.put(file('C'));
    now = 900;
    expect(cache.get(b.id, 'B')).toBeDefined(); // B keeps its upload alive
    now = 1_500;
    const a = cache.put(file('A')); // C expired: room again
    expect(cache.get(c.id, 'C')).toBeUndefined();
    expect(cache.get(b.id, 'B')).toBeDefined();
    expect(cache.get(a.id, 'A')).toBeDefined();
    expect(cache.get(a.id, 'B')).toBeUndefined(); // never another plan's
    expect(cache.size.count).toBe(2);
  });
});
