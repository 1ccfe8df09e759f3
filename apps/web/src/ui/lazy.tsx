import { lazy, Suspense, type ComponentType } from 'react';
import { loadValidation } from '../app/validation.ts';

/**
 * Views a first render never shows, split into chunks of their own and fetched when first opened: the imports tab,
 * the rooms tab, the History panel, automatic seating and the print page. The first paint of a plan parses only
 * the shell, the guest list and the table cards.
 */
const load = {
  imports: () => import('../features/imports/ImportsView.tsx'),
  rooms: () => import('./RoomsView.tsx'),
  timeline: () => import('../features/timeline/TimelinePanel.tsx'),
  autoseat: () => import('../features/autoseat/AutoseatPanel.tsx'),
};
/** Modules the preload (or an earlier opening) has fetched, by chunk. */
const fetched = new Map<keyof typeof load, unknown>();
/**
 * React.lazy's factory for a chunk: once fetched, an already-settled thenable, so the first render of the view does
 * not suspend. (A suspending render shows the fallback and React holds the reveal for at least 300 ms: measured as
 * most of the Rooms tab's first draw, docs/performance.md "Floor plan".)
 */
function chunk<M, C>(key: keyof typeof load, fetch: () => Promise<M>, pick: (m: M) => C) {
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
const ImportsViewChunk = lazy(chunk('imports', load.imports, (m) => m.ImportsView));
const RoomsViewChunk = lazy(chunk('rooms', load.rooms, (m) => m.RoomsView));
const TimelinePanelChunk = lazy(chunk('timeline', load.timeline, (m) => m.TimelinePanel));
const AutoseatPanelChunk = lazy(chunk('autoseat', load.autoseat, (m) => m.AutoseatPanel));
const PrintScreenChunk = lazy(() => import('./PrintScreen.tsx').then((m) => ({ default: m.PrintScreen })));

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

function deferred<P extends object>(Chunk: ComponentType<P>, fallback: boolean) {
  return function Deferred(props: P) {
    return (
      <Suspense fallback={fallback ? <ChunkLoading /> : null}>
        <Chunk {...props} />
      </Suspense>
    );
  };
}

export const ImportsView = deferred(ImportsViewChunk, true);
export const RoomsView = deferred(RoomsViewChunk, true);
/** The panel's chunk renders nothing while the History panel is closed; it is fetched with the first opening. */
export const TimelinePanel = deferred(TimelinePanelChunk, false);
export const AutoseatPanel = deferred(AutoseatPanelChunk, true);
export const PrintScreen = deferred(PrintScreenChunk, true);
