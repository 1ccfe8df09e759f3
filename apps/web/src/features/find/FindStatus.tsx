import { selectMatchedGuestIds, selectMatchedTableCount } from '../../app/selectors.ts';
import { useAppDispatch, useAppSelector } from '../../app/store.ts';
import { uiActions } from '../../app/ui.ts';
import { findActions } from './findSlice.ts';
import { formatCount } from '../../app/format.ts';

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** Above the board while finding: how many guests and tables match (announced politely), and a way out. */
export function FindStatus() {
  const dispatch = useAppDispatch();
  const matched = useAppSelector((s) => selectMatchedGuestIds(s)?.size ?? null);
  const finding = matched !== null;
  const guests = matched ?? 0;
  const tables = useAppSelector(selectMatchedTableCount);
  const text =
    tables === null
      ? ''
      : finding
        ? `${plural(guests, 'guest', 'guests')} and ${plural(tables, 'table', 'tables')} match — the rest is dimmed.`
        : `${plural(tables, 'table has', 'tables have')} free seats — the rest is dimmed.`;
  // The live region stays mounted so that the first count is announced too; the button sits outside it.
  return (
    <div
      className={`find-status${text ? '' : ' is-idle'}`}
      data-testid="find-status"
      data-guests={finding ? guests : undefined}
      data-tables={tables ?? undefined}
    >
      <span role="status" aria-live="polite" data-testid="find-status-text">
        {text}
      </span>
      {text && (
        <button
          type="button"
          className="button button--small"
          data-testid="find-status-clear"
          onClick={() => {
            dispatch(uiActions.search(''));
            dispatch(uiActions.filter('all'));
            dispatch(findActions.cleared());
          }}
        >
          Show all
        </button>
      )}
    </div>
  );
}
