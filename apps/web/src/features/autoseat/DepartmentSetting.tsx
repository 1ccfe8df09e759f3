import { decide, departmentSeatingOf, DEPARTMENT_SEATING_TEXT, type DepartmentSeating } from '@seatfold/domain/core';
import { useId, useState } from 'react';
import { selectView } from '../../app/selectors.ts';
import { useAppSelector, useAppStore } from '../../app/store.ts';
import { useIssue } from '../../ui/dragdrop.tsx';

const OPTIONS: DepartmentSeating[] = ['ignore', 'mix', 'group'];

/** The plan's department setting for automatic seating (a plan fact: synced, in the timeline, undoable). */
export function DepartmentSetting() {
  const store = useAppStore();
  const issue = useIssue();
  const value = useAppSelector((s) => departmentSeatingOf(selectView(s)));
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const change = (departments: DepartmentSeating) => {
    const command = { type: 'setDepartmentSeating', departments } as const;
    const decision = decide(store.getState().plan.view, command);
    if (!decision.ok) return setError(decision.error.message);
    setError(issue(command) === null ? 'The plan is not open yet. Wait a moment and try again.' : null);
  };
  return (
    <p className="autoseat__budget">
      <label htmlFor={id}>Departments</label>{' '}
      <select id={id} data-testid="autoseat-departments" value={value} onChange={(e) => change(e.target.value as DepartmentSeating)}>
        {OPTIONS.map((o) => (
          <option key={o} value={o}>
            {DEPARTMENT_SEATING_TEXT[o]}
          </option>
        ))}
      </select>
      {error && (
        <span className="notice notice--error" role="alert">
          {' '}
          {error}
        </span>
      )}
    </p>
  );
}
