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
  json(): Promise<unknown>;
}

/** Takes the early request once, if it asked for this name (else null: the caller sends its own). */
export type TakeEarly = (name: string) => Promise<EarlyReply> | null;

/** Starts the session request now when `path` is a plan link; the returned function hands it over. */
export function earlySession(path: string, nameNow: () => string, send: (name: string) => Promise<EarlyReply>): TakeEarly {
  if (!planToken(path)) return () => null;
  const name = nameNow();
  let reply: Promise<EarlyReply> | null = send(name);
  // Nobody may take it (the app asks with another name): its failure is then nobody's concern, not an unhandled one.
  reply.catch(() => undefined);
  return (asked) => {
    const r = reply;
    reply = null;
    return asked === name ? r : null;
  };
}

const post = (name: string): Promise<EarlyReply> =>
  fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) }).then(async (res) => {
    const text = await res.text();
    return { ok: res.ok, status: res.status, json: () => Promise.resolve(text).then((t) => JSON.parse(t) as unknown) };
  });

export const takeEarlySession: TakeEarly = typeof window === 'undefined' ? () => null : earlySession(window.location.pathname, loadUserName, post);
