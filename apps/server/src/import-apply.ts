import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  GUEST_COLUMNS,
  guessDrawColumns,
  guessGuestColumns,
  planGuestImportSteps,
  planTableDrawSteps,
  type DrawColumn,
  type DrawPlan,
  type GuestColumn,
  type GuestImportPlan,
  type PlanState,
} from '@seatfold/domain';
import type { Actor, CommandReply } from '@seatfold/sync';
import { runSliced, type SyncHub } from '@seatfold/sync/server';
import { HttpError } from './http/errors.ts';
import { rowsOf, type PackedSheet } from './spreadsheet/packed.ts';
import type { Upload } from './upload-cache.ts';

/** Preview and apply of an uploaded file: the request, the import planned on the plan's state, and the one atomic batch. */

/** The body of preview and apply; what depends on the upload (sheet names, column count) is checked in parseImportRequest. */
export const ImportBody = z.looseObject(
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

const GUEST_FIELDS = new Set<string>(GUEST_COLUMNS.map((c) => c.field));
const DRAW_FIELDS = new Set<string>(['table', 'physical', 'room']);

export interface ImportRequest {
  kind: 'guests' | 'draw';
  sheet: PackedSheet;
  columns: (string | null)[];
  exclude: Set<number>;
  /**
   * what the planner saw: the preview's `outcome` (every row's effect), or — from pages before it — its counts; apply
   * refuses if the import would now do something else
   */
  expect: unknown;
  batchId: string;
  /** guest lists: create the tables the file names that do not exist (default: yes, at the plan's usual capacity) */
  newTables: { create: boolean; capacity: number } | undefined;
}

export function parseImportRequest(body: unknown, upload: Upload): ImportRequest {
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

/** The import planned on `state`, a slice of `sliceMs` at a time (20,000 rows of a guest list take ~0.4 s in all). */
async function planOn(state: PlanState, r: ImportRequest, sliceMs: number): Promise<Planned> {
  if (r.kind === 'guests') {
    const options = { newTables: r.newTables, newTableId: () => `t-${randomUUID()}` };
    const steps = planGuestImportSteps(state, rowsOf(r.sheet), r.columns as (GuestColumn | null)[], () => `g-${randomUUID()}`, options);
    return { kind: 'guests', plan: await runSliced(steps, sliceMs) };
  }
  return { kind: 'draw', plan: await runSliced(planTableDrawSteps(state, rowsOf(r.sheet), r.columns as (DrawColumn | null)[], r.exclude), sliceMs) };
}

/** The numbers a planner reads in the preview; apply compares them against the re-planned import. */
function countsOf(p: Planned): Record<string, number> {
  if (p.kind === 'guests') return { ...p.plan.counts, commands: p.plan.commands.length };
  const c: Record<string, number> = { place: 0, unchanged: 0, kept: 0, blank: 0, excluded: 0, error: 0 };
  for (const r of p.plan.rows) c[r.status]!++;
  return { ...c, keptVipOrLocked: p.plan.keptVipOrLocked.length, commands: p.plan.commands.length };
}

/**
 * A digest of what every row of the import would do (its status, the guest or table it changes, the changes, the
 * warnings; not the ids a new guest or table would get). Equal counts are not an equal import: a colleague who seats
 * a guest after the preview turns its "table 12 → 7" into "table 9 → 7" without changing a count.
 */
function outcomeOf(p: Planned): string {
  const rows =
    p.kind === 'guests'
      ? p.plan.rows.map((r) => [r.rowNumber, r.status, r.status === 'new' ? null : r.guestId, r.changes, r.reason, r.warnings])
      : p.plan.rows.map((r) => [r.rowNumber, r.status, r.tableId, r.physicalTableId, r.note]);
  const extra = p.kind === 'guests' ? p.plan.newTables : p.plan.keptVipOrLocked;
  return createHash('sha256')
    .update(JSON.stringify([p.kind, rows, extra, p.plan.commands.length]))
    .digest('base64url')
    .slice(0, 22);
}

export async function previewOf(state: PlanState, upload: Upload, r: ImportRequest, sliceMs: number) {
  const p = await planOn(state, r, sliceMs);
  const counts = countsOf(p);
  const base = {
    kind: r.kind,
    fileName: upload.fileName,
    sheet: r.sheet.name,
    columns: r.columns,
    counts,
    outcome: outcomeOf(p),
    version: state.version,
  };
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
      // rows whose table was missing, full or locked: each keeps the seat it had (or none), nobody is unseated
      c.unseated ? `${c.unseated} not seated as listed` : '',
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
export async function applyImport(hub: SyncHub, planId: string, actor: Actor, upload: Upload, r: ImportRequest): Promise<CommandReply> {
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
    build: async (state) => {
      const p = await planOn(state, r, hub.limits.decideSliceMs);
      if (p.plan.blocking.length) return { error: { code: 'ImportBlocked', message: `Nothing was applied: ${p.plan.blocking.join(' ')}` } };
      const counts = countsOf(p);
      const seen =
        r.expect === undefined ||
        (typeof r.expect === 'string'
          ? r.expect === outcomeOf(p)
          : typeof r.expect === 'object' && r.expect !== null && sameCounts(r.expect, counts));
      if (!seen) {
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
