import { Hono, type Context } from 'hono';
import { actorOf } from './auth/access.ts';
import { planAccess } from './http/plan-access.ts';
import { TokenBuckets, type SyncHub } from '@seatfold/sync/server';
import { requestAddress } from './http/address.ts';
import { busyError, busyRefusal } from './http/rate-limit.ts';
import { jsonBody } from './http/body.ts';
import type { HttpDeps, HttpEnv } from './http/env.ts';
import { HttpError, jsonReply } from './http/errors.ts';
import { UploadCache } from './upload-cache.ts';
import { exportResponse, type Downloads } from './export-files.ts';
import { receiveUpload, uploadRefusal } from './import-upload.ts';
import { applyImport, ImportBody, parseImportRequest, previewOf } from './import-apply.ts';
import { Busy, Turns } from './turns.ts';

/**
 * Spreadsheet imports over HTTP, under /api/plans/<token>/…:
 *   POST uploads?name=<file name>      raw body (the file) → the sheets, their headers and guessed columns
 *   POST uploads/<id>/preview          { kind, sheet, columns, exclude? } → exactly what applying would do
 *   POST uploads/<id>/apply            same body (+ expect: the preview's counts) → one atomic batch
 * plus the exports (exports.ts). Receiving a file lives in import-upload.ts, preview and apply in import-apply.ts.
 * Every route is authenticated by the session cookie and authorised for the plan (auth/access.ts): uploads and
 * applies need the organise capability, exports any access; the batch's actor is the session's person.
 */

export { UPLOAD_TTL_MS } from './upload-cache.ts';

const caches = new WeakMap<SyncHub, UploadCache>();
const cacheOf = (hub: SyncHub) => caches.get(hub) ?? caches.set(hub, new UploadCache()).get(hub)!;

const TOKEN = '{[A-Za-z0-9_-]{1,200}}';

/**
 * Spreadsheets an address may send to be read: `burst` at once, then `perSecond`. Reading one takes the parse
 * worker up to a few seconds of a core; an address sending file after file would keep it for itself.
 */
export interface UploadRate {
  perSecond: number;
  burst: number;
}

/** 10 spreadsheets, then one every 6 seconds: more than a planner correcting a list sends, far less than a loop. */
export const DEFAULT_UPLOAD_RATE: UploadRate = { perSecond: 1 / 6, burst: 10 };

/**
 * Previews made at once, server-wide; how many may wait, and how long. Each plans every row on the shared thread
 * (sliced) and answers up to a few MB: six at once in a loop, from six addresses, made everybody's commands ~15×
 * slower and the server 450 MB bigger (a probe). In line, one per address, they take turns.
 */
export const PREVIEW_TURNS = { atOnce: 2, waiting: 16, waitMs: 30_000 };

/** The routes under /api/plans/<token>/…: uploads (organisers), preview/apply, and the exports (anybody with a link). */
export function planFileRoutes(d: HttpDeps & { uploadRate?: UploadRate; trustedProxies?: number; downloads: Downloads }) {
  const cache = cacheOf(d.hub);
  const previews = new Turns(PREVIEW_TURNS, {
    yours: 'Your last preview is still being made. Wait for it, then preview again.',
    full: 'The server is making many previews right now. Please preview again in a few seconds.',
  });
  const uploads = TokenBuckets.of(d.uploadRate ?? DEFAULT_UPLOAD_RATE);
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
      const owner = d.downloads.admit(c);
      // (the owner of a download is its address: its plan's load, if it is not in memory, is charged there too)
      return exportResponse(c.req.param('file'), a.plan, await d.hub.room(a.plan.id, owner), d.log, owner);
    })
    .post(`/api/plans/:token${TOKEN}/uploads`, async (c) => {
      const { plan } = await organiser(c);
      // Charged before a byte of the file is read: a refused upload costs the server nothing but this answer.
      busyRefusal(
        uploads.take(requestAddress(c.env.incoming, d.trustedProxies ?? 0)),
        (s) => `Too many spreadsheets uploaded from your address just now. Please wait ${s} second${s === 1 ? '' : 's'} and upload it again.`,
      );
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
        const room = await d.hub.room(plan.plan.id, requestAddress(c.env.incoming, d.trustedProxies ?? 0));
        if (c.req.param('step') === 'preview') {
          // Planning 20,000 rows holds the shared thread for ~0.4 s, and a preview can be asked for again and again:
          // charged to the plan's decide time, as deciding is, and refused (retryably) while that is used up.
          const turn = await previews.take(requestAddress(c.env?.incoming, d.trustedProxies ?? 0)).catch((err: unknown) => {
            throw err instanceof Busy
              ? new HttpError(429, err.message, false, { code: 'ServerBusy', retryAfterMs: 3_000 }, { 'retry-after': '3' })
              : err;
          });
          const preview = await room.readCharged((state) => previewOf(state, upload, request, d.hub.limits.decideSliceMs), undefined).finally(turn);
          if ('busyMs' in preview) {
            throw busyError(
              preview.busyMs,
              (s) => `This plan’s server is busy with other changes just now. Please wait ${s} second${s === 1 ? '' : 's'} and preview again.`,
            );
          }
          return jsonReply(c, 200, preview);
        }
        const reply = await applyImport(d.hub, plan.plan.id, actorOf(plan.person), upload, request);
        if (reply.status === 'accepted') {
          // Stored: that is the answer, even if the batch row cannot be read back right now (the list shows it later).
          const batches = await d.store.listBatches(plan.plan.id, { limit: 20 }).catch(() => []);
          return jsonReply(c, 200, { ok: true, version: reply.version, batch: batches.find((b) => b.batchId === request.batchId) ?? null });
        }
        const { code, message, retryAfterMs } = reply.error;
        if (code === 'Unavailable' || code === 'ServerBusy') {
          // The room's words are for a change a page keeps and resends; an apply is sent again by whoever asked.
          const s = Math.max(1, Math.ceil((retryAfterMs ?? 2_000) / 1000));
          const error = `This import could not be stored just now. Apply it again in ${s} second${s === 1 ? '' : 's'}: it is never applied twice.`;
          return jsonReply(c, code === 'ServerBusy' ? 429 : 503, { error, code, retryAfterMs: s * 1000 }, { 'retry-after': String(s) });
        }
        return jsonReply(c, code === 'PreviewOutdated' ? 409 : 422, { error: message, code });
      },
    );
}
