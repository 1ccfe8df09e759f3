import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { peopleOnline } from '../app/actors.ts';
import { absolute } from '../app/http.ts';
import { updateMe } from '../app/auth.ts';
import { saveUserName } from '../app/identity.ts';
import { selectRole, selectTotals } from '../app/selectors.ts';
import { sessionActions } from '../app/session.ts';
import { useAppDispatch, useAppSelector } from '../app/store.ts';
import { CopyField } from './CopyField.tsx';
import { PendingChanges } from './PendingChanges.tsx';
import { REVIEW_ONLY } from './useReviewerKeys.ts';
import { useDismiss } from './popover.ts';
import { Icon } from './Icon.tsx';
import { navigate } from './router.ts';
import { HistoryControls } from '../features/timeline/index.ts';
import { PlanName } from '../features/plans/PlanName.tsx';
import { MembersButton } from '../features/members/index.ts';
import { formatCount } from '../app/format.ts';

export function statusText(
  status: string,
  error: string | null,
  networkUp = typeof navigator === 'undefined' || navigator.onLine,
  /** the header's count of changes waiting is shown beside the pill: it says they wait, the pill need not */
  countShown = false,
): string {
  switch (status) {
    case 'live':
      return 'Connected';
    case 'connecting':
      return 'Connecting…';
    case 'offline': {
      // The browser's own network up, the server is what is away (restarting, say): not the planner's connection.
      const word = networkUp ? 'Reconnecting' : 'Offline';
      return countShown ? word : `${word} — changes will sync when back`;
    }
    default:
      // The reason is the page's own message (and this pill's title): a pill holds a word, not a sentence cut mid-word.
      return error ? 'Not connected' : 'Connection failed';
  }
}

export function Header() {
  const role = useAppSelector(selectRole);
  // An owner organises and also manages the members: the badge says so once the links (with the membership) are in.
  const owner = useAppSelector((s) => s.session.links?.member === 'owner');
  const totals = useAppSelector(selectTotals);
  const loaded = useAppSelector((s) => s.plan.planId !== null);
  // Not opened (refused, revoked, or the server too new): nobody to show as online, no links to share.
  const failed = useAppSelector((s) => s.session.status === 'failed');
  const reviewId = useId();
  // Who is here is known only while connected: offline, the list would be stale (and the pill and the count of
  // changes waiting need its room).
  const connected = useAppSelector((s) => s.session.status === 'live');

  return (
    <header className="app-header">
      <div className="app-header__plan">
        <a
          className="brand"
          href="/"
          onClick={(e) => {
            e.preventDefault();
            navigate('/');
          }}
          aria-label="Seatfold home"
        >
          <span className="brand__mark" aria-hidden="true" />
        </a>
        <PlanName />
        {role && (
          <span
            className={`role-badge role-badge--${role}`}
            data-testid="role-badge"
            title={role === 'review' ? REVIEW_ONLY : undefined}
            aria-describedby={role === 'review' ? reviewId : undefined}
          >
            {role === 'review' && <Icon name="eye" size={13} />}
            {owner ? 'Owner' : role === 'organise' ? 'Organiser' : 'Review only'}
          </span>
        )}
        {role === 'review' && (
          <span id={reviewId} className="visually-hidden">
            {REVIEW_ONLY}
          </span>
        )}
      </div>
      {loaded && (
        <div className="totals" data-testid="totals" data-seated={totals.seated} data-guests={totals.guests} data-tables={totals.tables}>
          <span className="totals__item">
            <strong>{formatCount(totals.seated)}</strong>
            <span className="muted">/{formatCount(totals.guests)} seated</span>
          </span>
          <span className="totals__item">
            <strong>{formatCount(totals.tables)}</strong>
            <span className="muted"> tables</span>
          </span>
          <span className="totals__item">
            <strong>{formatCount(Math.max(0, totals.seats - totals.seated))}</strong>
            <span className="muted"> free seats</span>
          </span>
        </div>
      )}
      <div className="app-header__right">
        <PendingChanges />
        <ConnectionPill />
        <HistoryControls />
        {connected && <OnlineUsers />}
        {!failed && <ShareButton />}
        <MembersButton />
        <MyName />
      </div>
    </header>
  );
}

function ConnectionPill() {
  const status = useAppSelector((s) => s.session.status);
  const error = useAppSelector((s) => s.session.error);
  // While the board shows a past moment it is not live, whatever the connection: the pill says only that newer
  // changes keep arriving (the past bar says where the board is and leads back).
  const past = useAppSelector((s) => s.history.viewing !== null) && status === 'live';
  // With changes waiting, their count (beside it) says they will sync: the pill keeps to a word, and the header fits.
  const countShown = useAppSelector((s) => s.plan.pending.length > 0);
  const text = past ? 'Connected' : statusText(status, error, undefined, countShown);
  return (
    <span
      // a sentence (not a word) may be cut at its end where the header is short of room (plan-screen.css)
      className={`status-pill status-pill--${past ? 'past' : status}${text.includes(' — ') ? ' status-pill--long' : ''}`}
      data-testid="connection-status"
      data-status={status}
      role="status"
      title={
        status === 'failed'
          ? (error ?? undefined)
          : past
            ? 'New changes keep arriving: Back to now shows them'
            : status === 'offline'
              ? statusText(status, error) // the whole sentence, also where the pill's own text is cut
              : undefined
      }
    >
      <span className="status-pill__text" data-testid="connection-status-text">
        {text}
      </span>
    </span>
  );
}

function OnlineUsers() {
  const online = useAppSelector((s) => s.session.online);
  const clientId = useAppSelector((s) => s.session.clientId);
  const you = useAppSelector((s) => s.plan.you);
  // One entry per person (by actor id): two tabs of one person are one, two people of the same name are two.
  const others = useMemo(() => peopleOnline(online, { you, clientId }), [online, you, clientId]);
  const shown = others.slice(0, 4);
  return (
    <div
      className="online"
      data-testid="online-users"
      data-count={others.length}
      title={others.length ? `Also here: ${others.map((p) => p.label).join(', ')}` : 'Nobody else has this plan open'}
    >
      {others.length === 0 ? (
        <span className="muted online__alone">Only you</span>
      ) : (
        <>
          <ul className="avatars" aria-hidden="true">
            {shown.map((p) => (
              <li
                key={p.key}
                className={`avatar avatar--${p.role}`}
                data-initials={initials(p.name)}
                title={`${p.label}${p.role === 'review' ? ' (review only)' : ''}`}
              />
            ))}
          </ul>
          <span className="online__names" title={others.map((p) => p.label).join(', ')}>
            {/* Each name isolated (bdi): two right-to-left names in a row would otherwise read as one run, the second
                drawn first, and the comma between them out of place. */}
            {others.map((p, i) => (
              <span key={p.key} className="online__name" data-role={p.role}>
                {i > 0 && ', '}
                <bdi>{p.label}</bdi>
              </span>
            ))}
          </span>
        </>
      )}
    </div>
  );
}

/** "Anna Müller" → "AM"; "Bea 🐝" → "B🐝"; "Anna (A)" → "AA": the first letter, digit or emoji of the first and last
 *  word that has one, whole (an emoji or an accented letter is one user-perceived character, never half of a UTF-16
 *  pair); brackets and other marks are passed over. */
export function initials(name: string) {
  const first = (word: string) => {
    for (const { segment } of new Intl.Segmenter().segment(word)) if (/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(segment)) return segment;
    return '';
  };
  const found = name.trim().split(/\s+/).map(first).filter(Boolean);
  return ((found[0] ?? '') + (found.length > 1 ? found[found.length - 1] : '')).toUpperCase() || '?';
}

function ShareButton() {
  const links = useAppSelector((s) => s.session.links);
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(ref, open, close);
  return (
    <div className="share" ref={ref}>
      <button
        type="button"
        className="button button--small"
        data-testid="share-button"
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen((o) => !o)}
      >
        <Icon name="share" size={14} /> Share
      </button>
      {open && (
        <div className="popover" role="dialog" aria-label="Share this plan">
          {!links ? (
            <p className="muted">Fetching the links…</p>
          ) : (
            <>
              {links.organisePath && <CopyField label="Organiser link" hint="can edit" url={absolute(links.organisePath)} testId="organise-link" />}
              <CopyField label="Review link" hint="read only" url={absolute(links.reviewPath)} testId="review-link" />
              <p className="muted popover__note" data-testid="share-note">
                {shareNote(links.openLinks)}
              </p>
            </>
          )}
        </div>
      )}
    </div>
  );
}

/** What the links do: open to anyone (by the owner's choice, and for plans from before members), or members only. */
function shareNote(open: { organise: boolean; review: boolean } | undefined): string {
  if (!open || (open.organise && open.review))
    return 'Anyone with a link can open the plan. Share the organiser link only with people who may change seats.';
  if (!open.organise && !open.review) return 'These links open the plan to its members only; the owner invites people under Members.';
  return open.organise
    ? 'Anyone with the organiser link can organise; the review link opens to members only.'
    : 'Anyone with the review link can review; the organiser link opens to members only.';
}

function MyName() {
  const dispatch = useAppDispatch();
  const name = useAppSelector((s) => s.session.userName);
  const [draft, setDraft] = useState(name);
  useEffect(() => setDraft(name), [name]);
  const [error, setError] = useState<string | null>(null);
  /** the name on its way to the server (Enter, then leaving the field, sends it once) */
  const sending = useRef<string | null>(null);
  const commit = () => {
    const next = draft.trim().slice(0, 80);
    setError(null);
    if (!next) return setDraft(name);
    if (next === name || next === sending.current) return;
    sending.current = next;
    // The server keeps the name (the id stays): others see it from the next join on.
    updateMe({ name: next })
      .then(({ you }) => {
        saveUserName(you.name);
        dispatch(sessionActions.renamed(you.name));
      })
      .catch((err: Error) => {
        setDraft(name);
        setError(err.message);
      })
      .finally(() => (sending.current = null));
  };
  return (
    <label className="my-name" title="Your name, as others see it">
      <Icon name="pencil" size={13} />
      <span className="visually-hidden">Your name</span>
      <input
        data-testid="my-name"
        value={draft}
        maxLength={80}
        size={Math.max(8, Math.min(22, draft.length + 1))}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'my-name-error' : undefined}
        // Enter saves and Escape takes the draft back; focus stays in the field (blurring it dropped focus on the page).
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(name);
            setError(null);
          }
        }}
      />
      {error && (
        <span id="my-name-error" className="form-error my-name__error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
