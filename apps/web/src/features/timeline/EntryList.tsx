import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useId, useRef } from 'react';
import { historyActions, type PlanTimeline } from '../../app/history.ts';
import { selectIsOrganiser } from '../../app/selectors.ts';
import { useAppDispatch, useAppSelector } from '../../app/store.ts';
import { entryIndexAt, longTime, shortTime } from '../../app/timeline.ts';
import { useTimeline } from './useTimeline.ts';

/** Every change group, newest first, virtualised: each row shows the plan after (or before) it, or compares from it. */
const ROW = 74;

export function EntryList() {
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

  // Back to live from the past: the list shows the newest changes again (where live changes arrive). A planner who
  // scrolls the list while live is left where they scrolled.
  const wasPast = useRef(false);
  useEffect(() => {
    const past = selected >= 0;
    if (wasPast.current && !past && n > 0) virtualizer.scrollToOffset(0);
    wasPast.current = past;
  }, [selected, n, virtualizer]);

  useEffect(() => {
    if (selected < 0) return;
    const row = n - 1 - selected;
    // A row already in view needs no scroll. Asked anyway, the virtualiser reads the list's scroll size (laying the
    // page out) and re-renders at once, on every step of a scrubber drag.
    const at = virtualizer.measurementsCache[row];
    const top = virtualizer.scrollOffset;
    const height = virtualizer.scrollRect?.height;
    if (at && top !== null && height !== undefined && at.start >= top && at.end <= top + height) return;
    // At the next frame's start, when the page is laid out and a drag's next step has not changed it yet: the
    // virtualiser reads the list's size then without laying the page out again.
    const frame = requestAnimationFrame(() => virtualizer.scrollToIndex(row, { align: 'auto' }));
    return () => cancelAnimationFrame(frame);
  }, [selected, n, virtualizer]);

  if (n === 0) {
    return (
      <div className="timeline__empty" data-testid="timeline-empty">
        {loading || loaded === 0 ? (
          <p>Loading the plan’s history…</p>
        ) : (
          <p>No changes yet. Every change to the plan will be listed here, with who made it and when.</p>
        )}
      </div>
    );
  }
  return (
    <div className="timeline__list-wrap">
      <button
        type="button"
        className="tl-live"
        aria-current={viewing === null || undefined}
        onClick={() => dispatch(historyActions.view(null))}
        data-testid="timeline-live"
      >
        <span className="live-dot" aria-hidden="true" /> The plan as it is now
        {!organiser && <span className="muted"> · changes appear as they happen</span>}
      </button>
      <div ref={scrollRef} className="timeline__list" data-testid="timeline-list" aria-label="Changes, newest first" role="list">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const i = n - 1 - item.index;
            const entry = entries[i]!;
            return (
              <EntryRow
                key={entry.firstVersion}
                timeline={t!}
                index={i}
                position={item.index + 1}
                count={n}
                top={item.start}
                selected={i === selected}
                onDisplay={(viewing ?? loaded) === entry.lastVersion}
                lastVersion={entry.lastVersion}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

const EntryRow = memo(function EntryRow({
  timeline,
  index,
  position,
  count,
  top,
  selected,
  onDisplay,
  lastVersion,
}: {
  timeline: PlanTimeline;
  index: number;
  /** 1-based, newest first, of `count` (the list is virtual: a screen reader hears where it is from these) */
  position: number;
  count: number;
  top: number;
  selected: boolean;
  /** the plan on display is the one right after this change */
  onDisplay: boolean;
  lastVersion: number;
}) {
  const sentenceId = useId();
  const dispatch = useAppDispatch();
  useAppSelector((s) => s.history.labels);
  const entry = timeline.entries[index]!;
  const sentence = timeline.sentence(entry);
  const who = timeline.nameOf(entry);
  const rest = sentence.startsWith(who) ? sentence.slice(who.length) : ` ${sentence}`;
  const range = entry.firstVersion === lastVersion ? `#${entry.firstVersion}` : `#${entry.firstVersion}–${lastVersion}`;
  return (
    <div
      className="tl-row"
      role="listitem"
      aria-setsize={count}
      aria-posinset={position}
      style={{ transform: `translateY(${top}px)` }}
      data-testid="timeline-entry"
      data-first={entry.firstVersion}
      data-last={lastVersion}
      data-selected={selected || undefined}
    >
      <button
        type="button"
        className="tl-row__main"
        aria-current={selected || undefined}
        title={`Show the plan right after this change (${longTime(entry.at)})`}
        onClick={() => dispatch(historyActions.view(lastVersion))}
      >
        <span className="tl-row__sentence" id={sentenceId}>
          <strong>{who}</strong>
          {rest}
        </span>
        <span className="tl-row__meta">
          <time dateTime={new Date(entry.at).toISOString()}>{shortTime(entry.at)}</time>
          {/* the change's number, for the eye (links and support); read aloud in every row it said nothing */}
          <span aria-hidden="true"> · {range}</span>
        </span>
      </button>
      <span className="tl-row__actions">
        <button
          type="button"
          className="linkish"
          data-testid="view-before"
          aria-describedby={sentenceId}
          title="Show the plan just before this change"
          onClick={() => dispatch(historyActions.view(entry.firstVersion - 1))}
        >
          Before
        </button>
        <button
          type="button"
          className="linkish"
          data-testid="compare-from"
          aria-describedby={sentenceId}
          // On display already, the plan after this change compared with itself would show nothing: compare the moment
          // before it instead, which shows what the change did.
          title={
            onDisplay
              ? 'Compare the plan just before this change with the moment on display'
              : 'Compare the plan after this change with the moment on display'
          }
          onClick={() => dispatch(historyActions.compareFrom(onDisplay ? entry.firstVersion - 1 : lastVersion))}
        >
          Compare
        </button>
      </span>
    </div>
  );
});
