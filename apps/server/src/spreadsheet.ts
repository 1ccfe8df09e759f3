import type { SheetRow } from '@seatfold/domain';
import ExcelJS from 'exceljs';

/** A problem with an uploaded file, worded for the planner who uploaded it. */
export class UploadError extends Error {
  override readonly name = 'UploadError';
}

export interface Sheet {
  name: string;
  headers: string[];
  rows: SheetRow[];
}

export interface ParsedFile {
  kind: 'xlsx' | 'csv';
  sheets: Sheet[];
}

export const UPLOAD_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  maxRows: 20_000,
  maxColumns: 200,
  /** an .xlsx is a zip: refuse one that would inflate beyond this, or by more than maxRatio (a zip bomb) */
  maxUncompressed: 200 * 1024 * 1024,
  maxRatio: 200,
};

const mb = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} kB` : `${Math.round(n / 1024 / 1024)} MB`);

/** Reads an .xlsx or .csv upload into sheets of text cells. Every failure is an UploadError the user can act on. */
export async function parseSpreadsheet(data: Buffer, fileName: string): Promise<ParsedFile> {
  if (data.length === 0) throw new UploadError('The file is empty.');
  if (data.length > UPLOAD_LIMITS.maxBytes) throw new UploadError(`The file is ${mb(data.length)}; uploads are limited to ${mb(UPLOAD_LIMITS.maxBytes)}.`);
  const head = data.subarray(0, 8);
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return { kind: 'xlsx', sheets: await readXlsx(data) };
  if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw new UploadError('This is an old Excel (.xls) file. Save it as .xlsx (Excel Workbook) or .csv and upload that.');
  }
  if (head.subarray(0, 4).toString('latin1') === '%PDF') throw new UploadError('This is a PDF, not a spreadsheet. Upload an .xlsx or .csv file.');
  if (/\.xlsx$/i.test(fileName)) throw new UploadError('The file is named .xlsx but is not an Excel workbook (it may be damaged or renamed).');
  const text = decodeText(data);
  if (text === null) throw new UploadError('This file is neither an Excel workbook (.xlsx) nor a text (.csv) file.');
  return { kind: 'csv', sheets: [toSheet('CSV', parseCsv(text))] };
}

/** UTF-8 (with or without BOM), else Windows-1252 as Excel writes "CSV" on many machines; null for binary data. */
function decodeText(data: Buffer): string | null {
  if (data.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(data);
  }
}

/** RFC 4180 CSV with the delimiter (comma, semicolon or tab) detected from the first line. */
export function parseCsv(text: string): { rowNumber: number; cells: string[] }[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  const rows: { rowNumber: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ rowNumber: rowStart, cells });
      cells = [];
      cell = '';
      rowStart = ++line;
    } else cell += c;
    if (rows.length > UPLOAD_LIMITS.maxRows + 1) throw tooManyRows();
  }
  if (quoted) throw new UploadError(`A quoted cell starting on line ${rowStart} is never closed.`);
  if (cell !== '' || cells.length > 0) rows.push({ rowNumber: rowStart, cells: [...cells, cell] });
  return rows;
}

const tooManyRows = () => new UploadError(`The sheet has more than ${UPLOAD_LIMITS.maxRows.toLocaleString('en')} rows. Split it into smaller files.`);

/**
 * The header is the first of the top rows with the most distinct values — so a merged title row above it
 * ("Guest list 2026" spread over all columns) is skipped. Header cells are named uniquely ("Name (2)", "Column C").
 */
function toSheet(name: string, raw: { rowNumber: number; cells: string[] }[]): Sheet {
  const nonEmpty = raw.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (nonEmpty.length > UPLOAD_LIMITS.maxRows + 1) throw tooManyRows();
  const distinct = (r: { cells: string[] }) => new Set(r.cells.map((c) => c.trim()).filter(Boolean)).size;
  let at = 0;
  for (let i = 1; i < Math.min(10, nonEmpty.length); i++) if (distinct(nonEmpty[i]) > distinct(nonEmpty[at])) at = i;
  const header = nonEmpty[at];
  const rows = nonEmpty.slice(at + 1);
  if (!header) return { name, headers: [], rows: [] };
  const width = Math.max(header.cells.length, ...rows.map((r) => r.cells.length));
  if (width > UPLOAD_LIMITS.maxColumns) throw new UploadError(`The sheet “${name}” has ${width} columns; at most ${UPLOAD_LIMITS.maxColumns} are supported.`);
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

async function readXlsx(data: Buffer): Promise<Sheet[]> {
  checkZip(data);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    throw new UploadError(`The workbook could not be read (${(err as Error).message.slice(0, 120)}). Open it in Excel, save it again as .xlsx and retry.`);
  }
  const sheets: Sheet[] = [];
  wb.eachSheet((ws) => {
    if (ws.rowCount > UPLOAD_LIMITS.maxRows + 1) throw tooManyRows();
    const raw: { rowNumber: number; cells: string[] }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = cellText(cell);
      });
      raw.push({ rowNumber, cells: Array.from(cells, (c) => c ?? '') });
    });
    sheets.push(toSheet(ws.name, raw));
  });
  if (sheets.length === 0) throw new UploadError('The workbook has no sheets.');
  return sheets;
}

/** A cell as the planner sees it: numbers without float noise, dates as YYYY-MM-DD, formulas by their result. */
function cellText(cell: ExcelJS.Cell): string {
  // A merged cell shows its master's value in Excel; only the master keeps it in the file.
  const v = cell.isMerged && cell.master !== cell ? cell.master.value : cell.value;
  return valueText(v);
}

function valueText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(12)));
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text; // hyperlink
    if ('result' in v) return valueText((v.result ?? '') as ExcelJS.CellValue);
    if ('error' in v) return '';
  }
  return String(v);
}

/** Reads the zip's central directory and refuses archives that would inflate to far more than they weigh. */
function checkZip(data: Buffer) {
  const eocd = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > data.length) throw new UploadError('The workbook is damaged (its zip directory is missing). Save it again as .xlsx.');
  const entries = data.readUInt16LE(eocd + 10);
  let offset = data.readUInt32LE(eocd + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== 0x02014b50) throw new UploadError('The workbook is damaged (bad zip directory). Save it again as .xlsx.');
    total += data.readUInt32LE(offset + 24);
    offset += 46 + data.readUInt16LE(offset + 28) + data.readUInt16LE(offset + 30) + data.readUInt16LE(offset + 32);
  }
  if (total > UPLOAD_LIMITS.maxUncompressed || total > data.length * UPLOAD_LIMITS.maxRatio) {
    throw new UploadError(`The workbook would unpack to ${mb(total)} from ${mb(data.length)}: refused as unsafe (a “zip bomb”).`);
  }
}
