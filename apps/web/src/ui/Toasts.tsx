import { useEffect, useRef, useState } from 'react';
import { rejectionText, tablesTouched } from '../app/describe.ts';
import { fullText, goneText, inPlannersWords, lockedText, staleText } from '../app/parties.ts';
import { unaddedText } from '../app/unadded.ts';
import { useAppDispatch, useAppSelector, useAppStore } from '../app/store.ts';
import { notificationsActions } from '../app/notifications.ts';
import { uiActions } from '../app/ui.ts';
import { Icon } from './Icon.tsx';

const SHOWN = 3;
/** how long a refusal stays once shown (longer while the pointer or the focus is on the toasts) */
const REFUSAL_SHOWN_MS = 12_000;
/** how long changes must have waited for the same reason before the held notice says it */
const HELD_NOTICE_AFTER_MS = 1500;

/** The page's toasts, bottom right: why changes wait to be saved, then the changes that were refused. */
export function Toasts() {
  return (
    <div className="toasts">
      <HeldNotice />
      <Rejections />
    </div>
  );
}

/**
 * Why this browser's changes wait (the server busy, its database out of reach or out of room), said where it is seen,
 * not only in the pending count's tooltip. Not dismissable: it goes by itself once the changes are accepted.
 */
function HeldNotice() {
  const held = useAppSelector((s) => s.plan.held);
  const live = useAppSelector((s) => s.session.status === 'live');
  const count = useAppSelector((s) => s.plan.pending.length);
  const reason = held !== null && live && count > 0 ? held : null;
  // A wait of a moment (a busy second) is over before it could be read: said only once it has lasted.
  const [shown, setShown] = useState<string | null>(null);
  useEffect(() => {
    if (reason === null) return setShown(null);
    const timer = setTimeout(() => setShown(reason), HELD_NOTICE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [reason]);
  if (reason === null || shown !== reason) return null;
  return (
    <div className="toast toast--waiting" role="status" data-testid="held-notice">
      <Icon name="alert" size={18} className="icon toast__icon" />
      <p className="toast__text">{held}</p>
    </div>
  );
}

/** Refused commands as toasts. The board has already rolled back; the touched tables flash so the eye finds them. */
function Rejections() {
  const rejections = useAppSelector((s) => s.notifications.rejections);
  const view = useAppSelector((s) => s.plan.view);
  const myName = useAppSelector((s) => s.session.userName);
  const myId = useAppSelector((s) => s.plan.you?.id ?? null);
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const seen = useRef(new Set(rejections.map((r) => r.commandId)));

  useEffect(() => {
    const fresh = rejections.filter((r) => !seen.current.has(r.commandId));
    for (const r of rejections) seen.current.add(r.commandId);
    if (fresh.length === 0) return;
    const s = store.getState().plan.view;
    const ids = [...new Set(fresh.flatMap((r) => tablesTouched(r.command, s)))];
    if (ids.length) {
      dispatch(uiActions.flash(ids));
      const key = store.getState().ui.flash.key;
      setTimeout(() => dispatch(uiActions.flashOver(key)), 1700);
    }
  }, [rejections, dispatch, store]);

  // A refusal goes by itself after a while: the board rolled the change back, and six refusals in a row stood over
  // the tables the planner was working on. Not while the planner reads them (pointer or focus on the list); after
  // that, each stays a few seconds more.
  const [reading, setReading] = useState(false);
  const due = useRef(new Map<string, number>());
  const wasReading = useRef(false);
  useEffect(() => {
    const now = Date.now();
    for (const r of rejections) if (!due.current.has(r.commandId)) due.current.set(r.commandId, now + REFUSAL_SHOWN_MS);
    for (const id of due.current.keys()) if (!rejections.some((r) => r.commandId === id)) due.current.delete(id);
    if (reading) return void (wasReading.current = true);
    if (wasReading.current) for (const [id, at] of due.current) due.current.set(id, Math.max(at, now + 3_000));
    wasReading.current = false;
    if (rejections.length === 0) return;
    const next = Math.min(...due.current.values());
    const timer = setTimeout(() => {
      const t = Date.now();
      for (const [id, at] of due.current) if (at <= t) dispatch(notificationsActions.dismissRejection(id));
    }, next - now);
    return () => clearTimeout(timer);
  }, [rejections, reading, dispatch]);

  // A refusal's sentence is made once, from the plan as it was when it came: read again at every render, it followed
  // later changes ("Bea just moved Carla to table 3" became "…to table 2" when Bea moved her on), naming what had
  // nothing to do with the refusal while the planner read it.
  const texts = useRef(new Map<string, string>());
  for (const id of texts.current.keys()) if (!rejections.some((r) => r.commandId === id)) texts.current.delete(id);
  const textOf = (r: (typeof rejections)[number]) => {
    let text = texts.current.get(r.commandId);
    if (text === undefined) {
      const me = { id: myId, name: myName };
      const reason =
        staleText(r, view, me) ?? lockedText(r, me) ?? fullText(r, view, me) ?? unaddedText(r, rejections) ?? goneText(r, me) ?? r.error.message;
      text = rejectionText(r.command, inPlannersWords(r, reason), view);
      texts.current.set(r.commandId, text);
    }
    return text;
  };
  for (const r of rejections) textOf(r); // those beyond the first few too: their turn to show may come much later

  if (rejections.length === 0) return null;
  const shown = rejections.slice(0, SHOWN);
  return (
    <section
      className="toasts__list"
      aria-label="Changes that could not be made"
      onMouseEnter={() => setReading(true)}
      onMouseLeave={() => setReading(false)}
      onFocus={() => setReading(true)}
      onBlur={(e) => !e.currentTarget.contains(e.relatedTarget) && setReading(false)}
    >
      {shown.map((r) => (
        <div key={r.commandId} className="toast" role="alert" data-testid="rejection" data-code={r.error.code}>
          <Icon name="alert" size={18} className="icon toast__icon" />
          <p className="toast__text">{textOf(r)}</p>
          <button
            type="button"
            className="icon-button"
            data-testid="dismiss-rejection"
            aria-label="Dismiss"
            title="Dismiss"
            onClick={() => dispatch(notificationsActions.dismissRejection(r.commandId))}
          >
            <Icon name="close" size={14} />
          </button>
        </div>
      ))}
      {rejections.length > SHOWN && (
        <button type="button" className="button button--small toasts__more" onClick={() => dispatch(notificationsActions.dismissAllRejections())}>
          Dismiss all {rejections.length}
        </button>
      )}
    </section>
  );
}

/** One polite live region for drag and drop announcements. */
export function Announcer() {
  const a = useAppSelector((s) => s.ui.announcement);
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">
      <span key={a.key}>{a.text}</span>
    </div>
  );
}
