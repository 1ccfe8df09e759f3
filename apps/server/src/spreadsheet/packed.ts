import type { SheetRow } from '@seatfold/domain';
import type { ParsedFile } from './limits.ts';

/**
 * A parsed file as it leaves the parse worker and waits in the upload cache (up to 30 minutes): each sheet's rows
 * packed into one buffer of JSON bytes, outside the JavaScript heap, and unpacked only while a preview or an apply
 * works on them. Handed over as objects, a 20,000-row sheet was ~100,000 strings and arrays built on the server's
 * main thread and kept there; every young-generation collection copied them until they were promoted, and a few
 * uploads in a row stalled every plan's commands for tens of milliseconds (the noisy-neighbour uploads abuse).
 * A buffer crosses from the worker without a copy and costs the collector nothing.
 */
export interface PackedSheet {
  name: string;
  headers: string[];
  rowCount: number;
  /** the first rows' cells, for the column mapping's examples */
  sample: string[][];
  /** JSON of [rowNumber, cells] per row */
  rows: Uint8Array;
}

export interface PackedFile {
  kind: ParsedFile['kind'];
  sheets: PackedSheet[];
  notice?: string;
}

const SAMPLE_ROWS = 3;
const encoder = new TextEncoder();

/** Packs a parsed file; `transfer` lists the buffers to hand to postMessage's transfer list. */
export function pack(parsed: ParsedFile): { file: PackedFile; transfer: ArrayBuffer[] } {
  const sheets = parsed.sheets.map((s): PackedSheet => ({
    name: s.name,
    headers: s.headers,
    rowCount: s.rows.length,
    sample: s.rows.slice(0, SAMPLE_ROWS).map((r) => r.cells),
    // a buffer of its own (Buffer.from may share a pooled one), so it can be transferred
    rows: encoder.encode(JSON.stringify(s.rows.map((r) => [r.rowNumber, r.cells]))),
  }));
  return {
    file: { kind: parsed.kind, sheets, ...(parsed.notice ? { notice: parsed.notice } : {}) },
    transfer: sheets.map((s) => s.rows.buffer as ArrayBuffer),
  };
}

/** A sheet's rows as objects again, for the one request that works on them. */
export function rowsOf(sheet: PackedSheet): SheetRow[] {
  const packed = JSON.parse(Buffer.from(sheet.rows.buffer, sheet.rows.byteOffset, sheet.rows.byteLength).toString('utf8')) as [number, string[]][];
  return packed.map(([rowNumber, cells]) => ({ rowNumber, cells }));
}

/** Bytes a packed file holds. */
export const packedSize = (file: PackedFile): number =>
  file.sheets.reduce((n, s) => n + 256 + s.rows.byteLength + 2 * (s.headers.join('').length + s.sample.flat().join('').length), 64);
