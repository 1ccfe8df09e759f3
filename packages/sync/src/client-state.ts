import { decide, evolve, initialState, type Command, type PlanState } from '@seatfold/domain/core';
import { freeze, produce } from 'immer';
import {
  decodeState,
  isRetryable,
  unframe,
  type Actor,
  type CommandReply,
  type JoinReply,
  type PlanStateReply,
  type ReplyError,
  type Role,
  type WireEvent,
} from './protocol.ts';

/**
 * A client's view of one plan, as pure data and a pure reducer (Redux runs it as the plan slice; tests run it bare).
 *
 *   confirmed  the server's events folded, nothing else
 *   pending    my commands not yet confirmed, in the order I issued them
 *   view       confirmed + pending commands RE-DECIDED on top of it (not their old events), so invariants hold
 *              even when somebody else's events arrived in between (see docs/architecture.md)
 */
export interface PendingCommand {
  commandId: string;
  command: Command;
  batchId: string | null;
  /** the stream version the server acknowledged it at; dropped once confirmed reaches it */
  ackedAt: number | null;
}

/** A command of mine refused for good (by the local decide, or by the server on its merits); see `rejectionOf`. */
export interface Rejection {
  commandId: string;
  command: Command;
  error: ReplyError;
  at: number;
}

export interface ClientPlanState {
  planId: string | null;
  planName: string;
  role: Role | null;
  /** who the server admitted this client as (null before the first join): "my" changes are this actor's */
  you: Actor | null;
  confirmed: PlanState;
  pending: PendingCommand[];
  view: PlanState;
  /** set when events arrived with a gap: the engine must re-join from confirmed.version */
  needsResync: boolean;
  /**
   * Why my pending changes are not saved yet: the server's words on the last retryable refusal ("The server has run
   * out of room to save changes…"); null once one of them lands. The changes stay pending and are sent again.
   */
  held: string | null;
}

/** A join reply with its events read and its snapshot decoded (the wire carries a frame and JSON bytes). */
export type JoinedPayload = Omit<Extract<JoinReply, { ok: true }>, 'snapshot' | 'events'> & {
  events: WireEvent[];
  snapshot: { version: number; state: PlanState } | null;
};

export function decodeJoined(reply: Extract<JoinReply, { ok: true }>): JoinedPayload {
  return {
    ...reply,
    events: unframe(reply.events),
    snapshot: reply.snapshot ? { version: reply.snapshot.version, state: decodeState(reply.snapshot.state) } : null,
  };
}

/** A page's early state (`PlanStateReply`, over HTTP) as a join that carried a snapshot: nobody is known online yet. */
export function joinedFromState(reply: PlanStateReply): JoinedPayload {
  const { planId, planName, role, you, version } = reply;
  return {
    ok: true,
    planId,
    planName,
    role,
    you,
    version,
    events: [],
    snapshot: { version, state: reply.state as PlanState },
    online: [],
    onlineCount: 0,
  };
}

export type ClientAction =
  | { type: 'sync/joined'; payload: JoinedPayload }
  | { type: 'sync/events'; payload: WireEvent[] }
  | { type: 'sync/issued'; payload: { commandId: string; command: Command; batchId: string | null; at: number } }
  | { type: 'sync/replied'; payload: { reply: CommandReply; at: number } }
  /** the server changed this client's role (SyncHub.setAccess) */
  | { type: 'sync/role'; payload: Role }
  /** pending commands saved before a reload, put back (same ids) so the engine resends them */
  | { type: 'sync/restored'; payload: PendingCommand[] };

/** Above this many events at once, fold on a private copy instead of through immer drafts (much faster). */
const BULK_FOLD = 256;

export function initialClientState(): ClientPlanState {
  const s = freeze(initialState(), true);
  return { planId: null, planName: '', role: null, you: null, confirmed: s, pending: [], view: s, needsResync: false, held: null };
}

export function clientReducer(state: ClientPlanState = initialClientState(), action: ClientAction | { type: string }): ClientPlanState {
  const a = action as ClientAction;
  switch (a.type) {
    case 'sync/joined': {
      const { planId, planName, role, you, events, snapshot } = a.payload;
      let confirmed = state.planId === planId ? state.confirmed : initialClientState().confirmed;
      // Frozen at its top only: a deep freeze of a 1,500-guest state takes 10–60 ms in a cold browser, on the way to
      // the plan's first paint. The page freezes the rest when idle (apps/web app/listeners.ts).
      if (snapshot) confirmed = freeze(snapshot.state);
      const next = { ...state, planId, planName, role, you, confirmed, needsResync: false };
      return applyEvents(next, events);
    }
    case 'sync/events':
      return applyEvents(state, a.payload);
    case 'sync/role':
      return state.role === a.payload ? state : { ...state, role: a.payload };
    case 'sync/issued': {
      const { commandId, command, batchId } = a.payload;
      // Decide locally first: a command the current view already refuses is never sent.
      const local = decide(state.view, command);
      if (!local.ok) return state; // refused here, never sent (rejectionOf says why)
      const pending = [...state.pending, { commandId, command, batchId, ackedAt: null }];
      const view = produce(state.view, (d) => {
        for (const e of local.events) evolve(d, e);
      });
      return { ...state, pending, view };
    }
    case 'sync/replied': {
      const { reply } = a.payload;
      const p = state.pending.find((x) => x.commandId === reply.commandId);
      if (!p) return state;
      if (reply.status === 'rejected') {
        // Refused for load or a lost database, not on its merits: it stays pending (and in the view); the engine resends it.
        if (isRetryable(reply.error)) return state.held === reply.error.message ? state : { ...state, held: reply.error.message };
        const rest = state.pending.filter((x) => x !== p);
        return { ...state, pending: rest, view: rebase(state.confirmed, rest) };
      }
      if (reply.version <= state.confirmed.version) {
        // Its events (if any) are already folded into confirmed: the pending copy goes.
        const rest = state.pending.filter((x) => x !== p);
        return { ...state, pending: rest, view: rebase(state.confirmed, rest), held: null };
      }
      return { ...state, pending: state.pending.map((x) => (x === p ? { ...x, ackedAt: reply.version } : x)), held: null };
    }
    case 'sync/restored': {
      const known = new Set(state.pending.map((p) => p.commandId));
      const pending = [...state.pending, ...a.payload.filter((p) => !known.has(p.commandId)).map((p) => ({ ...p, ackedAt: null }))];
      return { ...state, pending, view: rebase(state.confirmed, pending) };
    }
    default:
      return state;
  }
}

/**
 * The command this action refuses for good, given the state before it: an issued command the view already refuses
 * (never sent), or a pending one the server rejected on its merits (load and lost databases are retried instead).
 * The reducer rolls such a command back; what a planner is told is the app's concern (the web app's toasts).
 */
export function rejectionOf(before: ClientPlanState, action: ClientAction | { type: string }): Rejection | null {
  const a = action as ClientAction;
  if (a.type === 'sync/issued') {
    const { commandId, command, at } = a.payload;
    const local = decide(before.view, command);
    return local.ok ? null : { commandId, command, error: local.error, at };
  }
  if (a.type === 'sync/replied') {
    const { reply, at } = a.payload;
    if (reply.status !== 'rejected' || isRetryable(reply.error)) return null;
    const p = before.pending.find((x) => x.commandId === reply.commandId);
    return p ? { commandId: p.commandId, command: p.command, error: reply.error, at } : null;
  }
  return null;
}

/** Folds server events into confirmed (ignoring ones already seen), drops confirmed pending commands, rebases. */
function applyEvents(state: ClientPlanState, events: WireEvent[]): ClientPlanState {
  const fresh = events.filter((e) => e.version > state.confirmed.version);
  if (fresh.length === 0)
    return state.view === state.confirmed && state.pending.length === 0 ? state : { ...state, view: rebase(state.confirmed, state.pending) };
  // Versions must continue confirmed without a hole, also inside the batch: evolve numbers events by position.
  if (fresh.some((e, i) => e.version !== state.confirmed.version + 1 + i)) return { ...state, needsResync: true };
  const confirmed = foldWire(state.confirmed, fresh);
  const done = new Set(fresh.map((e) => e.meta.commandId));
  const pending = state.pending.filter((p) => !done.has(p.commandId) && !(p.ackedAt !== null && p.ackedAt <= confirmed.version));
  return { ...state, confirmed, pending, view: rebase(confirmed, pending) };
}

function foldWire(base: PlanState, events: WireEvent[]): PlanState {
  if (events.length >= BULK_FOLD) {
    const copy = structuredClone(base);
    for (const e of events) evolve(copy, e.event);
    return freeze(copy, true);
  }
  return produce(base, (d) => {
    for (const e of events) evolve(d, e.event);
  });
}

/** view = confirmed + pending commands re-decided in order; a command that no longer fits is left out of the view
 *  (the server will reject it and the client then reports why). */
export function rebase(confirmed: PlanState, pending: readonly PendingCommand[]): PlanState {
  if (pending.length === 0) return confirmed;
  return produce(confirmed, (d) => {
    for (const p of pending) {
      const r = decide(d, p.command);
      if (r.ok) for (const e of r.events) evolve(d, e);
    }
  });
}
