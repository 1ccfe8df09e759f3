import { excel } from './excel.ts';
import { contentDisposition } from './exports.ts';

/**
 * Template files for the import page: a guest list and a table draw, as .xlsx and .csv, with the headers the
 * import recognises and two example rows (GET /api/templates/<file>). docs/imports.md lists the accepted columns.
 */
export const TEMPLATES = {
  'guest-list': {
    sheet: 'Guests',
    headers: [
      'Guest number',
      'First name',
      'Last name',
      'E-mail',
      'Party',
      'Department',
      'Dietary needs',
      'Accessibility needs',
      'VIP',
      'Notes',
      'Table',
    ],
    rows: [
      ['1001', 'Anna', 'Müller', 'anna.mueller@example.org', 'Müller family', 'Sales', 'vegetarian', '', 'no', '', '5'],
      ['1002', 'Ben', 'Koch', 'ben.koch@example.org', '', 'IT', '', 'wheelchair space', 'yes', 'gives the toast', '1'],
    ],
  },
  'table-draw': {
    sheet: 'Draw',
    headers: ['Table', 'Physical table', 'Room'],
    rows: [
      ['1', 'A-01', 'Ballroom'],
      ['2', 'B-04', 'Garden'],
    ],
  },
} as const;

export type TemplateName = keyof typeof TEMPLATES;
export const TEMPLATE_FILES = /^(guest-list|table-draw)\.(xlsx|csv)$/;

const csvCell = (v: string) => (/[",\r\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The template as a download; `file` is e.g. "guest-list.xlsx" (checked by the route's pattern). */
export async function templateResponse(file: string): Promise<Response> {
  const [, name, ext] = TEMPLATE_FILES.exec(file)!;
  const t = TEMPLATES[name as TemplateName];
  let body: Buffer;
  if (ext === 'xlsx') {
    const ExcelJS = await excel();
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Seatfold';
    const ws = wb.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = t.headers.map((h) => ({ header: h, width: Math.max(12, h.length + 4) }));
    ws.getRow(1).font = { bold: true };
    for (const r of t.rows) ws.addRow([...r]);
    body = Buffer.from(await wb.xlsx.writeBuffer());
  } else {
    body = Buffer.from('\uFEFF' + [t.headers, ...t.rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n', 'utf8');
  }
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': ext === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
      'content-disposition': contentDisposition(`Seatfold ${name === 'guest-list' ? 'guest list' : 'table draw'} template.${ext}`),
      'content-length': String(body.length),
      'cache-control': 'public, max-age=3600',
    },
  });
}
