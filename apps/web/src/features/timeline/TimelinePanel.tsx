import { useEffect, useRef, useState } from 'react';
import { historyActions, loadHistory, planTimeline } from '../../app/history.ts';
import { useAppDispatch, useAppSelector, useAppStore } from '../../app/store.ts';
import { ComparePanel } from './ComparePanel.tsx';
import { Controls } from './Controls.tsx';
import { EntityPanel } from './EntityPanel.tsx';
import { EntryList } from './EntryList.tsx';
import { HIcon } from './icons.tsx';
import { Scrubber } from './Scrubber.tsx';
import { stepCount } from './scale.ts';
import { formatCount } from '../../app/format.ts';
import { NARROW, useMediaQuery } from '../../ui/media.ts';
import { tabArrows } from '../../ui/tabArrows.ts';

/**
 * The History panel: load status, the scrubber, step controls, and three views (changes, compare, one guest or table).
 * On a phone it is a sheet over the lower part of the screen, which folds to the scrubber and its buttons, so the board
 * above shows the moment being scrubbed to.
 */
export function TimelinePanel() {
  const open = useAppSelector((s) => s.history.open);
  const tab = useAppSelector((s) => s.history.panelTab);
  const dispatch = useAppDispatch();
  const body = useFocusAfterChoice(tab);
  const narrow = useMediaQuery(NARROW);
  const [folded, setFolded] = useState(false);
  if (!open) return null;
  const compact = narrow && folded;
  const close = () => dispatch(historyActions.setOpen(false)); // focus goes back to the History button (usePanelFocus)
  const tabs: { id: typeof tab; label: string }[] = [
    { id: 'changes', label: 'Changes' },
    { id: 'compare', label: 'Compare' },
    { id: 'entity', label: 'Guest / table' },
  ];
  return (
    <aside
      className={`timeline${compact ? ' timeline--compact' : ''}`}
      id="timeline-panel"
      aria-label="History"
      tabIndex={-1}
      data-testid="timeline"
      aria-keyshortcuts="Escape"
      onKeyDown={(e) => {
        // Escape closes the panel, as its Close button does, unless something inside took it (a question, a drag).
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.preventDefault();
        close();
      }}
    >
      <header className="timeline__head">
        <h2>History</h2>
        <LoadStatus />
        {narrow && (
          <button
            type="button"
            className="icon-button"
            aria-label={folded ? 'Show the list of changes' : 'Fold to the scrubber'}
            title={folded ? 'Show the list of changes' : 'Fold to the scrubber, to see more of the board'}
            aria-expanded={!folded}
            aria-controls={folded ? undefined : 'tl-panel'}
            data-testid="history-fold"
            onClick={() => setFolded(!folded)}
          >
            <HIcon name={folded ? 'unfold' : 'fold'} size={16} />
          </button>
        )}
        <button type="button" className="icon-button" aria-label="Close history" title="Close (Escape)" data-testid="history-close" onClick={close}>
          <HIcon name="close" size={14} />
        </button>
      </header>
      <Scrubber />
      <Controls compact={compact} />
      {!compact && (
        <>
          <div className="timeline__tabs" role="tablist" aria-label="History views">
            {tabs.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`tl-tab-${t.id}`}
                data-testid={`timeline-tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls="tl-panel"
                tabIndex={tab === t.id ? 0 : -1}
                onClick={() => dispatch(historyActions.panelTab(t.id))}
                onKeyDown={tabArrows(
                  tabs,
                  t.id,
                  (id) => dispatch(historyActions.panelTab(id)),
                  (id) => `tl-tab-${id}`,
                )}
              >
                {t.label}
              </button>
            ))}
          </div>
          <div ref={body} className="timeline__body" id="tl-panel" role="tabpanel" aria-labelledby={`tl-tab-${tab}`} tabIndex={-1}>
            {tab === 'changes' ? <EntryList /> : tab === 'compare' ? <ComparePanel /> : <EntityPanel />}
          </div>
        </>
      )}
    </aside>
  );
}

/**
 * A choice that takes away the control it was made on — Compare on a change in the list (the list gives way to the
 * Compare tab), a guest or table picked in the finder (the matches go) — would leave keyboard focus on the page itself,
 * so the next Tab starts again at the top. Focus goes to what the choice shows instead: the view's heading
 * (`data-focus-after-choice`), else the view.
 */
function useFocusAfterChoice(tab: string) {
  const body = useRef<HTMLDivElement>(null);
  const entity = useAppSelector((s) => s.history.entity);
  const compareFrom = useAppSelector((s) => s.history.compareFrom);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) return void (first.current = false);
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (!lost || !body.current) return;
    (body.current.querySelector<HTMLElement>('[data-focus-after-choice]') ?? body.current).focus();
  }, [tab, entity, compareFrom]);
  return body;
}

function LoadStatus() {
  const { loaded, head, loading, error } = useAppSelector((s) => s.history);
  const store = useAppStore();
  const steps = stepCount(planTimeline()?.entries ?? []);
  if (error)
    return (
      <span className="timeline__status is-error" role="alert">
        {error}{' '}
        <button type="button" className="linkish" onClick={() => void loadHistory(store)}>
          Retry
        </button>
      </span>
    );
  if (loading || loaded < head)
    return (
      <span className="timeline__status" role="status" data-testid="history-loading">
        Loading {formatCount(loaded)} of {formatCount(head)}…
      </span>
    );
  return (
    // Counted as the scrubber and the past bar count them ("change 26 of 31"): a command or a batch is one change,
    // however many single edits it made (the number of edits is the title).
    <span className="timeline__status muted" data-testid="history-count" data-count={loaded} title={`${formatCount(loaded)} single edits`}>
      {formatCount(steps)} {steps === 1 ? 'change' : 'changes'}
    </span>
  );
}
