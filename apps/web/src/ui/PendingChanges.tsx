import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { describePending } from '../app/pending.ts';
import { useAppSelector } from '../app/store.ts';
import { formatCount } from '../app/format.ts';
import { useDismiss } from './popover.ts';

/** The first this many waiting changes are listed; the rest are counted. */
const LISTED = 50;

/**
 * The changes of this page not yet stored: their count in the header, and on a press the list of them, first to last,
 * as the timeline would tell them — what a planner working offline has done and the server has not seen yet.
 */
export function PendingChanges() {
  const count = useAppSelector((s) => s.plan.pending.length);
  const status = useAppSelector((s) => s.session.status);
  // The server's word on why they wait (busy, its database out of reach or out of room): kept, sent again later.
  // Shown in full by the held notice among the toasts (Toasts.tsx); here as the count's tooltip.
  const held = useAppSelector((s) => s.plan.held);
  const waiting = status !== 'live' || held !== null;
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const listId = useId();
  const close = useCallback(() => setOpen(false), []);
  useDismiss(ref, open, close);
  // Kept in this browser, they are sent by the next page: but a page reloaded or closed without a network shows the
  // browser's own error and leaves the planner unsure. The browser asks first while changes wait.
  const ask = count > 0 && waiting;
  useEffect(() => {
    if (!ask) return;
    const hold = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', hold);
    return () => window.removeEventListener('beforeunload', hold);
  }, [ask]);
  // All stored: the list goes with the count, and does not open by itself with the next change.
  useEffect(() => {
    if (count === 0) setOpen(false);
  }, [count]);
  if (count === 0) return null;
  const changes = count === 1 ? '1 change' : `${formatCount(count)} changes`;
  return (
    <div className="pending" ref={ref}>
      <span role="status">
        <button
          type="button"
          className={`pending-count${waiting ? ' is-waiting' : ''}`}
          data-testid="pending-count"
          data-count={count}
          title={held ?? undefined}
          aria-expanded={open}
          aria-controls={open ? listId : undefined}
          onClick={() => setOpen((o) => !o)}
        >
          {changes} {waiting ? 'waiting to sync' : 'saving…'}
        </button>
      </span>
      {open && <PendingList id={listId} waiting={waiting} count={count} />}
    </div>
  );
}

function PendingList({ id, waiting, count }: { id: string; waiting: boolean; count: number }) {
  const confirmed = useAppSelector((s) => s.plan.confirmed);
  const pending = useAppSelector((s) => s.plan.pending);
  const lines = useMemo(() => describePending(confirmed, pending, LISTED), [confirmed, pending]);
  return (
    <div className="popover pending__list" id={id} role="region" aria-label="Changes not saved yet" data-testid="pending-list">
      <p className="muted popover__note">
        {waiting
          ? 'Kept in this browser, and sent in this order as soon as the server can take them.'
          : 'Sent to the server, in this order; each goes from the list once it is saved.'}
      </p>
      <ol className="pending__lines">
        {lines.map((l) => (
          <li key={l.commandId} className={l.refused ? 'is-refused' : undefined} data-testid="pending-line">
            {l.text}
          </li>
        ))}
      </ol>
      {count > lines.length && <p className="muted popover__note">and {formatCount(count - lines.length)} more</p>}
    </div>
  );
}
