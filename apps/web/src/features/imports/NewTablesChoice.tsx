import { useId } from 'react';
import type { NewTables } from '../../app/imports.ts';

/** The planner's choice for tables the file names that do not exist yet; capacity as typed (checked before sending). */
export interface NewTablesDraft {
  create: boolean;
  capacity: string;
}

const MAX_NAMES = 12;

/** "Create 12 missing tables, 10 seats each" — or import those guests unseated. */
export function NewTablesChoice({
  offered,
  draft,
  error,
  onChange,
}: {
  offered: NewTables;
  draft: NewTablesDraft | null;
  error: string | null;
  onChange: (d: NewTablesDraft) => void;
}) {
  const id = useId();
  const current = draft ?? { create: offered.create, capacity: String(offered.capacity) };
  const n = offered.names.length;
  const names = offered.names.slice(0, MAX_NAMES).join(', ') + (n > MAX_NAMES ? ` and ${n - MAX_NAMES} more` : '');
  return (
    <fieldset className="new-tables notice" data-testid="new-tables">
      <legend>
        {n} {n === 1 ? 'table does' : 'tables do'} not exist yet
      </legend>
      <p className="muted" data-testid="new-table-names">
        {names}
      </p>
      <label className="radio">
        <input
          type="checkbox"
          checked={current.create}
          data-testid="create-tables"
          onChange={(e) => onChange({ ...current, create: e.target.checked })}
        />
        Create {n === 1 ? 'it' : `these ${n} tables`} in the same batch as the guests
      </label>
      <label className="field new-tables__seats" htmlFor={id}>
        <span>Seats per new table</span>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={1}
          max={500}
          value={current.capacity}
          disabled={!current.create}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          data-testid="new-table-seats"
          onChange={(e) => onChange({ ...current, capacity: e.target.value })}
        />
      </label>
      {error && (
        <p id={`${id}-error`} className="warn" role="alert">
          {error}
        </p>
      )}
      {!current.create && <p className="muted">Their guests are imported unseated; the preview says which.</p>}
    </fieldset>
  );
}
