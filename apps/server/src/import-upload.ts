import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { cleanFileName, guessDrawColumns, guessGuestColumns } from '@seatfold/domain';
import type { PlanRecord } from '@seatfold/store';
import { readCapped, sizeText } from './http/body.ts';
import { HttpError } from './http/errors.ts';
import { parsePool } from './parse-pool.ts';
// limits.ts, not spreadsheet.ts: the parsers (and exceljs) run in the parse workers, never in the main thread.
import { UPLOAD_LIMITS, UploadError } from './spreadsheet/limits.ts';
import type { PackedFile, PackedSheet } from './spreadsheet/packed.ts';
import { UPLOAD_TTL_MS, type UploadCache } from './upload-cache.ts';

/** Receiving an uploaded spreadsheet (POST uploads): size and type checks, parsing, and what the column mapping needs. */

/** A file Seatfold refuses is a 422 the planner can act on; a busy parser or a full cache is a retryable 503. */
export function uploadRefusal(err: unknown): never {
  if (!(err instanceof UploadError)) throw err;
  if (err.status !== 503) throw new HttpError(422, err.message);
  const retryAfterSec = err.retryAfterSec ?? 10;
  throw new HttpError(503, err.message, false, { code: 'ServerBusy', retryAfterMs: retryAfterSec * 1000 }, { 'retry-after': String(retryAfterSec) });
}

const ACCEPTED = /\.(xlsx|xlsm|csv|tsv|txt|xls)$/i;

export async function receiveUpload(req: IncomingMessage, url: URL, plan: PlanRecord, cache: UploadCache, log: (msg: string) => void) {
  // whatever was sent, a name that can be stored and shown (a NUL, half an emoji or a control character becomes "_")
  const fileName = cleanFileName(url.searchParams.get('name') ?? '') || 'upload';
  if (/multipart\/form-data/i.test(req.headers['content-type'] ?? '')) {
    throw new HttpError(415, 'Send the file itself as the request body (content-type: application/octet-stream), not as a form.');
  }
  if (!ACCEPTED.test(fileName) && fileName !== 'upload') {
    const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
    const hint = ext === 'ods' || ext === 'numbers' ? ' Save it as .xlsx (Excel workbook) and upload that.' : '';
    throw new HttpError(415, `“${fileName}” is not a spreadsheet Seatfold can read: upload an .xlsx or .csv file.${hint}`);
  }
  const max = UPLOAD_LIMITS.maxBytes;
  const tooLarge = (size: string) => `The file is ${size}; uploads are limited to ${sizeText(max)}. Remove unused sheets or columns, or split it.`;
  const data = await readCapped(req, max, tooLarge);
  const parsed: PackedFile = await parsePool().parse(data, fileName, log, plan.id);
  if (parsed.sheets.every((s) => s.rowCount === 0)) {
    throw new HttpError(
      422,
      parsed.sheets.length > 1
        ? 'Every sheet of this workbook is empty: there is nothing to import. Fill one with a header row, then a row each, save and upload it again.'
        : 'The sheet is empty: there is nothing to import. Fill it with a header row, then a row each, save and upload it again.',
    );
  }
  const upload = cache.put({ planId: plan.id, fileName, fileHash: createHash('sha256').update(data).digest('hex'), bytes: data.length, parsed });
  return {
    uploadId: upload.id,
    fileName,
    fileHash: upload.fileHash,
    bytes: upload.bytes,
    kind: parsed.kind,
    expiresInMs: UPLOAD_TTL_MS,
    sheets: parsed.sheets.map(describeSheet),
    suggestedSheet: suggestedSheet(parsed.sheets),
    /** how the file was read, when the planner should know (a CSV in two encodings); null otherwise */
    notice: parsed.notice ?? null,
  };
}

/** The sheet most of whose columns Seatfold recognises (the export's "All guests" rather than a room's sheet). */
function suggestedSheet(sheets: PackedSheet[]): string {
  const known = (s: PackedSheet) =>
    s.rowCount === 0 ? -1 : Math.max(...[guessGuestColumns(s.headers), guessDrawColumns(s.headers)].map((cs) => cs.filter(Boolean).length));
  return sheets.reduce((best, s) => (known(s) > known(best!) ? s : best), sheets[0])!.name;
}

function describeSheet(s: PackedSheet) {
  const guests = guessGuestColumns(s.headers);
  const draw = guessDrawColumns(s.headers);
  const looksLikeDraw =
    draw.includes('table') &&
    draw.includes('physical') &&
    !guests.some((c) => c === 'name' || c === 'firstName' || c === 'lastName' || c === 'email');
  return {
    name: s.name,
    headers: s.headers,
    rowCount: s.rowCount,
    /** a few rows, so the column mapping can show what each column holds */
    sample: s.sample,
    guess: { guests, draw },
    suggestedKind: looksLikeDraw ? 'draw' : 'guests',
  };
}
