import type { DrawRow, GuestImportRow, MatchKey, SeatingModel } from '@seatfold/domain';
import type { BatchInfo } from '@seatfold/sync';
import { ApiError, call } from './api.ts';

/** The server's answers for spreadsheet uploads (apps/server/src/imports.ts). */
export type ImportKind = 'guests' | 'draw';

export interface UploadedSheet {
  name: string;
  headers: string[];
  rowCount: number;
  sample: string[][];
  guess: { guests: (string | null)[]; draw: (string | null)[] };
  suggestedKind: ImportKind;
}

export interface UploadReply {
  uploadId: string;
  fileName: string;
  fileHash: string;
  bytes: number;
  kind: 'xlsx' | 'csv';
  sheets: UploadedSheet[];
  /** the sheet whose columns the server recognises best (the export's "All guests" rather than a room's sheet) */
  suggestedSheet?: string;
}

/** Tables a guest list names that do not exist: created in the same batch when `create`, with `capacity` seats. */
export interface NewTables {
  names: string[];
  capacity: number;
  create: boolean;
}

interface PreviewBase {
  fileName: string;
  sheet: string;
  counts: Record<string, number>;
  blocking: string[];
  nothingToDo: string[];
  version: number;
}
export type Preview =
  | (PreviewBase & { kind: 'guests'; key: MatchKey; matchBy: MatchKey[]; newTables: NewTables; rows: GuestImportRow[] })
  | (PreviewBase & { kind: 'draw'; rows: DrawRow[]; keptVipOrLocked: { tableId: string; name: string; why: string }[] });

export interface ImportRequest {
  kind: ImportKind;
  sheet: string;
  columns: (string | null)[];
  exclude: number[];
  /** guest lists: whether to create missing tables and their seats; omitted, the server creates them at the plan's usual size */
  newTables?: { create: boolean; capacity: number };
}

/** The template files the import page offers (GET /api/templates/…). */
export const templateUrl = (what: 'guest-list' | 'table-draw', ext: 'xlsx' | 'csv') => `/api/templates/${what}.${ext}`;

const base = (token: string) => `/api/plans/${encodeURIComponent(token)}`;

/** HTTP headers carry Latin-1 only: the user's name (who made the batch) travels URI-encoded. */
const send = <T>(url: string, init: RequestInit, userName: string) =>
  call<T>(url, { ...init, headers: { 'x-seatfold-user': encodeURIComponent(userName), ...(init.headers as Record<string, string> | undefined) } });

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export function uploadFile(token: string, file: File, userName: string): Promise<UploadReply> {
  if (file.size > MAX_UPLOAD_BYTES) {
    return Promise.reject(new ApiError(413, `“${file.name}” is ${(file.size / 1024 / 1024).toFixed(1)} MB; uploads are limited to 10 MB. Remove unused sheets or columns, or split it.`));
  }
  return send<UploadReply>(`${base(token)}/uploads?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file, headers: { 'content-type': 'application/octet-stream' } }, userName);
}

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

export const previewImport = (token: string, uploadId: string, r: ImportRequest, userName: string) =>
  send<Preview>(`${base(token)}/uploads/${uploadId}/preview`, json(r), userName);

export const applyImport = (token: string, uploadId: string, r: ImportRequest & { expect: Record<string, number> }, userName: string) =>
  send<{ ok: true; version: number; batch: BatchInfo | null }>(`${base(token)}/uploads/${uploadId}/apply`, json(r), userName);

/** `excel-csv` is the semicolon-separated CSV that German (comma-decimal) Excel opens in columns. */
export const exportUrl = (token: string, kind: 'xlsx' | 'csv' | 'excel-csv') => `${base(token)}/${kind === 'excel-csv' ? 'export-excel.csv' : `export.${kind}`}`;
export const seatingUrl = (token: string) => `${base(token)}/seating.json`;
/** Every room's floor plan as a PDF page (served by the floor print route); `names` puts guests at their chairs. */
export const floorPdfUrl = (token: string, names: boolean) => `${base(token)}/floor.pdf${names ? '?names=1' : ''}`;
export const printPath = (token: string, what: 'tables' | 'cards') => `/p/${token}/print?what=${what}`;

export const fetchSeating = (token: string) => call<SeatingModel>(seatingUrl(token));

/** "3 new · 1 updated" from a batch summary, whatever kind it is. */
export function summaryLine(b: BatchInfo): string {
  const s = b.summary as { counts?: Record<string, number>; restored?: number; conflicts?: unknown[] } | null;
  if (!s) return '';
  if (s.counts && b.kind === 'guest-import') {
    const c = s.counts;
    const extra = [c.unseated ? `${c.unseated} unseated` : '', c.newTables ? `${c.newTables} new ${c.newTables === 1 ? 'table' : 'tables'}` : ''];
    return [`${c.new ?? 0} new`, `${c.updated ?? 0} updated`, `${c.unchanged ?? 0} unchanged`, ...extra, c.rejected ? `${c.rejected} rejected` : ''].filter(Boolean).join(' · ');
  }
  if (s.counts && b.kind === 'table-draw') {
    const c = s.counts;
    return [`${c.place ?? 0} placed`, `${c.unchanged ?? 0} unchanged`, `VIP/locked kept: ${c.keptVipOrLocked ?? 0}`, c.excluded ? `${c.excluded} excluded` : ''].filter(Boolean).join(' · ');
  }
  if (typeof s.restored === 'number') {
    const n = s.conflicts?.length ?? 0;
    return `${s.restored} restored${n ? ` · ${n} left as they are (changed later)` : ''}`;
  }
  return '';
}
