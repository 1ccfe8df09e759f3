import type { PlanState } from '@seatfold/domain/core';
import { HISTORY_PAGE_MAX, isRetryable, undoStacks, type WireEvent } from '@seatfold/sync';
import type { TypedStartListening } from '@reduxjs/toolkit';
import { dataApi } from '../data.ts';
import type { StoreExtra } from '../extra.ts';
import { sessionActions } from '../session.ts';
import { syncEvents, syncIssued, syncJoined } from '../sync-actions.ts';
import type { AppDispatch, RootState } from '../store.ts';
import { madeIn } from './made.ts';
import { newPlanTimeline, planTimeline, setPlanTimeline, undoCounts, type PlanTimeline } from './registry.ts';
import { historyActions } from './slice.ts';

/** What the history loaders need: the store's dispatch and state, and the plan's connection (`extra`). */
export interface HistoryApi {
  dispatch: AppDispatch;
  getState: () => RootState;
  extra: StoreExtra;
}

/**
 * Feeds the registry from the sync actions as they pass (listeners on the store): events continue the history (a
 * gap means a page is missing: the loader fills it if history is wanted), my issued commands are remembered, and
 * confirmed events make them undoable. Opening another plan starts a fresh registry.
 */
export function historyListeners(on: TypedStartListening<RootState, AppDispatch, StoreExtra>) {
  // (The view state was reset when the previous plan closed; a deep link may already have asked for a version.)
  on({ actionCreator: sessionActions.opened, effect: (a, api) => void api.dispatch(undoCounts(setPlanTimeline(newPlanTimeline(a.payload.token)))) });
  on({ actionCreator: sessionActions.closed, effect: () => void setPlanTimeline(null) });
  on({
    actionCreator: sessionActions.presence,
    effect: (a, api) => {
      if (planTimeline()?.learnOnline(a.payload)) api.dispatch(historyActions.labels());
    },
  });
  on({
    matcher: syncJoined,
    effect: (action, api) => {
      const t = planTimeline();
      if (!t) return;
      const p = action.payload;
      if (t.planId !== null && t.planId !== p.planId) {
        setPlanTimeline(newPlanTimeline(t.token));
        api.dispatch(historyActions.reset());
        return;
      }
      t.planId = p.planId;
      ingest(api, t, p.events, p.version, p.snapshot ? null : api.getOriginalState().plan.confirmed);
      // Joined from a snapshot with commands of mine still unconfirmed: read the history to find their events.
      // (After the engine has finished the join: requests need a live connection.) The Undo and Redo buttons' words
      // come back from this browser's storage (saved-words.ts); the history is not read for them, but when it is
      // held already only the batch labels may be missing to name an undo or a redo from it (held.ts).
      if (p.snapshot && t.stacks.issued.length > 0) setTimeout(() => void loadHistory(api), 0);
      else if (t.history.length >= p.version && t.undoWordsMissing()) setTimeout(() => void loadBatches(api, t), 0);
    },
  });
  on({
    matcher: syncEvents,
    effect: (action, api) => {
      const t = planTimeline();
      const events = action.payload;
      if (t) ingest(api, t, events, events.at(-1)?.version ?? 0, api.getOriginalState().plan.confirmed);
    },
  });
  // The Batches list's pages teach the registry their labels (an import's, a revert's): the timeline's batch entries
  // and the Undo button name them at once, without asking for the list a second time.
  on({
    matcher: dataApi.endpoints.batches.matchFulfilled,
    effect: (action, api) => {
      if (planTimeline()?.learnBatches(action.payload.pages.flatMap((p) => p.batches))) api.dispatch(historyActions.labels());
    },
  });
  on({
    matcher: syncIssued,
    effect: (action) => {
      const t = planTimeline();
      if (t) t.setStacks(undoStacks.issued(t.stacks, action.payload.commandId));
    },
  });
}

/** `before`: the confirmed plan the events continue (null after a snapshot). */
function ingest(api: HistoryApi, t: PlanTimeline, events: WireEvent[], head: number, before: PlanState | null) {
  const { dispatch, getState } = api;
  t.made.saw(events, before, head);
  // My changes, as they are confirmed: the Undo button says what it would take back (before the stacks say it may).
  if (before && t.stacks.issued.length > 0) {
    const issued = new Set(t.stacks.issued);
    t.mine.remember(madeIn(events, before, (id) => issued.has(id)));
  }
  if (
    events.length &&
    t.setStacks(
      undoStacks.confirmed(
        t.stacks,
        events.map((e) => e.meta.commandId),
      ),
    )
  )
    dispatch(undoCounts(t));
  const labels = t.labelsVersion;
  const added = t.add(events);
  if (t.labelsVersion !== labels) dispatch(historyActions.labels());
  if (added) dispatch(historyActions.loaded({ loaded: t.history.length, head }));
  else dispatch(historyActions.loaded({ loaded: t.history.length, head: Math.max(head, getState().history.head) }));
  if (t.wanted) {
    if (!added) void loadHistory(api);
    if (events.some((e) => e.meta.batchId && !t.batches.has(e.meta.batchId))) scheduleBatches(api, t);
  }
}

/** How often the timeline's loading progress is shown while pages come in. */
const PROGRESS_EVERY_MS = 150;

/** Reads history pages until the registry holds everything up to the newest known version. Safe to call often. */
export async function loadHistory(api: HistoryApi): Promise<void> {
  const { dispatch, getState } = api;
  const t = planTimeline();
  const plan = api.extra.connection.current;
  if (!t || t.loading || !plan) return;
  t.wanted = true;
  t.loading = true;
  dispatch(historyActions.loading(true));
  // Batches made while nobody asked for the history (other organisers' imports) arrived without their labels.
  if (t.labelsMissing()) void loadBatches(api, t);
  // The next page is asked for before this one is folded and shown, so the server reads and sends it meanwhile
  // (a page is 250 events: the demo's set-up is 13 of them). Kept only while it still continues the history.
  let ahead: { after: number; reply: ReturnType<typeof plan.history> } | null = null;
  const ask = (after: number) => {
    const reply = plan.history({ afterVersion: after, limit: HISTORY_PAGE_MAX });
    reply.catch(() => undefined); // a page asked ahead and then not read must not reject unheard
    return { after, reply };
  };
  // Progress is shown at most every PROGRESS_EVERY_MS, not for every page: each showing is a render and a frame.
  let known = 0;
  let unshown = false;
  let shownAt = performance.now();
  try {
    for (;;) {
      const head = Math.max(getState().plan.confirmed.version, getState().history.head, known);
      if (t.history.length >= head) break;
      const page: { after: number; reply: ReturnType<typeof plan.history> } =
        ahead !== null && ahead.after <= t.history.length ? ahead : ask(t.history.length);
      ahead = null;
      const reply = await page.reply;
      if (planTimeline() !== t) return;
      if (reply.ok && reply.events.length > 0) {
        const next = page.after + reply.events.length;
        if (next < reply.version) ahead = ask(next);
      }
      if (!reply.ok && isRetryable(reply.error)) {
        // The server paces history reads (a budget of events per second): wait as it says, then ask again.
        await new Promise((resolve) => setTimeout(resolve, reply.error.retryAfterMs ?? 1_000));
        if (planTimeline() !== t) return;
        continue;
      }
      if (!reply.ok) throw new Error(reply.error.message);
      t.add(reply.events);
      // My commands confirmed while I was away (a re-join far behind gets a snapshot, not their events).
      if (
        t.setStacks(
          undoStacks.confirmed(
            t.stacks,
            reply.events.map((e) => e.meta.commandId),
          ),
        )
      )
        dispatch(undoCounts(t));
      // Build this page's checkpoints now (~20 per page), between pages, rather than all at once on the first seek.
      t.history.stateAt(t.history.length);
      known = Math.max(known, reply.version);
      const last = reply.events.length === 0 || t.history.length >= Math.max(getState().plan.confirmed.version, known);
      unshown = !last && performance.now() - shownAt < PROGRESS_EVERY_MS;
      if (!unshown) {
        dispatch(historyActions.loaded({ loaded: t.history.length, head: reply.version }));
        shownAt = performance.now();
      }
      if (reply.events.length === 0) break;
    }
    if (unshown) dispatch(historyActions.loaded({ loaded: t.history.length, head: known }));
    if (t.labelsMissing()) void loadBatches(api, t);
    dispatch(historyActions.failed(null));
  } catch (err) {
    if (planTimeline() === t) dispatch(historyActions.failed(err instanceof Error ? err.message : String(err)));
  } finally {
    t.loading = false;
    if (planTimeline() === t) dispatch(historyActions.loading(false));
  }
}

function scheduleBatches(api: HistoryApi, t: PlanTimeline) {
  if (t.batchTimer) return;
  t.batchTimer = setTimeout(() => {
    t.batchTimer = null;
    void loadBatches(api, t);
  }, 400);
}

/** Batch labels ("Import of guests.xlsx", "Restore Anna Müller…") for the timeline's batch entries. */
async function loadBatches(api: HistoryApi, t: PlanTimeline) {
  const plan = api.extra.connection.current;
  if (t.batchesLoading || !plan) return;
  t.batchesLoading = true;
  try {
    // Newest page first; older pages only until one holds nothing new (at most 20 pages of 100).
    let before: string | undefined;
    for (let page = 0; page < 20; page++) {
      const reply = await plan.batches(before ? { before, limit: 100 } : { limit: 100 });
      if (planTimeline() !== t || !reply.ok) return;
      const known = reply.batches.every((b) => t.batches.has(b.batchId));
      t.learnBatches(reply.batches);
      const oldest = reply.batches[0];
      if (known || !reply.more || !oldest) break;
      before = oldest.batchId;
    }
    t.labelsChanged();
    api.dispatch(historyActions.labels());
  } catch {
    // Labels are a nicety: entries still read "made a batch of changes".
  } finally {
    t.batchesLoading = false;
  }
}
