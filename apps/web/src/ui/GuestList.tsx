import { entity, type Guest } from '@seatfold/domain';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { GuestTextField } from '@seatfold/domain';
import { selectDisplayed, selectMatchedTableCount, selectTotals, selectVerdictFor, selectVisibleGuests } from '../app/selectors.ts';
import { useAppDispatch, useAppSelector } from '../app/store.ts';
import { uiActions, type GuestFilter } from '../app/ui.ts';
import { useCarrying, useDragSource, useDropTarget, useKeyboardDragging } from './dragdrop.tsx';
import { useCombinedRefs } from '@dnd-kit/utilities';
import { Icon } from './Icon.tsx';
import { PartyHandle, PartySplitMark, usePartyKey } from './Parties.tsx';
import { AddGuestButton, useOpenSetup } from '../features/setup/SetupContext.tsx';
import { FindFilters } from '../features/find/FindFilters.tsx';
import { activeFilterCount, findActions } from '../features/find/findSlice.ts';
import { InlineGuestField } from '../features/find/InlineGuestField.tsx';
import { NeedsIcons } from '../features/find/needs.tsx';

const ROW = 54;
/** The keys a guest row takes, read after its name (the row's name is its visible text). */
const GUEST_ROW_HINT = 'guest-row-hint';
const number = new Intl.NumberFormat('en');

export function GuestPanel({ organiser, onLocate }: { organiser: boolean; onLocate: (tableId: string) => void }) {
  const dispatch = useAppDispatch();
  const search = useAppSelector((s) => s.ui.search);
  const filter = useAppSelector((s) => s.ui.filter);
  const visible = useAppSelector(selectVisibleGuests);
  const totals = useAppSelector(selectTotals);
  const { ref: dropRef, over } = useDropTarget(organiser ? { kind: 'unseat' } : null, 'guest');
  const carrying = useCarrying('guest');
  const verdict = useAppSelector((s) => selectVerdictFor(s, 'unseat'));
  const canUnseat = verdict?.state === 'ok' || verdict?.state === 'refused';

  const filters: { id: GuestFilter; label: string; count: number }[] = [
    { id: 'all', label: 'All', count: totals.guests },
    { id: 'unseated', label: 'Unseated', count: totals.unseated },
    { id: 'seated', label: 'Seated', count: totals.seated },
  ];

  return (
    <aside className="guest-panel" aria-label="Guests">
      <div className="guest-panel__top">
        <label className="search">
          <Icon name="search" size={15} />
          <span className="visually-hidden">Search guests and tables</span>
          <input
            type="search"
            id="guest-search"
            data-testid="guest-search"
            placeholder="Search guests, needs, notes, tables…"
            value={search}
            onChange={(e) => dispatch(uiActions.search(e.target.value))}
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <div className="segmented" role="group" aria-label="Show">
          {filters.map((f) => (
            <button
              key={f.id}
              type="button"
              data-testid={`filter-${f.id}`}
              aria-pressed={filter === f.id}
              onClick={() => dispatch(uiActions.filter(f.id))}
            >
              {f.label} <span className="segmented__count">{number.format(f.count)}</span>
            </button>
          ))}
        </div>
        <FindFilters />
        <div className="guest-panel__count" data-testid="guest-count" data-count={visible.length} aria-live="polite">
          {visible.length === totals.guests
            ? `${number.format(visible.length)} guests`
            : `${number.format(visible.length)} of ${number.format(totals.guests)} guests`}
        </div>
        {organiser && <AddGuestButton />}
      </div>
      {organiser && (
        <div
          className="unseat-zone"
          data-testid="unseat-zone"
          data-active={carrying && canUnseat ? true : undefined}
          data-over={over && canUnseat ? true : undefined}
          role="button"
          tabIndex={carrying && canUnseat ? 0 : -1}
          aria-disabled={!(carrying && canUnseat)}
          ref={dropRef}
        >
          <Icon name="undo" size={15} />
          {carrying && canUnseat ? 'Drop here to unseat' : 'Drag a seated guest here to unseat'}
        </div>
      )}
      {organiser && (
        <span id={GUEST_ROW_HINT} hidden>
          Space to pick up, P to pick up the whole party, F2 to rename, E to edit.
        </span>
      )}
      <GuestList guests={visible} search={search} filter={filter} total={totals.guests} organiser={organiser} onLocate={onLocate} />
    </aside>
  );
}

function GuestList({
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
  const filters = useAppSelector((s) => activeFilterCount(s.find) - (s.find.freeSeats ? 1 : 0));
  const tablesFound = useAppSelector(selectMatchedTableCount);
  const dispatch = useAppDispatch();
  const dragging = useKeyboardDragging();
  const virtualizer = useVirtualizer({ count: guests.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW, overscan: 12 });

  let activeIndex = activeId ? guests.findIndex((g) => g.id === activeId) : -1;
  if (activeIndex < 0) activeIndex = 0;

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
    const text =
      total === 0 ? 'No guests yet' : q ? `No guest matches “${q}”` : filter === 'unseated' ? 'Everyone is seated' : 'Nobody is seated yet';
    const tablesHint =
      q && tablesFound ? `${tablesFound === 1 ? 'One table matches' : `${number.format(tablesFound)} tables match`}: see the board. ` : '';
    const hint =
      tablesHint +
      (total === 0
        ? organiser
          ? 'Use “Add guest” above, or import a guest list in “Import & batches”.'
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

interface RowProps {
  guest: Guest;
  tableName: string | null;
  top: number;
  active: boolean;
  organiser: boolean;
  index: number;
  setSize: number;
  onActivate: (id: string) => void;
  onLocate: (tableId: string) => void;
}

const GuestRow = memo(function GuestRow({ guest, tableName, top, active, organiser, index, setSize, onActivate, onLocate }: RowProps) {
  const [editing, setEditing] = useState<Exclude<GuestTextField, 'notes'> | null>(null);
  // While a field is edited in place, a press in it selects text instead of starting a drag.
  const source = useDragSource(organiser && !editing ? { kind: 'guest', guestId: guest.id } : null, guest.name);
  const dragging = useKeyboardDragging();
  const partyKey = usePartyKey(guest);
  const carried = useAppSelector((s) => s.ui.drag?.kind === 'guest' && s.ui.drag.guestId === guest.id);
  const meta = [guest.department, guest.party].filter(Boolean).join(' · ');
  const openSetup = useOpenSetup();
  const rowRef = useRef<HTMLDivElement | null>(null);
  const keepRow = useCallback((el: HTMLDivElement | null) => void (rowRef.current = el), []);
  const ref = useCombinedRefs<HTMLDivElement | null>(source.ref, keepRow);
  const edit = (field: Exclude<GuestTextField, 'notes'>) => (e: { stopPropagation: () => void }) => {
    e.stopPropagation();
    setEditing(field);
  };
  const editor = (field: Exclude<GuestTextField, 'notes'>) =>
    editing === field && (
      <InlineGuestField
        guest={guest}
        field={field}
        onDone={() => {
          setEditing(null);
          requestAnimationFrame(() => rowRef.current?.focus({ preventScroll: true }));
        }}
      />
    );
  return (
    <div
      ref={ref}
      className="guest-row"
      data-testid="guest-row"
      data-guest-id={guest.id}
      data-table-id={guest.tableId ?? ''}
      data-carried={carried || undefined}
      role="option"
      aria-selected={active}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      aria-describedby={organiser ? GUEST_ROW_HINT : undefined}
      tabIndex={active ? 0 : -1}
      style={{ transform: `translateY(${top}px)`, height: ROW }}
      onFocus={() => onActivate(guest.id)}
      onClick={() => guest.tableId && onLocate(guest.tableId)}
      {...source.listeners}
      data-editing={editing ?? undefined}
      aria-keyshortcuts={organiser ? 'E F2' : undefined}
      title={organiser ? 'Double-click to edit; double-click the name (or press F2) to rename in place' : undefined}
      onDoubleClick={organiser ? () => openSetup({ kind: 'guest', guestId: guest.id }) : undefined}
      onKeyDown={(e) => {
        if (dragging()) return; // keys move the drag (see DragDropProvider)
        if (organiser && e.key === 'F2' && e.target === e.currentTarget) {
          e.preventDefault();
          setEditing('name');
          return;
        }
        if (organiser && (e.key === 'e' || e.key === 'E') && e.target === e.currentTarget && !e.ctrlKey && !e.metaKey && !e.altKey) {
          e.preventDefault();
          openSetup({ kind: 'guest', guestId: guest.id });
          return;
        }
        if (organiser && e.target === e.currentTarget && partyKey(e)) return;
        source.listeners?.onKeyDown?.(e);
      }}
    >
      {organiser && (
        <span className="grip" aria-hidden="true">
          <Icon name="grip" size={14} />
        </span>
      )}
      <div className="guest-row__main">
        <div className="guest-row__name">
          {guest.vip && <Icon name="star" size={12} className="icon vip-star" title="VIP" />}
          {editor('name') || (
            <>
              <span className="guest-row__name-text" data-testid="guest-name-text" onDoubleClick={organiser ? edit('name') : undefined}>
                {guest.name}
              </span>
              <NeedsIcons guest={guest} />
              {guest.pinned && (
                <Icon
                  name="lock"
                  size={11}
                  className="icon pin-mark"
                  title="Pinned: automatic seating keeps their seat"
                  data-testid="guest-pinned-mark"
                />
              )}
            </>
          )}
        </div>
        <div className="guest-row__meta">
          {editor('dietary') || (
            <>
              <span className="truncate">{meta || guest.email}</span>
              {guest.dietary && (
                <span
                  className="diet-tag"
                  onDoubleClick={organiser ? edit('dietary') : undefined}
                  title={organiser ? 'Double-click to change the dietary needs' : undefined}
                >
                  {guest.dietary}
                </span>
              )}
            </>
          )}
          <PartySplitMark guest={guest} />
        </div>
      </div>
      {organiser && <PartyHandle guest={guest} />}
      <span className={`table-badge${tableName ? '' : ' is-unseated'}`}>{tableName ? `Table ${tableName}` : 'Unseated'}</span>
    </div>
  );
});
