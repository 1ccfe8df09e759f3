import { byName, describeEvent, type EntityKey } from '@seatfold/domain';
import type { WireEvent } from '@seatfold/sync';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { absolute } from '../app/api.ts';
import {
  attachConnection,
  entityName,
  historyActions,
  loadHistory,
  planTimeline,
  redoMine,
  restoreEntity,
  selectDiff,
  selectDisplayed,
  undoMine,
  type PlanTimeline,
} from '../app/history.ts';
import { selectIsOrganiser } from '../app/selectors.ts';
import { useAppDispatch, useAppSelector, useAppStore } from '../app/store.ts';
import { entryIndexAt, fromLocalInput, longTime, nextBoundary, parseAt, prevBoundary, shortTime, toLocalInput } from '../app/timeline.ts';
import { Icon } from './Icon.tsx';
import { useConnection } from './PlanScreen.tsx';
import './timeline.css';
import { copyText } from './CopyField.tsx';

const number = new Intl.NumberFormat('en');
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl+';

// ---------------------------------------------------------------- icons of the timeline

const paths = {
  clock: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM12 7v5l3 2',
  play: 'M7 5v14l11-7Z',
  pause: 'M8 5v14M16 5v14',
  back: 'M18 6 10 12l8 6M6 6v12',
  forward: 'M6 6l8 6-8 6M18 6v12',
  start: 'M19 6l-7 6 7 6M12 6l-7 6 7 6',
  redo: 'm15 14 5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13',
  undo: 'M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11',
  link: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  close: 'M6 6l12 12M18 6 6 18',
} as const;

function HIcon({ name, size = 15 }: { name: keyof typeof paths; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill={name === 'play' ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth={1.9} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="icon">
      <path d={paths[name]} />
    </svg>
  );
}

/** Re-renders when the registry grows or its labels change (the registry itself is outside Redux). */
function useTimeline(): PlanTimeline | null {
  useAppSelector((s) => s.history.loaded);
  useAppSelector((s) => s.history.labels);
  return planTimeline();
}

// ---------------------------------------------------------------- header buttons

/** Undo / Redo (organisers) and the History toggle, for the app header. */
export function HistoryControls() {
  const store = useAppStore();
  const dispatch = useAppDispatch();
  const organiser = useAppSelector(selectIsOrganiser);
  const loaded = useAppSelector((s) => s.plan.planId !== null);
  const open = useAppSelector((s) => s.history.open);
  const { undo, redo, busy } = useAppSelector((s) => s.history.undo);
  if (!loaded) return null;
  return (
    <div className="history-controls">
      {organiser && (
        <>
          <button
            type="button"
            className="icon-button history-controls__undo"
            data-testid="undo-button"
            disabled={undo === 0 || busy}
            aria-label={`Undo my last change (${mod}Z)`}
            title={undo ? `Undo my last change (${mod}Z)` : 'Nothing of yours to undo'}
            onClick={() => void undoMine(store)}
          >
            <HIcon name="undo" />
          </button>
          <button
            type="button"
            className="icon-button"
            data-testid="redo-button"
            disabled={redo === 0 || busy}
            aria-label={`Redo (${mod}Shift+Z)`}
            title={redo ? `Redo (${mod}Shift+Z)` : 'Nothing to redo'}
            onClick={() => void redoMine(store)}
          >
            <HIcon name="redo" />
          </button>
        </>
      )}
      <button type="button" className="button button--small" data-testid="history-toggle" aria-pressed={open} aria-controls={open ? 'timeline-panel' : undefined} onClick={() => dispatch(historyActions.setOpen(!open))}>
        <HIcon name="clock" size={14} /> History
      </button>
    </div>
  );
}

// ---------------------------------------------------------------- always mounted: data, keys, deep link, notices

/** Mounted once per plan screen: hands the connection to the history registry, follows ?at=, keeps the URL in step,
 *  loads history while it is wanted, binds Ctrl/⌘+Z, lets board clicks pick a guest or table, shows notices. */
export function HistoryLayer() {
  const connection = useConnection();
  const store = useAppStore();
  const dispatch = useAppDispatch();
  const open = useAppSelector((s) => s.history.open);
  const wantAt = useAppSelector((s) => s.history.wantAt);
  const status = useAppSelector((s) => s.session.status);
  const viewing = useAppSelector((s) => s.history.viewing);

  useEffect(() => {
    attachConnection(connection);
    return () => attachConnection(null);
  }, [connection]);

  useEffect(() => {
    const at = parseAt(window.location.search);
    if (at !== null) dispatch(historyActions.wantAt(at));
  }, [dispatch]);

  useEffect(() => {
    if ((open || wantAt !== null) && status === 'live') void loadHistory(store.dispatch, store.getState);
  }, [open, wantAt, status, store]);

  // The address bar follows the moment on display, so the page's own URL is a deep link too.
  const lastViewing = useRef<number | null | undefined>(undefined);
  useEffect(() => {
    if (lastViewing.current === undefined || lastViewing.current === viewing) {
      lastViewing.current = viewing;
      return;
    }
    lastViewing.current = viewing;
    const url = new URL(window.location.href);
    if (viewing === null) url.searchParams.delete('at');
    else url.searchParams.set('at', String(viewing));
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }, [viewing]);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const k = e.key.toLowerCase();
      if (k !== 'z' && k !== 'y') return;
      const el = e.target as HTMLElement | null;
      if (el?.closest?.('input, textarea, select, [contenteditable="true"]')) return;
      if (!selectIsOrganiser(store.getState())) return;
      e.preventDefault();
      if (k === 'y' || e.shiftKey) void redoMine(store);
      else void undoMine(store);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  // While the panel is open, clicking a guest or a table on the board shows its history.
  useEffect(() => {
    if (!open) return;
    const onClick = (e: MouseEvent) => {
      const el = e.target as HTMLElement | null;
      if (!el || el.closest('button:not([data-testid="seated-guest"]), a, input, .timeline')) return;
      const guest = el.closest<HTMLElement>('[data-testid="guest-row"], [data-testid="seated-guest"]');
      if (guest?.dataset.guestId) return void dispatch(historyActions.entity(`guest:${guest.dataset.guestId}`));
      const table = el.closest<HTMLElement>('[data-testid="table-card"], [data-testid="logical-table"]');
      if (table?.dataset.tableId) dispatch(historyActions.entity(`table:${table.dataset.tableId}`));
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, [open, dispatch]);

  return (
    <>
      <Highlights />
      <Notices />
    </>
  );
}

/** Marks what a comparison changed (and the selected entity) on the board, without touching the board's components. */
function Highlights() {
  const diff = useAppSelector(selectDiff);
  const entity = useAppSelector((s) => (s.history.open ? s.history.entity : null));
  const css = useMemo(() => {
    const rules: string[] = [];
    const q = (id: string) => `"${CSS.escape(id)}"`;
    if (diff) {
      const tables = [...diff.tables].slice(0, 2000);
      const guests = [...diff.guests].slice(0, 5000);
      if (tables.length) rules.push(`${tables.map((id) => `.table-card[data-table-id=${q(id)}]`).join(',')}{box-shadow:0 0 0 2px var(--warn);}`);
      if (guests.length) rules.push(`${guests.map((id) => `[data-testid="seated-guest"][data-guest-id=${q(id)}],.guest-row[data-guest-id=${q(id)}]`).join(',')}{background:var(--warn-soft);box-shadow:inset 3px 0 0 var(--warn);}`);
    }
    if (entity) {
      const id = entity.slice(entity.indexOf(':') + 1);
      if (entity.startsWith('table:')) rules.push(`.table-card[data-table-id=${q(id)}],.logical-tile[data-table-id=${q(id)}]{outline:3px solid var(--accent);outline-offset:2px;}`);
      if (entity.startsWith('guest:')) rules.push(`[data-testid="seated-guest"][data-guest-id=${q(id)}],.guest-row[data-guest-id=${q(id)}]{outline:2px solid var(--accent);outline-offset:-2px;}`);
    }
    return rules.join('\n');
  }, [diff, entity]);
  return css ? <style data-testid="history-highlights">{css}</style> : null;
}

function Notices() {
  const notices = useAppSelector((s) => s.history.notices);
  const dispatch = useAppDispatch();
  useEffect(() => {
    const timers = notices.filter((n) => n.tone === 'info').map((n) => setTimeout(() => dispatch(historyActions.dismiss(n.id)), 4000));
    return () => timers.forEach(clearTimeout);
  }, [notices, dispatch]);
  if (notices.length === 0) return null;
  return (
    <section className="history-toasts" aria-label="Undo and history messages">
      {notices.map((n) => (
        <div key={n.id} className={`toast toast--${n.tone}`} role={n.tone === 'error' ? 'alert' : 'status'} data-testid="history-toast" data-tone={n.tone}>
          <Icon name={n.tone === 'error' ? 'alert' : 'check'} size={18} className="icon toast__icon" />
          <p className="toast__text">{n.text}</p>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dispatch(historyActions.dismiss(n.id))}>
            <Icon name="close" size={14} />
          </button>
        </div>
      ))}
    </section>
  );
}

// ---------------------------------------------------------------- the "you are in the past" bar

export function PastBar() {
  const viewing = useAppSelector((s) => s.history.viewing);
  const head = useAppSelector((s) => s.history.head);
  const links = useAppSelector((s) => s.session.links);
  const dispatch = useAppDispatch();
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (copied === 'idle') return;
    const t = setTimeout(() => setCopied('idle'), 1800);
    return () => clearTimeout(t);
  }, [copied]);
  if (viewing === null) return null;
  const event = planTimeline()?.history.event(viewing);
  const when = event ? longTime(event.meta.at) : 'the start of the plan';
  const newer = Math.max(0, head - viewing);
  // Shared links to the past are review links: a moment in history never hands out edit rights.
  const base = links ? absolute(links.reviewPath) : `${window.location.origin}${window.location.pathname}`;
  const link = `${base}?at=${viewing}`;
  return (
    <div className="past-bar" role="region" aria-label="Viewing the past" data-testid="past-bar" data-version={viewing}>
      <HIcon name="clock" size={18} />
      <p className="past-bar__text" aria-live="polite">
        <strong data-testid="past-time">Viewing {when}</strong>
        <span>
          {' '}
          — change {number.format(viewing)} of {number.format(head)}
          {newer > 0 && ` · ${number.format(newer)} newer ${newer === 1 ? 'change' : 'changes'} not shown`} · read only
        </span>
      </p>
      <button type="button" className="button button--small past-bar__copy" data-testid="copy-at-link" data-link={link} onClick={() => void copyText(link).then((ok) => setCopied(ok ? 'copied' : 'failed'))}>
        <HIcon name="link" size={14} /> {copied === 'copied' ? 'Link copied' : copied === 'failed' ? 'Copy failed' : 'Copy link to this moment'}
      </button>
      <button type="button" className="button button--small past-bar__live" data-testid="back-to-live" onClick={() => dispatch(historyActions.view(null))}>
        Back to live
      </button>
    </div>
  );
}

// ---------------------------------------------------------------- the panel

export function TimelinePanel() {
  const open = useAppSelector((s) => s.history.open);
  const tab = useAppSelector((s) => s.history.panelTab);
  const dispatch = useAppDispatch();
  if (!open) return null;
  const tabs: { id: typeof tab; label: string }[] = [
    { id: 'changes', label: 'Changes' },
    { id: 'compare', label: 'Compare' },
    { id: 'entity', label: 'Guest / table' },
  ];
  return (
    <aside className="timeline" id="timeline-panel" aria-label="History" tabIndex={-1} data-testid="timeline">
      <header className="timeline__head">
        <h2>History</h2>
        <LoadStatus />
        <button type="button" className="icon-button" aria-label="Close history" data-testid="history-close" onClick={() => dispatch(historyActions.setOpen(false))}>
          <HIcon name="close" size={14} />
        </button>
      </header>
      <Scrubber />
      <Controls />
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
            onKeyDown={(e) => {
              if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
              e.preventDefault();
              const next = tabs[(tabs.findIndex((x) => x.id === t.id) + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
              dispatch(historyActions.panelTab(next.id));
              document.getElementById(`tl-tab-${next.id}`)?.focus();
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="timeline__body" id="tl-panel" role="tabpanel" aria-labelledby={`tl-tab-${tab}`}>
        {tab === 'changes' ? <EntryList /> : tab === 'compare' ? <ComparePanel /> : <EntityPanel />}
      </div>
    </aside>
  );
}

function LoadStatus() {
  const { loaded, head, loading, error } = useAppSelector((s) => s.history);
  const store = useAppStore();
  if (error)
    return (
      <span className="timeline__status is-error" role="alert">
        {error}{' '}
        <button type="button" className="linkish" onClick={() => void loadHistory(store.dispatch, store.getState)}>
          Retry
        </button>
      </span>
    );
  if (loading || loaded < head)
    return (
      <span className="timeline__status" role="status" data-testid="history-loading">
        Loading {number.format(loaded)} of {number.format(head)}…
      </span>
    );
  return (
    <span className="timeline__status muted" data-testid="history-count" data-count={loaded}>
      {number.format(loaded)} {loaded === 1 ? 'change' : 'changes'}
    </span>
  );
}

/** The scrubber: a slider over every version, 0 (before anything) … the newest (live). Arrows step one command. */
function Scrubber() {
  const t = useTimeline();
  const viewing = useAppSelector((s) => s.history.viewing);
  const loaded = useAppSelector((s) => s.history.loaded);
  const dispatch = useAppDispatch();
  const trackRef = useRef<HTMLDivElement>(null);
  const frame = useRef(0);
  const value = viewing ?? loaded;
  const fraction = loaded ? value / loaded : 1;
  const event = viewing !== null && viewing > 0 ? t?.history.event(viewing) : undefined;
  const text = viewing === null ? 'Live, now' : viewing === 0 ? 'Before anything' : `Change ${viewing}${event ? `, ${longTime(event.meta.at)}, by ${event.meta.actor}` : ''}`;

  const goTo = (v: number | null) => dispatch(historyActions.view(v));
  const fromPointer = (clientX: number) => {
    const r = trackRef.current?.getBoundingClientRect();
    if (!r || !loaded) return;
    const v = Math.round(Math.max(0, Math.min(1, (clientX - r.left) / r.width)) * loaded);
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => goTo(v >= loaded ? null : v));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!t) return;
    const entries = t.entries;
    let next: number | null | undefined;
    const steps = (n: number, dir: 1 | -1) => {
      let v: number | null = value;
      for (let i = 0; i < n && v !== null; i++) v = dir < 0 ? prevBoundary(entries, v) : nextBoundary(entries, v);
      return v;
    };
    if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') next = steps(1, -1);
    else if (e.key === 'ArrowRight' || e.key === 'ArrowUp') next = steps(1, 1) ?? null;
    else if (e.key === 'PageDown') next = steps(10, -1);
    else if (e.key === 'PageUp') next = steps(10, 1) ?? null;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = null;
    else return;
    e.preventDefault();
    goTo(next);
  };
  return (
    <div className="scrubber">
      <div
        ref={trackRef}
        className="scrubber__track"
        role="slider"
        tabIndex={0}
        data-testid="scrubber"
        aria-label="Point in the plan’s history"
        aria-valuemin={0}
        aria-valuemax={loaded}
        aria-valuenow={value}
        aria-valuetext={text}
        aria-keyshortcuts="ArrowLeft ArrowRight Home End PageUp PageDown"
        onKeyDown={onKeyDown}
        onPointerDown={(e: ReactPointerEvent<HTMLDivElement>) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          fromPointer(e.clientX);
        }}
        onPointerMove={(e) => e.currentTarget.hasPointerCapture(e.pointerId) && fromPointer(e.clientX)}
      >
        <span className="scrubber__fill" style={{ width: `${fraction * 100}%` }} />
        <span className="scrubber__thumb" style={{ left: `${fraction * 100}%` }} data-live={viewing === null || undefined} />
      </div>
      <div className="scrubber__labels muted">
        <span>Start</span>
        <span className="scrubber__now" data-testid="scrubber-text">
          {text}
        </span>
        <span>Now</span>
      </div>
    </div>
  );
}

function Controls() {
  const t = useTimeline();
  const viewing = useAppSelector((s) => s.history.viewing);
  const loaded = useAppSelector((s) => s.history.loaded);
  const playing = useAppSelector((s) => s.history.playing);
  const dispatch = useAppDispatch();
  const [time, setTime] = useState('');
  const value = viewing ?? loaded;

  const viewingRef = useRef(viewing);
  viewingRef.current = viewing;
  useEffect(() => {
    if (!playing) return;
    const id = setInterval(() => {
      const tl = planTimeline();
      if (!tl) return;
      const next = nextBoundary(tl.entries, viewingRef.current ?? tl.history.length);
      dispatch(historyActions.view(next));
      if (next === null) dispatch(historyActions.playing(false));
    }, 700);
    return () => clearInterval(id);
  }, [playing, dispatch]);

  const entries = t?.entries ?? [];
  const jump = () => {
    const at = fromLocalInput(time);
    if (at === null || !t) return;
    const v = t.history.versionAtTime(at);
    dispatch(historyActions.view(v));
  };
  const firstAt = t?.history.event(1)?.meta.at;
  return (
    <div className="timeline__controls">
      <div className="timeline__buttons" role="group" aria-label="Step through history">
        <button type="button" className="icon-button" aria-label="Go to the start" title="Start (Home)" disabled={value === 0} onClick={() => dispatch(historyActions.view(0))}>
          <HIcon name="start" />
        </button>
        <button type="button" className="icon-button" data-testid="step-back" aria-label="Step back one change" title="Step back (←)" disabled={value === 0} onClick={() => dispatch(historyActions.view(prevBoundary(entries, value)))}>
          <HIcon name="back" />
        </button>
        <button
          type="button"
          className="icon-button"
          data-testid="play"
          aria-label={playing ? 'Pause' : 'Play through the changes'}
          aria-pressed={playing}
          disabled={!loaded}
          onClick={() => {
            if (!playing && viewing === null) dispatch(historyActions.view(0));
            dispatch(historyActions.playing(!playing));
          }}
        >
          <HIcon name={playing ? 'pause' : 'play'} />
        </button>
        <button type="button" className="icon-button" data-testid="step-forward" aria-label="Step forward one change" title="Step forward (→)" disabled={viewing === null} onClick={() => dispatch(historyActions.view(nextBoundary(entries, value)))}>
          <HIcon name="forward" />
        </button>
        <button type="button" className="button button--small" data-testid="go-live" disabled={viewing === null} onClick={() => dispatch(historyActions.view(null))}>
          <span className="live-dot" aria-hidden="true" /> Live
        </button>
      </div>
      <form
        className="timeline__jump"
        onSubmit={(e) => {
          e.preventDefault();
          jump();
        }}
      >
        <label>
          <span className="visually-hidden">Jump to a date and time</span>
          <input type="datetime-local" step={1} data-testid="jump-time" value={time} min={firstAt ? toLocalInput(firstAt).slice(0, 16) : undefined} onChange={(e) => setTime(e.target.value)} />
        </label>
        <button type="submit" className="button button--small" disabled={!time}>
          Jump
        </button>
      </form>
    </div>
  );
}

// ---------------------------------------------------------------- all changes

const ROW = 74;

function EntryList() {
  const t = useTimeline();
  const loaded = useAppSelector((s) => s.history.loaded);
  const viewing = useAppSelector((s) => s.history.viewing);
  const loading = useAppSelector((s) => s.history.loading);
  const organiser = useAppSelector(selectIsOrganiser);
  const dispatch = useAppDispatch();
  const scrollRef = useRef<HTMLDivElement>(null);
  const entries = t?.entries ?? [];
  const n = entries.length;
  // Newest first: row i shows entries[n - 1 - i].
  const virtualizer = useVirtualizer({ count: n, getScrollElement: () => scrollRef.current, estimateSize: () => ROW, overscan: 8 });
  const selected = viewing === null ? -1 : entryIndexAt(entries, viewing);

  useEffect(() => {
    if (selected >= 0) virtualizer.scrollToIndex(n - 1 - selected, { align: 'auto' });
  }, [selected, n, virtualizer]);

  if (n === 0) {
    return (
      <div className="timeline__empty" data-testid="timeline-empty">
        {loading || loaded === 0 ? <p>Loading the plan’s history…</p> : <p>No changes yet. Every change to the plan will be listed here, with who made it and when.</p>}
      </div>
    );
  }
  return (
    <div className="timeline__list-wrap">
      <button type="button" className="tl-live" aria-current={viewing === null || undefined} onClick={() => dispatch(historyActions.view(null))} data-testid="timeline-live">
        <span className="live-dot" aria-hidden="true" /> Now — the live plan
        {!organiser && <span className="muted"> · changes appear as they happen</span>}
      </button>
      <div ref={scrollRef} className="timeline__list" data-testid="timeline-list" aria-label="Changes, newest first" role="list">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const i = n - 1 - item.index;
            const entry = entries[i];
            return <EntryRow key={entry.firstVersion} timeline={t!} index={i} top={item.start} selected={i === selected} lastVersion={entry.lastVersion} />;
          })}
        </div>
      </div>
    </div>
  );
}

const EntryRow = memo(function EntryRow({ timeline, index, top, selected, lastVersion }: { timeline: PlanTimeline; index: number; top: number; selected: boolean; lastVersion: number }) {
  const dispatch = useAppDispatch();
  useAppSelector((s) => s.history.labels);
  const entry = timeline.entries[index];
  const sentence = timeline.sentence(entry);
  const rest = sentence.startsWith(entry.actor) ? sentence.slice(entry.actor.length) : ` ${sentence}`;
  const range = entry.firstVersion === lastVersion ? `#${entry.firstVersion}` : `#${entry.firstVersion}–${lastVersion}`;
  return (
    <div className="tl-row" role="listitem" style={{ transform: `translateY(${top}px)` }} data-testid="timeline-entry" data-first={entry.firstVersion} data-last={lastVersion} data-selected={selected || undefined}>
      <button type="button" className="tl-row__main" aria-current={selected || undefined} title={`Show the plan right after this change (${longTime(entry.at)})`} onClick={() => dispatch(historyActions.view(lastVersion))}>
        <span className="tl-row__sentence">
          <strong>{entry.actor}</strong>
          {rest}
        </span>
        <span className="tl-row__meta">
          <time dateTime={new Date(entry.at).toISOString()}>{shortTime(entry.at)}</time> · {range}
        </span>
      </button>
      <span className="tl-row__actions">
        <button type="button" className="linkish" data-testid="view-before" title="Show the plan just before this change" onClick={() => dispatch(historyActions.view(entry.firstVersion - 1))}>
          Before
        </button>
        <button type="button" className="linkish" data-testid="compare-from" title="Compare the plan after this change with the moment on display" onClick={() => dispatch(historyActions.compareFrom(lastVersion))}>
          Compare
        </button>
      </span>
    </div>
  );
});

// ---------------------------------------------------------------- compare two moments

function ComparePanel() {
  const t = useTimeline();
  const diff = useAppSelector(selectDiff);
  const from = useAppSelector((s) => s.history.compareFrom);
  const viewing = useAppSelector((s) => s.history.viewing);
  const dispatch = useAppDispatch();
  const [limit, setLimit] = useState(200);
  if (from === null || !diff || !t) {
    return (
      <div className="timeline__empty" data-testid="compare-empty">
        <p>
          <strong>Compare two moments.</strong> Choose “Compare” on any change in the list: the board then marks every guest and table that differs between that moment and the one on display (or
          the live plan), and this tab says what changed and who changed it.
        </p>
      </div>
    );
  }
  const at = (v: number | null) => (v === null ? 'now (live)' : v === 0 ? 'the start' : longTime(t.history.event(v)?.meta.at ?? 0));
  const [older, newer] = viewing === null || from <= viewing ? [from, viewing] : [viewing, from];
  return (
    <div className="compare" data-testid="compare">
      <div className="compare__head">
        <p>
          From <strong>{at(older)}</strong> to <strong>{at(newer)}</strong>
        </p>
        <button type="button" className="linkish" data-testid="compare-clear" onClick={() => dispatch(historyActions.compareFrom(null))}>
          Clear
        </button>
      </div>
      {diff.actors.length > 0 && (
        <p className="compare__by" data-testid="compare-by">
          By {diff.actors.map((a) => `${a.actor} (${number.format(a.events)})`).join(', ')}
        </p>
      )}
      {diff.lines.length === 0 ? (
        <p className="timeline__empty">No guest or table differs between these two moments.</p>
      ) : (
        <ul className="compare__lines" data-testid="compare-lines">
          {diff.lines.slice(0, limit).map((l) => (
            <li key={l.key}>
              <button type="button" className="compare__line" onClick={() => dispatch(historyActions.entity(l.key))} title="Show the history of this one">
                <span>{l.text}</span>
                {l.by.length > 0 && <span className="muted"> — by {l.by.join(', ')}</span>}
              </button>
            </li>
          ))}
          {diff.lines.length > limit && (
            <li>
              <button type="button" className="linkish" onClick={() => setLimit((x) => x + 500)}>
                Show {number.format(Math.min(500, diff.lines.length - limit))} more of {number.format(diff.lines.length)}
              </button>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

// ---------------------------------------------------------------- history of one guest or table

function EntityPanel() {
  const t = useTimeline();
  const entity = useAppSelector((s) => s.history.entity);
  const loaded = useAppSelector((s) => s.history.loaded);
  const viewing = useAppSelector((s) => s.history.viewing);
  const organiser = useAppSelector(selectIsOrganiser);
  const shown = useAppSelector(selectDisplayed);
  const live = useAppSelector((s) => s.plan.view);
  const store = useAppStore();
  const dispatch = useAppDispatch();
  const [limit, setLimit] = useState(100);
  const [busy, setBusy] = useState(false);
  // `loaded` re-runs the scan when the history grows (the registry is mutated in place).
  const events = useMemo<WireEvent[]>(() => (t && entity && loaded >= 0 ? t.history.touching(entity) : []), [t, entity, loaded]);
  const sentences = useRef(new Map<number, string>());
  useEffect(() => sentences.current.clear(), [entity, t]);

  const restore = async (version: number) => {
    if (!entity) return;
    setBusy(true);
    await restoreEntity(store, entity, version);
    setBusy(false);
  };

  return (
    <div className="entity">
      <EntityPicker />
      {!entity ? (
        <div className="timeline__empty" data-testid="entity-empty">
          <p>Click a guest or a table on the board (or find one above) to see every change that touched it, who made it and when — and to restore it as it was.</p>
        </div>
      ) : (
        <>
          <div className="entity__head">
            <h3 data-testid="entity-title">History of {entityName(entity, [shown, live])}</h3>
            <button type="button" className="linkish" onClick={() => dispatch(historyActions.entity(null))}>
              Clear
            </button>
          </div>
          {organiser && viewing !== null && (
            <button type="button" className="button button--small entity__restore-here" data-testid="restore-at-viewing" disabled={busy} onClick={() => void restore(viewing)}>
              Restore {entityName(entity, [shown, live])} as it was here
            </button>
          )}
          {events.length === 0 ? (
            <p className="timeline__empty">{loaded ? 'No change has touched it yet.' : 'Loading…'}</p>
          ) : (
            <ol className="entity__list" data-testid="entity-history" reversed>
              {events
                .slice(-limit)
                .reverse()
                .map((e) => {
                  let s = sentences.current.get(e.version);
                  if (s === undefined && t) {
                    s = describeEvent(e.event, t.history.stateAt(e.version - 1));
                    sentences.current.set(e.version, s);
                  }
                  const current = viewing === e.version;
                  return (
                    <li key={e.version} className="entity__item" data-testid="entity-event" data-version={e.version} data-current={current || undefined}>
                      <button type="button" className="tl-row__main" aria-current={current || undefined} onClick={() => dispatch(historyActions.view(e.version))} title="Show the plan right after this change">
                        <span className="tl-row__sentence">
                          <strong>{e.meta.actor}</strong> {s}
                        </span>
                        <span className="tl-row__meta">
                          <time dateTime={new Date(e.meta.at).toISOString()}>{shortTime(e.meta.at)}</time> · #{e.version}
                        </span>
                      </button>
                      <span className="tl-row__actions">
                        <button type="button" className="linkish" onClick={() => dispatch(historyActions.view(e.version - 1))}>
                          Before
                        </button>
                        {organiser && (
                          <button type="button" className="linkish" data-testid="restore-before" disabled={busy} title="Restore it as it was just before this change" onClick={() => void restore(e.version - 1)}>
                            Restore before this
                          </button>
                        )}
                      </span>
                    </li>
                  );
                })}
              {events.length > limit && (
                <li>
                  <button type="button" className="linkish" onClick={() => setLimit((x) => x + 200)}>
                    Show older ({number.format(events.length - limit)} more)
                  </button>
                </li>
              )}
            </ol>
          )}
        </>
      )}
    </div>
  );
}

/** Find a guest or a table by name (in the plan on display). */
function EntityPicker() {
  const shown = useAppSelector(selectDisplayed);
  const dispatch = useAppDispatch();
  const [q, setQ] = useState('');
  const matches = useMemo(() => {
    const query = q.trim().toLowerCase();
    if (!query) return [];
    const out: { key: EntityKey; label: string }[] = [];
    for (const tb of Object.values(shown.tables).sort(byName)) if (`table ${tb.name}`.toLowerCase().includes(query)) out.push({ key: `table:${tb.id}`, label: `Table ${tb.name}` });
    for (const g of Object.values(shown.guests).sort(byName)) {
      if (out.length >= 12) break;
      if (g.name.toLowerCase().includes(query) || g.email.toLowerCase().includes(query)) out.push({ key: `guest:${g.id}`, label: g.name });
    }
    return out.slice(0, 12);
  }, [q, shown]);
  return (
    <div className="entity-picker">
      <label className="search">
        <Icon name="search" size={15} />
        <span className="visually-hidden">Find a guest or a table</span>
        <input type="search" data-testid="entity-search" placeholder="Find a guest or a table…" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
      </label>
      {matches.length > 0 && (
        <ul className="entity-picker__list" aria-label="Matches">
          {matches.map((m) => (
            <li key={m.key}>
              <button
                type="button"
                data-testid="entity-match"
                onClick={() => {
                  dispatch(historyActions.entity(m.key));
                  setQ('');
                }}
              >
                {m.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
