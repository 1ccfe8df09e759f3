import { Component, lazy, Suspense, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { useAppSelector } from '../app/store.ts';
import { reloadable } from '../app/reloadable.ts';
import { loadValidation } from '../app/validation.ts';

/**
 * Views a first render never shows, split into chunks of their own and fetched when first opened: the imports tab,
 * the rooms tab, the History panel, automatic seating and the print page. The first paint of a plan parses only
 * the shell, the guest list and the table cards.
 */
const load = {
  imports: reloadable(() => import('../features/imports/ImportsView.tsx')),
  rooms: reloadable(() => import('./RoomsView.tsx')),
  timeline: reloadable(() => import('../features/timeline/TimelinePanel.tsx')),
  autoseat: reloadable(() => import('../features/autoseat/AutoseatPanel.tsx')),
};
/** Modules the preload (or an earlier opening) has fetched, by chunk. */
const fetched = new Map<string, unknown>();
/**
 * React.lazy's factory for a chunk: once fetched, an already-settled thenable, so the first render of the view does
 * not suspend. (A suspending render shows the fallback and React holds the reveal for at least 300 ms: measured as
 * most of the Rooms tab's first draw, docs/performance.md "Floor plan".) A failed fetch is tried again at another
 * address by the next opening (app/reloadable.ts).
 */
function chunk<M, C>(key: string, fetch: () => Promise<M>, pick: (m: M) => C) {
  return (): Promise<{ default: C }> => {
    if (fetched.has(key)) {
      const m = fetched.get(key) as M;
      // React reads only `then` and calls back at once (typed as a Promise for React.lazy)
      return { then: (ok: (v: { default: C }) => void) => ok({ default: pick(m) }) } as unknown as Promise<{ default: C }>;
    }
    return fetch().then((m) => {
      fetched.set(key, m);
      return { default: pick(m) };
    });
  };
}
const ImportsViewChunk = () => lazy(chunk('imports', load.imports, (m) => m.ImportsView));
const RoomsViewChunk = () => lazy(chunk('rooms', load.rooms, (m) => m.RoomsView));
const TimelinePanelChunk = () => lazy(chunk('timeline', load.timeline, (m) => m.TimelinePanel));
const AutoseatPanelChunk = () => lazy(chunk('autoseat', load.autoseat, (m) => m.AutoseatPanel));
/** The print page: not preloaded (a planner seldom prints from a plan just opened). */
const loadPrint = reloadable(() => import('./PrintScreen.tsx'));
const PrintScreenChunk = () => lazy(chunk('print', loadPrint, (m) => m.PrintScreen));

/**
 * Fetches the plan screen's deferred chunks once the board is painted and the page is idle, so the first click
 * on a tab or on History does not wait for the network; and the domain's input checks (app/validation.ts), so
 * the first form a planner sends is checked at once. A chunk that fails here is fetched again when needed.
 */
export function preloadPlanChunks(): () => void {
  const run = () => {
    (Object.keys(load) as (keyof typeof load)[]).forEach((k) => {
      void load[k]()
        .then((m) => fetched.set(k, m))
        .catch(() => undefined);
    });
    void loadValidation().catch(() => undefined);
  };
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(run, { timeout: 3000 });
    return () => window.cancelIdleCallback(id);
  }
  const timer = window.setTimeout(run, 1000);
  return () => window.clearTimeout(timer);
}

/** Shown for the moment a chunk takes to arrive (a screen reader hears it as a status). */
export function ChunkLoading() {
  return (
    <div className="loading" role="status" data-testid="chunk-loading">
      <div className="spinner" aria-hidden="true" />
      <p>Loading…</p>
    </div>
  );
}

/** A chunk that could not be fetched (the server away, the network down) fails its view, not the whole page. */
class ChunkBoundary extends Component<{ children: ReactNode; retry: () => void }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? <ChunkFailed retry={this.props.retry} /> : this.props.children;
  }
}

/** Says why the view is missing, and fetches it again when the connection is back (or on the button). */
function ChunkFailed({ retry }: { retry: () => void }) {
  const live = useAppSelector((s) => s.session.status === 'live');
  // Failed while the connection was down: tried again by itself once it is live (the board has synced by then).
  const [wasLive] = useState(live);
  useEffect(() => {
    if (live && !wasLive) retry();
  }, [live, wasLive, retry]);
  return (
    <div className="loading" role="alert" data-testid="chunk-failed">
      <p>This part of Seatfold could not be loaded: the server cannot be reached. It loads by itself when the connection is back.</p>
      <button type="button" className="button button--small" onClick={retry}>
        Try again
      </button>
    </div>
  );
}

/**
 * A view in a chunk of its own: shown once fetched, its fallback meanwhile; if the fetch fails, a message in its
 * place (the rest of the page goes on) and a new fetch on retry — React.lazy keeps a failed load, so a retry makes a
 * new lazy component, which every later opening shares.
 */
function deferred<P extends object>(make: () => ComponentType<P>, fallback: boolean) {
  let Chunk = make();
  return function Deferred(props: P) {
    const [attempt, setAttempt] = useState(0);
    const retry = () => {
      Chunk = make();
      setAttempt((a) => a + 1);
    };
    return (
      <ChunkBoundary key={attempt} retry={retry}>
        <Suspense fallback={fallback ? <ChunkLoading /> : null}>
          <Chunk {...props} />
        </Suspense>
      </ChunkBoundary>
    );
  };
}

export const ImportsView = deferred(ImportsViewChunk, true);
export const RoomsView = deferred(RoomsViewChunk, true);
/** The panel's chunk renders nothing while the History panel is closed; it is fetched with the first opening. */
export const TimelinePanel = deferred(TimelinePanelChunk, false);
export const AutoseatPanel = deferred(AutoseatPanelChunk, true);
export const PrintScreen = deferred(PrintScreenChunk, true);
