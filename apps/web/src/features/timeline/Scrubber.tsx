import { useMemo, useRef, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { historyActions } from '../../app/history.ts';
import { useAppDispatch, useAppSelector } from '../../app/store.ts';
import { entryIndexAt, longTime } from '../../app/timeline.ts';
import { actorHue, actorRuns, fractionOf, positionOf, stepAtFraction, stepCount, stepForKey, versionAtStep } from './scale.ts';
import { useTimeline } from './useTimeline.ts';
import { formatCount } from '../../app/format.ts';

/**
 * The scrubber: a slider over the plan's change groups (scale.ts), from before anything to now. Each command or
 * batch is one step, so a big import is as wide as one seat change; arrows step one group, PageUp/PageDown ten,
 * Home/End go to the start and to live. Coloured runs under the line show who worked where.
 */
export function Scrubber() {
  const t = useTimeline();
  const viewing = useAppSelector((s) => s.history.viewing);
  const loaded = useAppSelector((s) => s.history.loaded);
  // The history arrives oldest first: until it is all in, a step back from now would land among the oldest changes
  // (from the newest loaded so far), even on the plan's start. So the scrubber takes no step before that.
  const complete = useAppSelector((s) => !s.history.loading && s.history.loaded >= s.history.head);
  const dispatch = useAppDispatch();
  const trackRef = useRef<HTMLDivElement>(null);
  const frame = useRef(0);
  // Memoised so that "no timeline yet" is one empty list, not a new one each render (runs below depend on it).
  const loadedEntries = t?.entries;
  const entries = useMemo(() => loadedEntries ?? [], [loadedEntries]);
  const n = stepCount(entries);
  const position = positionOf(entries, viewing);
  const fraction = fractionOf(entries, position);
  // `loaded` re-draws the runs as the history grows (the entries array is extended in place).
  const runs = useMemo(() => (loaded >= 0 ? actorRuns(entries) : []), [entries, loaded]);

  const goTo = (v: number | null) => dispatch(historyActions.view(v));
  const goToStep = (step: number) => goTo(step >= n ? null : versionAtStep(entries, step));
  const fromPointer = (clientX: number) => {
    const r = trackRef.current?.getBoundingClientRect();
    if (!r || !n || !complete) return;
    const step = stepAtFraction(entries, (clientX - r.left) / r.width);
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => goToStep(step));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = stepForKey(e.key, position, n);
    if (next === undefined) return;
    e.preventDefault();
    if (n && complete) goToStep(next);
  };

  const index = viewing === null ? n - 1 : entryIndexAt(entries, viewing);
  const entry = index >= 0 ? entries[index] : undefined;
  const step = Number.isInteger(position) ? position : Math.floor(position) + 1;
  const what = entry && t ? `${t.sentence(entry)}, ${longTime(entry.at)}` : '';
  const text =
    viewing === null
      ? `Up to date${n ? `: all ${formatCount(n)} ${n === 1 ? 'change' : 'changes'}` : ''}`
      : viewing === 0 || !entry
        ? 'Before anything'
        : `Change ${formatCount(step)} of ${formatCount(n)}${Number.isInteger(position) ? '' : ` (part way through, #${formatCount(viewing)})`}: ${what}`;
  // Distinct words for distinct things: the track's far end is "Latest", the board at the present reads "Up to date",
  // and the way back to it is "Back to now" (this panel's button and the past bar's alike).
  const label =
    viewing === null
      ? `Up to date${n ? ` · ${formatCount(n)} ${n === 1 ? 'change' : 'changes'}` : ''}`
      : viewing === 0 || !entry
        ? 'Before anything'
        : `Change ${formatCount(step)} of ${formatCount(n)} · ${longTime(entry.at)} · ${t ? t.nameOf(entry) : entry.actor}`;

  return (
    <div className="scrubber">
      <div
        ref={trackRef}
        className="scrubber__track"
        role="slider"
        tabIndex={0}
        data-testid="scrubber"
        aria-busy={!complete}
        data-steps={n}
        data-position={position}
        aria-label="Point in the plan’s history, one step per change"
        aria-valuemin={0}
        aria-valuemax={n}
        aria-valuenow={position}
        aria-valuetext={text}
        aria-keyshortcuts="ArrowLeft ArrowRight Home End PageUp PageDown"
        onKeyDown={onKeyDown}
        onPointerDown={(e: ReactPointerEvent<HTMLDivElement>) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          fromPointer(e.clientX);
        }}
        onPointerMove={(e) => e.currentTarget.hasPointerCapture(e.pointerId) && fromPointer(e.clientX)}
      >
        <span className="scrubber__runs" aria-hidden="true">
          {n > 0 &&
            runs.map((r) => (
              <span
                key={r.from}
                className="scrubber__run"
                data-actor={r.actor}
                title={t ? t.nameOf(entries[r.from - 1]!) : undefined}
                style={{
                  left: `${((r.from - 1) / n) * 100}%`,
                  width: `${((r.to - r.from + 1) / n) * 100}%`,
                  background: `hsl(${actorHue(r.actor)} 55% 55%)`,
                }}
              />
            ))}
        </span>
        <span className="scrubber__fill" style={{ width: `${fraction * 100}%` }} />
        <span className="scrubber__thumb" style={{ left: `${fraction * 100}%` }} data-live={viewing === null || undefined} />
      </div>
      <div className="scrubber__labels muted">
        <span>Start</span>
        <span className="scrubber__now" data-testid="scrubber-text" title={text}>
          {label}
        </span>
        <span>Latest</span>
      </div>
    </div>
  );
}
