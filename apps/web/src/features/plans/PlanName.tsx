import { useEffect, useId, useRef, useState, type CSSProperties } from 'react';
import { selectCanEdit, selectDisplayed } from '../../app/selectors.ts';
import { useAppSelector, useAppStore } from '../../app/store.ts';
import { loadValidation, VALIDATION_UNAVAILABLE } from '../../app/validation.ts';
import { Icon } from '../../ui/Icon.tsx';
import { useIssue } from '../../ui/dragdrop.tsx';
import { trial } from '../setup/logic.ts';
import './plan-name.css';

const OFFLINE = 'The plan is still opening or you are offline: the name was not changed. Try again in a moment.';

/**
 * The plan's name in the header, and for organisers (live, not in the past) a way to rename it inline:
 * the pencil button opens a text field; Enter saves, Escape cancels, leaving the field saves.
 * The name is checked with the domain's own schema and decide before it is sent, and refusals are shown in place.
 */
export function PlanName() {
  // The name on display: as it was at the version the timeline shows (the board is there too), else the live one.
  const name = useAppSelector((s) => selectDisplayed(s).plan?.name || s.plan.view.plan?.name || s.plan.planName || s.session.links?.name || '');
  const liveName = useAppSelector((s) => s.plan.view.plan?.name || s.plan.planName || s.session.links?.name || '');
  // The browser tab says which plan it holds (several plans open in several tabs): the live name.
  useEffect(() => {
    if (!liveName) return;
    document.title = `${liveName} — Seatfold`;
    return () => {
      document.title = 'Seatfold';
    };
  }, [liveName]);
  const canEdit = useAppSelector(selectCanEdit);
  const loaded = useAppSelector((s) => s.plan.view.plan !== null);
  const failed = useAppSelector((s) => s.session.status === 'failed');
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  /** set once the field is closing: a blur while it unmounts must not save what Escape cancelled */
  const closing = useRef(false);
  /** set while a save waits for the schemas (app/validation.ts): Enter and then leaving the field save once */
  const saving = useRef(false);
  const errorId = useId();
  const store = useAppStore();
  const issue = useIssue();

  useEffect(() => {
    if (editing) inputRef.current?.select();
  }, [editing]);
  // Travelling to the past (or losing organiser rights) closes the field without saving.
  useEffect(() => {
    if (!canEdit) setEditing(false);
  }, [canEdit]);

  const open = () => {
    setDraft(name);
    setError(null);
    closing.current = false;
    setEditing(true);
  };
  const close = () => {
    closing.current = true;
    setEditing(false);
    setError(null);
    requestAnimationFrame(() => buttonRef.current?.focus());
  };
  const save = async () => {
    if (closing.current || saving.current) return;
    saving.current = true;
    const checks = await loadValidation()
      .catch(() => null)
      .finally(() => (saving.current = false));
    // Escape while the schemas were loading cancelled the rename.
    if (closing.current) return;
    if (!checks) return setError(VALIDATION_UNAVAILABLE);
    const { commandSchema } = checks;
    const parsed = commandSchema.safeParse({ type: 'renamePlan', name: draft });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'This name cannot be used.');
    const command = parsed.data;
    if (command.type !== 'renamePlan') return;
    if (command.name === name) return close();
    const refusal = trial(store.getState().plan.view, [command]);
    if (refusal) return setError(refusal);
    if (issue(command) === null) return setError(OFFLINE);
    close();
  };

  if (editing) {
    return (
      <form
        className="plan-name-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <label className="visually-hidden" htmlFor={`${errorId}-input`}>
          Plan name
        </label>
        <input
          ref={inputRef}
          id={`${errorId}-input`}
          className="plan-name-form__input"
          data-testid="plan-name-input"
          value={draft}
          maxLength={400}
          size={Math.max(12, Math.min(40, draft.length + 2))}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          aria-keyshortcuts="Enter Escape"
          autoFocus
          onChange={(e) => {
            setDraft(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.preventDefault();
            e.stopPropagation();
            close();
          }}
          onBlur={(e) => {
            // Leaving the field saves, except towards this form's own buttons (they act themselves).
            if (!e.currentTarget.form?.contains(e.relatedTarget)) void save();
          }}
        />
        <button type="submit" className="icon-button" aria-label="Save the plan name" title="Save (Enter)" data-testid="plan-name-save">
          <Icon name="check" size={14} />
        </button>
        <button type="button" className="icon-button" aria-label="Cancel renaming" title="Cancel (Escape)" onClick={close}>
          <Icon name="close" size={14} />
        </button>
        {error && (
          <p id={errorId} className="plan-name-form__error" role="alert" data-testid="plan-name-error">
            {error}
          </p>
        )}
      </form>
    );
  }
  const shown = name || (failed ? 'Plan not opened' : 'Opening plan…');
  return (
    <>
      {/* its least width: the whole name when short, else a readable start of it (plan-screen.css) */}
      <h1 className="plan-name" title={name} data-testid="plan-name" style={{ '--name-chars': shown.length } as CSSProperties}>
        {shown}
      </h1>
      {canEdit && loaded && (
        <button
          ref={buttonRef}
          type="button"
          className="icon-button plan-name__rename"
          data-testid="rename-plan"
          aria-label={`Rename the plan “${name}”`}
          title="Rename the plan"
          onClick={open}
        >
          <Icon name="pencil" size={13} />
        </button>
      )}
    </>
  );
}
