import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { tooManyRows, UPLOAD_LIMITS, UploadError, type RawRow, type Sheet } from './limits.ts';
import { toSheet } from './sheet.ts';
import { unzipCapped } from './unzip.ts';

/**
 * Unpacks under the caps (unzip.ts), then hands exceljs an honest copy: the same parts stored uncompressed with
 * their true sizes, so the library never inflates anything itself and never sees a forged header.
 */
export async function readXlsx(data: Uint8Array): Promise<Sheet[]> {
  const parts = unzipCapped(data);
  const honest = zipSync(Object.fromEntries(parts), { level: 0 });
  parts.clear();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(honest.buffer);
  const sheets: Sheet[] = [];
  wb.eachSheet((ws) => {
    if (ws.rowCount > UPLOAD_LIMITS.maxRows + 1) throw tooManyRows();
    const raw: RawRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = cellText(cell);
      });
      raw.push({ rowNumber, cells: Array.from(cells, (c) => c ?? '') });
    });
    sheets.push(toSheet(ws.name, raw));
  });
  if (sheets.length === 0)
    throw new UploadError('The workbook has no sheets (it may be damaged). Open it in Excel, save it again as .xlsx and retry.');
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
    if ('result' in v) return valueText(v.result ?? '');
    if ('error' in v) return '';
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any other cell object: its own text is all there is to show
  return String(v);
}
