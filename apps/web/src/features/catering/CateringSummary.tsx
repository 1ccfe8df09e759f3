import { createSelector } from '@reduxjs/toolkit';
import { cateringSummary, combinedNeedsText, mealLabel, otherNeedsText, seatingModel, type MealCounts } from '@seatfold/domain/core';
import { useState } from 'react';
import { exportUrl } from '../../app/imports.ts';
import { selectDisplayed } from '../../app/selectors.ts';
import { useAppSelector } from '../../app/store.ts';
import { Icon } from '../../ui/Icon.tsx';
import { Dialog } from '../setup/Dialog.tsx';
import './catering.css';
import { formatCount } from '../../app/format.ts';

/** The caterer's counts for the plan on display (the past too, when travelling). Computed only while shown. */
const selectCatering = createSelector([selectDisplayed], (s) => cateringSummary(seatingModel(s, s.plan?.name ?? '')));

/** "Catering" on the board's toolbar: opens the meal counts per table and in total. */
export function CateringButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button--small catering-button"
        data-testid="open-catering"
        onClick={() => setOpen(true)}
        title="Meal and dietary counts per table and in total"
      >
        <Icon name="meal" size={14} /> Catering
      </button>
      {open && <CateringDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function CateringDialog({ onClose }: { onClose: () => void }) {
  const c = useAppSelector(selectCatering);
  const token = useAppSelector((s) => s.session.token);
  const seated = c.tables.filter((t) => t.counts.guests > 0);
  // Guests with more than one need count under each: a column says which meals meet several at once.
  const several = c.total.combined.length > 0;
  const cell = (key: string, n: number) => (
    <td key={key} className="num" data-key={key} data-count={n}>
      {n ? formatCount(n) : '–'}
    </td>
  );
  const row = (m: MealCounts) => (
    <>
      {cell('guests', m.guests)}
      {cell('standard', m.standard)}
      {c.used.map((k) => cell(k, m.categories[k]))}
      <td className="catering__other">{otherNeedsText(m)}</td>
      {several && <td className="catering__other">{combinedNeedsText(m)}</td>}
    </>
  );
  return (
    <Dialog
      title="Catering"
      description="Meals per table and in total. A guest with two needs (vegan and gluten-free) counts in both, and once under Several needs: one meal that meets them all."
      onClose={onClose}
      testId="catering-summary"
      wide
    >
      {c.total.guests === 0 ? (
        <p className="muted" data-testid="catering-empty">
          No guests yet: the counts appear as guests are added.
        </p>
      ) : (
        <>
          <ul className="catering__totals" aria-label="Meals in total" data-testid="catering-totals">
            <Total label="Guests" count={c.total.guests} testKey="guests" />
            <Total label="Standard" count={c.total.standard} testKey="standard" />
            {c.used.map((k) => (
              <Total key={k} label={mealLabel(k)} count={c.total.categories[k]} testKey={k} />
            ))}
            {c.total.other.map((o) => (
              <Total key={o.label} label={o.label} count={o.count} testKey="other" />
            ))}
          </ul>
          {/* Focusable and named, so keyboard users can scroll it (a long plan, or a narrow window) with the arrow keys. */}
          <div className="catering__scroll" tabIndex={0} role="region" aria-label="Meals per table">
            <table className="catering__table" data-testid="catering-table">
              <caption className="visually-hidden">Meals per table</caption>
              <thead>
                <tr>
                  <th scope="col">Table</th>
                  <th scope="col">Guests</th>
                  <th scope="col">Standard</th>
                  {c.used.map((k) => (
                    <th scope="col" key={k}>
                      {mealLabel(k)}
                    </th>
                  ))}
                  <th scope="col">Other needs</th>
                  {several && <th scope="col">Several needs</th>}
                </tr>
              </thead>
              <tbody>
                {seated.map((t) => (
                  <tr key={t.id} data-testid="catering-row" data-table-id={t.id}>
                    <th scope="row">
                      {t.name}
                      {t.physical && <span className="muted"> · {t.physical}</span>}
                    </th>
                    {row(t.counts)}
                  </tr>
                ))}
                {c.unseated.guests > 0 && (
                  <tr data-testid="catering-row" data-table-id="">
                    <th scope="row">Not seated yet</th>
                    {row(c.unseated)}
                  </tr>
                )}
              </tbody>
              <tfoot>
                <tr data-testid="catering-total-row">
                  <th scope="row">Total</th>
                  {row(c.total)}
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
      {token && (
        <p className="catering__export">
          <a className="button button--small" href={exportUrl(token, 'xlsx')} download data-testid="catering-export">
            Download .xlsx (with a Catering sheet)
          </a>
        </p>
      )}
    </Dialog>
  );
}

function Total({ label, count, testKey }: { label: string; count: number; testKey: string }) {
  return (
    <li className="catering__total" data-testid="catering-total" data-key={testKey} data-count={count}>
      <span className="catering__count">{formatCount(count)}</span> <span>{label}</span>
    </li>
  );
}
