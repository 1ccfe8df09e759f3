import { useEffect, useState } from 'react';
import { countMeals, mealLabel, MEAL_CATEGORIES, type SeatingModel, type SeatingTable } from '@seatfold/domain/core';
import { ensureSession } from '../app/auth.ts';
import { loadUserName } from '../app/identity.ts';
import { fetchSeating } from '../app/imports.ts';
import { navigate } from './router.ts';
import './print.css';
import { tableTitle } from '../app/table-title.ts';
import { doorOrder } from '../app/door-list.ts';

export type PrintWhat = 'tables' | 'cards';
/** Room by room (the venue's walk, physical tables by label), or by table number for a list looked up by number. */
export type PrintOrder = 'rooms' | 'number';

const byNumber = (a: SeatingTable, b: SeatingTable) => a.name.localeCompare(b.name, undefined, { numeric: true });

/** /p/<token>/print → the token, or null. */
/** Printable table lists (a block per table, room by room) or place cards (folded tent cards, 6 per A4 page). */
export function PrintScreen({ token }: { token: string }) {
  const [what, setWhat] = useState<PrintWhat>(() => (new URLSearchParams(window.location.search).get('what') === 'cards' ? 'cards' : 'tables'));
  const [order, setOrder] = useState<PrintOrder>(() => (new URLSearchParams(window.location.search).get('order') === 'number' ? 'number' : 'rooms'));
  const [model, setModel] = useState<SeatingModel | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // A print link opened where the plan never was (another browser, a bookmark) has no session yet: make one first,
    // as the plan's page does; the link's token then decides what it may see.
    ensureSession(loadUserName())
      .then(() => fetchSeating(token))
      .then(setModel, (err: Error) => setError(err.message));
  }, [token]);
  useEffect(() => {
    if (model) document.title = `${model.planName} — ${what === 'cards' ? 'place cards' : 'table lists'}`;
  }, [model, what]);

  const inRooms: SeatingTable[] = model
    ? [...model.rooms.flatMap((r) => r.physicalTables.flatMap((p) => (p.table ? [p.table] : []))), ...model.unplacedTables]
    : [];
  const tables = order === 'number' ? [...inRooms].sort(byNumber) : inRooms;
  // The choices live in the address too: a reload, or the link passed on, prints the same pages.
  const choose = (w: PrintWhat, o: PrintOrder) => {
    window.history.replaceState(null, '', `/p/${token}/print?what=${w}${o === 'number' ? '&order=number' : ''}`);
    setWhat(w);
    setOrder(o);
  };

  return (
    <div className="print-page" data-testid="print-page" data-what={what}>
      <div className="print-toolbar no-print">
        <a
          className="button button--small"
          href={`/p/${token}`}
          onClick={(e) => {
            e.preventDefault();
            navigate(`/p/${token}`);
          }}
        >
          ← Back to the plan
        </a>
        <div className="segmented" role="group" aria-label="What to print">
          <button type="button" aria-pressed={what === 'tables'} onClick={() => choose('tables', order)}>
            Table lists
          </button>
          <button type="button" aria-pressed={what === 'cards'} onClick={() => choose('cards', order)}>
            Place cards
          </button>
        </div>
        <div className="segmented" role="group" aria-label="Order of the tables">
          <button type="button" aria-pressed={order === 'rooms'} onClick={() => choose(what, 'rooms')} data-testid="print-order-rooms">
            Room by room
          </button>
          <button type="button" aria-pressed={order === 'number'} onClick={() => choose(what, 'number')} data-testid="print-order-number">
            By table number
          </button>
        </div>
        <button type="button" className="button button--primary" onClick={() => window.print()} disabled={!model} data-testid="print-now">
          Print…
        </button>
        <span className="muted">Use “Save as PDF” in the print dialog for a file.</span>
      </div>
      {error && (
        <div className="card error-card" role="alert">
          <h1>The plan could not be printed</h1>
          <p>{error}</p>
        </div>
      )}
      {!model && !error && (
        <p className="print-loading" role="status">
          Preparing the pages…
        </p>
      )}
      {model && what === 'tables' && <TableLists model={model} byNumber={order === 'number' ? tables : null} />}
      {model && what === 'cards' && <PlaceCards tables={tables} planName={model.planName} />}
    </div>
  );
}

/** The lists room by room, or (`byNumber`: the tables in that order) as one run of every table, each saying its room. */
function TableLists({ model, byNumber }: { model: SeatingModel; byNumber: SeatingTable[] | null }) {
  const groups = (
    byNumber
      ? [{ name: 'All tables, by number', tables: byNumber }]
      : [
          ...model.rooms.map((r) => ({ name: r.name, tables: r.physicalTables.flatMap((p) => (p.table ? [p.table] : [])) })),
          ...(model.unplacedTables.length ? [{ name: 'Not placed yet', tables: model.unplacedTables }] : []),
        ]
  ).filter((g) => g.tables.length > 0);
  if (groups.length === 0) return <p className="print-empty">The plan has no tables yet.</p>;
  return (
    <div className="table-lists">
      <h1 className="print-title">{model.planName}: table lists</h1>
      {groups.map((g) => (
        <section key={g.name} className="print-room">
          <h2>{g.name}</h2>
          <div className="print-tables">
            {g.tables.map((t) => (
              <article key={t.id} className="print-table" data-testid="print-table">
                <h3>
                  {tableTitle(t.name)}
                  {t.vip && ' · VIP'}
                  {t.physical && (
                    <span className="print-physical">
                      {' '}
                      on {t.physical}
                      {byNumber && t.room ? ` (${t.room})` : ''}
                    </span>
                  )}
                </h3>
                <p className="print-count">
                  {t.guests.length} of {t.capacity} seats
                </p>
                {t.guests.length > 0 && <p className="print-meals">Meals: {mealsLine(t)}</p>}
                {t.guests.length === 0 ? (
                  <p className="print-none">Nobody seated yet.</p>
                ) : (
                  // alphabetical, for the door: a guest says their name, staff find it and the seat beside it
                  <ul className="print-guests" aria-label={`Guests at ${tableTitle(t.name)}, by name`}>
                    {doorOrder(t.guests).map(({ guest: g, seat }) => (
                      <li key={seat}>
                        {g.name}
                        {g.dietary && <span className="print-diet"> ({g.dietary})</span>}
                        {g.accessibility && <span className="print-diet"> · access: {g.accessibility}</span>}
                        <span className="print-seat" data-testid="print-seat">
                          {' '}
                          · seat {seat}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </article>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}

/** "6 standard, 2 vegan, 1 no pork" for a table's list: what the waiters bring. */
function mealsLine(t: SeatingTable): string {
  const c = countMeals(t.guests);
  const parts = [c.standard ? `${c.standard} standard` : ''];
  for (const { key } of MEAL_CATEGORIES) if (c.categories[key]) parts.push(`${c.categories[key]} ${mealLabel(key).toLowerCase()}`);
  for (const o of c.other) parts.push(`${o.count} ${o.label}`);
  // a guest with several needs is in each count above, and is one plate meeting them all
  const several = c.combined.map((o) => `${o.count} × ${o.label}`).join(', ');
  return parts.filter(Boolean).join(', ') + (several ? ` (one plate each: ${several})` : '');
}

function PlaceCards({ tables, planName }: { tables: SeatingTable[]; planName: string }) {
  const cards = tables.flatMap((t) => t.guests.map((g, i) => ({ key: `${t.id}-${i}`, guest: g, table: t })));
  if (cards.length === 0) return <p className="print-empty">Nobody is seated yet, so there are no place cards.</p>;
  return (
    <section className="place-cards" aria-label={`${cards.length} place cards`}>
      {cards.map(({ key, guest, table }) => (
        <article key={key} className="place-card" data-testid="place-card">
          <div className="place-card__back" aria-hidden="true">
            {planName}
          </div>
          <div className="place-card__front">
            <p className="place-card__name">{guest.name}</p>
            <p className="place-card__table">
              {tableTitle(table.name)}
              {table.physical ? ` · ${table.physical}` : ''}
              {table.room ? ` · ${table.room}` : ''}
            </p>
            {guest.dietary && <p className="place-card__diet">{guest.dietary}</p>}
          </div>
        </article>
      ))}
    </section>
  );
}
