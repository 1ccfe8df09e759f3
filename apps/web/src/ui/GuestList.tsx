import { entity, type Guest } from '@seatfold/domain/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { selectDisplayed, selectMatchedTableCount } from '../app/selectors.ts';
import { selectInPast } from '../app/history.ts';
import { useAppDispatch, useAppSelector } from '../app/store.ts';
import type { GuestFilter } from '../app/ui.ts';
import { useKeyboardDragging } from './dragdrop.tsx';
import { GuestRow, ROW } from './GuestRow.tsx';
import { activeFilterCount, findActions } from '../features/find/findSlice.ts';
import { formatCount } from '../app/format.ts';

/** The virtualised guest listbox (arrow keys move the active row), or the empty state that explains why it is empty. */
export function GuestList({
  guests,
  search,
  filter,
  total,
  organiser,
  onLocate,
}: {
  guests: Guest[];
  search: string;
  filter: GuestFilter;
  total: number;
  organiser: boolean;
  onLocate: (tableId: string) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const tables = useAppSelector((s) => selectDisplayed(s).tables);
  const [activeId, setActiveId] = useState<string | null>(null);
  const focusAfterRender = useRef(false);
  /** where the active row stood at the last render */
  const activeAt = useRef(0);
  const filters = useAppSelector((s) => activeFilterCount(s.find) - (s.find.freeSeats ? 1 : 0));
  const tablesFound = useAppSelector(selectMatchedTableCount);
  const inPast = useAppSelector(selectInPast);
  const dispatch = useAppDispatch();
  const dragging = useKeyboardDragging();
  const virtualizer = useVirtualizer({
    count: guests.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 12,
    // A plan's server frame (ssr/server-frame.tsx) shows the rows a laptop's list holds; in
    // the browser the list measures itself (an initial rect there made the first layout larger: docs/performance.md).
    ...(typeof window === 'undefined' ? { initialRect: { width: 340, height: 700 }, overscan: 0 } : {}),
  });

  let activeIndex = activeId ? guests.findIndex((g) => g.id === activeId) : -1;
  // The active guest left the list (seated from their own row while the list shows the unseated, say): the guest
  // now in that place takes the tab stop, not the first row.
  const left = activeId !== null && activeIndex < 0 && guests.length > 0;
  if (activeIndex < 0) activeIndex = left ? Math.min(activeAt.current, guests.length - 1) : 0;
  useLayoutEffect(() => {
    activeAt.current = activeIndex;
  });
  useLayoutEffect(() => {
    if (!left) return;
    // …and the focus, when it went with the row (a keyboard drop from it): else the next Tab starts at the top.
    if (document.activeElement === null || document.activeElement === document.body) focusAfterRender.current = true;
    setActiveId(guests[activeIndex]!.id);
  }, [left, guests, activeIndex]);

  // After a key moved the active row, focus it as soon as the virtualiser has rendered it (it may first need a scroll).
  useLayoutEffect(() => {
    if (!focusAfterRender.current) return;
    const id = guests[activeIndex]?.id;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-guest-id="${CSS.escape(id ?? '')}"]`);
    if (el) {
      focusAfterRender.current = false;
      el.focus({ preventScroll: true });
    }
  });

  // Keep the scroll position sensible when the filter changes.
  useEffect(() => {
    virtualizer.scrollToOffset(0);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on a new search or filter only (the virtualiser is a new object each render)
  }, [search, filter]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: -Infinity, End: Infinity };
    if (!(e.key in step) || guests.length === 0 || dragging()) return;
    e.preventDefault();
    const next = Math.max(0, Math.min(guests.length - 1, activeIndex + step[e.key]!));
    setActiveId(guests[next]!.id);
    focusAfterRender.current = true;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  if (guests.length === 0 && total > 0 && filters > 0) {
    return (
      <div className="guest-list-empty" data-testid="guest-list-empty">
        <p className="guest-list-empty__title">
          No guest matches {filters === 1 ? 'this filter' : 'these filters'}
          {search.trim() ? ` and “${search.trim()}”` : ''}
        </p>
        <button type="button" className="button button--small" onClick={() => dispatch(findActions.cleared())}>
          Clear filters
        </button>
      </div>
    );
  }

  if (guests.length === 0) {
    const q = search.trim();
    // The timeline shows a moment before any guest was added (or seated): not a plan still waiting for them.
    const text =
      total === 0
        ? inPast
          ? 'No guests at this moment'
          : 'No guests yet'
        : q
          ? `No guest matches “${q}”`
          : filter === 'unseated'
            ? 'Everyone is seated'
            : inPast
              ? 'Nobody was seated at this moment'
              : 'Nobody is seated yet';
    const tablesHint =
      q && tablesFound ? `${tablesFound === 1 ? 'One table matches' : `${formatCount(tablesFound)} tables match`}: see the board. ` : '';
    const hint =
      tablesHint +
      (inPast && !q && (total === 0 || filter !== 'unseated')
        ? 'Move the timeline on, or go back to now, to see the plan as it is.'
        : total === 0
          ? organiser
            ? 'Use “Add guest” above, or import a guest list in “Export, import & batches”.'
            : 'Guests added to the plan appear here.'
          : q
            ? 'Try part of a name, an e-mail, a party, a department, a need or a note.'
            : filter === 'unseated'
              ? 'Every guest has a seat.'
              : 'Drag guests onto tables to seat them.');
    return (
      <div className="guest-list-empty" data-testid="guest-list-empty">
        <p className="guest-list-empty__title">{text}</p>
        <p className="muted">{hint}</p>
      </div>
    );
  }

  return (
    <div
      ref={scrollRef}
      className="guest-list"
      role="listbox"
      aria-label="Guests"
      aria-roledescription="guest list"
      onKeyDown={onKeyDown}
      data-testid="guest-list"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const g = guests[item.index]!;
          return (
            <GuestRow
              key={g.id}
              guest={g}
              tableName={g.tableId ? (entity(tables, g.tableId)?.name ?? '?') : null}
              top={item.start}
              active={item.index === activeIndex}
              organiser={organiser}
              index={item.index}
              setSize={guests.length}
              onActivate={setActiveId}
              onLocate={onLocate}
            />
          );
        })}
      </div>
    </div>
  );
}
