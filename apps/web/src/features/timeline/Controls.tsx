import { useEffect, useId, useRef, useState } from 'react';
import { historyActions, planTimeline } from '../../app/history.ts';
import { useAppDispatch, useAppSelector } from '../../app/store.ts';
import { longTime, nextBoundary, prevBoundary } from '../../app/timeline.ts';
import { parseWhen, WHEN_EXAMPLE } from '../../app/when.ts';
import { SteadyButton } from '../../ui/SteadyButton.tsx';
import { HIcon } from './icons.tsx';
import { useTimeline } from './useTimeline.ts';

/** Start, step back, play, step forward, live, and a jump to a date and time (not in a phone's folded sheet). */
export function Controls({ compact = false }: { compact?: boolean }) {
  const t = useTimeline();
  const viewing = useAppSelector((s) => s.history.viewing);
  const loaded = useAppSelector((s) => s.history.loaded);
  const playing = useAppSelector((s) => s.history.playing);
  const dispatch = useAppDispatch();
  const [time, setTime] = useState('');
  /** what a jump outside the plan's history did instead (shown under the field) */
  const [jumped, setJumped] = useState<string | null>(null);
  /** why the typed moment is not one (shown under the field, which is marked invalid) */
  const [wrong, setWrong] = useState<string | null>(null);
  const hintId = useId();
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
    const when = parseWhen(time);
    if ('error' in when) return setWrong(when.error);
    if (!t) return;
    const { at } = when;
    const v = t.history.versionAtTime(at);
    // Outside the history, the jump goes to its nearest end and says so (it looked as if nothing happened).
    const last = t.history.event(t.history.length)?.meta.at;
    if (firstAt !== undefined && at < firstAt) setJumped('The plan did not exist yet then: showing its start.');
    else if (last !== undefined && at >= last) setJumped('Nothing changed after the latest change: showing the plan as it is now.');
    else setJumped(null);
    dispatch(historyActions.view(last !== undefined && at >= last ? null : v));
  };
  const firstAt = t?.history.event(1)?.meta.at;
  const shownAt = value === 0 ? firstAt : t?.history.event(value)?.meta.at;
  return (
    <div className="timeline__controls">
      <div className="timeline__buttons" role="group" aria-label="Step through history">
        <SteadyButton
          className="icon-button"
          aria-label="Go to the start"
          title="Start (Home)"
          off={value === 0}
          onClick={() => dispatch(historyActions.view(0))}
        >
          <HIcon name="start" />
        </SteadyButton>
        <SteadyButton
          className="icon-button"
          data-testid="step-back"
          aria-label="Step back one change"
          title="Step back (←)"
          off={value === 0}
          onClick={() => dispatch(historyActions.view(prevBoundary(entries, value)))}
        >
          <HIcon name="back" />
        </SteadyButton>
        <button
          type="button"
          className="icon-button"
          data-testid="play"
          aria-label={playing ? 'Pause' : 'Play through the changes'}
          title={playing ? 'Pause' : 'Play'}
          aria-pressed={playing}
          disabled={!loaded}
          onClick={() => {
            if (!playing && viewing === null) dispatch(historyActions.view(0));
            dispatch(historyActions.playing(!playing));
          }}
        >
          <HIcon name={playing ? 'pause' : 'play'} />
        </button>
        <SteadyButton
          className="icon-button"
          data-testid="step-forward"
          aria-label="Step forward one change"
          title="Step forward (→)"
          off={viewing === null}
          onClick={() => dispatch(historyActions.view(nextBoundary(entries, value)))}
        >
          <HIcon name="forward" />
        </SteadyButton>
        <SteadyButton
          className="button button--small"
          data-testid="go-live"
          off={viewing === null}
          onClick={() => dispatch(historyActions.view(null))}
        >
          <span className="live-dot" aria-hidden="true" /> Back to now
        </SteadyButton>
      </div>
      {!compact && (
        <form
          className="timeline__jump"
          onSubmit={(e) => {
            e.preventDefault();
            jump();
          }}
        >
          <label className="timeline__jump-label">
            <span>Date and time</span>
            <input
              type="text"
              data-testid="jump-time"
              value={time}
              // the moment on display, in the timeline's own words: the form to type in
              placeholder={shownAt !== undefined ? longTime(shownAt) : '6 Dec 2026, 14:30'}
              aria-describedby={wrong ? `${hintId}-error` : hintId}
              aria-invalid={wrong ? true : undefined}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => {
                setTime(e.target.value);
                setJumped(null);
                setWrong(null);
              }}
            />
          </label>
          <button type="submit" className="button button--small" disabled={!time}>
            Jump
          </button>
          <p className="timeline__jumped muted" role="status" data-testid="jump-said">
            {jumped}
          </p>
          <p className="timeline__jumped is-error" id={`${hintId}-error`} role="alert" data-testid="jump-error">
            {wrong}
          </p>
          <p className="visually-hidden" id={hintId}>
            A date and time, {WHEN_EXAMPLE}, or a time today.
          </p>
        </form>
      )}
    </div>
  );
}
