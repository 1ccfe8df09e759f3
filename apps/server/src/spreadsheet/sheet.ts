import { knownHeaderCount } from '@seatfold/domain';
import { tooManyRows, UPLOAD_LIMITS, UploadError, type RawRow, type Sheet } from './limits.ts';

/**
 * The header is the top row with the most column names Seatfold knows ("Name", "Vorname", "Tisch"…), then with the
 * most distinct labels (text that is neither a number nor an e-mail address) — so a merged title row above it
 * ("Guest list 2026") is skipped, and a note typed to the right of a data row does not make that row the header.
 * Header cells are named uniquely ("Name (2)", "Column C").
 */
export function toSheet(name: string, raw: RawRow[]): Sheet {
  const nonEmpty = raw.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (nonEmpty.length > UPLOAD_LIMITS.maxRows + 1) throw tooManyRows();
  const labels = (r: { cells: string[] }) =>
    new Set(r.cells.map((c) => c.trim()).filter((c) => c && !/^[\d\s.,:/-]+$/.test(c) && !c.includes('@'))).size;
  const score = (r: { cells: string[] }) => knownHeaderCount(r.cells) * 1000 + labels(r);
  let at = 0;
  for (let i = 1; i < Math.min(10, nonEmpty.length); i++) if (score(nonEmpty[i]!) > score(nonEmpty[at]!)) at = i;
  const header = nonEmpty[at];
  const rows = nonEmpty.slice(at + 1);
  if (!header) return { name, headers: [], rows: [] };
  const width = rows.reduce((w, r) => Math.max(w, r.cells.length), header.cells.length);
  if (width > UPLOAD_LIMITS.maxColumns)
    throw new UploadError(`The sheet “${name}” has ${width} columns; at most ${UPLOAD_LIMITS.maxColumns} are supported.`);
  const seen = new Map<string, number>();
  const headers = Array.from({ length: width }, (_, i) => {
    const h = (header.cells[i] ?? '').replace(/\s+/g, ' ').trim() || `Column ${columnLetter(i)}`;
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return n === 1 ? h : `${h} (${n})`;
  });
  return { name, headers, rows: rows.map((r) => ({ rowNumber: r.rowNumber, cells: Array.from({ length: width }, (_, i) => r.cells[i] ?? '') })) };
}

function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
