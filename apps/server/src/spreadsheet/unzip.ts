import { Inflate } from 'fflate';
import { mb, tooManyCells, tooManyRows, UPLOAD_LIMITS, UploadError } from './limits.ts';

/**
 * Unpacks an .xlsx (a zip) without trusting a single size it declares. Entries are found through the central
 * directory, and each entry's compressed bytes are inflated in small slices by fflate's streaming Inflate while a
 * running total is kept: the moment the output passes the byte cap or the ratio to the file's size, unpacking
 * stops. A slice of 8 kB inflates to at most ~8 MB (DEFLATE's ratio is ≤ 1032), so the overshoot is bounded.
 * Cells (`<c …>` elements) and rows are counted in the XML as it streams by, so a huge sheet is refused before
 * any parser sees it.
 */
export function unzipCapped(data: Uint8Array, limits = UPLOAD_LIMITS): Map<string, Uint8Array> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const u32 = (at: number) => view.getUint32(at, true);
  const u16 = (at: number) => view.getUint16(at, true);
  const eocd = lastIndexOf(data, [0x50, 0x4b, 0x05, 0x06]);
  if (eocd < 0 || eocd + 22 > data.length) throw damaged('its zip directory is missing');
  const count = u16(eocd + 10);
  if (count > limits.maxZipEntries) throw damaged('it holds too many parts');
  const budget = Math.min(limits.maxUncompressed, Math.max(limits.ratioFloor, data.length * limits.maxRatio));
  const cells = new CellCounter(limits);
  const entries = new Map<string, Uint8Array>();
  let total = 0;
  let at = u32(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || u32(at) !== 0x02014b50) throw damaged('bad zip directory');
    const method = u16(at + 10);
    const compressedSize = u32(at + 20);
    const nameLength = u16(at + 28);
    const local = u32(at + 42);
    const name = new TextDecoder().decode(data.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + u16(at + 30) + u16(at + 32);
    if (local + 30 > data.length || u32(local) !== 0x04034b50) throw damaged('bad zip entry');
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    const end = start + compressedSize;
    if (end > data.length) throw damaged('a part is cut off');
    if (name.endsWith('/')) continue;
    const countCells = /\.xml$/i.test(name) && !/sharedStrings\.xml$/i.test(name);
    const chunks: Uint8Array[] = [];
    const take = (chunk: Uint8Array) => {
      total += chunk.length;
      if (total > budget) throw bomb(data.length, budget);
      if (countCells) cells.add(chunk);
      chunks.push(chunk);
    };
    if (method === 0) take(data.subarray(start, end));
    else if (method === 8) {
      const inflate = new Inflate((chunk) => take(chunk));
      const SLICE = 8 * 1024;
      for (let p = start; p < end; p += SLICE) inflate.push(data.subarray(p, Math.min(end, p + SLICE)), p + SLICE >= end);
      if (start === end) inflate.push(new Uint8Array(0), true);
    } else throw damaged(`a part uses compression method ${method}`);
    if (countCells) cells.end();
    entries.set(name, concat(chunks));
  }
  return entries;
}

/**
 * Counts `<c …>` cells (in the whole workbook) and `<row …>` rows (per part) as the XML streams by, with or
 * without a namespace prefix, across chunk boundaries (the last few characters wait for the next chunk).
 */
class CellCounter {
  private tail = '';
  private cells = 0;
  private rows = 0;
  private static readonly TAG = /<(?:[A-Za-z][\w.-]{0,15}:)?(c|row)[\s/>]/g;
  private static readonly KEEP = 24;
  constructor(private readonly limits: { maxCells: number; maxRows: number }) {}
  add(chunk: Uint8Array, final = false) {
    const text = this.tail + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    // A tag starting before `cut` is complete in `text`; one starting after it is counted with the next chunk.
    const cut = final ? text.length : Math.max(0, text.length - CellCounter.KEEP);
    CellCounter.TAG.lastIndex = 0;
    for (let m = CellCounter.TAG.exec(text); m && m.index < cut; m = CellCounter.TAG.exec(text)) {
      if (m[1] === 'c' && ++this.cells > this.limits.maxCells) throw tooManyCells(this.limits.maxCells);
      if (m[1] === 'row' && ++this.rows > this.limits.maxRows + 1) throw tooManyRows();
    }
    this.tail = final ? '' : text.slice(cut);
  }
  /** the end of a part: its last tags are counted, and the next part's rows start from zero */
  end() {
    this.add(new Uint8Array(0), true);
    this.rows = 0;
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) out.set(c, (o += c.length) - c.length);
  return out;
}

function lastIndexOf(data: Uint8Array, sig: number[]): number {
  for (let i = data.length - sig.length; i >= Math.max(0, data.length - 65_557); i--) if (sig.every((b, k) => data[i + k] === b)) return i;
  return -1;
}

const damaged = (why: string) => new UploadError(`The workbook is damaged (${why}). Open it in Excel, save it again as .xlsx and retry.`);
const bomb = (size: number, budget: number) =>
  new UploadError(
    `The workbook unpacks to more than ${mb(budget)} from ${mb(size)}: refused as unsafe (a “zip bomb”). Save it again as .xlsx, or as .csv.`,
  );
