import { seatingModel } from '@seatfold/domain';
import type { PlanRecord } from '@seatfold/store';
import type { PlanRoom } from '@seatfold/sync/server';
import { contentDisposition } from './exports.ts';
import { FileFailed, FilesBusy, makeFile } from './file-jobs.ts';
import type { FileJob } from './file-worker.ts';
import { HttpError } from './http/errors.ts';

/**
 * A file made in a worker (file-jobs.ts), for an HTTP answer: busy is a retryable 503 with Retry-After, a failure a
 * 503 with `failedText` (the library's words go to the log only).
 */
export async function fileForRequest(job: FileJob, log: (msg: string) => void, failedText: string): Promise<Uint8Array> {
  try {
    return await makeFile(job, log, failedText);
  } catch (err) {
    if (err instanceof FilesBusy) throw new HttpError(503, err.message, false, { code: 'ServerBusy', retryAfterMs: 3000 }, { 'retry-after': '3' });
    if (err instanceof FileFailed) throw new HttpError(503, err.message);
    throw err;
  }
}

const fileBase = (planName: string) =>
  `${
    planName
      .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'Seating plan'
  } – seating`;

/**
 * GET /api/plans/<token>/export.xlsx | export.csv | export-excel.csv (semicolons) | seating.json. The model is read
 * between commits; the spreadsheet and the CSV are made in a worker (a 1,500-guest workbook took 684 ms of the
 * server's thread, and every plan waited on it).
 */
export async function exportResponse(what: string, plan: PlanRecord, room: PlanRoom, log: (msg: string) => void): Promise<Response> {
  const model = await room.read((state) => seatingModel(state, state.plan?.name || plan.name));
  if (what === 'seating.json') {
    return new Response(JSON.stringify(model), { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
  }
  const xlsx = what === 'export.xlsx';
  const excelCsv = what === 'export-excel.csv';
  const body = await fileForRequest(
    xlsx ? { format: 'xlsx', model } : { format: 'csv', model, separator: excelCsv ? ';' : ',' },
    log,
    'The export could not be made. Please try again in a moment.',
  );
  return new Response(body as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
      'content-disposition': contentDisposition(`${fileBase(model.planName)}${xlsx ? '.xlsx' : excelCsv ? ' (Excel).csv' : '.csv'}`),
      'content-length': String(body.length),
      'cache-control': 'no-store',
    },
  });
}
