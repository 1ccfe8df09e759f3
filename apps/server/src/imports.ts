import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  GUEST_COLUMNS,
  guessDrawColumns,
  guessGuestColumns,
  planGuestImport,
  planTableDraw,
  type DrawColumn,
  type DrawPlan,
  type GuestColumn,
  type GuestImportPlan,
  type PlanState,
} from '@seatfold/domain';
import type { PlanRecord } from '@seatfold/store';
import type { Actor, CommandReply } from '@seatfold/sync';
import { actorOf } from './auth/access.ts';
import { planAccess } from './http/plan-access.ts';
import type { SyncHub } from '@seatfold/sync/server';
import { jsonBody } from './http/body.ts';
import type { HttpDeps, HttpEnv } from './http/env.ts';
import { HttpError, jsonReply } from './http/errors.ts';
import { parsePool } from './parse-pool.ts';
// limits.ts, not spreadsheet.ts: the parsers (and exceljs) run in the parse workers, never in the main thread.
import { UPLOAD_LIMITS, UploadError, type ParsedFile, type Sheet } from './spreadsheet/limits.ts';
import { UPLOAD_TTL_MS, UploadCache, type Upload } from './upload-cache.ts';
import { exportResponse } from './exports.ts';

/**
 * Spreadsheet imports over HTTP, under /api/plans/<token>/…:
 *   POST uploads?name=<file name>      raw body (the file) → the sheets, their headers and guessed columns
 *   POST uploads/<id>/preview          { kind, sheet, columns, exclude? } → exactly what applying would do
 *   POST uploads/<id>/apply            same body (+ expect: the preview's counts) → one atomic batch
 * plus the exports (exports.ts). Every route is authenticated by the session cookie and authorised for the plan
 * (auth/access.ts): uploads and applies need the organise capability, exports any access; the batch's actor is the
 * session's person.
 */

export { UPLOAD_TTL_MS } from './upload-cache.ts';

const caches = new WeakMap<SyncHub, UploadCache>();
const cacheOf = (hub: SyncHub) => caches.get(hub) ?? caches.set(hub, new UploadCache()).get(hub)!;

const TOKEN = '{[A-Za-z0-9_-]{1,200}}';

/** The body of preview and apply; what depends on the upload (sheet names, column count) is checked in parseImportRequest. */
const ImportBody = z.looseObject(
  {
    kind: z.enum(['guests', 'draw'], { error: 'kind must be "guests" (a guest list) or "draw" (a table draw).' }),
    sheet: z.string({ error: 'sheet must be the name of one of the file’s sheets.' }).optional(),
    columns: z.array(z.string().nullable(), { error: 'columns must be a list with one field name (or null) per column.' }).optional(),
    exclude: z.array(z.int(), { error: 'exclude must be a list of row numbers.' }).optional(),
    expect: z.unknown().optional(),
    batchId: z.string().optional(),
    newTables: z
      .object(
        {
          create: z.boolean({ error: 'newTables.create must be true or false.' }),
          capacity: z
            .int({ error: 'newTables.capacity must be a whole number of seats.' })
            .min(1, 'New tables need at least 1 seat.')
            .max(500, 'New tables have at most 500 seats.'),
        },
        { error: 'newTables must be { create, capacity }.' },
      )
      .optional(),
  },
  { error: 'Send { kind, sheet, columns }.' },
);

/** The routes under /api/plans/<token>/…: uploads (organisers), preview/apply, and the exports (anybody with a link). */
export function planFileRoutes(d: HttpDeps) {
  const cache = cacheOf(d.hub);
  const organiser = async (c: Context<HttpEnv>) => {
    const a = await planAccess(d.gate, c);
    if (a.role !== 'organise')
      throw new HttpError(
        403,
        'You can review this plan (a review link or a reviewer’s access): export it, but not import into it. Ask the plan’s owner for organiser access.',
      );
    return a;
  };
  return new Hono<HttpEnv>()
    .get(`/api/plans/:token${TOKEN}/:file{export\\.xlsx|export\\.csv|export-excel\\.csv|seating\\.json}`, async (c) => {
      const a = await planAccess(d.gate, c);
      return exportResponse(c.req.param('file'), a.plan, await d.hub.room(a.plan.id));
    })
    .post(`/api/plans/:token${TOKEN}/uploads`, async (c) => {
      const { plan } = await organiser(c);
      // The file is read straight from the Node request (streamed, with a running size cap).
      return jsonReply(c, 201, await receiveUpload(c.env.incoming, new URL(c.req.url), plan, cache, d.log).catch(uploadRefusal));
    })
    .post(
      `/api/plans/:token${TOKEN}/uploads/:uploadId{[0-9a-f-]{36}}/:step{preview|apply}`,
      async (c, next) => void (await organiser(c), await next()),
      jsonBody(ImportBody),
      async (c) => {
        // Asked again after the body arrived: a member revoked while uploading applies nothing.
        const plan = await organiser(c);
        const upload = cache.get(c.req.param('uploadId'), plan.plan.id);
        if (!upload) throw new HttpError(404, 'This upload has expired or belongs to another plan. Upload the file again.');
        const request = parseImportRequest(c.req.valid('json'), upload);
        const room = await d.hub.room(plan.plan.id);
        if (c.req.param('step') === 'preview') return jsonReply(c, 200, await room.read((state) => previewOf(state, upload, request)));
        const reply = await applyImport(d.hub, plan.plan.id, actorOf(plan.person), upload, request);
        if (reply.status === 'accepted') {
          const batch = (await d.store.listBatches(plan.plan.id, { limit: 20 })).find((b) => b.batchId === request.batchId);
          return jsonReply(c, 200, { ok: true, version: reply.version, batch: batch ?? null });
        }
        return jsonReply(c, reply.error.code === 'PreviewOutdated' ? 409 : 422, { error: reply.error.message, code: reply.error.code });
      },
    );
}

/** A file Seatfold refuses is a 422 the planner can act on; a busy parser or a full cache is a retryable 503. */
function uploadRefusal(err: unknown): never {
  if (!(err instanceof UploadError)) throw err;
  if (err.status !== 503) throw new HttpError(422, err.message);
  const retryAfterSec = err.retryAfterSec ?? 10;
  throw new HttpError(503, err.message, false, { code: 'ServerBusy', retryAfterMs: retryAfterSec * 1000 }, { 'retry-after': String(retryAfterSec) });
}

const ACCEPTED = /\.(xlsx|xlsm|csv|tsv|txt|xls)$/i;
const kb = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} kB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

async function receiveUpload(req: IncomingMessage, url: URL, plan: PlanRecord, cache: UploadCache, log: (msg: string) => void) {
  const fileName = (url.searchParams.get('name') ?? '').trim().slice(0, 255) || 'upload';
  if (/multipart\/form-data/i.test(req.headers['content-type'] ?? '')) {
    throw new HttpError(415, 'Send the file itself as the request body (content-type: application/octet-stream), not as a form.');
  }
  if (!ACCEPTED.test(fileName) && fileName !== 'upload') {
    const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
    const hint = ext === 'ods' || ext === 'numbers' ? ' Save it as .xlsx (Excel workbook) and upload that.' : '';
    throw new HttpError(415, `“${fileName}” is not a spreadsheet Seatfold can read: upload an .xlsx or .csv file.${hint}`);
  }
  const max = UPLOAD_LIMITS.maxBytes;
  const tooLarge = (size: string) => `The file is ${size}; uploads are limited to ${kb(max)}. Remove unused sheets or columns, or split it.`;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) throw new HttpError(413, tooLarge(kb(declared)));
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new HttpError(413, tooLarge(`over ${kb(max)}`), true);
    chunks.push(chunk as Buffer);
  }
  const data = Buffer.concat(chunks);
  const parsed: ParsedFile = await parsePool().parse(data, fileName, log);
  if (parsed.sheets.every((s) => s.rows.length === 0)) {
    throw new HttpError(
      422,
      parsed.sheets.length > 1
        ? 'Every sheet of this workbook is empty: there is nothing to import.'
        : 'The sheet is empty: there is nothing to import.',
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
  };
}

/** The sheet most of whose columns Seatfold recognises (the export's "All guests" rather than a room's sheet). */
function suggestedSheet(sheets: Sheet[]): string {
  const known = (s: Sheet) =>
    s.rows.length === 0 ? -1 : Math.max(...[guessGuestColumns(s.headers), guessDrawColumns(s.headers)].map((cs) => cs.filter(Boolean).length));
  return sheets.reduce((best, s) => (known(s) > known(best!) ? s : best), sheets[0])!.name;
}

function describeSheet(s: Sheet) {
  const guests = guessGuestColumns(s.headers);
  const draw = guessDrawColumns(s.headers);
  const looksLikeDraw =
    draw.includes('table') &&
    draw.includes('physical') &&
    !guests.some((c) => c === 'name' || c === 'firstName' || c === 'lastName' || c === 'email');
  return {
    name: s.name,
    headers: s.headers,
    rowCount: s.rows.length,
    /** a few rows, so the column mapping can show what each column holds */
    sample: s.rows.slice(0, 3).map((r) => r.cells),
    guess: { guests, draw },
    suggestedKind: looksLikeDraw ? 'draw' : 'guests',
  };
}

const GUEST_FIELDS = new Set<string>(GUEST_COLUMNS.map((c) => c.field));
const DRAW_FIELDS = new Set<string>(['table', 'physical', 'room']);

export interface ImportRequest {
  kind: 'guests' | 'draw';
  sheet: Sheet;
  columns: (string | null)[];
  exclude: Set<number>;
  /** the preview's counts the planner saw; apply refuses if the plan changed so that they differ */
  expect: unknown;
  batchId: string;
  /** guest lists: create the tables the file names that do not exist (default: yes, at the plan's usual capacity) */
  newTables: { create: boolean; capacity: number } | undefined;
}

function parseImportRequest(body: unknown, upload: Upload): ImportRequest {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'Send { kind, sheet, columns }.');
  if (b.kind !== 'guests' && b.kind !== 'draw') throw new HttpError(400, 'kind must be "guests" (a guest list) or "draw" (a table draw).');
  const sheet =
    upload.parsed.sheets.find((s) => s.name === b.sheet) ??
    (b.sheet === undefined && upload.parsed.sheets.length === 1 ? upload.parsed.sheets[0] : undefined);
  if (!sheet)
    throw new HttpError(
      400,
      `The file has no sheet ${JSON.stringify(b.sheet)}; it has ${upload.parsed.sheets.map((s) => `“${s.name}”`).join(', ')}.`,
    );
  const allowed = b.kind === 'guests' ? GUEST_FIELDS : DRAW_FIELDS;
  let columns: (string | null)[];
  if (b.columns === undefined) columns = b.kind === 'guests' ? guessGuestColumns(sheet.headers) : guessDrawColumns(sheet.headers);
  else {
    if (!Array.isArray(b.columns) || b.columns.length > sheet.headers.length)
      throw new HttpError(400, `columns must be a list of at most ${sheet.headers.length} entries, one per column.`);
    columns = b.columns.map((c, i) => {
      if (c === null || c === '') return null;
      if (typeof c !== 'string' || !allowed.has(c))
        throw new HttpError(400, `Column ${i + 1}: ${JSON.stringify(c)} is not a field of a ${b.kind === 'guests' ? 'guest' : 'table draw'}.`);
      return c;
    });
    const twice = columns.find((c, i) => c !== null && columns.indexOf(c) !== i);
    if (twice) throw new HttpError(400, `Two columns are mapped to “${twice}”: choose one.`);
  }
  const exclude = new Set<number>();
  if (b.exclude !== undefined) {
    if (!Array.isArray(b.exclude) || b.exclude.some((n) => !Number.isInteger(n))) throw new HttpError(400, 'exclude must be a list of row numbers.');
    for (const n of b.exclude as number[]) exclude.add(n);
  }
  const batchId = typeof b.batchId === 'string' && /^[A-Za-z0-9_-]{8,100}$/.test(b.batchId) ? b.batchId : `import-${randomUUID()}`;
  const newTables = b.newTables as ImportRequest['newTables']; // checked by ImportBody
  return { kind: b.kind, sheet, columns, exclude, expect: b.expect, batchId, newTables };
}

type Planned = { kind: 'guests'; plan: GuestImportPlan } | { kind: 'draw'; plan: DrawPlan };

function planOn(state: PlanState, r: ImportRequest): Planned {
  if (r.kind === 'guests') {
    const options = { newTables: r.newTables, newTableId: () => `t-${randomUUID()}` };
    return { kind: 'guests', plan: planGuestImport(state, r.sheet.rows, r.columns as (GuestColumn | null)[], () => `g-${randomUUID()}`, options) };
  }
  return { kind: 'draw', plan: planTableDraw(state, r.sheet.rows, r.columns as (DrawColumn | null)[], r.exclude) };
}

/** The numbers a planner reads in the preview; apply compares them against the re-planned import. */
function countsOf(p: Planned): Record<string, number> {
  if (p.kind === 'guests') return { ...p.plan.counts, commands: p.plan.commands.length };
  const c: Record<string, number> = { place: 0, unchanged: 0, kept: 0, blank: 0, excluded: 0, error: 0 };
  for (const r of p.plan.rows) c[r.status]!++;
  return { ...c, keptVipOrLocked: p.plan.keptVipOrLocked.length, commands: p.plan.commands.length };
}

function previewOf(state: PlanState, upload: Upload, r: ImportRequest) {
  const p = planOn(state, r);
  const counts = countsOf(p);
  const base = { kind: r.kind, fileName: upload.fileName, sheet: r.sheet.name, columns: r.columns, counts, version: state.version };
  const nothing = p.plan.blocking.length === 0 && p.plan.commands.length === 0 ? ['Nothing would change: the plan already matches this file.'] : [];
  if (p.kind === 'guests') {
    return {
      ...base,
      key: p.plan.key,
      matchBy: p.plan.matchBy,
      newTables: p.plan.newTables,
      rows: p.plan.rows,
      blocking: p.plan.blocking,
      nothingToDo: nothing,
    };
  }
  return { ...base, rows: p.plan.rows, keptVipOrLocked: p.plan.keptVipOrLocked, blocking: p.plan.blocking, nothingToDo: nothing };
}

function labelOf(p: Planned, fileName: string): string {
  const c = countsOf(p);
  if (p.kind === 'guests') {
    const parts = [
      `${c.new} new`,
      `${c.updated} updated`,
      c.unseated ? `${c.unseated} unseated` : '',
      c.newTables ? `${c.newTables} new ${c.newTables === 1 ? 'table' : 'tables'}` : '',
      c.rejected ? `${c.rejected} rejected` : '',
    ].filter(Boolean);
    return `Guest import: ${fileName} (${parts.join(', ')})`;
  }
  return `Table draw: ${fileName} (${c.place} placed, VIP/locked kept: ${c.keptVipOrLocked})`;
}

function summaryOf(p: Planned, r: ImportRequest) {
  const counts = countsOf(p);
  if (p.kind === 'guests') return { kind: 'guests', sheet: r.sheet.name, key: p.plan.key, counts };
  return { kind: 'draw', sheet: r.sheet.name, counts, keptVipOrLocked: p.plan.keptVipOrLocked, excludedRows: [...r.exclude].sort((a, b) => a - b) };
}

const sameCounts = (a: object, b: Record<string, number>) =>
  Object.keys(a).length === Object.keys(b).length && Object.keys(b).every((k) => (a as Record<string, unknown>)[k] === b[k]);

/** Re-plans on the room's current state inside its serial chain, then appends everything as one batch. */
async function applyImport(hub: SyncHub, planId: string, actor: Actor, upload: Upload, r: ImportRequest): Promise<CommandReply> {
  const room = await hub.room(planId);
  return room.submitBatch({
    commandId: r.batchId,
    batchId: r.batchId,
    actor,
    resent: true, // an apply retried after a lost answer gets the first one's outcome
    kind: r.kind === 'guests' ? 'guest-import' : 'table-draw',
    label: `${r.kind === 'guests' ? 'Guest import' : 'Table draw'}: ${upload.fileName}`,
    fileName: upload.fileName,
    fileHash: upload.fileHash,
    summary: null,
    reverts: null,
    build: (state) => {
      const p = planOn(state, r);
      if (p.plan.blocking.length) return { error: { code: 'ImportBlocked', message: `Nothing was applied: ${p.plan.blocking.join(' ')}` } };
      const counts = countsOf(p);
      if (r.expect !== undefined && (typeof r.expect !== 'object' || r.expect === null || !sameCounts(r.expect, counts))) {
        return {
          error: {
            code: 'PreviewOutdated',
            message:
              'The plan changed since your preview, so the import would now do something else. Nothing was applied: check the new preview and apply again.',
          },
        };
      }
      if (p.plan.commands.length === 0) return { error: { code: 'NothingToDo', message: 'Nothing to apply: the plan already matches this file.' } };
      return { commands: p.plan.commands, label: labelOf(p, upload.fileName), summary: summaryOf(p, r) };
    },
  });
}
