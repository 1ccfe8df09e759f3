import {
  cateringSummary,
  combinedNeedsText,
  mealLabel,
  otherNeedsText,
  type MealCounts,
  type SeatingModel,
  type SeatingTable,
} from '@seatfold/domain';
import { excel } from './excel.ts';
import { neutralise } from './spreadsheet/neutralise.ts';

/**
 * The seating plan as files: .xlsx (a sheet per room, tables not placed yet, all guests, and the caterer's meal
 * counts), .csv (all guests)
 * and seating.json (the same model, for the printable table lists and place cards in the web app).
 * CSV cells are neutralised against formula injection (spreadsheet/neutralise.ts); .xlsx text is written as string
 * cells, which no spreadsheet runs as a formula, so the workbook holds the plan's text exactly and re-imports as is.
 */
export { neutralise } from './spreadsheet/neutralise.ts';

const GUEST_HEADERS = [
  'Guest number',
  'Name',
  'E-mail',
  'Party',
  'Department',
  'Dietary needs',
  'Accessibility needs',
  'VIP',
  'Notes',
  'Table',
  'Physical table',
  'Room',
];
const guestCells = (g: SeatingModel['guests'][number]) => [
  g.ref,
  g.name,
  g.email,
  g.party,
  g.department,
  g.dietary,
  g.accessibility,
  g.vip ? 'yes' : '',
  g.notes,
  g.table,
  g.physical,
  g.room,
];
const TABLE_HEADERS = ['Physical table', 'Table', 'Seats', 'Seat', 'Guest', 'Department', 'Dietary needs', 'VIP', 'Notes'];

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], not empty, unique (case-insensitive). */
function sheetNamer() {
  const used = new Set<string>();
  return (wanted: string) => {
    const base =
      wanted
        .replace(/[:\\/?*[\]]/g, ' ')
        .replace(/^'+|'+$/g, '')
        .trim()
        .slice(0, 31) || 'Sheet';
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - ` (${n})`.length)} (${n})`;
    used.add(name.toLowerCase());
    return name;
  };
}

export async function seatingWorkbook(m: SeatingModel): Promise<Buffer> {
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Seatfold';
  wb.title = m.planName;
  const name = sheetNamer();
  const addSheet = (title: string, headers: string[], rows: (string | number)[][], widths: number[]) => {
    const ws = wb.addWorksheet(name(title), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = headers.map((h, i) => ({ header: h, width: widths[i] ?? 16 }));
    ws.getRow(1).font = { bold: true };
    for (const r of rows) ws.addRow(r); // strings are string cells (never formulas): no prefix, nothing added to the data
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  };
  const tableRows = (physical: string, t: SeatingTable | null): (string | number)[][] => {
    if (!t) return [[physical, '', '', '', '(free)', '', '', '', '']];
    const head = [physical, t.name + (t.vip ? ' (VIP)' : ''), `${t.guests.length}/${t.capacity}`];
    if (t.guests.length === 0) return [[...head, '', '(nobody seated)', '', '', '', '']];
    return t.guests.map((g, i) => [...head, i + 1, g.name, g.department, g.dietary, g.vip ? 'yes' : '', g.notes]);
  };
  const widths = [14, 14, 8, 6, 30, 22, 18, 6, 30];
  for (const room of m.rooms)
    addSheet(
      room.name,
      TABLE_HEADERS,
      room.physicalTables.flatMap((p) => tableRows(p.label, p.table)),
      widths,
    );
  if (m.unplacedTables.length)
    addSheet(
      'Not placed',
      TABLE_HEADERS,
      m.unplacedTables.flatMap((t) => tableRows('', t)),
      widths,
    );
  addSheet('All guests', GUEST_HEADERS, m.guests.map(guestCells), [30, 34, 22, 22, 18, 6, 30, 10, 14, 18]);
  const catering = cateringSheet(m);
  addSheet('Catering', catering.headers, catering.rows, [18, 14, 14, 8, 10]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The caterer's sheet: per seated table (print order), the guests not seated yet, and the total — guests, standard
 * meals, one column per dietary category anybody needs, the free-text needs as "2× no pork, 1× low salt", and the
 * guests with several needs by what they combine.
 */
export function cateringSheet(m: SeatingModel): { headers: string[]; rows: (string | number)[][] } {
  const c = cateringSummary(m);
  // A guest with several needs counts under each; the last column (when anybody has several) says which meals meet
  // them all at once, so the kitchen does not cook one per column.
  const several = c.total.combined.length > 0;
  const counts = (n: MealCounts) => [
    n.guests,
    n.standard,
    ...c.used.map((k) => n.categories[k]),
    otherNeedsText(n),
    ...(several ? [combinedNeedsText(n)] : []),
  ];
  const rows: (string | number)[][] = c.tables
    .filter((t) => t.counts.guests > 0)
    .map((t) => [t.room ?? '', t.physical ?? '', t.name, ...counts(t.counts)]);
  if (c.unseated.guests > 0) rows.push(['', '', 'Not seated yet', ...counts(c.unseated)]);
  rows.push(['Total', '', '', ...counts(c.total)]);
  const headers = ['Room', 'Physical table', 'Table', 'Guests', 'Standard', ...c.used.map(mealLabel), 'Other needs'];
  return { headers: several ? [...headers, 'Several needs (one meal each)'] : headers, rows };
}

/** The two CSV flavours: comma for most tools, semicolon for Excel in locales whose decimal separator is a comma. */
export type CsvSeparator = ',' | ';';

/** A CSV cell: neutralised, then quoted when it holds a quote, a line break or either separator. */
const csvCell = (v: string) => {
  const safe = neutralise(v);
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * All guests as CSV: UTF-8 with a BOM (so Excel reads the umlauts), CRLF. `;` gives the file German (and other
 * comma-decimal) Excel opens in columns; there is deliberately no `sep=` line, because Excel then ignores the BOM.
 */
export function guestsCsv(m: SeatingModel, separator: CsvSeparator = ','): string {
  return '\uFEFF' + [GUEST_HEADERS, ...m.guests.map(guestCells)].map((r) => r.map(csvCell).join(separator)).join('\r\n') + '\r\n';
}

/** `attachment` with an ASCII fallback name and the real one in RFC 5987 form. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
