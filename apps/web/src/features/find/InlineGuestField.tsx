import type { Guest, GuestTextField } from '@seatfold/domain/core';
import { useEffect, useId, useRef, useState } from 'react';
import { selectView } from '../../app/selectors.ts';
import { useAppDispatch, useAppStore } from '../../app/store.ts';
import { uiActions } from '../../app/ui.ts';
import { loadValidation, VALIDATION_UNAVAILABLE } from '../../app/validation.ts';
import { useIssue } from '../../ui/dragdrop.tsx';
import { prepare } from '../setup/logic.ts';
import './find.css';

const LABELS: Record<GuestTextField, string> = {
  name: 'Name',
  email: 'E-mail',
  party: 'Party',
  department: 'Department',
  dietary: 'Dietary needs',
  accessibility: 'Accessibility needs',
  notes: 'Notes',
  ref: 'Guest number',
};

/**
 * One field of a guest edited in place (a late RSVP, a typo): Enter saves an editGuest command, Escape or leaving
 * an unchanged field cancels. What the field's schema or the plan refuses is shown under the input, and nothing is
 * sent. Keys typed here never reach the row (no pick-up on Space, no list movement on arrows).
 */
export function InlineGuestField({ guest, field, onDone }: { guest: Guest; field: Exclude<GuestTextField, 'notes'>; onDone: () => void }) {
  const [value, setValue] = useState(guest[field]);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const store = useAppStore();
  const dispatch = useAppDispatch();
  const issue = useIssue();
  const label = LABELS[field];
  const closed = useRef(false);
  const opened = useRef(guest[field]);
  /** the save under way (see save) */
  const saving = useRef<Promise<boolean> | null>(null);
  const close = () => {
    if (closed.current) return;
    closed.current = true;
    onDone();
  };

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  /** True when the editor may close: saved, nothing changed, or cancelled. */
  const check = async (): Promise<boolean> => {
    const checks = await loadValidation().catch(() => null);
    if (!checks) return (setError(VALIDATION_UNAVAILABLE), false);
    const { checkGuestText } = checks;
    const checked = checkGuestText(field, value);
    if (!checked.ok) {
      setError(checked.message);
      return false;
    }
    if (checked.value === guest[field]) return true;
    // with the value the editor opened on: a change somebody else made since refuses it as stale, not overwritten
    const command = { type: 'editGuest' as const, guestId: guest.id, changes: { [field]: checked.value }, expected: { [field]: opened.current } };
    const ready = await prepare(selectView(store.getState()), [command]);
    if (!ready.ok) {
      setError(ready.message ?? Object.values(ready.fields)[0] ?? `${label} is not valid.`);
      return false;
    }
    if (issue(command) === null) {
      setError('You are offline or the plan is still opening: nothing was changed. Try again in a moment.');
      return false;
    }
    dispatch(uiActions.announce(field === 'name' ? `Renamed ${guest.name} to ${checked.value}.` : `Saved ${label.toLowerCase()} of ${guest.name}.`));
    return true;
  };
  /** check(), once at a time: Enter and then leaving the field, before the checks have loaded, save once. */
  const save = (): Promise<boolean> => {
    saving.current ??= check().finally(() => (saving.current = null));
    return saving.current;
  };

  return (
    <span className="inline-edit" onClick={(e) => e.stopPropagation()} onDoubleClick={(e) => e.stopPropagation()}>
      <input
        ref={input}
        className="inline-edit__input"
        data-testid={`inline-${field}`}
        aria-label={`${label} of ${guest.name}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        aria-keyshortcuts="Enter Escape"
        title="Enter saves, Escape cancels"
        value={value}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => {
          setValue(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') {
            e.preventDefault();
            void save().then((ok) => ok && close());
          } else if (e.key === 'Escape') {
            e.preventDefault();
            close();
          }
        }}
        onBlur={() => {
          if (closed.current) return;
          // Leaving the field keeps a valid change (as a spreadsheet does); an invalid one is dropped, not half-saved.
          void save().then((ok) => ok || dispatch(uiActions.announce(`${label} of ${guest.name} not changed.`)));
          close();
        }}
        // The row is draggable: selecting text with the mouse must not start a drag.
        draggable={false}
        onDragStart={(e) => {
          e.preventDefault();
          e.stopPropagation();
        }}
      />
      {error && (
        <span id={errorId} className="inline-edit__error" role="alert" data-testid="inline-error">
          {error}
        </span>
      )}
    </span>
  );
}
