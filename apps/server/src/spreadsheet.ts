import { parseCsv } from './spreadsheet/csv.ts';
import { decodeText } from './spreadsheet/decode.ts';
import { restoreNeutralised } from './spreadsheet/neutralise.ts';
import { mb, UPLOAD_LIMITS, UploadError, type ParsedFile } from './spreadsheet/limits.ts';
import { toSheet } from './spreadsheet/sheet.ts';
import { readXlsx } from './spreadsheet/xlsx.ts';

export { parseCsv } from './spreadsheet/csv.ts';
export { busy, UPLOAD_LIMITS, UploadError, type ParsedFile, type Sheet } from './spreadsheet/limits.ts';

const NOT_TEXT =
  'This file is not text and not an Excel workbook (it may be another kind of file, renamed). Save the list as .xlsx or .csv and upload that.';
const UNREADABLE_XLSX = 'The workbook could not be read. Open it in Excel, save it again as .xlsx (or as .csv) and upload that.';

/**
 * Reads an .xlsx or .csv upload into sheets of text cells. Every failure is an UploadError the planner can act
 * on; an unexpected error (a library's) becomes a fixed message, its details go to `log` only. Runs in a parse
 * worker (parse-worker.ts), never on the server's main thread.
 */
export async function parseSpreadsheet(data: Uint8Array, fileName: string, log: (msg: string) => void = () => {}): Promise<ParsedFile> {
  try {
    return checkText(await parse(data, fileName));
  } catch (err) {
    if (err instanceof UploadError) throw err;
    log(`reading upload “${fileName}” (${data.length} bytes) failed: ${(err as Error)?.stack ?? String(err)}`);
    throw new UploadError(UNREADABLE_XLSX);
  }
}

async function parse(data: Uint8Array, fileName: string): Promise<ParsedFile> {
  if (data.length === 0)
    throw new UploadError('The file is empty. Save the list from Excel as .xlsx or .csv (a header row, then a row each) and upload that.');
  if (data.length > UPLOAD_LIMITS.maxBytes)
    throw new UploadError(`The file is ${mb(data.length)}; uploads are limited to ${mb(UPLOAD_LIMITS.maxBytes)}.`);
  const starts = (...bytes: number[]) => bytes.every((b, i) => data[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return { kind: 'xlsx', sheets: await readXlsx(data) };
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    throw new UploadError('This is an old Excel (.xls) file. Save it as .xlsx (Excel Workbook) or .csv and upload that.');
  }
  if (starts(0x25, 0x50, 0x44, 0x46)) throw new UploadError('This is a PDF, not a spreadsheet. Upload an .xlsx or .csv file.');
  if (/\.xlsx$/i.test(fileName)) throw new UploadError('The file is named .xlsx but is not an Excel workbook (it may be damaged or renamed).');
  const decoded = decodeText(data);
  if (decoded === null) throw new UploadError(NOT_TEXT);
  // A CSV from Seatfold's export carries an apostrophe before formula-like text; the import reads the text back.
  const rows = parseCsv(decoded.text).map((r) => ({ rowNumber: r.rowNumber, cells: r.cells.map(restoreNeutralised) }));
  const notice = mixedNotice(rows, decoded.mixedLines);
  return { kind: 'csv', sheets: [toSheet('CSV', rows)], ...(notice ? { notice } : {}) };
}

/** What a planner is told of a file read in two encodings (decodeText's mixedLines): which rows to check. */
function mixedNotice(rows: readonly { rowNumber: number }[], mixedLines: readonly number[]): string | null {
  if (mixedLines.length === 0) return null;
  // a row spans the lines from its first to the next row's first (a quoted cell may hold line breaks)
  const marked = new Set<number>();
  let r = 0;
  for (const line of mixedLines) {
    while (r + 1 < rows.length && rows[r + 1]!.rowNumber <= line) r++;
    if (rows[r] && rows[r]!.rowNumber <= line) marked.add(rows[r]!.rowNumber);
  }
  const list = [...marked];
  if (list.length === 0) return null;
  const shown = list.slice(0, 8).map((n) => n.toLocaleString('en'));
  const named =
    list.length === 1
      ? `row ${shown[0]} was`
      : `${list.length.toLocaleString('en')} rows (${shown.join(', ')}${list.length > shown.length ? ', …' : ''}) were`;
  return `This file mixes two text encodings: ${named} read as Windows-1252 (Excel’s “CSV”), the others as UTF-8. Check the names and accents in those rows below. Saving the whole list again as “CSV UTF-8” or .xlsx avoids this.`;
}

/** The text a parsed file holds is bounded too (it is copied to the server's thread and kept for the preview). */
function checkText(parsed: ParsedFile): ParsedFile {
  let chars = 0;
  for (const s of parsed.sheets) for (const r of s.rows) for (const c of r.cells) chars += c.length;
  if (chars > UPLOAD_LIMITS.maxTextChars) {
    throw new UploadError(
      `The file holds ${Math.round(chars / 1e6).toLocaleString('en')} million characters of text; at most ${UPLOAD_LIMITS.maxTextChars / 1e6} million can be imported. Remove unused columns or long notes, or split it into smaller files.`,
    );
  }
  return parsed;
}
