import { useEffect, useMemo, useRef } from 'react';
import { historyActions, loadHistory, selectDiff } from '../../app/history.ts';
import { notificationsActions } from '../../app/notifications.ts';
import { redoMine, undoMine } from '../../app/historyUndo.ts';
import { selectIsOrganiser } from '../../app/selectors.ts';
import { useAppDispatch, useAppSelector, useAppStore } from '../../app/store.ts';
import { parseAt } from '../../app/timeline.ts';
import { formatCount } from '../../app/format.ts';
import { Icon } from '../../ui/Icon.tsx';

/** How long the moment on display stands still before the address bar is told (see HistoryLayer). */
const AT_SETTLE_MS = 250;

/** Writes the moment on display into the address bar as ?at=, or takes it out (null). */
function writeAt(version: number | null) {
  const url = new URL(window.location.href);
  if (version === null) url.searchParams.delete('at');
  else url.searchParams.set('at', String(version));
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

/** Mounted once per plan screen: follows ?at=, keeps the URL in step,
 *  loads history while it is wanted, binds Ctrl/⌘+Z, lets board clicks pick a guest or table, shows notices. */
export function HistoryLayer() {
  const store = useAppStore();
  const dispatch = useAppDispatch();
  const open = useAppSelector((s) => s.history.open);
  const wantAt = useAppSelector((s) => s.history.wantAt);
  const status = useAppSelector((s) => s.session.status);
  const viewing = useAppSelector((s) => s.history.viewing);

  // A deep link's moment: asked for once; a link that cannot be followed says so and leaves the address bar.
  const asked = useRef<{ at: number; seen: boolean } | null>(null);
  useEffect(() => {
    const raw = new URLSearchParams(window.location.search).get('at');
    const at = parseAt(window.location.search);
    if (at !== null) {
      asked.current = { at, seen: false };
      dispatch(historyActions.wantAt(at));
    } else if (raw !== null) {
      writeAt(null);
      dispatch(
        notificationsActions.notice({
          text: `This link’s “at=${raw.slice(0, 20)}” is not a change number, so the plan is shown as it is now.`,
          tone: 'error',
        }),
      );
    }
  }, [dispatch]);
  const head = useAppSelector((s) => s.history.head);
  useEffect(() => {
    // Settled once the wish has been taken up (wantAt set) and then resolved (cleared) by the history's loading.
    const wish = asked.current;
    if (wish === null) return;
    if (wantAt !== null) return void (wish.seen = true);
    if (!wish.seen) return;
    asked.current = null;
    const { at } = wish;
    if (viewing === null && at > head) {
      writeAt(null);
      // Not "the plan has N changes": N would count single edits, while the History panel counts a batch as one change.
      dispatch(
        notificationsActions.notice({
          text: `This link points to a moment (#${formatCount(at)}) the plan has not reached yet: it is shown as it is now.`,
          tone: 'error',
        }),
      );
    }
  }, [wantAt, viewing, head, dispatch]);

  useEffect(() => {
    if ((open || wantAt !== null) && status === 'live') void loadHistory(store);
  }, [open, wantAt, status, store]);

  // The address bar follows the moment on display, so the page's own URL is a deep link too. Written once the
  // moment has stood still for a moment: each write is a same-page navigation (Chromium also decodes the page's icon
  // again), ~4 ms a step of a scrubber drag. Written at once when the planner may be about to use the address: the
  // pointer leaves the page (for the address bar or the reload button), the window loses focus, a reload or
  // address-bar key (F5, Ctrl/⌘+R or L) — a reload reads the address before the page hears it is being left.
  const lastViewing = useRef<number | null | undefined>(undefined);
  useEffect(() => {
    if (lastViewing.current === undefined || lastViewing.current === viewing) {
      lastViewing.current = viewing;
      return;
    }
    lastViewing.current = viewing;
    // Back to live at once: a reload right after must not open the moment just left.
    if (viewing === null) return writeAt(null);
    const root = document.documentElement;
    const stop = () => {
      clearTimeout(timer);
      window.removeEventListener('pagehide', write);
      window.removeEventListener('blur', write);
      window.removeEventListener('keydown', onKey, true);
      root.removeEventListener('mouseleave', write);
    };
    const write = () => {
      stop();
      writeAt(viewing);
    };
    const onKey = (e: globalThis.KeyboardEvent) => {
      const k = e.key.toLowerCase();
      if (k === 'f5' || ((e.ctrlKey || e.metaKey) && (k === 'r' || k === 'l'))) write();
    };
    const timer = setTimeout(write, AT_SETTLE_MS);
    window.addEventListener('pagehide', write);
    window.addEventListener('blur', write);
    window.addEventListener('keydown', onKey, true);
    root.addEventListener('mouseleave', write);
    return stop;
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
      // The board shows the past: an undo would change the live plan out of sight. Back to live first.
      if (store.getState().history.viewing !== null) {
        dispatch(notificationsActions.notice({ text: 'You are looking at the past: go back to now to undo or redo.', tone: 'info' }));
        return;
      }
      if (k === 'y' || e.shiftKey) void redoMine(store);
      else void undoMine(store);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, dispatch]);

  // In the past the board is read only, and a guest row's pick-up keys (Space, Enter, P for the party) would do
  // nothing: the planner is told why. With the History panel open, Enter shows the guest's history, as a click does;
  // so it does on a table's card, and on a reviewer's guest row in the present (where Enter picks nothing up).
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || (e.key !== ' ' && e.key !== 'Enter' && e.key !== 'p' && e.key !== 'P')) return;
      if (e.defaultPrevented) return; // taken already: a keyboard drag's drop, say
      const el = e.target instanceof HTMLElement ? e.target : null;
      const state = store.getState();
      const card = el?.matches('[data-testid="table-card"]') ? el : null;
      if (e.key === 'Enter' && state.history.open && card?.dataset.tableId) {
        e.preventDefault();
        return void dispatch(historyActions.entity(`table:${card.dataset.tableId}`));
      }
      const row = el?.matches('[data-testid="guest-row"]') ? el : null;
      if (!row?.dataset.guestId) return;
      if (e.key === 'Enter' && state.history.open && (state.history.viewing !== null || !selectIsOrganiser(state))) {
        e.preventDefault();
        return void dispatch(historyActions.entity(`guest:${row.dataset.guestId}`));
      }
      if (state.history.viewing === null) return;
      if (!selectIsOrganiser(state)) return;
      e.preventDefault();
      dispatch(notificationsActions.notice({ text: 'You are looking at the past: go back to now to move guests.', tone: 'info' }));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, dispatch]);

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
      if (guests.length)
        rules.push(
          `${guests.map((id) => `[data-testid="seated-guest"][data-guest-id=${q(id)}],.guest-row[data-guest-id=${q(id)}]`).join(',')}{background:var(--warn-soft);box-shadow:inset 3px 0 0 var(--warn);}`,
        );
    }
    if (entity) {
      const id = entity.slice(entity.indexOf(':') + 1);
      if (entity.startsWith('table:'))
        rules.push(`.table-card[data-table-id=${q(id)}],.logical-tile[data-table-id=${q(id)}]{outline:3px solid var(--accent);outline-offset:2px;}`);
      if (entity.startsWith('guest:'))
        rules.push(
          `[data-testid="seated-guest"][data-guest-id=${q(id)}],.guest-row[data-guest-id=${q(id)}]{outline:2px solid var(--accent);outline-offset:-2px;}`,
        );
    }
    return rules.join('\n');
  }, [diff, entity]);
  return css ? <style data-testid="history-highlights">{css}</style> : null;
}

function Notices() {
  const notices = useAppSelector((s) => s.notifications.notices);
  const dispatch = useAppDispatch();
  useEffect(() => {
    // long enough to read a sentence twice; errors stay until dismissed
    const timers = notices.filter((n) => n.tone === 'info').map((n) => setTimeout(() => dispatch(notificationsActions.dismissNotice(n.id)), 8000));
    return () => timers.forEach(clearTimeout);
  }, [notices, dispatch]);
  if (notices.length === 0) return null;
  return (
    <section className="history-toasts" aria-label="Messages">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`toast toast--${n.tone}`}
          // read out by the page's announcer (notifications.ts), not by a live region of its own
          data-testid="history-toast"
          data-tone={n.tone}
        >
          <Icon name={n.tone === 'error' ? 'alert' : 'check'} size={18} className="icon toast__icon" />
          <p className="toast__text">{n.text}</p>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            title="Dismiss"
            onClick={() => dispatch(notificationsActions.dismissNotice(n.id))}
          >
            <Icon name="close" size={14} />
          </button>
        </div>
      ))}
    </section>
  );
}
