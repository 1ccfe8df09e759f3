import { MEAL_CATEGORIES } from '@seatfold/domain/core';
import { useId } from 'react';
import { selectGuestFacets } from '../../app/selectors.ts';
import { useAppDispatch, useAppSelector } from '../../app/store.ts';
import { uiActions } from '../../app/ui.ts';
import { Icon } from '../../ui/Icon.tsx';
import { activeFilterCount, findActions } from './findSlice.ts';
import './find.css';

/** The "Filters" button and its panel: department, party, dietary, VIP, needs, and tables with free seats. */
export function FindFilters() {
  const dispatch = useAppDispatch();
  const f = useAppSelector((s) => s.find);
  const { departments, parties } = useAppSelector(selectGuestFacets);
  const active = activeFilterCount(f);
  const panelId = useId();
  const partyList = useId();
  const text = (key: 'department' | 'party' | 'dietary') => (value: string) => dispatch(findActions.setText({ key, value }));
  const flag = (key: 'vip' | 'accessibility' | 'needs' | 'freeSeats') => (value: boolean) => dispatch(findActions.setFlag({ key, value }));

  return (
    <div className="find-filters">
      <div className="find-filters__bar">
        <button
          type="button"
          className="button button--small"
          aria-expanded={f.open}
          aria-controls={panelId}
          data-testid="find-toggle"
          onClick={() => dispatch(findActions.toggleOpen())}
        >
          <Icon name="filter" size={13} /> Filters{active ? ` (${active})` : ''}
        </button>
        {active > 0 && (
          <button
            type="button"
            className="button button--small"
            data-testid="find-clear"
            onClick={() => {
              dispatch(findActions.cleared());
              dispatch(uiActions.announce('Filters cleared.'));
            }}
          >
            Clear filters
          </button>
        )}
      </div>
      {f.open && (
        <div className="find-filters__panel" id={panelId} role="group" aria-label="Filters" data-testid="find-panel">
          <label>
            <span>Department</span>
            <select value={f.department} onChange={(e) => text('department')(e.target.value)} data-testid="find-department">
              <option value="">Any department</option>
              {departments.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Party</span>
            <input
              type="search"
              list={partyList}
              value={f.party}
              placeholder="Any party"
              onChange={(e) => text('party')(e.target.value)}
              data-testid="find-party"
              autoComplete="off"
            />
            <datalist id={partyList}>
              {parties.map((p) => (
                <option key={p} value={p} />
              ))}
            </datalist>
          </label>
          <label>
            <span>Dietary</span>
            <select value={f.dietary} onChange={(e) => text('dietary')(e.target.value)} data-testid="find-dietary">
              <option value="">Any meal</option>
              <option value="standard">Standard (no dietary need)</option>
              {MEAL_CATEGORIES.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.label}
                </option>
              ))}
              <option value="other">Other needs (free text)</option>
            </select>
          </label>
          <Check label="VIP guests" checked={f.vip} onChange={flag('vip')} testId="find-vip" />
          <Check label="Accessibility needs" checked={f.accessibility} onChange={flag('accessibility')} testId="find-accessibility" />
          <Check label="Any need or note" checked={f.needs} onChange={flag('needs')} testId="find-needs" />
          <Check label="Tables with free seats" checked={f.freeSeats} onChange={flag('freeSeats')} testId="find-free-seats" />
        </div>
      )}
    </div>
  );
}

function Check({ label, checked, onChange, testId }: { label: string; checked: boolean; onChange: (v: boolean) => void; testId: string }) {
  return (
    <label className="find-filters__check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      <span>{label}</span>
    </label>
  );
}
