/** Helpers for the server's integration tests (real socket.io over HTTP on an ephemeral port). Not used by the app. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evolve, initialState, type PlanEvent, type PlanState } from '@seatfold/domain';
import { openStore, type EventStore } from '@seatfold/store';
import { openDiskStore, openMemoryStore } from '@seatfold/store/testing';
import { io, type Socket } from 'socket.io-client';
import { createApp, type App, type AppOptions } from './app.ts';
import { openAuth, type AuthStore } from './auth/index.ts';

export interface Backend {
  name: string;
  /** a store shared by the tests of a file */
  open(): Promise<EventStore>;
  /** a store that survives close() and reopen (same location) */
  persistent(): Promise<{ open(): Promise<EventStore>; dispose(): Promise<void> }>;
}

const pglite: Backend = {
  name: 'PGlite',
  open: () => openMemoryStore(),
  async persistent() {
    const dataDir = await mkdtemp(join(tmpdir(), 'seatfold-server-test-'));
    return { open: () => openDiskStore(dataDir), dispose: () => rm(dataDir, { recursive: true, force: true }) };
  },
};

function postgres(databaseUrl: string): Backend {
  return {
    name: 'PostgreSQL',
    open: () => openStore({ databaseUrl }),
    persistent() {
      return Promise.resolve({ open: () => openStore({ databaseUrl }), dispose: async () => {} });
    },
  };
}

/** PGlite always; PostgreSQL as well when DATABASE_URL is set (tests use fresh random plan ids, never drop anything). */
export function backends(env: Record<string, string | undefined> = process.env): Backend[] {
  return env.DATABASE_URL ? [pglite, postgres(env.DATABASE_URL)] : [pglite];
}

export interface RunningApp {
  app: App;
  url: string;
  logs: string[];
  close(): Promise<void>;
}

const auths = new WeakMap<object, Promise<AuthStore>>();
/** The auth tables on a test store's connection, opened once per store (a wrapped store: pass `authOf` its original). */
export const authFor = (store: EventStore): Promise<AuthStore> => auths.get(store) ?? (auths.set(store, openAuth(store)), auths.get(store)!);

export async function startApp(store: EventStore, over: Partial<AppOptions> & { authOf?: EventStore } = {}): Promise<RunningApp> {
  const logs: string[] = [];
  const auth = over.auth ?? (await authFor(over.authOf ?? store));
  // Every test socket is a new browser from 127.0.0.1: new guest sessions, uploads and exports are not limited here (their
  // own tests set them).
  const unlimited = { guestSessionsPerMinute: 1e9, uploadRate: { perSecond: 1e6, burst: 1e6 }, downloadRate: { perSecond: 1e6, burst: 1e6 } };
  const app = createApp({ store, auth, staticDir: null, demo: false, log: (m) => logs.push(m), ...unlimited, ...over });
  const port = await app.listen(0, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${port}`, logs, close: () => app.close() };
}

/** The session cookie (`seatfold_session=…`) of an answer, or null. */
export function cookieOf(res: Response): string | null {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('seatfold_session='));
  return set ? set.split(';')[0]! : null;
}

/** A guest session, obtained as the web page does (POST /api/session): the cookie to send with requests and sockets. */
export async function guestCookie(url: string, name?: string): Promise<string> {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(name ? { name } : {}),
  });
  const cookie = cookieOf(res);
  if (res.status !== 201 || !cookie) throw new Error(`no guest session: ${res.status} ${await res.text()}`);
  return cookie;
}

/** A socket.io client, connected; with the given session cookie, or a fresh guest session like a new browser's. */
export async function connect(url: string, opts: { autoConnect?: boolean; reconnection?: boolean; cookie?: string } = {}): Promise<Socket> {
  const cookie = opts.cookie ?? (await guestCookie(url));
  const socket = io(url, {
    extraHeaders: { cookie },
    transports: ['websocket'],
    forceNew: true,
    autoConnect: opts.autoConnect ?? true,
    reconnection: opts.reconnection ?? false,
    reconnectionDelay: 20,
    reconnectionDelayMax: 200,
  });
  if (opts.autoConnect === false) return socket;
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

export function ask<T = unknown>(socket: Socket, event: string, ...args: unknown[]): Promise<T> {
  // Generous: an answer that is merely slow on a loaded machine must not fail the test.
  return socket.timeout(60_000).emitWithAck(event, ...args) as Promise<T>;
}

/** Polls until `check` returns true (or a truthy value); fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string | (() => string), check: () => T | Promise<T>, timeoutMs = 60_000, everyMs = 10): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The plan's state as a fresh fold of every stored event: the truth every client and room must equal. */
export async function foldStore(store: EventStore, planId: string): Promise<PlanState> {
  const s = initialState();
  for (const e of await store.readStream<PlanEvent>(planId)) evolve(s, e.event);
  return s;
}
