import { entity, type Command } from '@seatfold/domain/core';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { selectView } from '../../app/selectors.ts';
import { single } from '../../app/validation.ts';
import { useAppSelector, useAppStore } from '../../app/store.ts';
import { useIssue } from '../../ui/dragdrop.tsx';
import { TableAccessible } from '../autoseat/TableAccessible.tsx';
import { cannotEdit, OFFLINE } from './batch.ts';
import { tableCommands } from './build.ts';
import { ChangedMeanwhile, describedBy, Dialog, Field, FormMessage } from './Dialog.tsx';
import { useFollowedForm } from './follow.ts';
import { prepare, wholeNumber, type FieldErrors } from './logic.ts';
import { tableTitle } from '../../app/table-title.ts';

/** The table form as typed (seats as text until saved). */
interface TableDraft {
  name: string;
  seats: string;
  vip: boolean;
  locked: boolean;
}
const TABLE_LABELS: Record<keyof TableDraft, string> = { name: 'Name', seats: 'Seats', vip: 'VIP', locked: 'Locked' };

/** Edits, locks or removes one plan table (removal asks first). */
export function EditTable({ tableId, onClose }: { tableId: string; onClose: () => void }) {
  const store = useAppStore();
  const issue = useIssue();
  const table = useAppSelector((s) => entity(selectView(s).tables, tableId));
  // The form follows the table while it is open (another organiser's seats, name or lock show, and are never sent back).
  const record = useMemo<TableDraft | null>(
    () => (table ? { name: table.name, seats: String(table.capacity), vip: table.vip, locked: table.locked } : null),
    [table],
  );
  const { values, setValues, base, clashes } = useFollowedForm<TableDraft>(record ?? { name: '', seats: '', vip: false, locked: false }, record);
  const { name, seats, vip, locked } = values;
  const running = useRef(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  // A refusal is about what was sent: changing the form again clears it (as the venue's rows do).
  const set = <K extends keyof TableDraft>(k: K, v: TableDraft[K]) => {
    setValues((x) => ({ ...x, [k]: v }));
    setErrors({});
    setMessage(null);
  };
  const [confirmRemove, setConfirmRemove] = useState(false);
  const formId = useId();

  if (!table) {
    return (
      <Dialog title="Table not found" onClose={onClose} testId="table-dialog">
        <p>This table has just been removed, perhaps by another organiser.</p>
      </Dialog>
    );
  }

  const run = (commands: Command[]) => single(running, () => send(commands));

  const send = async (commands: Command[]) => {
    const blocked = cannotEdit(store.getState());
    if (blocked) return setMessage(blocked);
    const checked = await prepare(selectView(store.getState()), commands);
    if (!checked.ok) {
      setErrors(checked.fields);
      setMessage(checked.message);
      return;
    }
    for (const c of commands) if (issue(c) === null) return setMessage(OFFLINE);
    onClose();
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const b = base.current;
    const commands = tableCommands(table, { name, capacity: wholeNumber(seats), vip, locked }, { ...b, capacity: wholeNumber(b.seats) });
    if (commands.length === 0) return onClose();
    void run(commands);
  };

  const seated = table.guestIds.length;
  return (
    <Dialog
      title={tableTitle(table.name)}
      description={`${seated} of ${table.capacity} seats taken${table.locked ? ' · locked' : ''}.`}
      onClose={onClose}
      testId="table-dialog"
    >
      <form id={formId} className="setup-form" onSubmit={save} noValidate data-testid="table-form">
        <div className="setup-grid">
          <Field id="edit-table-name" label="Name" error={errors.name}>
            <input
              {...describedBy('edit-table-name', errors.name)}
              data-testid="table-name"
              value={name}
              onChange={(e) => set('name', e.target.value)}
              autoFocus
            />
          </Field>
          <Field id="edit-table-seats" label="Seats" error={errors.capacity}>
            <input
              {...describedBy('edit-table-seats', errors.capacity)}
              data-testid="table-seats"
              inputMode="numeric"
              value={seats}
              onChange={(e) => set('seats', e.target.value)}
            />
          </Field>
        </div>
        <div className="setup-grid">
          <label className="setup-field--check">
            <input type="checkbox" data-testid="table-vip" checked={vip} onChange={(e) => set('vip', e.target.checked)} /> VIP table
          </label>
          <label className="setup-field--check">
            <input type="checkbox" data-testid="table-locked" checked={locked} onChange={(e) => set('locked', e.target.checked)} /> Locked (nobody is
            moved on or off it)
          </label>
        </div>
        <ChangedMeanwhile
          clashes={clashes.map((k) => [TABLE_LABELS[k], k === 'vip' || k === 'locked' ? (table[k] ? 'yes' : 'no') : String(record![k])])}
        />
      </form>
      {/* sent on its own (it marks the physical table), yet a field of this dialog: above the actions, as all fields are */}
      {!confirmRemove && <TableAccessible tableId={tableId} />}
      <FormMessage error={message} />
      <div className="setup-actions">
        {!confirmRemove && (
          <button type="button" className="button button--danger" data-testid="table-remove" onClick={() => setConfirmRemove(true)}>
            Remove table…
          </button>
        )}
        <span className="setup-actions__spacer" />
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" form={formId} className="button button--primary" data-testid="table-save">
          Save changes
        </button>
      </div>
      {confirmRemove && (
        <div className="setup-confirm" role="group" aria-label="Confirm removal" data-testid="table-remove-confirm">
          <p>
            {seated
              ? seated === 1
                ? 'The guest seated here becomes unseated.'
                : `The ${seated} guests seated here become unseated.`
              : 'Nobody is seated here.'}{' '}
            You can undo it from the history.
          </p>
          <div className="setup-actions">
            <button type="button" className="button" onClick={() => setConfirmRemove(false)}>
              Keep the table
            </button>
            <button
              type="button"
              className="button button--danger"
              data-testid="table-remove-yes"
              // who sits there as the question shows it: somebody seated or taken off meanwhile refuses it as stale
              onClick={() => void run([{ type: 'removeTable', tableId, expectedGuestIds: [...table.guestIds] }])}
              autoFocus
            >
              Remove table {table.name}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
