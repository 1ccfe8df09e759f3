import type { SeatingModel } from '@seatfold/domain/core';
import type { BatchInfo } from '@seatfold/sync';
import type { ClientRequestOptions } from 'hono/client';
import { answer, ApiError, planApi, tokenParam, UPLOAD, type Ok } from './http.ts';

/** What the import routes take and answer, as the server declares them (apps/server/src/imports.ts). */
export type ImportKind = 'guests' | 'draw';

const step = (token: string, uploadId: string) => ({ param: { ...tokenParam(token), uploadId, step: 'preview' as const } });
const upload = (token: string, options?: ClientRequestOptions) => planApi().uploads.$post({ param: tokenParam(token) }, options);
type StepRoute = ReturnType<typeof planApi>['uploads'][typeof UPLOAD][':step{preview|apply}'];

export type UploadReply = Ok<Awaited<ReturnType<typeof upload>>>;
export type UploadedSheet = UploadReply['sheets'][number];
type StepReply = Ok<Awaited<ReturnType<StepRoute['$post']>>>;
type RawPreview = Extract<StepReply, { kind: unknown }>;
/** The server answers each kind's shape with `kind: request.kind` (a union there): the kinds are told apart here. */
export type Preview =
  (Extract<RawPreview, { newTables: unknown }> & { kind: 'guests' }) | (Extract<RawPreview, { keptVipOrLocked: unknown }> & { kind: 'draw' });
export type Applied = Extract<StepReply, { batch: unknown }>;

/** The page's choices for a preview or an apply (checked against the route's body schema where it is sent). */
export interface ImportRequest {
  kind: ImportKind;
  sheet: string;
  columns: (string | null)[];
  exclude: number[];
  /** guest lists: whether to create missing tables and their seats; omitted, the server creates them at the plan's usual size */
  newTables?: { create: boolean; capacity: number };
}
/** Tables a guest list names that do not exist: created in the same batch when `create`, with `capacity` seats. */
export type NewTables = Extract<Preview, { kind: 'guests' }>['newTables'];

/** The template files the import page offers (GET /api/templates/…). */
export const templateUrl = (what: 'guest-list' | 'table-draw', ext: 'xlsx' | 'csv') => `/api/templates/${what}.${ext}`;

const base = (token: string) => `/api/plans/${encodeURIComponent(token)}`;

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * The file itself is the body (the route reads the Node stream, so it declares no body schema) and its name goes in
 * `?name=`, which the route reads from the address: both are added here; the answer is typed from the route.
 */
export function uploadFile(token: string, file: File): Promise<UploadReply> {
  if (file.size > MAX_UPLOAD_BYTES) {
    return Promise.reject(
      new ApiError(
        413,
        `“${file.name}” is ${(file.size / 1024 / 1024).toFixed(1)} MB; uploads are limited to 10 MB. Remove unused sheets or columns, or split it.`,
      ),
    );
  }
  const named = (url: RequestInfo | URL, init?: RequestInit) =>
    fetch(`${url instanceof Request ? url.url : url.toString()}?name=${encodeURIComponent(file.name)}`, init);
  return answer(() => upload(token, { fetch: named, init: { body: file, headers: { 'content-type': 'application/octet-stream' } } }));
}

/** Who makes the batch is the session's person (the browser's cookie goes along by itself), never a name we send. */
export const previewImport = (token: string, uploadId: string, r: ImportRequest) =>
  answer(() => planApi().uploads[UPLOAD][':step{preview|apply}'].$post({ ...step(token, uploadId), json: { ...r } })) as Promise<Preview>;

export const applyImport = (token: string, uploadId: string, r: ImportRequest & { expect: string; batchId: string }) =>
  answer(() =>
    planApi().uploads[UPLOAD][':step{preview|apply}'].$post({ param: { ...step(token, uploadId).param, step: 'apply' }, json: { ...r } }),
  ) as Promise<Applied>;

/** `excel-csv` is the semicolon-separated CSV that German (comma-decimal) Excel opens in columns. */
export const exportUrl = (token: string, kind: 'xlsx' | 'csv' | 'excel-csv') =>
  `${base(token)}/${kind === 'excel-csv' ? 'export-excel.csv' : `export.${kind}`}`;
export const seatingUrl = (token: string) => `${base(token)}/seating.json`;
/** Every room's floor plan as a PDF page (served by the floor print route); `names` puts guests at their chairs. */
export const floorPdfUrl = (token: string, names: boolean) => `${base(token)}/floor.pdf${names ? '?names=1' : ''}`;
export const printPath = (token: string, what: 'tables' | 'cards') => `/p/${token}/print?what=${what}`;

export const fetchSeating = (token: string) =>
  answer(() =>
    planApi()[':file{export\\.xlsx|export\\.csv|export-excel\\.csv|seating\\.json}'].$get({ param: { ...tokenParam(token), file: 'seating.json' } }),
  ) as Promise<SeatingModel>;

/** "3 new · 1 updated" from a batch summary, whatever kind it is. */
export function summaryLine(b: BatchInfo): string {
  const s = b.summary as {
    counts?: Record<string, number>;
    restored?: number;
    conflicts?: unknown[];
    conflictCount?: number;
    effects?: string[];
  } | null;
  if (!s) return '';
  if (s.counts && b.kind === 'guest-import') {
    const c = s.counts;
    // (stored as `unseated`: rows not seated as the file said, each keeping the seat it had — nobody was unseated)
    const extra = [
      c.unseated ? `${c.unseated} not seated as listed` : '',
      c.newTables ? `${c.newTables} new ${c.newTables === 1 ? 'table' : 'tables'}` : '',
    ];
    return [`${c.new ?? 0} new`, `${c.updated ?? 0} updated`, `${c.unchanged ?? 0} unchanged`, ...extra, c.rejected ? `${c.rejected} rejected` : '']
      .filter(Boolean)
      .join(' · ');
  }
  if (s.counts && b.kind === 'table-draw') {
    const c = s.counts;
    return [
      `${c.place ?? 0} placed`,
      `${c.unchanged ?? 0} unchanged`,
      `VIP/locked kept: ${c.keptVipOrLocked ?? 0}`,
      c.excluded ? `${c.excluded} excluded` : '',
    ]
      .filter(Boolean)
      .join(' · ');
  }
  if (typeof s.restored === 'number') {
    const n = s.conflictCount ?? s.conflicts?.length ?? 0; // a long list is stored cut, with its count
    // What the revert did ("removed 500 physical tables"); reverts stored before effects were kept say how many.
    const did = s.effects?.length ? s.effects.join(' · ') : `${s.restored} ${s.restored === 1 ? 'edit' : 'edits'} taken back`;
    return `${did}${n ? ` · ${n} left as ${n === 1 ? 'it is' : 'they are'} (changed later)` : ''}`;
  }
  return '';
}
