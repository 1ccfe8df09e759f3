import { Activity, memo, useEffect, useState } from 'react';
import { selectDisplayed } from '../app/history.ts';
import { useAppSelector } from '../app/store.ts';
import type { BoardTab } from '../app/ui.ts';
import { ImportsView, RoomsView } from './lazy.tsx';
import { TablesView } from './TablesView.tsx';
import './board-panels.css';

const ORDER: readonly BoardTab[] = ['tables', 'rooms', 'imports'];

interface Panels {
  /** the tab shown */
  current: BoardTab;
  /** the tab just left, hidden by CSS alone until the browser is idle (see below) */
  leaving: BoardTab | null;
  /** every tab opened so far: they stay mounted */
  opened: readonly BoardTab[];
}

/** Tabs rendered hidden before they are first opened (when the browser is idle and the plan has something to show there). */
const PRERENDER: readonly BoardTab[] = ['rooms'];

/**
 * The board's tab panels. A tab, once opened, stays mounted while another is shown, hidden by React's Activity
 * (display: none: out of the accessibility tree and the Tab order; its effects, store subscriptions and drop targets
 * stopped until it is shown again). Coming back to a tab then shows it instead of building it again.
 *
 * Hiding is work too: Activity's display: none makes Blink take the tab's layout tree down, and React stops every
 * effect in it. For the Tables tab (150 cards, 1,500 chips) that was a third of the floor plan's first draw, in the
 * same task. So the tab just left is first only made invisible (`content-visibility: hidden`, which keeps its
 * layout, plus `inert`) and handed to Activity once the browser is idle, after the new tab has been painted
 * (docs/performance.md, issue #10 fourth round).
 *
 * The Rooms tab is rendered before it is first opened: hidden, when the browser is idle once the plan has a room.
 * Its first opening then only reveals it (effects mounted, laid out and painted) instead of building the floor's
 * hundreds of elements in the click's task (bench floor-plan, same run: first draw 0.71× of rendering it on the
 * click). Hidden, it runs no effects and holds no store subscriptions: what changed meanwhile is rendered when it
 * is shown. Other tabs never opened are not rendered at all.
 */
export function BoardPanels({ tab, organiser }: { tab: BoardTab; organiser: boolean }) {
  const [panels, setPanels] = useState<Panels>({ current: tab, leaving: null, opened: [tab] });
  if (panels.current !== tab)
    setPanels({ current: tab, leaving: panels.current, opened: panels.opened.includes(tab) ? panels.opened : [...panels.opened, tab] });
  const { leaving } = panels;
  useEffect(() => {
    if (!leaving) return;
    return whenIdle(() => setPanels((p) => (p.leaving === leaving ? { ...p, leaving: null } : p)));
  }, [leaving]);
  const hasRooms = useAppSelector((s) => Object.keys(selectDisplayed(s).rooms).length > 0);
  const [prerender, setPrerender] = useState(false);
  useEffect(() => {
    if (!hasRooms || prerender) return;
    return whenIdle(() => setPrerender(true));
  }, [hasRooms, prerender]);

  return ORDER.filter((id) => id === tab || panels.opened.includes(id) || (prerender && PRERENDER.includes(id))).map((id) => {
    const left = id !== tab && id === leaving;
    return (
      <Activity key={id} mode={id === tab || left ? 'visible' : 'hidden'}>
        <div className={left ? 'board-panel is-leaving' : 'board-panel'} inert={left} data-panel={id}>
          <Panel id={id} organiser={organiser} />
        </div>
      </Activity>
    );
  });
}

/** Memoised: switching tabs re-renders the Board, not the panels. */
const Panel = memo(function Panel({ id, organiser }: { id: BoardTab; organiser: boolean }) {
  if (id === 'imports') return <ImportsView organiser={organiser} />;
  if (id === 'tables') return <TablesView organiser={organiser} />;
  return <RoomsView organiser={organiser} />;
});

/** Runs `fn` when the browser is next idle (at the latest after a second); returns the cancel. */
function whenIdle(fn: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(fn, { timeout: 1000 });
    return () => window.cancelIdleCallback(id);
  }
  const timer = window.setTimeout(fn, 200);
  return () => window.clearTimeout(timer);
}
