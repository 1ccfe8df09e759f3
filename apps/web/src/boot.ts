import type { PlanStateReply } from '@seatfold/sync';
import { loadUserName } from './app/identity.ts';
import { planToken } from './ui/paths.ts';

/**
 * The first script a page runs. The build emits it as an entry of its own, under a kilobyte, that the page loads
 * with `async` ahead of the app's bundle (vite.config.ts), so on a plan link the session request leaves while the
 * bundle is still arriving and executing, instead of after React's first render. The app imports this same module
 * (one instance per page), takes the request's promise and handles its answer exactly as its own (app/auth.ts
 * `ensureSession`). It is the request the app would send (same body, origin and cookie) plus the plan link's token:
 * its answer then carries the plan's state as well (`takeEarlyState`).
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

/** What the app takes of the early state: the answer if it is in already, and its promise (null: none, or refused). */
export interface EarlyState {
  now: PlanStateReply | null;
  later: Promise<PlanStateReply | null>;
}
export type TakeEarlyState = (token: string) => EarlyState | null;

/**
 * On a plan link the session request also asks for the plan's state (its `plan`), so the app draws the plan as soon
 * as it runs instead of after its socket's join. Any failure is only a missed head start: null.
 */
export function earlyState(token: string | null, session: Promise<EarlyReply> | null): TakeEarlyState {
  if (!token || !session) return () => null;
  const plan = session.then(async (r) => (r.ok ? (((await r.json()) as { plan?: PlanStateReply | null }).plan ?? null) : null));
  const state: EarlyState = { now: null, later: plan.catch(() => null) };
  void state.later.then((s) => (state.now = s));
  let given = false;
  return (asked) => {
    if (given || asked !== token) return null;
    given = true;
    return state;
  };
}

/**
 * A page the server drew (apps/server/src/http/server-frame.ts) carries the plan's state itself, in a JSON data
 * block after its frame (`#seatfold-plan`; a data block is never executed, so the CSP allows it): the app adopts
 * it as it starts, and the session request need not ask for the state again. Read once, and removed (half a
 * megabyte of text the page no longer needs). Null when it is missing or unreadable: the join then brings the state.
 */
export function pageState(token: string | null, read: () => PlanStateReply | null): TakeEarlyState {
  let given = false;
  return (asked) => {
    if (!token || given || asked !== token) return null;
    given = true;
    const now = read();
    return { now, later: Promise.resolve(now) };
  };
}

/** The state's data block, parsed, and taken out of the page. */
export function readPlanBlock(doc: Document): PlanStateReply | null {
  const block = doc.getElementById('seatfold-plan');
  if (!block) return null;
  block.remove();
  try {
    return JSON.parse(block.textContent ?? '') as PlanStateReply;
  } catch {
    return null;
  }
}

const browser = typeof window !== 'undefined';
const token = browser ? planToken(window.location.pathname) : null;
/** The server drew this page with the plan's state in it (the `<html>` says so before the body is parsed). */
const stateInPage = browser && document.documentElement.hasAttribute('data-plan-inline');

/** The session request (its body parsed once, whoever reads it). */
const post = (name: string): Promise<EarlyReply> =>
  fetch('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(stateInPage ? { name } : { name, plan: token }),
  }).then(async (res) => {
    const body = res.text().then((t) => JSON.parse(t) as unknown);
    await body.catch(() => undefined);
    return { ok: res.ok, status: res.status, json: () => body };
  });

let sessionSent: Promise<EarlyReply> | null = null;
export const takeEarlySession: TakeEarly = browser
  ? earlySession(window.location.pathname, loadUserName, (name) => (sessionSent = post(name)))
  : () => null;
export const takeEarlyState: TakeEarlyState = stateInPage ? pageState(token, () => readPlanBlock(document)) : earlyState(token, sessionSent);

// While the bundle is still arriving (the request above is out), load ICU's collation data: a page's first
// Intl.Collator took 14–28 ms of main thread (profiled at load 6–9), and a plan's first render sorts the guests with
// one (the domain's byName). Collators made later reuse the data.
if (token) void new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
