import { loadUserName } from './app/identity.ts';
import { planToken } from './ui/paths.ts';

/**
 * The first script a page runs. The build emits it as an entry of its own, under a kilobyte, that the page loads
 * with `async` ahead of the app's bundle (vite.config.ts), so on a plan link the session request leaves while the
 * bundle is still arriving and executing, instead of after React's first render. The app imports this same module
 * (one instance per page), takes the request's promise and handles its answer exactly as its own (app/auth.ts
 * `ensureSession`). It is the request the app would send: same body, same origin, same cookie.
 */

/**
 * The part of a Response the app's `answer` reads. The body is read here as soon as it arrives, so when the app
 * takes an answer that is already in, its handling needs no further task: the socket opens before React's first
 * render runs, not after it.
 */
export interface EarlyReply {
  ok: boolean;
  status: number;
  /** the body's JSON, null when it is not JSON (what `answer` makes of an unreadable body) */
  body: unknown;
  json(): Promise<unknown>;
}

/** Takes the early request once, if it asked for this name (else null: the caller sends its own). */
export interface TakeEarly {
  (name: string): Promise<EarlyReply> | null;
  /**
   * The answer's body, taken, when it is already in, a success, readable and for this name; else null and nothing
   * is taken (the call above still hands the request over). Synchronous: app/start.ts runs while the module graph is
   * evaluated, one task in which no promise settles, and opens the plan's socket then rather than after it.
   */
  now(name: string): unknown;
}

/** Starts the session request now when `path` is a plan link; the returned function hands it over. */
export function earlySession(path: string, nameNow: () => string, send: (name: string) => Promise<EarlyReply>): TakeEarly {
  const none = Object.assign(() => null, { now: () => null });
  if (!planToken(path)) return none;
  const name = nameNow();
  let reply: Promise<EarlyReply> | null = send(name);
  let settled: EarlyReply | null = null;
  // Nobody may take it (the app asks with another name): its failure is then nobody's concern, not an unhandled one.
  reply.then((r) => (settled = r)).catch(() => undefined);
  const take = (asked: string) => {
    const r = reply;
    reply = null;
    return asked === name ? r : null;
  };
  const now = (asked: string) => {
    if (!reply || !settled?.ok || settled.body === null || asked !== name) return null;
    reply = null;
    return settled.body;
  };
  return Object.assign(take, { now });
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const post = (name: string): Promise<EarlyReply> =>
  fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) }).then(async (res) => {
    const text = await res.text();
    const body = readJson(text);
    return { ok: res.ok, status: res.status, body, json: () => Promise.resolve(body) };
  });

export const takeEarlySession: TakeEarly =
  typeof window === 'undefined' ? Object.assign(() => null, { now: () => null }) : earlySession(window.location.pathname, loadUserName, post);
