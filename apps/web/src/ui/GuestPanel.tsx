import { selectTotals, selectVerdictFor, selectVisibleGuests } from '../app/selectors.ts';
import { useAppDispatch, useAppSelector } from '../app/store.ts';
import { uiActions, type GuestFilter } from '../app/ui.ts';
import { useCarrying, useDropTarget } from './dragdrop.tsx';
import { Icon } from './Icon.tsx';
import { GuestList } from './GuestList.tsx';
import { GUEST_ROW_HINT } from './GuestRow.tsx';
import { AddGuestButton } from '../features/setup/SetupContext.tsx';
import { FindFilters } from '../features/find/FindFilters.tsx';
import { formatCount } from '../app/format.ts';

/** The guest side panel: search, the seated/unseated filter, the find filters, the unseat drop zone and the list. */
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
              {f.label} <span className="segmented__count">{formatCount(f.count)}</span>
            </button>
          ))}
        </div>
        <FindFilters />
        <div className="guest-panel__count" data-testid="guest-count" data-count={visible.length} aria-live="polite">
          {visible.length === totals.guests
            ? `${formatCount(visible.length)} ${totals.guests === 1 ? 'guest' : 'guests'}`
            : `${formatCount(visible.length)} of ${formatCount(totals.guests)} ${totals.guests === 1 ? 'guest' : 'guests'}`}
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
          Space to pick up, P to pick up the whole party, T to choose a table from a list, F2 to rename, E to edit.
        </span>
      )}
      <GuestList guests={visible} search={search} filter={filter} total={totals.guests} organiser={organiser} onLocate={onLocate} />
    </aside>
  );
}
