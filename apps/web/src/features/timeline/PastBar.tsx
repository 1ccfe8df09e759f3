import { useEffect, useState } from 'react';
import { absolute } from '../../app/http.ts';
import { historyActions, planTimeline } from '../../app/history.ts';
import { useAppDispatch, useAppSelector } from '../../app/store.ts';
import { longTime } from '../../app/timeline.ts';
import { copyText } from '../../ui/CopyField.tsx';
import { HIcon } from './icons.tsx';
import { positionOf, stepCount } from './scale.ts';
import { formatCount } from '../../app/format.ts';

/** The "you are in the past" bar: when, how far behind, a link to this moment, and the way back to live. */
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
  // Counted in the scrubber's steps (a command or a batch each), so the bar and the slider say the same number.
  // (Before the history has loaded, in events.)
  const entries = planTimeline()?.entries ?? [];
  const position = positionOf(entries, viewing);
  const step = entries.length === 0 ? viewing : Number.isInteger(position) ? position : Math.floor(position) + 1;
  const steps = entries.length === 0 ? head : stepCount(entries);
  const newer = Math.max(0, steps - step);
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
          — change {formatCount(step)} of {formatCount(steps)}
          {newer > 0 && ` · ${formatCount(newer)} newer ${newer === 1 ? 'change' : 'changes'} not shown`} · read only
        </span>
      </p>
      <button
        type="button"
        className="button button--small past-bar__copy"
        data-testid="copy-at-link"
        data-link={link}
        onClick={() => void copyText(link).then((ok) => setCopied(ok ? 'copied' : 'failed'))}
      >
        <HIcon name="link" size={14} /> {copied === 'copied' ? 'Link copied' : copied === 'failed' ? 'Copy failed' : 'Copy link to this moment'}
      </button>
      <button
        type="button"
        className="button button--small past-bar__live"
        data-testid="back-to-live"
        onClick={() => {
          dispatch(historyActions.view(null));
          // This bar goes with the past: focus goes where the moment on display is chosen (the scrubber, now at
          // "Live"), or to the History button when the timeline is closed, not to the top of the page.
          (
            document.querySelector<HTMLElement>('[data-testid="scrubber"]') ?? document.querySelector<HTMLElement>('[data-testid="history-toggle"]')
          )?.focus();
        }}
      >
        Back to now
      </button>
    </div>
  );
}
