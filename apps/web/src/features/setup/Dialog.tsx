import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useAppSelector } from '../../app/store.ts';
import { cannotEdit } from './batch.ts';
import { Icon } from '../../ui/Icon.tsx';
import { focusLost, focusNearest, placesOf } from '../../ui/focus-nearest.ts';

/**
 * A modal dialog on the native <dialog> element: it opens with focus on its first field, focus stays inside while it
 * is open, Escape closes it, and focus goes back to whatever opened it.
 */
export function Dialog({
  title,
  description,
  onClose,
  children,
  testId,
  wide,
  initialFocus,
}: {
  title: string;
  description?: string;
  onClose: () => void;
  children: ReactNode;
  testId: string;
  wide?: boolean;
  /** where focus starts, when not the first field (a selector inside the dialog) */
  initialFocus?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const startAt = useRef(initialFocus); // read once, when the dialog opens
  // Opened by a planner who could edit, and no longer can (access withdrawn, made a reviewer): said at once, on top.
  const blocked = useAppSelector(cannotEdit);
  const [couldEdit] = useState(() => blocked === null);
  const titleId = useId();
  const descId = useId();
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const openerPlaces = placesOf(opener);
    if (dialog && !dialog.open) {
      dialog.showModal();
      // showModal focuses the first focusable element, the Close button: a form dialog starts at its first field.
      (
        (startAt.current ? dialog.querySelector<HTMLElement>(startAt.current) : null) ??
        dialog.querySelector<HTMLElement>('.setup-dialog__body :is(input, select, textarea):not([disabled], [type="hidden"])')
      )?.focus();
    }
    // A control removed while it had focus (a row's Remove) leaves focus on the page: it goes to the nearest place
    // still in the dialog instead.
    let places: HTMLElement[] = [];
    const onFocusIn = (e: FocusEvent) => void (places = placesOf(e.target as Element, dialog ?? undefined));
    const watch = new MutationObserver(() => {
      if (dialog?.open && focusLost()) focusNearest(places);
    });
    if (dialog) {
      dialog.addEventListener('focusin', onFocusIn);
      watch.observe(dialog, { childList: true, subtree: true });
    }
    return () => {
      watch.disconnect();
      dialog?.removeEventListener('focusin', onFocusIn);
      dialog?.close();
      if (opener?.isConnected) opener.focus();
      // What opened it went with the change (a removed table's card, an empty plan's start card): focus goes to the
      // nearest place still on the page, once the change is drawn.
      requestAnimationFrame(() => focusLost() && focusNearest(openerPlaces));
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`setup-dialog${wide ? ' setup-dialog--wide' : ''}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      // Escape is handled here, not left to the browser: Chromium closes a dialog outright on a second Escape with no
      // click or key in between, past the cancel event, which would skip a question asked before closing.
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.preventDefault();
        onClose();
      }}
    >
      {/* not a <header>: inside a dialog that would be a second banner landmark, the page's own being the header */}
      <div className="setup-dialog__head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" title="Close (Escape)" onClick={onClose} data-testid="dialog-close">
          <Icon name="close" size={16} />
        </button>
      </div>
      {description && (
        <p id={descId} className="muted setup-dialog__desc">
          {description}
        </p>
      )}
      {couldEdit && blocked && (
        <p className="form-error setup-dialog__blocked" role="alert" data-testid="setup-blocked">
          {blocked}
        </p>
      )}
      <div className="setup-dialog__body">{children}</div>
    </dialog>
  );
}

/** A labelled form control with its error under it (announced, and tied to the control for screen readers). */
export function Field({ label, error, hint, children, id }: { label: string; error?: string; hint?: string; id: string; children: ReactNode }) {
  return (
    <div className={`setup-field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !error && (
        <span className="setup-field__hint muted" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="setup-field__error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** The aria props a control inside <Field> needs. */
export const describedBy = (id: string, error?: string, hint?: string) => ({
  id,
  'aria-invalid': error ? true : undefined,
  'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined,
});

/** A form-level message: a refusal (alert) or a done note (status). */
export function FormMessage({ error, done }: { error?: string | null; done?: string | null }) {
  if (error)
    return (
      <p className="form-error" role="alert" data-testid="setup-error">
        {error}
      </p>
    );
  return (
    <p className="setup-done" role="status" data-testid="setup-done">
      {done ?? ''}
    </p>
  );
}

/**
 * Fields somebody else changed while the form was open and the planner had changed too: saving keeps the planner's
 * values, and the form says so (fields only they changed simply show their new value).
 */
export function ChangedMeanwhile({ clashes }: { clashes: [label: string, now: string][] }) {
  if (clashes.length === 0) return null;
  return (
    <p className="setup-clash" role="status" data-testid="changed-meanwhile">
      Changed by somebody else while this form was open: {clashes.map(([label, now]) => `${label} (now “${now}”)`).join(', ')}. Saving puts what you
      entered.
    </p>
  );
}
