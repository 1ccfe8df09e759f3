import type { SheetRow } from '@seatfold/domain';

/**
 * A problem with an uploaded file, worded for the planner who uploaded it. `status` is the HTTP status it
 * becomes: 422 for a file we will not read, 503 (with `retryAfterSec`) when the server is busy and a retry works.
 */
export class UploadError extends Error {
  override readonly name = 'UploadError';
  constructor(
    message: string,
    readonly status: 422 | 503 = 422,
    readonly retryAfterSec?: number,
  ) {
    super(message);
  }
}

/** The retryable refusal for load: too many parses at once, or the upload cache is full of other plans' files. */
export const busy = (what: string, retryAfterSec: number) =>
  new UploadError(`${what} Please try again in ${retryAfterSec} seconds.`, 503, retryAfterSec);

export interface Sheet {
  name: string;
  headers: string[];
  rows: SheetRow[];
}

export interface ParsedFile {
  kind: 'xlsx' | 'csv';
  sheets: Sheet[];
  /** what the planner should know of how the file was read (a CSV in two encodings), shown above the preview */
  notice?: string;
}

export interface RawRow {
  rowNumber: number;
  cells: string[];
}

export const UPLOAD_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  maxRows: 20_000,
  maxColumns: 200,
  /** cells in the whole file, counted while unzipping (20,000 rows × 20 columns) */
  maxCells: 400_000,
  /**
   * an .xlsx is a zip: stop inflating once it passes `maxUncompressed` bytes, or `maxRatio` times the file's
   * size, whichever is lower — but any file may unpack to `ratioFloor` (repetitive sheets compress very well)
   */
  maxUncompressed: 64 * 1024 * 1024,
  maxRatio: 100,
  ratioFloor: 16 * 1024 * 1024,
  maxZipEntries: 2_000,
  /** characters in all cells together: one shared string may be referenced by every cell, so count what is read */
  maxTextChars: 20_000_000,
};

export const mb = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} kB` : `${Math.round(n / 1024 / 1024)} MB`);

export const tooManyRows = () =>
  new UploadError(`The sheet has more than ${UPLOAD_LIMITS.maxRows.toLocaleString('en')} rows. Split it into smaller files.`);

export const tooManyCells = (max = UPLOAD_LIMITS.maxCells) =>
  new UploadError(
    `The workbook has more than ${max.toLocaleString('en')} cells (for example ${UPLOAD_LIMITS.maxRows.toLocaleString('en')} rows of 20 columns). Remove unused sheets and columns, or split it into smaller files.`,
  );
