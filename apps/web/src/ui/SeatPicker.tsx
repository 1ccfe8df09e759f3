import { entity, seatLimit } from '@seatfold/domain/core';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { selectCanEdit, selectDisplayed, selectGuestLabels } from '../app/selectors.ts';
import { useAppSelector } from '../app/store.ts';
import { useCarry } from './dragdrop.tsx';
import { Icon } from './Icon.tsx';
import { tableTitle } from '../app/table-title.ts';
import { lastChange, otherActor } from '../app/parties.ts';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, undefined, { numeric: true });

/**
 * The guest a planner tapped in the list (or pressed T on): their table, and (for organisers, in the present) a table
 * picker to seat, move or unseat them — the same commands a drag issues, refused with the same toasts. On a wide
 * screen it floats over the guest list and starts on the table menu, whose type-ahead reaches table 120 in three
 * keys where a keyboard drag steps through every table before it.
 */
export function SeatPicker({ guestId, onClose, floating = false }: { guestId: string; onClose: () => void; floating?: boolean }) {
  const guest = useAppSelector((s) => entity(selectDisplayed(s).guests, guestId));
  const tables = useAppSelector((s) => selectDisplayed(s).tables);
  const physical = useAppSelector((s) => selectDisplayed(s).physicalTables);
  const label = useAppSelector((s) => selectGuestLabels(s).get(guestId));
  const canEdit = useAppSelector(selectCanEdit);
  const { drop } = useCarry();
  const [choice, setChoice] = useState(guest?.tableId ?? '');
  const selectId = useId();
  const ref = useRef<HTMLElement>(null);
  const menuRef = useRef<HTMLSelectElement>(null);
  // Opening the picker moves focus into it (a tap elsewhere in the list opens it for another guest); opened from the
  // keyboard, onto the table menu.
  useEffect(() => {
    const menu = floating ? ref.current?.querySelector<HTMLElement>('select') : null;
    (menu ?? ref.current)?.focus({ preventScroll: true });
  }, [guestId, floating]);
  // Another organiser moving the guest while the picker is open is said, with who; a table the planner has chosen is
  // kept (a move refused as stale says the same and lets them choose again). The planner's own changes, and a refusal
  // taking one back, follow silently: only a confirmed event newer than the last one seen names somebody.
  const me = { id: useAppSelector((s) => s.plan.you?.id ?? null), name: useAppSelector((s) => s.session.userName) };
  const [basis, setBasis] = useState({ guestId, tableId: guest?.tableId ?? '' });
  const seen = useRef(lastChange(`guest:${guestId}`));
  const [meanwhile, setMeanwhile] = useState<string | null>(null);
  const now = guest?.tableId ?? '';
  if (basis.guestId !== guestId || basis.tableId !== now) {
    // adjusted while rendering (React's pattern for state that follows a prop), so no frame shows the old choice
    const change = lastChange(`guest:${guestId}`);
    const by = basis.guestId === guestId && change && change !== seen.current ? otherActor(change, me) : null;
    const kept = basis.guestId === guestId && choice !== basis.tableId && choice !== now && choice !== '';
    seen.current = change;
    setBasis({ guestId, tableId: now });
    if (!kept) setChoice(now);
    const where = now ? `to table “${entity(tables, now)?.name ?? ''}”` : 'off their table';
    const chosen = entity(tables, choice);
    setMeanwhile(
      by && guest
        ? `${by} just moved ${label ?? guest.name} ${where}${kept && chosen ? ` — press ${now ? 'Move' : 'Seat'} if you still want table “${chosen.name}”` : ''}.`
        : null,
    );
  }
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const options = useMemo(() => Object.values(tables).sort(byName), [tables]);
  if (!guest) return null;
  const current = guest.tableId ? entity(tables, guest.tableId) : undefined;
  // The table chosen may be removed by somebody else before Seat is pressed: said, and not sent.
  const chosenGone = choice !== '' && !entity(tables, choice);
  const removal = chosenGone ? lastChange(`table:${choice}`) : undefined;
  const goneBy = removal ? (otherActor(removal, me) ?? 'You (in another window)') : null;
  // Seat and Unseat take themselves away (the guest now sits there; nobody to unseat): focus stays in the picker, on
  // the menu, for the next choice, rather than falling to the page.
  // Like a drag, it carries where the planner saw the guest (told of any change meanwhile): a move by somebody else
  // that has not reached this page yet (offline, or the same instant) refuses it as stale, never overridden silently.
  const issue = (target: Parameters<typeof drop>[0]) => {
    setMeanwhile(null);
    drop(target, { kind: 'guest', guestId, seenTableId: basis.guestId === guestId ? basis.tableId || null : (guest?.tableId ?? null) }, 'menu');
    menuRef.current?.focus();
  };
  return (
    <section
      className={`seat-picker${floating ? ' seat-picker--floating' : ''}`}
      ref={ref}
      tabIndex={-1}
      // named for what it offers now: a guest seated meanwhile (by this picker too) is moved or unseated here
      aria-label={
        !canEdit ? `Table of ${label ?? guest.name}` : guest.tableId ? `Move or unseat ${label ?? guest.name}` : `Seat ${label ?? guest.name}`
      }
      data-testid="seat-picker"
    >
      <div className="seat-picker__head">
        <p>
          <strong>{label ?? guest.name}</strong>{' '}
          <span data-testid="seat-picker-table">
            {current
              ? `${tableTitle(current.name)} (${current.guestIds.length}/${seatLimit(current, current.physicalTableId ? entity(physical, current.physicalTableId)?.capacity : undefined)})`
              : 'Unseated'}
          </span>
        </p>
        <button type="button" className="icon-button" aria-label="Close" title="Close (Escape)" onClick={onClose}>
          <Icon name="close" size={14} />
        </button>
      </div>
      {canEdit && (
        <form
          className="seat-picker__form"
          onSubmit={(e) => {
            e.preventDefault();
            if (choice && !chosenGone) issue({ kind: 'table', tableId: choice });
          }}
        >
          <label htmlFor={selectId}>Table</label>
          <select
            id={selectId}
            ref={menuRef}
            data-testid="seat-picker-select"
            value={chosenGone ? '' : choice}
            onChange={(e) => {
              setChoice(e.target.value);
              setMeanwhile(null);
            }}
            // Enter on the menu seats (a browser does not submit a form from a select): type the table's number, Enter.
            onKeyDown={(e) => {
              if (e.key !== 'Enter' || e.altKey || e.ctrlKey || e.metaKey) return;
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }}
          >
            <option value="">Choose a table…</option>
            {options.map((t) => {
              const limit = seatLimit(t, t.physicalTableId ? entity(physical, t.physicalTableId)?.capacity : undefined);
              const full = t.guestIds.length >= limit && t.id !== guest.tableId;
              return (
                <option key={t.id} value={t.id} disabled={full || (t.locked && t.id !== guest.tableId)}>
                  {t.name} — {t.guestIds.length}/{limit}
                  {t.locked ? ', locked' : full ? ', full' : ''}
                </option>
              );
            })}
          </select>
          <button
            type="submit"
            className="button button--small button--primary"
            data-testid="seat-picker-seat"
            disabled={!choice || chosenGone || choice === guest.tableId}
          >
            {guest.tableId ? 'Move' : 'Seat'}
          </button>
          {guest.tableId && (
            <button type="button" className="button button--small" data-testid="seat-picker-unseat" onClick={() => issue({ kind: 'unseat' })}>
              Unseat
            </button>
          )}
          {chosenGone && (
            <p className="seat-picker__note" role="status" data-testid="seat-picker-gone">
              {goneBy ?? 'Somebody'} removed the table you chose meanwhile: choose another.
            </p>
          )}
          {meanwhile && !chosenGone && (
            <p className="seat-picker__note" role="status" data-testid="seat-picker-meanwhile">
              {meanwhile}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
