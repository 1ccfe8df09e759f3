import { loadUserName } from './app/identity.ts';
import { planToken } from './ui/paths.ts';

/**
 * The first script a page runs. The build emits it as an entry of its own, a few kilobytes that the page loads
 * with `async` ahead of the app's bundle (vite.config.ts), so on a plan link the session request leaves while the
 * bundle is still arriving and executing, instead of after React's first render. The app imports this same module
 * (one instance per page), takes the request's promise and handles its answer exactly as its own (app/auth.ts
 * `ensureSession`). It is the request the app would send: same body, same origin, same cookie.
 */

/** Takes the early request once, if it asked for this name (else null: the caller sends its own). */
export type TakeEarly = (name: string) => Promise<Response> | null;

/** Starts the session request now when `path` is a plan link; the returned function hands it over. */
export function earlySession(path: string, nameNow: () => string, send: (name: string) => Promise<Response>): TakeEarly {
  if (!planToken(path)) return () => null;
  const name = nameNow();
  let reply: Promise<Response> | null = send(name);
  // Nobody may take it (the app asks with another name): its failure is then nobody's concern, not an unhandled one.
  reply.catch(() => undefined);
  return (asked) => {
    const r = reply;
    reply = null;
    return asked === name ? r : null;
  };
}

const post = (name: string) =>
  fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });

export const takeEarlySession: TakeEarly = typeof window === 'undefined' ? () => null : earlySession(window.location.pathname, loadUserName, post);
