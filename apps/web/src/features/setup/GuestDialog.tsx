import { entity, looksLikeEmail, type Command, type GuestFields } from '@seatfold/domain/core';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { selectView } from '../../app/selectors.ts';
import { single } from '../../app/validation.ts';
import { useAppSelector, useAppStore } from '../../app/store.ts';
import { useIssue } from '../../ui/dragdrop.tsx';
import { GuestSeating } from '../autoseat/GuestSeating.tsx';
import { cannotEdit, OFFLINE, sendSetupBatch } from './batch.ts';
import { useSetupConnection } from './context.ts';
import { ChangedMeanwhile, describedBy, Dialog, Field, FormMessage } from './Dialog.tsx';
import { useFollowedForm } from './follow.ts';
import { EMPTY_GUEST as EMPTY, guestCommand, guestValues } from './build.ts';
import { newEntityId, possibleDuplicate, prepare, type FieldErrors } from './logic.ts';

type TextKey = Exclude<keyof GuestFields, 'vip'>;
const TEXT_FIELDS: { key: TextKey; label: string; hint?: string; type?: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'email', label: 'E-mail', type: 'email' },
  { key: 'party', label: 'Party', hint: 'Household, couple or team that should sit together' },
  { key: 'department', label: 'Department' },
  { key: 'dietary', label: 'Dietary needs', hint: 'e.g. vegetarian, no nuts' },
  { key: 'accessibility', label: 'Accessibility needs', hint: 'e.g. wheelchair, step-free access, hearing loop' },
  { key: 'ref', label: 'Guest number', hint: 'Your own number for this person, such as an employee number: imports match guests by it' },
];
const NOTES_HINT = 'Plus-ones, anything the team should know';
const shown = (v: string | boolean) => (typeof v === 'boolean' ? (v ? 'yes' : 'no') : v || 'empty');
const LABELS: Partial<Record<keyof GuestFields, string>> = {
  ...Object.fromEntries(TEXT_FIELDS.map((f) => [f.key, f.label])),
  vip: 'VIP',
  notes: 'Notes',
};

/** Adds a guest (the form stays open for the next one: Enter adds, focus returns to Name) or edits/removes one. */
export function GuestDialog({ guestId, onClose }: { guestId: string | null; onClose: () => void }) {
  const store = useAppStore();
  const issue = useIssue();
  const connection = useSetupConnection();
  const guest = useAppSelector((s) => (guestId ? entity(selectView(s).guests, guestId) : undefined));
  const tableName = useAppSelector((s) => (guest?.tableId ? entity(selectView(s).tables, guest.tableId)?.name : undefined));
  // The form follows the guest while it is open: what somebody else changes meanwhile shows, and is never sent back.
  const record = useMemo(() => (guest ? guestValues(guest) : null), [guest]);
  const { values, setValues, base, clashes, reset } = useFollowedForm<GuestFields>(record ?? EMPTY, record);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [busy, setBusy] = useState(false);
  // A guest already listed whom this one may be: asked about once, then "Add anyway" adds (name and e-mail as asked).
  const [twin, setTwin] = useState<{ asked: string; sentence: string } | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const running = useRef(false);
  const formId = useId();

  if (guestId && !guest) {
    return (
      <Dialog title="Guest not found" onClose={onClose} testId="guest-dialog">
        <p>This guest has just been removed, perhaps by another organiser.</p>
      </Dialog>
    );
  }

  const set = (key: keyof GuestFields, v: string | boolean) => {
    setValues((x) => ({ ...x, [key]: v }));
    setErrors((e) => ({ ...e, [key]: undefined }));
    if (key === 'name' || key === 'email') setTwin(null);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void single(running, add);
  };

  const add = async () => {
    setMessage(null);
    setDone(null);
    const blocked = cannotEdit(store.getState());
    if (blocked) return setMessage(blocked);
    // An address the planner typed must look like one (the import refuses such rows too); one stored before stays.
    const email = values.email.trim();
    if (email && email !== base.current.email && !looksLikeEmail(email)) {
      setErrors({ email: 'Enter an e-mail address such as anna@example.com, or leave it empty.' });
      nameRef.current?.form?.querySelector<HTMLElement>('#guest-email')?.focus();
      return;
    }
    if (!guest) {
      const view = selectView(store.getState());
      const asked = `${values.name}\n${email}`;
      const found = possibleDuplicate(Object.values(view.guests), values.name, email);
      if (found && twin?.asked !== asked) {
        const same = found.guest;
        const seat = same.tableId ? `seated at table ${entity(view.tables, same.tableId)?.name ?? '?'}` : 'not seated yet';
        const who = same.email ? `${same.name} (${same.email})` : same.name;
        setTwin({
          asked,
          sentence:
            found.by === 'name'
              ? `${who} is on the guest list already, ${seat}. Add another guest of that name anyway?`
              : `${same.email} is the address of ${same.name}, ${seat}; imports would take the two for one guest. Add ${values.name.trim()} with it anyway?`,
        });
        return;
      }
    }
    const command = guestCommand(values, guest ?? null, () => newEntityId('g'), base.current);
    if (!command) return onClose();
    const checked = await prepare(selectView(store.getState()), [command]);
    if (!checked.ok) {
      setErrors(checked.fields);
      setMessage(checked.message);
      // After the errors are drawn: the field is marked invalid only once React has rendered them.
      const form = nameRef.current?.form;
      requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    if (issue(command) === null) return setMessage(OFFLINE);
    if (guest) return onClose();
    setDone(`Added ${values.name.trim()}. Add the next guest, or close.`);
    setTwin(null);
    reset(EMPTY);
    setErrors({});
    nameRef.current?.focus();
  };

  const remove = (unseatFirst: boolean) => single(running, () => removeGuest(unseatFirst));

  const removeGuest = async (unseatFirst: boolean) => {
    if (!guest) return;
    setMessage(null);
    const blocked = cannotEdit(store.getState());
    if (blocked) return setMessage(blocked);
    const commands: Command[] = unseatFirst
      ? [
          { type: 'unseatGuest', guestId: guest.id },
          { type: 'removeGuest', guestId: guest.id },
        ]
      : [{ type: 'removeGuest', guestId: guest.id }];
    const checked = await prepare(selectView(store.getState()), commands);
    if (!checked.ok) return setMessage(checked.message ?? 'This guest cannot be removed now.');
    if (!unseatFirst) return issue(commands[0]!) === null ? setMessage(OFFLINE) : onClose();
    setBusy(true);
    try {
      await sendSetupBatch(connection.current, `Unseat and remove ${guest.name}`, commands);
      onClose();
    } catch (err) {
      setMessage((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={guest ? `Edit ${guest.name}` : 'Add guests'}
      description={
        guest
          ? tableName
            ? `Seated at table ${tableName}.`
            : 'Not seated yet.'
          : 'Only the name is required. Enter adds the guest and clears the form for the next one.'
      }
      onClose={onClose}
      testId="guest-dialog"
    >
      <form id={formId} className="setup-form" onSubmit={submit} noValidate data-testid="guest-form">
        <div className="setup-grid">
          {TEXT_FIELDS.map((f) => (
            <Field key={f.key} id={`guest-${f.key}`} label={f.label} error={errors[f.key]} hint={f.hint}>
              <input
                ref={f.key === 'name' ? nameRef : undefined}
                {...describedBy(`guest-${f.key}`, errors[f.key], f.hint)}
                data-testid={`guest-${f.key}`}
                type={f.type ?? 'text'}
                value={values[f.key]}
                onChange={(e) => set(f.key, e.target.value)}
                autoComplete="off"
                autoFocus={f.key === 'name'}
                required={f.key === 'name'}
              />
            </Field>
          ))}
          <div className="setup-field setup-field--check">
            <label>
              <input type="checkbox" data-testid="guest-vip" checked={values.vip} onChange={(e) => set('vip', e.target.checked)} /> VIP
            </label>
          </div>
        </div>
        <Field id="guest-notes" label="Notes" error={errors.notes} hint={NOTES_HINT}>
          <textarea
            {...describedBy('guest-notes', errors.notes, NOTES_HINT)}
            data-testid="guest-notes"
            rows={2}
            value={values.notes}
            onChange={(e) => set('notes', e.target.value)}
          />
        </Field>
        {guest && <ChangedMeanwhile clashes={clashes.map((k) => [LABELS[k] ?? k, shown(guest[k])])} />}
        {twin && (
          <p className="setup-clash" role="alert" data-testid="guest-twin">
            {twin.sentence}
          </p>
        )}
      </form>
      {/* the seating rules are sent on their own (a form of their own), yet fields of this dialog: above the actions */}
      {guest && !confirmRemove && <GuestSeating guestId={guest.id} />}
      <FormMessage error={message} done={done} />
      <div className="setup-actions">
        {guest && !confirmRemove && (
          <button type="button" className="button button--danger" data-testid="guest-remove" onClick={() => setConfirmRemove(true)}>
            Remove guest…
          </button>
        )}
        <span className="setup-actions__spacer" />
        <button type="button" className="button" onClick={onClose}>
          {guest ? 'Cancel' : 'Done'}
        </button>
        <button type="submit" form={formId} className="button button--primary" data-testid="guest-save">
          {guest ? 'Save changes' : twin ? 'Add anyway' : 'Add guest'}
        </button>
      </div>
      {guest && confirmRemove && (
        <div className="setup-confirm" role="group" aria-label="Confirm removal" data-testid="guest-remove-confirm">
          <p>
            {tableName
              ? `${guest.name} is seated at table ${tableName}. Removing them frees that seat; you can undo it from the history.`
              : `Remove ${guest.name} from the plan? You can undo it from the history.`}
          </p>
          <div className="setup-actions">
            <button type="button" className="button" onClick={() => setConfirmRemove(false)}>
              Keep {guest.name}
            </button>
            <button
              type="button"
              className="button button--danger"
              data-testid="guest-remove-yes"
              disabled={busy}
              onClick={() => void remove(!!tableName)}
              autoFocus
            >
              {tableName ? 'Unseat and remove' : 'Remove'}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
