import { existsSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { EventStore } from '@seatfold/store';
import { MAX_MESSAGE_BYTES, type Admit } from '@seatfold/sync';
import { busy, Counter, MeterMap, REQUEST_TYPES, SyncHub, TokenBuckets, type Fanout, type Limits, type Peer } from '@seatfold/sync/server';
import { Server as IoServer, type Socket } from 'socket.io';
import { redactTokens, type RequestLogEntry } from './http/log.ts';
import { DEFAULT_HTTP_LIMITS, nodeServer, type HttpLimits } from './http/node.ts';
import type { CreationLimits } from './http/rate-limit.ts';
import type { UploadRate } from './imports.ts';
import { httpApp } from './http/routes.ts';
import { DEFAULT_SERVER_FRAMES, ServerFrames, type ServerFrameOptions } from './http/server-frame.ts';
import { DEFAULT_FRAME_WORKER, FrameWorker } from './http/frame-worker.ts';
import { originCheck } from './http/security.ts';
import { DEFAULT_REFUSAL_LIMITS, RefusalPacer, TOO_MANY_REFUSED, type RefusalLimits } from './http/refusal-pace.ts';
import { meterInbound, pauseReading } from './socket-pause.ts';
import { clientAddress, requestAddress } from './http/address.ts';
import { Gate } from './auth/access.ts';
import { makeAdmit } from './auth/admit.ts';
import { smtpMailer, type MailConfig, type Mailer } from './auth/mail.ts';
import type { AuthStore } from './auth/store.ts';
import { socketParser } from './socket-parser.ts';

export interface Heartbeat {
  intervalMs: number;
  timeoutMs: number;
}

/**
 * A connection that dies without closing (a server gone, a network path cut while the browser still thinks it is
 * online, a laptop woken from sleep) is noticed only by its heartbeat: the browser takes the socket for dead when no
 * ping came for interval + timeout, and says Offline (its pending changes wait and are resent). socket.io's defaults
 * (25 + 20 s) left a planner at "Connected" for up to 45 s; these make it at most 20 s, and a tab may still be busy
 * for 10 s before the server gives up on it. Each socket costs one small ping and pong every 10 s.
 */
export const HEARTBEAT: Heartbeat = { intervalMs: 10_000, timeoutMs: 10_000 };

export interface AppOptions {
  store: EventStore;
  /** members, sessions, invites (openAuth on the store's connection) */
  auth: AuthStore;
  /** sign-in links by e-mail: SMTP (SEATFOLD_SMTP_URL, SEATFOLD_MAIL_FROM) or a ready Mailer; default none */
  mail?: MailConfig | Mailer | null;
  /** the address links in e-mails point to (SEATFOLD_PUBLIC_URL) */
  publicUrl?: string | null;
  /** invite claims and sign-in requests per address and minute (default 10) */
  authAttemptsPerMinute?: number;
  /** mails one address may receive at one client address's request (default 5, then one every 10 minutes) */
  mailsPerSender?: { perSecond: number; burst: number };
  /** mails one address may receive from everybody together (default 20, then one a minute) */
  mailsPerRecipient?: { perSecond: number; burst: number };
  /** new guest sessions per address and minute (default 120) */
  guestSessionsPerMinute?: number;
  /** renames per address and minute (default 60) */
  renamesPerMinute?: number;
  /** who a socket's join is (see Admit in @seatfold/sync); default: the share token, named after the client's wish */
  admit?: Admit;
  /** built web app; default apps/web/dist when it exists */
  staticDir?: string | null;
  /**
   * the web app's server-frame module (`vite build --ssr`, http/server-frame.ts); default apps/web/dist-ssr/server-frame.js
   * when it exists and `staticDir` is the default; null: plan links' pages come without a frame
   */
  serverFrameModule?: string | null;
  /** how long a plan page waits for its frame, how many are kept, how many pages per address ask (http/server-frame.ts) */
  serverFrames?: Partial<ServerFrameOptions>;
  demo?: boolean;
  snapshotEvery?: number;
  /** group appends in flight per plan (default 1: each group waits for the previous commit; see docs/performance.md) */
  pipeline?: number;
  /** how often the server pings each socket, and how long either end waits before it takes a silent one for dead */
  heartbeat?: Heartbeat;
  log?: (msg: string) => void;
  /** one entry per HTTP request (path redacted); default: none */
  requestLog?: (entry: RequestLogEntry) => void;
  /** origins other than the server's own whose pages may open a socket (SEATFOLD_ORIGINS) */
  origins?: readonly string[];
  creationLimits?: CreationLimits;
  /** spreadsheets one address may upload: a burst, then so many a second (imports.ts DEFAULT_UPLOAD_RATE) */
  uploadRate?: UploadRate;
  /** downloads (exports and prints) one address may make: a burst, then so many a second (export-files.ts DEFAULT_DOWNLOAD_RATE) */
  downloadRate?: UploadRate;
  httpLimits?: Partial<HttpLimits>;
  /** reverse proxies in front of the server whose X-Forwarded-For is trusted for the limits per address */
  trustedProxies?: number;
  /** request, socket and plan limits (see @seatfold/sync/server DEFAULT_LIMITS) */
  limits?: Partial<Limits>;
  /** how many refusals an address may collect before its requests and new sockets are held (http/refusal-pace.ts) */
  refusalLimits?: Partial<RefusalLimits>;
}

export interface App {
  http: HttpServer;
  io: IoServer;
  hub: SyncHub;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

const defaultStatic = fileURLToPath(new URL('../../web/dist', import.meta.url));
const defaultFrameModule = fileURLToPath(new URL('../../web/dist-ssr/server-frame.js', import.meta.url));

/** The protocol's request messages (see packages/sync/src/protocol.ts); each is answered through its ack. */
const REQUESTS: readonly string[] = REQUEST_TYPES;

/** socket.io rooms as the hub's fanout: one encode per publish, whatever the number of clients. */
function socketFanout(io: IoServer, sockets: WeakMap<Peer, Socket>): Fanout {
  return {
    add: (planId, peer) => void sockets.get(peer)?.join(planId),
    remove: (planId, peer) => void sockets.get(peer)?.leave(planId),
    publish: (planId, event, payload) => void io.to(planId).emit(event, payload),
  };
}

const SOCKET_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

/** Wires HTTP, socket.io and the sync hub around a store. The caller owns the store. */
export function createApp(o: AppOptions): App {
  const write = o.log ?? ((m: string) => console.log(m));
  // Plan tokens are secrets: no log line shows one, whoever writes it.
  const log = (m: string) => write(redactTokens(m));
  const sockets = new WeakMap<Peer, Socket>();
  let web: ReturnType<typeof httpApp> | null = null;
  // The HTTP app first, socket.io second: engine.io then owns /socket.io/ alone (see nodeServer).
  const trustedProxies = o.trustedProxies ?? 0;
  const http = nodeServer((req, env) => web!.fetch(req, env), { ...DEFAULT_HTTP_LIMITS, ...o.httpLimits }, log, trustedProxies);
  // One budget of refusals per address for its HTTP requests and its new sockets alike.
  const refusals = new RefusalPacer({ ...DEFAULT_REFUSAL_LIMITS, ...o.refusalLimits });
  const origin = originCheck(o.origins ?? []);
  const io = new IoServer(http, {
    serveClient: false,
    // Websockets only (the web app asks for nothing else): reading a socket can be paused when its address is over its
    // inbound budget (socket-pause.ts), a long-polling client's requests cannot, so one ran up minutes of debt that
    // froze every websocket of its address (a probe: 662 MB in 20 s).
    transports: ['websocket'],
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    // a message nested too deep is not parsed (socket-parser.ts)
    parser: socketParser,
    cors: { origin: false },
    pingInterval: (o.heartbeat ?? HEARTBEAT).intervalMs,
    pingTimeout: (o.heartbeat ?? HEARTBEAT).timeoutMs,
    // A new socket of an address that keeps coming back refused waits before its handshake is even looked at.
    allowRequest: (req, callback) =>
      void refusals
        .admit(requestAddress(req, trustedProxies))
        .then((admitted) => (admitted ? origin(req, callback) : callback(TOO_MANY_REFUSED, false))),
  });
  // engine.io answers /socket.io/ itself: its answers get the same protective headers as the app's.
  io.engine.on('headers', (headers: Record<string, string>) => Object.assign(headers, SOCKET_HEADERS));
  // Who joins is decided from the handshake's session cookie (auth/admit.ts), never from a name the client sends.
  const gate = new Gate(o.auth, o.store, log);
  // Expired sessions, invites and sign-in links are deleted shortly after start and then hourly (a database that is
  // away just means the next round does it).
  const purge = () =>
    void o.auth.purgeExpired().then(
      (n) =>
        n.sessions + n.invites + n.signInLinks + n.emailLinks + n.guests > 0 &&
        log(
          `auth: purged ${n.sessions} sessions, ${n.invites} invites, ${n.signInLinks} sign-in links, ${n.emailLinks} confirmation links (expired), ${n.guests} guests with nothing left`,
        ),
      () => {},
    );
  const purgeTimers = [setTimeout(purge, 30_000), setInterval(purge, 3_600_000)];
  for (const t of purgeTimers) t.unref();
  const hub = new SyncHub({
    store: o.store,
    fanout: socketFanout(io, sockets),
    snapshotEvery: o.snapshotEvery,
    pipeline: o.pipeline,
    log,
    limits: o.limits,
    admit: o.admit ?? makeAdmit(gate, log),
  });
  const staticDir = o.staticDir === undefined ? (existsSync(defaultStatic) ? defaultStatic : null) : o.staticDir;
  const frameModule =
    o.serverFrameModule !== undefined ? o.serverFrameModule : o.staticDir === undefined && existsSync(defaultFrameModule) ? defaultFrameModule : null;
  const frames =
    staticDir && frameModule
      ? new ServerFrames({ gate, hub, log, staticDir }, new FrameWorker(frameModule, DEFAULT_FRAME_WORKER, log), {
          ...DEFAULT_SERVER_FRAMES,
          ...o.serverFrames,
        })
      : null;
  const mailer = !o.mail ? null : 'sendSignIn' in o.mail ? o.mail : smtpMailer(o.mail);
  web = httpApp({
    store: o.store,
    hub,
    gate,
    reAdmit: (planId: string, personId?: string) => hub.reAdmit(planId, personId),
    sessionsEnded: (personId: string) => hub.reAdmitActor(personId),
    mailer,
    publicUrl: o.publicUrl ?? null,
    attemptsPerMinute: o.authAttemptsPerMinute,
    mailsPerSender: o.mailsPerSender,
    mailsPerRecipient: o.mailsPerRecipient,
    guestSessionsPerMinute: o.guestSessionsPerMinute,
    renamesPerMinute: o.renamesPerMinute,
    origins: o.origins,
    staticDir,
    demo: o.demo ?? true,
    log,
    creationLimits: o.creationLimits,
    uploadRate: o.uploadRate,
    downloadRate: o.downloadRate,
    trustedProxies,
    requestLog: o.requestLog,
    frames,
    refusals,
  });

  // At most socketsPerAddress sockets per client address open, and connectionsPerAddress new ones per second (after a
  // burst); the client sees a connect_error whose data says when to retry.
  const perAddress = new Counter<string>(hub.limits.socketsPerAddress);
  const newPerAddress = TokenBuckets.of(hub.limits.connectionsPerAddress);
  io.use((socket, next) => {
    const address = clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for'], trustedProxies);
    const wait = newPerAddress.take(address);
    if (wait > 0) {
      refusals.refused(address);
      const err = new Error('Too many new connections from your address.') as Error & { data?: unknown };
      err.data = busy(`Too many new connections from your address. Try again in ${Math.ceil(wait / 1000)} s.`, wait);
      return next(err);
    }
    if (!perAddress.tryAdd(address)) {
      refusals.refused(address);
      const err = new Error('Too many connections from your address.') as Error & { data?: unknown };
      err.data = busy(
        `Too many open connections from your address (at most ${hub.limits.socketsPerAddress}). Close some tabs, or try again in a minute.`,
        30_000,
      );
      return next(err);
    }
    // The transport's close, not the socket's disconnect: it also comes when a later middleware refuses the socket.
    socket.conn.once('close', () => perAddress.remove(address));
    next();
  });

  const inboundPerAddress = new MeterMap(hub.limits.inboundBytesPerAddress);
  io.on('connection', (socket) => {
    const address = clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for'], trustedProxies);
    meterInbound(socket, hub.limits.inboundBytesPerSocket, inboundPerAddress.for(address));
    const peer: Peer = {
      handshake: {
        headers: socket.handshake.headers,
        address,
      },
      send: (event: string, payload: unknown) => socket.emit(event, payload),
      // after its access was withdrawn (hub.setAccess): engine.io sends what is queued (the notice) before it closes
      close: () => void socket.disconnect(true),
      pause: (ms) => pauseReading(socket, ms),
    };
    sockets.set(peer, socket);
    const session = hub.connect(peer);
    for (const type of REQUESTS) {
      socket.on(type, async (...args: unknown[]) => {
        // Paused for flooding (Limits.refusedPerSocket): dropped, unanswered, at the least cost.
        if (session.dropping) return;
        // The acknowledgement is always the last argument, however many the client sent — even none: then it
        // is the only one, and the payload is missing.
        const ack = args.at(-1);
        const payload = typeof ack === 'function' && args.length === 1 ? undefined : args[0];
        // A message without an acknowledgement callback cannot be answered; say so on the error channel.
        if (typeof ack !== 'function') {
          socket.emit('protocol-error', { code: 'BadMessage', message: `'${type}' must be sent with an acknowledgement (emitWithAck).` });
          return;
        }
        (ack as (reply: unknown) => void)(await session.handle(type, payload));
      });
    }
    // The drag ghost is fire and forget: no acknowledgement, nothing answered, dropped when refused (see protocol/ghost.ts).
    socket.on('ghost', (payload: unknown) => session.dropping || hub.ghost(session, payload));
    socket.onAny((event: string, ...args: unknown[]) => {
      if (REQUESTS.includes(event) || event === 'ghost') return;
      const ack = args.at(-1);
      const error = { code: 'BadMessage', message: `Unknown message type ${JSON.stringify(event)}.` };
      if (typeof ack === 'function') (ack as (reply: unknown) => void)({ ok: false, error });
      else socket.emit('protocol-error', error);
    });
    socket.on('disconnect', () => session.close());
  });

  return {
    http,
    io,
    hub,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => resolve((http.address() as AddressInfo).port));
      }),
    close: async () => {
      for (const t of purgeTimers) clearTimeout(t);
      hub.close();
      await frames?.close();
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
