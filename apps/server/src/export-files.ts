import type { PlanRecord } from '@seatfold/store';
import type { PlanRoom } from '@seatfold/sync/server';
import { contentDisposition } from './exports.ts';
import { FileFailed, FilesBusy, makeFile, stateBytes } from './file-jobs.ts';
import type { FileJob } from './file-worker.ts';
import type { Context } from 'hono';
import { TokenBuckets } from '@seatfold/sync/server';
import { requestAddress } from './http/address.ts';
import type { HttpEnv } from './http/env.ts';
import { HttpError } from './http/errors.ts';
import { busyRefusal } from './http/rate-limit.ts';
import { slicedBody } from './http/sliced-body.ts';

/**
 * A file made in a worker (file-jobs.ts), for an HTTP answer: busy is a retryable 503 with Retry-After, a failure a
 * 503 with `failedText` (the library's words go to the log only).
 */
export async function fileForRequest(
  job: () => Promise<FileJob>,
  log: (msg: string) => void,
  failedText: string,
  owner?: string,
  tooBigText?: string,
): Promise<Uint8Array> {
  try {
    return await makeFile(job, log, failedText, owner, tooBigText);
  } catch (err) {
    if (err instanceof FilesBusy) throw new HttpError(503, err.message, false, { code: 'ServerBusy', retryAfterMs: 3000 }, { 'retry-after': '3' });
    if (err instanceof FileFailed) throw new HttpError(503, err.message);
    throw err;
  }
}

/** Downloads per address: 20, then one every 3 seconds (each is a second or more of a worker's CPU on a big plan). */
export const DEFAULT_DOWNLOAD_RATE = { perSecond: 1 / 3, burst: 20 };

/**
 * The files people download — exports and prints — held to one rate per client address, asked before any of the
 * file's work is done (429 with Retry-After), and made one at a time per address (file-jobs.ts).
 */
export class Downloads {
  private readonly rate: TokenBuckets;

  constructor(
    rate: { perSecond: number; burst: number },
    private readonly trustedProxies: number,
  ) {
    this.rate = TokenBuckets.of(rate);
  }

  /** The request's address, once it may download; throws the refusal otherwise. */
  admit(c: Context<HttpEnv>): string {
    const address = requestAddress(c.env.incoming, this.trustedProxies);
    busyRefusal(
      this.rate.take(address),
      (s) => `Too many downloads from your address just now. Please wait ${s} second${s === 1 ? '' : 's'} and download it again.`,
    );
    return address;
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
 * GET /api/plans/<token>/export.xlsx | export.csv | export-excel.csv (semicolons) | seating.json, each made in a worker
 * from the state read between commits (a 1,500-guest workbook took 684 ms of the server's thread, and every plan
 * waited on it; a 20,000-guest plan's JSON was 66 MB built there, twenty at once 4.5 GB).
 */
export async function exportResponse(what: string, plan: PlanRecord, room: PlanRoom, log: (msg: string) => void, owner: string): Promise<Response> {
  const xlsx = what === 'export.xlsx';
  const json = what === 'seating.json';
  const excelCsv = what === 'export-excel.csv';
  let planName = plan.name;
  const body = await fileForRequest(
    () =>
      room.read((state): FileJob => {
        planName = state.plan?.name || plan.name;
        const base = { state: stateBytes(state), planName };
        return xlsx || json ? { format: xlsx ? 'xlsx' : 'json', ...base } : { format: 'csv', ...base, separator: excelCsv ? ';' : ',' };
      }),
    log,
    'The export could not be made. Please try again in a moment.',
    owner,
    `This plan is too big to export as ${xlsx ? 'a workbook' : 'one file'} on this server. Download the CSV instead (Excel opens it).`,
  );
  return new Response(slicedBody(body), {
    headers: {
      'content-type': json
        ? 'application/json; charset=utf-8'
        : xlsx
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : 'text/csv; charset=utf-8',
      ...(json ? {} : { 'content-disposition': contentDisposition(`${fileBase(planName)}${xlsx ? '.xlsx' : excelCsv ? ' (Excel).csv' : '.csv'}`) }),
      'content-length': String(body.length),
      'cache-control': 'no-store',
    },
  });
}
