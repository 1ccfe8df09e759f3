import { createListenerMiddleware, freeze, type TypedStartListening } from '@reduxjs/toolkit';
import { dataApi } from './data.ts';
import { historyListeners } from './history.ts';
import { NAME_KEY } from './identity.ts';
import { notificationListeners } from './notifications.ts';
import { actorsListeners } from './parties.ts';
import type { StoreExtra } from './extra.ts';
import { loadPending, pendingKey, savePending } from './persist.ts';
import { sessionActions } from './session.ts';
import { syncJoined } from './sync-actions.ts';
import type { AppDispatch, RootState } from './store.ts';

/** How long a burst of plan changes is let settle before the batch list is asked again. */
export const BATCHES_SETTLE_MS = 200;

/**
 * The store's side effects, each a listener with the plan's connection from `extra` (no module state, no
 * `store.subscribe`): what is saved, what is asked again, when the socket re-joins.
 */
export function makeListeners(extra: StoreExtra) {
  const listeners = createListenerMiddleware({ extra });
  const on = listeners.startListening as TypedStartListening<RootState, AppDispatch, StoreExtra>;

  // Pending commands are saved as they change, so a reload resends them (app/persist.ts). Other tabs of the plan
  // save under the same key: this tab replaces only the commands it held at its previous save, theirs stay.
  let held = { token: null as string | null, ids: new Set<string>() };
  on({
    predicate: (_a, now, before) => now.plan.pending !== before.plan.pending && now.session.token !== null,
    effect: (_a, api) => {
      const { plan, session } = api.getState();
      if (session.token === null || typeof localStorage === 'undefined') return;
      if (held.token !== session.token) held = { token: session.token, ids: new Set() };
      savePending(localStorage, session.token, plan.pending, held.ids);
      held.ids = new Set(plan.pending.map((p) => p.commandId));
    },
  });
  // Two tabs saving at the same moment can each read the list before the other's save lands, and one then drops the
  // other's commands. A tab told that the list changed (a storage event) puts back any of its own that went missing.
  on({
    actionCreator: sessionActions.opened,
    effect: async (a, api) => {
      if (typeof window === 'undefined' || typeof localStorage === 'undefined') return;
      const key = pendingKey(a.payload.token);
      const onStorage = (e: StorageEvent) => {
        if (e.key !== key && e.key !== null) return;
        const { plan, session } = api.getState();
        if (session.token !== a.payload.token || plan.pending.length === 0) return;
        const stored = new Set(loadPending(localStorage, a.payload.token).map((p) => p.commandId));
        if (plan.pending.some((p) => !stored.has(p.commandId))) savePending(localStorage, a.payload.token, plan.pending, held.ids);
      };
      window.addEventListener('storage', onStorage);
      try {
        await api.take((action) => sessionActions.closed.match(action) || sessionActions.opened.match(action));
      } finally {
        window.removeEventListener('storage', onStorage);
      }
    },
  });

  // The plan moved on (anybody's change, an import, a revert): the batch list is asked again once changes settle.
  on({
    predicate: (_a, now, before) => now.plan.confirmed.version !== before.plan.confirmed.version,
    effect: async (_a, api) => {
      api.cancelActiveListeners();
      await api.delay(BATCHES_SETTLE_MS);
      api.dispatch(dataApi.util.invalidateTags(['Batches']));
    },
  });

  // Somebody came or went: a claimed invite shows up among the members, and "last active" stays current.
  on({
    predicate: (_a, now, before) => now.session.online !== before.session.online && clientIds(now) !== clientIds(before),
    effect: (_a, api) => void api.dispatch(dataApi.util.invalidateTags(['Members'])),
  });

  // Presence carries the name given at join: a new name re-joins (pending commands survive in the store).
  on({ actionCreator: sessionActions.renamed, effect: (a, api) => api.extra.connection.current?.renamed(a.payload) });

  // A name chosen in another tab of this browser is this tab's too. The server takes a guest's name from each join: a
  // tab still on the old one, joining again after a dropped connection, put it back over the chosen one, and every
  // change it made was recorded under it.
  on({
    actionCreator: sessionActions.opened,
    effect: async (_a, api) => {
      if (typeof window === 'undefined') return;
      const onStorage = (e: StorageEvent) => {
        const name = e.key === NAME_KEY ? e.newValue?.trim().slice(0, 80) : undefined;
        if (name && name !== api.getState().session.userName) api.dispatch(sessionActions.renamed(name));
      };
      window.addEventListener('storage', onStorage);
      try {
        await api.take((action) => sessionActions.closed.match(action) || sessionActions.opened.match(action));
      } finally {
        window.removeEventListener('storage', onStorage);
      }
    },
  });

  // A snapshot arrives frozen at its top only (sync's client-state): the rest is frozen once the page is idle.
  on({
    matcher: syncJoined,
    effect: (a, api) => {
      if (!a.payload.snapshot) return;
      const state = api.getState().plan.confirmed;
      // (immer's freeze stops at a frozen object: its top is, so each part is frozen from its own top.)
      whenIdle(() => Object.values(state).forEach((part: unknown) => freeze(part, true)));
    },
  });

  notificationListeners(on);
  historyListeners(on);
  actorsListeners(on);
  return listeners;
}

function whenIdle(f: () => void) {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(f, { timeout: 2000 });
  else setTimeout(f, 200);
}

const clientIds = (s: RootState) => s.session.online.map((p) => p.clientId).join(' ');
