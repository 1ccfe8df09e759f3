import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { PlanExistsError, type EventStore } from '@seatfold/store';
import type { SyncHub } from '@seatfold/sync/server';
import { healthReply } from './health.ts';
import { planFileRoutes } from './imports.ts';
import { createPlan, DEMO_PLAN_ID, ensureDemoPlan, linksOf } from './plans.ts';

const MAX_BODY = 64 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** the request body was left half read: the connection cannot carry another request */
    readonly closeConnection = false,
  ) {
    super(message);
  }
}

export function send(res: ServerResponse, status: number, body: unknown, close = false) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...(close ? { connection: 'close' } : {}) });
  res.end(text);
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  if (!(req.headers['content-type'] ?? '').includes('application/json')) throw new HttpError(415, 'Send the request body as JSON (content-type: application/json).');
  const tooLarge = `The request body is larger than ${MAX_BODY / 1024} kB.`;
  // Refused before reading: Node discards the unread body after the response and keeps the connection usable.
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) throw new HttpError(413, tooLarge);
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // Leaving the loop destroys the half-read request; tell the client not to reuse the connection.
    if (size > MAX_BODY) throw new HttpError(413, tooLarge, true);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface HttpDeps {
  store: EventStore;
  hub: SyncHub;
  staticDir: string | null;
  demo: boolean;
  log: (msg: string) => void;
}

/** The HTTP side: a small JSON API for plans and links, and the built web app (any unknown path gets index.html). */
export function httpHandler(d: HttpDeps) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    try {
      if (url.pathname.startsWith('/api/')) return await api(req, res, url, d);
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'Only GET is served here.');
      return await serveStatic(res, url.pathname, d.staticDir);
    } catch (err) {
      if (err instanceof HttpError) return send(res, err.status, { error: err.message }, err.closeConnection);
      d.log(`HTTP ${req.method} ${url.pathname} failed: ${(err as Error).stack ?? err}`);
      return send(res, 500, { error: 'The server failed to answer. Please try again.' });
    }
  };
}

async function api(req: IncomingMessage, res: ServerResponse, url: URL, d: HttpDeps) {
  const route = `${req.method} ${url.pathname}`;
  if (route === 'GET /api/health') return ((h) => send(res, h.status, h.body))(healthReply(d.store, d.hub.openPlans));
  if (route === 'POST /api/plans') {
    const body = (await readJson(req)) as { name?: unknown } | null;
    const name = typeof body?.name === 'string' ? body.name.trim() : '';
    if (!name || name.length > 200) throw new HttpError(400, 'Give the plan a name of 1 to 200 characters.');
    return send(res, 201, await createPlan(d.store, d.hub, name));
  }
  if (route === 'GET /api/demo') {
    if (!d.demo) throw new HttpError(404, 'The demo plan is switched off on this server (SEATFOLD_DEMO=0).');
    try {
      return send(res, 200, await ensureDemoPlan(d.store, d.hub));
    } catch (err) {
      // Two first visitors at once: the second finds the plan the first created.
      if (!(err instanceof PlanExistsError)) throw err;
      const plan = await d.store.getPlan(DEMO_PLAN_ID);
      return send(res, 200, linksOf(plan!));
    }
  }
  const links = /^\/api\/links\/([A-Za-z0-9_-]{1,200})$/.exec(url.pathname);
  if (req.method === 'GET' && links) {
    const found = await d.store.findPlanByToken(links[1]);
    if (!found) throw new HttpError(404, 'This link does not open any plan.');
    const all = linksOf(found.plan);
    // Organisers may pass on both links; a reviewer only sees the review link.
    return send(res, 200, { role: found.role, ...all, organisePath: found.role === 'organise' ? all.organisePath : null });
  }
  // Uploads, imports and exports of one plan: /api/plans/<token>/… (imports.ts, exports.ts)
  if (await planFileRoutes(req, res, url, d)) return;
  throw new HttpError(404, `No such API: ${route}`);
}

async function serveStatic(res: ServerResponse, pathname: string, root: string | null) {
  if (!root) throw new HttpError(404, 'The web app is not built. Run `pnpm build` (or `npm start`, which builds it).');
  let file = path.join(root, path.normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, ''));
  if (!file.startsWith(root)) throw new HttpError(404, 'Not found.');
  let info = await stat(file).catch(() => null);
  if (!info || info.isDirectory()) {
    if (path.extname(pathname)) throw new HttpError(404, 'Not found.');
    file = path.join(root, 'index.html');
    info = await stat(file).catch(() => null);
    if (!info) throw new HttpError(404, 'The web app is not built. Run `pnpm build`.');
  }
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  res.writeHead(200, {
    'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(res);
}
