import type { Command } from '@seatfold/domain/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { openPlan } from '../app/connection.ts';
import { selectCanEdit, selectWithdrawn } from '../app/selectors.ts';
import { useAppDispatch, useAppSelector, useAppStore } from '../app/store.ts';
import { uiActions, type BoardTab } from '../app/ui.ts';
import { IssueContext } from './dragdrop.tsx';
import { DragDropProvider } from './DragDropProvider.tsx';
import { GuestPanel } from './GuestPanel.tsx';
import { Header, statusText } from './Header.tsx';
import { preloadPlanChunks, TimelinePanel } from './lazy.tsx';
import { BoardPanels } from './BoardPanels.tsx';
import { HistoryLayer, PastBar } from '../features/timeline/index.ts';
import { Announcer, Toasts } from './Toasts.tsx';
import { HomeLink } from './HomeLink.tsx';
import { SetupProvider, SetupToolbar } from '../features/setup/SetupContext.tsx';
import { useRememberPlan } from '../features/plans/useMyPlans.ts';
import { CateringButton } from '../features/catering/CateringSummary.tsx';
import { SkipLinks, usePanelFocus } from './SkipLinks.tsx';
import { SeatPicker } from './SeatPicker.tsx';
import { NARROW, useMediaQuery } from './media.ts';
import { useReviewerKeys } from './useReviewerKeys.ts';
import { tabArrows } from './tabArrows.ts';
import { AutoseatButton } from '../features/autoseat/AutoseatButton.tsx';
import { NameAsk } from '../features/members/index.ts';

export function PlanScreen({ token }: { token: string }) {
  const store = useAppStore();
  // The store's connection holder (its `extra`): listeners, RTK Query and components reach the plan through it.
  const connection = store.extra.connection;

  // openPlan puts the connection into the store's holder, and close takes it out. On a page opened at a plan link
  // main.tsx has opened it already, before React's first render: it is adopted here, not opened twice.
  useEffect(() => {
    const opened = store.extra.connection.current;
    const c = opened?.token === token ? opened : openPlan(store, token);
    return () => c.close();
  }, [store, token]);

  useRememberPlan(token); // lists this plan under "Your plans" on the start page, once its name and role are known
  const issue = useCallback((command: Command) => connection.current?.issue(command) ?? null, [connection]);
  const linkError = useAppSelector((s) => s.session.linkError);
  const loaded = useAppSelector((s) => s.plan.planId !== null);
  // Access withdrawn while the plan is open (the owner revoked it): the board closes, as it would not open now.
  const withdrawn = useAppSelector(selectWithdrawn);

  if (linkError) return <PlanError message={linkError} />;
  return (
    <IssueContext.Provider value={issue}>
      <SetupProvider connection={connection}>
        <div className="plan-screen">
          {loaded && !withdrawn && <SkipLinks />}
          <Header />
          {loaded && !withdrawn ? (
            <DragDropProvider>
              <Board />
            </DragDropProvider>
          ) : (
            <Loading wasOpen={loaded} />
          )}
          <Toasts />
          <HistoryLayer />
          <Announcer />
        </div>
      </SetupProvider>
    </IssueContext.Provider>
  );
}

function Board() {
  const dispatch = useAppDispatch();
  useReviewerKeys();
  // The past is read-only: no drag, no lock buttons, for organisers too.
  const organiser = useAppSelector(selectCanEdit);
  const inPast = useAppSelector((s) => s.history.viewing !== null);
  const tab = useAppSelector((s) => s.ui.tab);
  const historyOpen = useAppSelector((s) => s.history.open);
  const mainRef = useRef<HTMLElement>(null);
  useEffect(() => preloadPlanChunks(), []);
  usePanelFocus();
  // On a phone a tapped guest opens the table picker (no drag and drop on touch screens).
  const narrow = useMediaQuery(NARROW);
  // On any screen, T on a guest row opens it too: a table by its number, where a keyboard drag steps through them all.
  const [picked, setPicked] = useState<{ guestId: string; byKey: boolean } | null>(null);
  const closePicker = useCallback(() => {
    setPicked(null);
    if (!picked?.byKey) return;
    // Back to the guest's row, or (it left the list, now seated) the list's own stop.
    requestAnimationFrame(() =>
      (
        document.querySelector<HTMLElement>(`[data-testid="guest-row"][data-guest-id="${CSS.escape(picked.guestId)}"]`) ??
        document.querySelector<HTMLElement>('[data-testid="guest-row"][tabindex="0"]')
      )?.focus(),
    );
  }, [picked]);
  const store = useAppStore();

  const locate = useCallback(
    (tableId: string) => {
      dispatch(uiActions.tab('tables'));
      requestAnimationFrame(() => {
        const card = mainRef.current?.querySelector<HTMLElement>(`[data-testid="table-card"][data-table-id="${CSS.escape(tableId)}"]`);
        if (!card) return;
        card.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
        card.classList.remove('located');
        void card.offsetWidth;
        card.classList.add('located');
        setTimeout(() => card.classList.remove('located'), 1400);
      });
    },
    [dispatch],
  );

  const tabs: { id: BoardTab; label: string }[] = [
    { id: 'tables', label: 'Tables' },
    { id: 'rooms', label: 'Rooms' },
    { id: 'imports', label: 'Export, import & batches' },
  ];
  return (
    <div
      className={`board${organiser ? '' : ' is-review'}${inPast ? ' is-past' : ''}`}
      onClick={(e) => {
        const row = narrow ? (e.target as HTMLElement).closest<HTMLElement>('[data-testid="guest-row"]') : null;
        if (row?.dataset.guestId) setPicked({ guestId: row.dataset.guestId, byKey: false });
      }}
      onKeyDown={(e) => {
        if (!organiser || (e.key !== 't' && e.key !== 'T') || e.ctrlKey || e.metaKey || e.altKey || store.getState().ui.drag) return;
        const row = e.target as HTMLElement;
        if (!row.matches('[data-testid="guest-row"]') || !row.dataset.guestId) return;
        e.preventDefault();
        setPicked({ guestId: row.dataset.guestId, byKey: true });
      }}
    >
      {/* A phone stacks the guest list over the board: the bar saying the board shows the past (read only) goes first,
          above the list and kept in view while the page scrolls (narrow.css), not below the list out of sight. */}
      {narrow && <PastBar />}
      {narrow && <NameAsk />}
      <GuestPanel organiser={organiser} onLocate={locate} />
      {picked && (narrow || picked.byKey) && <SeatPicker guestId={picked.guestId} onClose={closePicker} floating={!narrow} />}
      <main className="board__main" ref={mainRef}>
        {!narrow && <PastBar />}
        {!narrow && <NameAsk />}
        <div className="tabs">
          <div className="tabs__list" role="tablist" aria-label="Board">
            {tabs.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`tab-${t.id}`}
                data-testid={`tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls="board-panel"
                tabIndex={tab === t.id ? 0 : -1}
                onClick={() => dispatch(uiActions.tab(t.id))}
                onKeyDown={tabArrows(
                  tabs,
                  t.id,
                  (id) => dispatch(uiActions.tab(id)),
                  (id) => `tab-${id}`,
                )}
              >
                {t.label}
              </button>
            ))}
          </div>
          {tab !== 'imports' && (
            // one unit: it stays beside the tabs when it fits and moves whole to a row of its own when it does not
            <div className="tabs__actions">
              {organiser && <SetupToolbar />}
              <CateringButton />
              {organiser && <AutoseatButton />}
            </div>
          )}
          <span className="tabs__hint muted">
            {inPast
              ? 'A past state of the plan — read only.'
              : tab === 'imports'
                ? organiser
                  ? 'Import guest lists and table draws; revert any batch in one click.'
                  : 'Download or print the plan; see every import and bulk change.'
                : !organiser
                  ? 'You are viewing this plan. Changes by organisers appear as they are made.'
                  : tab === 'tables'
                    ? 'Drag guests onto tables, or focus a guest and press Space, then Enter on a table.'
                    : 'Drag a table onto a physical table to place it.'}
          </span>
        </div>
        <div className="board__scroll" id="board-panel" role="tabpanel" aria-labelledby={`tab-${tab}`} tabIndex={-1}>
          <BoardPanels tab={tab} organiser={organiser} />
        </div>
      </main>
      {historyOpen && <TimelinePanel />}
    </div>
  );
}

function Loading({ wasOpen }: { wasOpen: boolean }) {
  const status = useAppSelector((s) => s.session.status);
  const error = useAppSelector((s) => s.session.error);
  const errorCode = useAppSelector((s) => s.session.errorCode);
  const pending = useAppSelector((s) => s.plan.pending.length);
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setSlow(true), 1500);
    return () => clearTimeout(t);
  }, []);
  return (
    <div className="loading" data-testid="plan-loading" role="status">
      {status === 'failed' ? (
        <>
          <h2>
            {errorCode === 'ProtocolVersion'
              ? 'Seatfold has been updated'
              : wasOpen
                ? 'This plan is closed to you now'
                : 'The plan could not be opened'}
          </h2>
          <p>{error}</p>
          {errorCode === 'Forbidden' && (
            <p>
              A member on a new device?{' '}
              <a href="/sign-in" data-testid="sign-in-link">
                Sign in again
              </a>
              .
            </p>
          )}
          <button type="button" className="button" onClick={() => window.location.reload()}>
            {errorCode === 'ProtocolVersion' ? 'Reload' : 'Try again'}
          </button>
        </>
      ) : (
        <>
          <div className="spinner" aria-hidden="true" />
          <p>{status === 'offline' ? statusText('offline', null) : 'Loading the plan…'}</p>
          {slow && status === 'offline' && (
            <p className="muted">
              The server cannot be reached. The plan opens as soon as it is back
              {pending ? `; your ${pending} unsaved ${pending === 1 ? 'change is' : 'changes are'} kept` : ''}.
            </p>
          )}
        </>
      )}
    </div>
  );
}

function PlanError({ message }: { message: string }) {
  return (
    <div className="centered-page">
      <div className="card error-card" data-testid="plan-error" role="alert">
        <h1>This plan cannot be opened</h1>
        <p>{message}</p>
        <p className="muted">If the link is complete, ask the plan’s organiser for a new one.</p>
        <HomeLink />
      </div>
    </div>
  );
}
