import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { StoreUnavailableError } from '@seatfold/store';
import type { Role } from '@seatfold/store';
import type { Actor } from '@seatfold/sync';
import { ServerFullError, TokenBuckets } from '@seatfold/sync/server';
import type { HttpDeps } from './env.ts';
import { jsonWith } from './plan-state.ts';
import { slicedBody } from './sliced-body.ts';
import { acceptedEncodings } from './static.ts';
import type { FrameWorker } from './frame-worker.ts';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

export interface ServerFrameOptions {
  /** how long a page request waits for its frame before it is served without one (the render goes on, for the next) */
  waitMs: number;
  /** frames kept (one per plan and role, of its latest version drawn), least recently served dropped first */
  cached: number;
  /** plan pages per client address that may ask for a frame (each is a few store reads); past it, the plain page */
  perAddress: { perSecond: number; burst: number };
  /**
   * the least time between two renders of one plan for one role: a plan changing faster (a rename every 30 ms, say)
   * gets the plain page meanwhile rather than a render per version, each of which serialises and draws the whole plan
   */
  redrawMs: number;
}

export const DEFAULT_SERVER_FRAMES: ServerFrameOptions = { waitMs: 250, cached: 32, perAddress: { perSecond: 10, burst: 60 }, redrawMs: 1000 };

/** A plan link's page (not its print view): `/p/<token>`. */
const PLAN_PAGE = /^\/p\/([A-Za-z0-9_-]{1,200})\/?$/;
export const planPageToken = (pathname: string): string | null => PLAN_PAGE.exec(pathname)?.[1] ?? null;

/** The page with the frame in its root element, and its compressed copies, made once per frame. */
class FramePage {
  private readonly packed = new Map<string, Promise<Buffer>>();

  /** when it was made (performance.now()) */
  readonly madeAt = performance.now();

  constructor(
    readonly version: number,
    readonly html: Buffer,
  ) {}

  /** The answer, compressed as the client accepts (brotli, else gzip, else as it is). */
  async answer(acceptEncoding: string): Promise<Response> {
    const accepted = acceptedEncodings(acceptEncoding);
    const encoding = accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : null;
    const headers: Record<string, string> = {
      'content-type': 'text/html; charset=utf-8',
      // The frame shows what this session (or an open link) may see: never stored by a shared cache.
      'cache-control': 'private, no-cache',
      vary: 'accept-encoding, cookie',
    };
    let body = encoding ? this.packed.get(encoding) : undefined;
    if (encoding && !body) {
      body = encoding === 'br' ? brotli(this.html, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } }) : gzipped(this.html, { level: 6 });
      this.packed.set(encoding, body);
    }
    const packed = await body?.catch(() => null);
    if (!encoding || !packed) {
      if (encoding) this.packed.delete(encoding); // compressing failed: sent as it is, tried again next time
      return new Response(slicedBody(this.html), { status: 200, headers: { ...headers, 'content-length': String(this.html.byteLength) } });
    }
    return new Response(slicedBody(packed), {
      status: 200,
      headers: { ...headers, 'content-encoding': encoding, 'content-length': String(packed.byteLength) },
    });
  }
}

/**
 * A plan link's page arrives with the plan already drawn in it (its server frame): the board as the app would draw it, rendered
 * at the server by the web app's own components (apps/web/src/ssr/server-frame.tsx, in a worker: frame-worker.ts), so
 * the browser paints the plan before the app's JavaScript has even arrived. The frame is `inert` (nothing in it
 * reacts yet); the app replaces it in one commit when it has drawn the same plan (apps/web/src/main.tsx).
 *
 * Only what the request may see: its session's access, or — before it has one — what the link itself grants when it
 * is open (what the guest session the page is about to ask for would get). Drawn once per plan, role and version
 * and kept; a render costs the address one of its whole states (`Limits.statesPerAddress`). Everything here is a
 * head start only: a refusal, a busy or broken worker, a store that is away, or a frame not ready within `waitMs`
 * serves the page as it was, without a frame — never an error.
 */
export class ServerFrames {
  private readonly frames = new Map<string, FramePage>();
  private readonly drawing = new Map<string, Promise<FramePage | null>>();
  /** the built app's page and when it was written: a rebuild while the server runs brings a new one */
  private index: { at: number; html: Promise<string | null> } | null = null;
  private readonly asked: TokenBuckets;

  constructor(
    private readonly d: Pick<HttpDeps, 'gate' | 'hub' | 'log'> & { staticDir: string },
    private readonly worker: FrameWorker,
    private readonly options: ServerFrameOptions = DEFAULT_SERVER_FRAMES,
  ) {
    this.asked = TokenBuckets.of(options.perAddress);
  }

  /**
   * The page with its frame, or null: serve the plain page. Never throws, never waits past `waitMs`, and does not
   * wait at all while the worker is still starting (the first plan page after the server started) or when the
   * address has asked for more pages than `perAddress`.
   */
  async page(token: string, headers: Record<string, string | string[] | undefined>, address: string): Promise<FramePage | null> {
    if (!this.worker.warm) {
      this.worker.warmUp();
      return null;
    }
    if (this.asked.take(address) > 0) return null;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), this.options.waitMs)));
    try {
      return await Promise.race([this.frame(token, headers, address), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  close(): Promise<void> {
    return this.worker.close();
  }

  private async frame(token: string, headers: Record<string, string | string[] | undefined>, address: string): Promise<FramePage | null> {
    try {
      const { at, html: index } = await this.indexHtml();
      if (!index) return null;
      const access = await this.d.gate.pageAccess(token, headers);
      if (!access) return null;
      const room = await this.d.hub.room(access.plan.id, address);
      // the page it was made with is part of the key: a frame never outlives a rebuild
      const key = `${at}\n${access.plan.id}\n${access.role}`;
      const kept = this.frames.get(key);
      if (kept?.version === room.version) {
        this.frames.delete(key); // most recently served last
        this.frames.set(key, kept);
        return kept;
      }
      const drawingKey = `${key}\n${room.version}`;
      let drawing = this.drawing.get(drawingKey);
      // Drawn again at most every redrawMs: meanwhile the plain page (never a frame older than the plan).
      if (!drawing && kept && performance.now() - kept.madeAt < this.options.redrawMs) return null;
      if (!drawing) {
        if (this.d.hub.chargeState(address)) return null;
        drawing = this.draw(key, index, access.plan.id, access.plan.name, access.role, room.encoded()).finally(() => this.drawing.delete(drawingKey));
        this.drawing.set(drawingKey, drawing);
      }
      return await drawing;
    } catch (err) {
      if (!(err instanceof StoreUnavailableError) && !(err instanceof ServerFullError))
        this.d.log(`a plan's server frame failed: ${(err as Error).stack ?? String(err)}`);
      return null;
    }
  }

  private async draw(
    key: string,
    index: string,
    planId: string,
    planName: string,
    role: Role,
    encoded: Promise<{ version: number; state: Uint8Array }>,
  ): Promise<FramePage | null> {
    try {
      const { version, state } = await encoded;
      const head = { planId, planName, role, you: NOBODY, version };
      const html = await this.worker.render({ head, state });
      // The state the frame shows goes with it, for the app to start from (apps/web/src/boot.ts, `readPlanBlock`): a
      // JSON data block, never executed; `<` escaped so no text in the plan can end the element.
      const data = jsonWith(head, 'state', state).toString('utf8').replaceAll('<', '\\u003c');
      const root = `<div id="root" data-server-frame="${version}" inert aria-busy="true">${html}</div><script type="application/json" id="seatfold-plan">${data}</script>`;
      const page = new FramePage(version, Buffer.from(index.replace(HTML, '<html$1 data-plan-inline>').replace(ROOT, () => root)));
      const kept = this.frames.get(key);
      if (!kept || kept.version < version) {
        this.frames.delete(key);
        this.frames.set(key, page);
        while (this.frames.size > this.options.cached) this.frames.delete(this.frames.keys().next().value!);
      }
      return page;
    } catch {
      return null; // busy, overrun or broken: the worker has said why in the log where it matters
    }
  }

  /**
   * The built app's page, read again when the file changes (its script names change with each build) and when it
   * was written; its html is null when there is none or it has no empty root element to put a frame in.
   */
  private async indexHtml(): Promise<{ at: number; html: string | null }> {
    const file = path.join(this.d.staticDir, 'index.html');
    const at = (await stat(file).catch(() => null))?.mtimeMs ?? -1;
    if (this.index?.at !== at) {
      const html = readFile(file, 'utf8').then(
        (h) => (ROOT.test(h) && HTML.test(h) ? h : null),
        () => null,
      );
      this.index = { at, html };
    }
    return { at, html: await this.index.html };
  }
}

const ROOT = /<div id="root"><\/div>/;
const HTML = /<html([^>]*)>/;
/** Nobody in particular: a frame is shared by everyone opening the plan with the same role. */
const NOBODY: Actor = { id: '', name: '' };
