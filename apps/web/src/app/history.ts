import { createSelector, createSlice, lruMemoize, type Middleware, type PayloadAction } from '@reduxjs/toolkit';
import { entity, diffStates, type EntityKey, type PlanState } from '@seatfold/domain';
import { HISTORY_PAGE_MAX, isRetryable, PlanHistory, type HistoryEntry, type Presence, type WireEvent } from '@seatfold/sync';
import type { PlanConnection } from './connection.ts';
import { sessionActions } from './session.ts';
import type { AppStore, RootState } from './store.ts';
import { NameBook, type ActorMeta } from './actors.ts';
import { appendGroups, diffActors, diffHighlights, diffLines, entrySentence, type BatchLabel, type DiffLine } from './timeline.ts';
import { confirmed, emptyStacks, issued, loadStacks, saveStacks, type UndoStacks } from './undo.ts';

/*
 * Time travel, audit trail and per-user undo for the open plan (the undo, redo and restore requests: historyUndo.ts).
 *
 * The plan's whole history (PlanHistory: events + immutable checkpoints) is big and not serialisable, so it lives
 * here, in a module-level registry reset whenever another plan is opened; Redux holds only the small view state
 * below (which version is on display, how much is loaded, what is compared or selected, undo counts, notices).
 * History is read from the server in pages on demand (timeline opened, deep link); live `sync/events` continue it.
 */

// ---------------------------------------------------------------- Redux view state

export interface Notice {
  id: number;
  text: string;
  tone: 'error' | 'info';
}

export interface HistoryViewState {
  /** the timeline panel is open */
  open: boolean;
  /** events held by the registry's PlanHistory (versions 1..loaded) */
  loaded: number;
  /** the newest version known to exist (server replies, live events) */
  head: number;
  loading: boolean;
  error: string | null;
  /** the version on display; null = live */
  viewing: number | null;
  /** a deep link's ?at= waiting for its history page */
  wantAt: number | null;
  /** the other end of a comparison (the board shows the diff from it to the version on display) */
  compareFrom: number | null;
  /** the guest or table whose own history is shown */
  entity: EntityKey | null;
  panelTab: 'changes' | 'compare' | 'entity';
  playing: boolean;
  /** bumped when batch labels arrive (sentences of batch entries change) */
  labels: number;
  undo: { undo: number; redo: number; busy: boolean };
  notices: Notice[];
}

export const initialHistoryView = (): HistoryViewState => ({
  open: false,
  loaded: 0,
  head: 0,
  loading: false,
  error: null,
  viewing: null,
  wantAt: null,
  compareFrom: null,
  entity: null,
  panelTab: 'changes',
  playing: false,
  labels: 0,
  undo: { undo: 0, redo: 0, busy: false },
  notices: [],
});

let noticeId = 0;

const slice = createSlice({
  name: 'history',
  initialState: initialHistoryView,
  reducers: {
    reset: () => initialHistoryView(),
    setOpen(s, a: PayloadAction<boolean>) {
      s.open = a.payload;
      if (!a.payload) s.playing = false;
    },
    loaded(s, a: PayloadAction<{ loaded: number; head: number }>) {
      s.loaded = a.payload.loaded;
      s.head = Math.max(s.head, a.payload.head, a.payload.loaded);
      if (s.wantAt !== null && s.loaded >= s.wantAt) {
        s.viewing = s.wantAt >= s.head ? null : s.wantAt;
        s.wantAt = null;
      }
    },
    loading(s, a: PayloadAction<boolean>) {
      s.loading = a.payload;
      // A deep link beyond the plan's end shows the plan live.
      if (!a.payload && s.wantAt !== null && s.error === null && s.loaded >= s.head) s.wantAt = null;
    },
    failed(s, a: PayloadAction<string | null>) {
      s.error = a.payload;
    },
    view(s, a: PayloadAction<number | null>) {
      const v = a.payload;
      s.viewing = v === null || v >= s.head ? null : Math.max(0, Math.min(v, s.loaded));
      if (s.viewing === null) s.playing = false;
    },
    wantAt(s, a: PayloadAction<number>) {
      s.wantAt = a.payload;
      s.open = true;
    },
    compareFrom(s, a: PayloadAction<number | null>) {
      s.compareFrom = a.payload === null ? null : Math.max(0, Math.min(a.payload, s.loaded));
      if (a.payload !== null) s.panelTab = 'compare';
    },
    entity(s, a: PayloadAction<EntityKey | null>) {
      s.entity = a.payload;
      if (a.payload) {
        s.open = true;
        s.panelTab = 'entity';
      }
    },
    panelTab(s, a: PayloadAction<HistoryViewState['panelTab']>) {
      s.panelTab = a.payload;
    },
    playing(s, a: PayloadAction<boolean>) {
      s.playing = a.payload;
    },
    labels(s) {
      s.labels += 1;
    },
    undoState(s, a: PayloadAction<Partial<HistoryViewState['undo']>>) {
      s.undo = { ...s.undo, ...a.payload };
    },
    notice(s, a: PayloadAction<{ text: string; tone: Notice['tone'] }>) {
      s.notices = [...s.notices, { id: ++noticeId, ...a.payload }].slice(-4);
    },
    dismiss(s, a: PayloadAction<number>) {
      s.notices = s.notices.filter((n) => n.id !== a.payload);
    },
  },
});

export const historyActions = slice.actions;
export const historyReducer = slice.reducer;

// ---------------------------------------------------------------- the registry (outside Redux)

/** Everything big or live about one open plan's history. */
export class PlanTimeline {
  readonly history = new PlanHistory();
  /** timeline entries (one per command or batch), oldest first, extended as events arrive */
  readonly entries: HistoryEntry[] = [];
  readonly batches = new Map<string, BatchLabel>();
  planId: string | null = null;
  stacks: UndoStacks;
  loading = false;
  /** history was asked for: keep it complete as events arrive */
  wanted = false;
  batchesLoading = false;
  private readonly sentences = new Map<string, string>();
  /** each actor id's newest name: the timeline shows people under their current name */
  private readonly names = new NameBook();
  private displayed: { version: number; state: PlanState } | null = null;
  private compared: { version: number; state: PlanState } | null = null;

  constructor(
    readonly token: string,
    private readonly storage: Storage | null,
  ) {
    this.stacks = storage ? loadStacks(storage, token) : emptyStacks();
  }

  /** Adds events that continue the held history; false (nothing added) when they would leave a gap. */
  add(events: readonly WireEvent[]): boolean {
    if (events.length === 0) return true;
    const fresh = events.filter((e) => e.version > this.history.length);
    if (fresh.length === 0) return true;
    if (fresh[0]!.version !== this.history.length + 1) return false;
    this.history.append(fresh);
    appendGroups(this.entries, fresh);
    let renamed = false;
    for (const e of fresh) renamed = this.names.learn(e.meta.actorId, e.meta.actor) || renamed;
    if (renamed) this.labelsChanged();
    return true;
  }

  /** Learns the names of the people online; true when somebody shown in the timeline is now called otherwise. */
  learnOnline(online: readonly Presence[]): boolean {
    let renamed = false;
    for (const p of online) renamed = this.names.learn(p.actorId, p.userName) || renamed;
    if (renamed) this.labelsChanged();
    return renamed;
  }

  /** The name to show for a change: its actor's current name (legacy changes: the name they were recorded with). */
  nameOf(m: ActorMeta): string {
    return this.names.nameOf(m);
  }

  /** The plan right after `version`, identical object for the same version (so views re-render only on a seek). */
  displayedAt(version: number): PlanState {
    if (this.displayed?.version !== version) this.displayed = { version, state: this.history.stateAt(version) };
    return this.displayed.state;
  }

  comparedAt(version: number): PlanState {
    if (this.compared?.version !== version) this.compared = { version, state: this.history.stateAt(version) };
    return this.compared.state;
  }

  sentence(entry: HistoryEntry): string {
    const key = `${entry.firstVersion}:${entry.lastVersion}`;
    let s = this.sentences.get(key);
    if (s === undefined) {
      s = entrySentence(entry, this.history.stateAt(entry.firstVersion - 1), entry.batchId ? this.batches.get(entry.batchId) : null, this.nameOf(entry));
      this.sentences.set(key, s);
    }
    return s;
  }

  /** bumped whenever the sentences were dropped (labels or names changed) */
  labelsVersion = 0;

  labelsChanged() {
    this.labelsVersion++;
    this.sentences.clear();
  }

  setStacks(next: UndoStacks) {
    if (next === this.stacks) return false;
    this.stacks = next;
    if (this.storage) saveStacks(this.storage, this.token, next);
    return true;
  }
}

let current: PlanTimeline | null = null;
let connection: { current: PlanConnection | null } | null = null;

/** The open plan's timeline registry (null when no plan is open). */
export const planTimeline = (): PlanTimeline | null => current;

/** The plan screen hands its connection over, for history pages and undo requests. */
export function attachConnection(ref: { current: PlanConnection | null } | null) {
  connection = ref;
}

/** The open plan's connection, for its typed requests (history, batches, batch, undo). */
export function plan(): PlanConnection {
  const c = connection?.current;
  if (!c) throw new Error('The plan is not connected.');
  return c;
}

const storage = (): Storage | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
};

export const undoCounts = (t: PlanTimeline) => historyActions.undoState({ undo: t.stacks.undo.length, redo: t.stacks.redo.length });

/**
 * Feeds the registry from the sync actions as they pass: events continue the history (a gap means a page is
 * missing: the loader fills it if history is wanted), my issued commands are remembered, and confirmed events
 * make them undoable. Opening another plan starts a fresh registry.
 */
export const historyMiddleware: Middleware<object, RootState> = (api) => (next) => (action) => {
  const result = next(action);
  const a = action as { type: string; payload?: unknown };
  if (sessionActions.opened.match(action)) {
    // (The view state was reset when the previous plan closed; a deep link may already have asked for a version.)
    current = new PlanTimeline(action.payload.token, storage());
    api.dispatch(undoCounts(current));
    return result;
  }
  if (sessionActions.closed.match(action)) {
    current = null;
    return result;
  }
  const t = current;
  if (!t) return result;
  if (sessionActions.presence.match(action)) {
    if (t.learnOnline(action.payload)) api.dispatch(historyActions.labels());
    return result;
  }
  switch (a.type) {
    case 'sync/joined': {
      const p = a.payload as { planId: string; version: number; events: WireEvent[] };
      if (t.planId !== null && t.planId !== p.planId) {
        current = new PlanTimeline(t.token, storage());
        api.dispatch(historyActions.reset());
        return result;
      }
      t.planId = p.planId;
      ingest(api.dispatch, api.getState, t, p.events, p.version);
      // Joined from a snapshot with commands of mine still unconfirmed: read the history to find their events.
      // (After the engine has finished the join: requests need a live connection.)
      if ((a.payload as { snapshot: unknown }).snapshot && t.stacks.issued.length > 0) setTimeout(() => void loadHistory(api.dispatch, api.getState), 0);
      break;
    }
    case 'sync/events': {
      const events = a.payload as WireEvent[];
      ingest(api.dispatch, api.getState, t, events, events.length ? events[events.length - 1]!.version : 0);
      break;
    }
    case 'sync/issued': {
      const { commandId } = a.payload as { commandId: string };
      t.setStacks(issued(t.stacks, commandId));
      break;
    }
  }
  return result;
};

type Dispatch = AppStore['dispatch'];
type GetState = () => RootState;

function ingest(dispatch: Dispatch, getState: GetState, t: PlanTimeline, events: WireEvent[], head: number) {
  if (events.length && t.setStacks(confirmed(t.stacks, events.map((e) => e.meta.commandId)))) dispatch(undoCounts(t));
  const labels = t.labelsVersion;
  const added = t.add(events);
  if (t.labelsVersion !== labels) dispatch(historyActions.labels());
  if (added) dispatch(historyActions.loaded({ loaded: t.history.length, head }));
  else dispatch(historyActions.loaded({ loaded: t.history.length, head: Math.max(head, getState().history.head) }));
  if (t.wanted) {
    if (!added) void loadHistory(dispatch, getState);
    if (events.some((e) => e.meta.batchId && !t.batches.has(e.meta.batchId))) scheduleBatches(dispatch);
  }
}

/** Reads history pages until the registry holds everything up to the newest known version. Safe to call often. */
export async function loadHistory(dispatch: Dispatch, getState: GetState): Promise<void> {
  const t = current;
  if (!t || t.loading || !connection?.current) return;
  t.wanted = true;
  t.loading = true;
  dispatch(historyActions.loading(true));
  if (t.batches.size === 0) void loadBatches(dispatch);
  try {
    for (;;) {
      const head = Math.max(getState().plan.confirmed.version, getState().history.head);
      if (t.history.length >= head) break;
      const reply = await plan().history({ afterVersion: t.history.length, limit: HISTORY_PAGE_MAX });
      if (current !== t) return;
      if (!reply.ok && isRetryable(reply.error)) {
        // The server paces history reads (a budget of events per second): wait as it says, then ask again.
        await new Promise((resolve) => setTimeout(resolve, reply.error.retryAfterMs ?? 1_000));
        if (current !== t) return;
        continue;
      }
      if (!reply.ok) throw new Error(reply.error.message);
      t.add(reply.events);
      // My commands confirmed while I was away (a re-join far behind gets a snapshot, not their events).
      if (t.setStacks(confirmed(t.stacks, reply.events.map((e) => e.meta.commandId)))) dispatch(undoCounts(t));
      // Build this page's checkpoints now (~20 per page), between pages, rather than all at once on the first seek.
      t.history.stateAt(t.history.length);
      dispatch(historyActions.loaded({ loaded: t.history.length, head: reply.version }));
      if (reply.events.length === 0) break;
    }
    dispatch(historyActions.failed(null));
  } catch (err) {
    if (current === t) dispatch(historyActions.failed(err instanceof Error ? err.message : String(err)));
  } finally {
    t.loading = false;
    if (current === t) dispatch(historyActions.loading(false));
  }
}

let batchTimer: ReturnType<typeof setTimeout> | null = null;
function scheduleBatches(dispatch: Dispatch) {
  if (batchTimer) return;
  batchTimer = setTimeout(() => {
    batchTimer = null;
    void loadBatches(dispatch);
  }, 400);
}

/** Batch labels ("Import of guests.xlsx", "Restore Anna Müller…") for the timeline's batch entries. */
async function loadBatches(dispatch: Dispatch) {
  const t = current;
  if (!t || t.batchesLoading) return;
  t.batchesLoading = true;
  try {
    // Newest page first; older pages only until one holds nothing new (at most 20 pages of 100).
    let before: string | undefined;
    for (let page = 0; page < 20; page++) {
      const reply = await plan().batches(before ? { before, limit: 100 } : { limit: 100 });
      if (current !== t || !reply.ok) return;
      const known = reply.batches.every((b) => t.batches.has(b.batchId));
      for (const b of reply.batches) t.batches.set(b.batchId, { kind: b.kind, label: b.label });
      if (known || !reply.more || reply.batches.length === 0) break;
      before = reply.batches[0]!.batchId;
    }
    t.labelsChanged();
    dispatch(historyActions.labels());
  } catch {
    // Labels are a nicety: entries still read "made a batch of changes".
  } finally {
    t.batchesLoading = false;
  }
}

// ---------------------------------------------------------------- what the board shows

/**
 * THE state on display: the live view, or — while travelling — the plan as it was at the viewed version.
 * Every board selector reads this (selectors.ts), so views need not know about time travel.
 */
export const selectDisplayed = (s: RootState): PlanState => {
  const v = s.history.viewing;
  const t = current;
  if (v === null || !t || v > t.history.length) return s.plan.view;
  return t.displayedAt(v);
};

export const selectViewing = (s: RootState) => s.history.viewing;
export const selectInPast = (s: RootState) => s.history.viewing !== null;

export interface DiffView {
  from: number;
  to: number | null;
  lines: DiffLine[];
  actors: { actor: string; actorId: string | null; events: number }[];
  guests: Set<string>;
  tables: Set<string>;
}

/** The comparison between `compareFrom` and the version on display (live: the live view), with who did it. */
export const selectDiff = createSelector(
  [(s: RootState) => s.history.compareFrom, (s: RootState) => s.history.viewing, selectDisplayed, (s: RootState) => s.history.loaded],
  (from, viewing, shown, loaded): DiffView | null => {
    const t = current;
    if (from === null || !t || from > t.history.length) return null;
    const to = viewing ?? loaded;
    const then = t.comparedAt(from);
    const [older, newer] = from <= to ? [then, shown] : [shown, then];
    const d = diffStates(older, newer);
    const { actors, byEntity } = diffActors(t.history.slice(Math.min(from, to), Math.max(from, to)), (m) => t.nameOf(m));
    const h = diffHighlights(d);
    return { from, to: viewing, lines: diffLines(d, older, newer, byEntity), actors, guests: h.guests, tables: h.tables };
  },
  { memoize: lruMemoize, argsMemoize: lruMemoize },
);

/** A guest's or table's name, as shown now, else as it was on display, else from its history. */
export function entityName(key: EntityKey, states: PlanState[]): string {
  const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  for (const s of states) {
    const found = kind === 'guest' ? entity(s.guests, id) : kind === 'table' ? entity(s.tables, id) : undefined;
    if (found) return kind === 'table' ? `table ${found.name}` : found.name;
  }
  const t = current;
  if (t) {
    for (const e of t.history.touching(key)) {
      const ev = e.event;
      if (ev.type === 'GuestAdded' && kind === 'guest') return ev.name;
      if (ev.type === 'GuestRemoved' && kind === 'guest') return ev.previous.name;
      if (ev.type === 'TableAdded' && kind === 'table') return `table ${ev.name}`;
      if (ev.type === 'TableRemoved' && kind === 'table') return `table ${ev.previous.name}`;
    }
  }
  return kind === 'guest' ? 'a guest' : 'a table';
}
