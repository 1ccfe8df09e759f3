import { entity, isValidId, type PlanState, type Room } from '@seatfold/domain';
import { Hono, type Context } from 'hono';
import { requestAddress } from '../http/address.ts';
import { readCapped } from '../http/body.ts';
import { storedBudget } from '../http/stored-budget.ts';
import { planAccess } from '../http/plan-access.ts';
import type { HttpDeps, HttpEnv } from '../http/env.ts';
import { HttpError, jsonReply } from '../http/errors.ts';
import { contentDisposition } from '../exports.ts';
import { slicedBody } from '../http/sliced-body.ts';
import { ImageRefusal, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, PLAN_IMAGE_LIMITS, readImage } from './images.ts';
import type { PrintImage } from './print-model.ts';
import { fileForRequest, type Downloads } from '../export-files.ts';
import { stateBytes } from '../file-jobs.ts';
import type { FileJob } from '../file-worker.ts';

const TOKEN = '{[A-Za-z0-9_-]{1,200}}';

/**
 * The floor plan's HTTP side, next to the exports and with their access rule (the plan's link opens it: both roles
 * read, only an organiser uploads): background images (upload, safe serving) and the printable room plans.
 */
export function floorRoutes(d: HttpDeps & { downloads: Downloads; trustedProxies?: number }) {
  const organiser = async (c: Context<HttpEnv>) => {
    const a = await planAccess(d.gate, c);
    if (a.role !== 'organise')
      throw new HttpError(
        403,
        'You can review this plan (a review link or a reviewer’s access), not change it. Ask the plan’s owner for organiser access.',
      );
    return a.plan;
  };
  return new Hono<HttpEnv>()
    .post(`/api/plans/:token${TOKEN}/images`, async (c) => {
      const plan = await organiser(c);
      // Images count against the address's storage budget (http/stored-budget.ts): a plan holds at most 60 MB of
      // them, but new plans are cheap to make.
      const stored = storedBudget(d.hub.storedBy(requestAddress(c.env.incoming, d.trustedProxies ?? 0)), true);
      const bytes = await readCapped(
        c.env.incoming,
        MAX_IMAGE_BYTES,
        () => `The image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB. Save it smaller (or as JPEG) and upload it again.`,
      );
      let image;
      try {
        image = readImage(bytes);
      } catch (err) {
        if (err instanceof ImageRefusal) throw new HttpError(422, err.message);
        throw err;
      }
      const saved = await d.store.saveImage(plan.id, image, PLAN_IMAGE_LIMITS);
      if (saved === 'stored') stored.spend(bytes.length);
      if (saved === 'full') {
        throw new HttpError(
          413,
          `This plan already holds as many background images as it may (${PLAN_IMAGE_LIMITS.maxImages}, or ${PLAN_IMAGE_LIMITS.maxBytes / 1024 / 1024} MB): reuse one of them.`,
        );
      }
      const { imageId, contentType, width, height } = image;
      return jsonReply(c, saved === 'stored' ? 201 : 200, { imageId, contentType, width, height });
    })
    .get(`/api/plans/:token${TOKEN}/images/:imageId{[0-9a-f]{64}}`, async (c) => {
      const { plan } = await planAccess(d.gate, c);
      const image = await d.store.loadImage(plan.id, c.req.param('imageId'));
      if (!image) throw new HttpError(404, 'This image is not part of the plan.');
      const etag = `"${image.imageId}"`;
      // Content-addressed: the bytes behind an id never change. Private: the address carries the plan's secret.
      const headers = {
        'content-type': image.contentType,
        'cache-control': 'private, max-age=31536000, immutable',
        etag,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cross-origin-resource-policy': 'same-origin',
      };
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
      return c.body(Buffer.from(image.bytes), 200, { ...headers, 'content-length': String(image.bytes.byteLength) });
    })
    .get(`/api/plans/:token${TOKEN}/:file{floor\\.pdf|floor\\.png}`, async (c) => {
      const { plan } = await planAccess(d.gate, c);
      // a print is a download like an export: the same rate per address, asked before its pages are laid out
      const owner = d.downloads.admit(c);
      const png = c.req.param('file') === 'floor.png';
      const roomId = c.req.query('room');
      const names = c.req.query('names') === '1';
      if (roomId !== undefined && !isValidId(roomId)) throw new HttpError(400, 'The room in the address is not a valid room id.');
      if (png && roomId === undefined) throw new HttpError(400, 'A PNG shows one room: add ?room=<room id> to the address.');
      const room = await d.hub.room(plan.id, owner);
      const wanted = await room.read((state) => roomsOf(state, roomId));
      const images = await backgroundsOf(d.store, plan.id, wanted);
      // The copy with guests' names at their chairs is named so: downloaded after the plain one, it must not replace it.
      const what = `${wanted.length === 1 ? wanted[0]!.name : 'floor plans'}${names ? ' with names' : ''}`;
      const base = `${plan.name.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ').trim() || 'Seating plan'} – ${what}`;
      // Laid out in the worker too (a crowded room's names took the server's thread for seconds): the rooms are
      // read again with the state, so one removed meanwhile is refused as above.
      const body = await fileForRequest(
        () =>
          room.read((state): FileJob => ({
            format: png ? 'png' : 'pdf',
            state: stateBytes(state),
            roomIds: roomsOf(state, roomId).map((r) => r.id),
            names,
            images: [...images],
            title: base,
          })),
        d.log,
        'The floor plan could not be drawn. Please try again; if it keeps failing, print one room at a time.',
        owner,
        'This floor plan is too big to draw in one file on this server: print one room at a time.',
      );
      return c.body(slicedBody(body), 200, {
        'content-type': png ? 'image/png' : 'application/pdf',
        'content-length': String(body.byteLength),
        'content-disposition': contentDisposition(`${base}.${png ? 'png' : 'pdf'}`),
        'cache-control': 'no-store',
      });
    });
}

/** The rooms a print shows: one room, or every room of the plan by name (a plan without rooms is refused, not printed blank). */
function roomsOf(s: PlanState, roomId: string | undefined): Room[] {
  if (roomId !== undefined) {
    const room = entity(s.rooms, roomId);
    if (!room) throw new HttpError(404, 'This room is not part of the plan (it may have been removed).');
    return [room];
  }
  const rooms = Object.values(s.rooms).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  if (rooms.length === 0) throw new HttpError(404, 'This plan has no rooms yet: add a room before printing its floor plan.');
  return rooms;
}

/**
 * The rooms' background images from the store, by image id. An image that is gone is left out (the page prints
 * without it), and so is one stored before uploads were held to MAX_IMAGE_PIXELS: drawing it could take a gigabyte.
 */
async function backgroundsOf(store: HttpDeps['store'], planId: string, rooms: Room[]): Promise<Map<string, PrintImage>> {
  const out = new Map<string, PrintImage>();
  for (const id of new Set(rooms.flatMap((r) => (r.background ? [r.background.imageId] : [])))) {
    const image = await store.loadImage(planId, id);
    if (image && image.width * image.height <= MAX_IMAGE_PIXELS) out.set(id, { width: image.width, height: image.height, bytes: image.bytes });
  }
  return out;
}
