import { duplicateLabels, expandLabels, firstFreeNumber, tablesBulk, type Command } from '@seatfold/domain/core';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { selectView } from '../../app/selectors.ts';
import { single } from '../../app/validation.ts';
import { useAppSelector, useAppStore } from '../../app/store.ts';
import { useIssue } from '../../ui/dragdrop.tsx';
import { cannotEdit, OFFLINE, RANGE_OFFLINE, sendSetupBatch } from './batch.ts';
import { useSetupConnection } from './context.ts';
import { describedBy, Dialog, Field, FormMessage } from './Dialog.tsx';
import { LabelPreview } from './LabelPreview.tsx';
import { manySeatsQuestion, newEntityId, prepare, wholeNumber, type FieldErrors } from './logic.ts';
import { tableRange } from './range.ts';

/** Adds one plan table, or a numbered range of them as one batch (all or none). */
export function AddTables({ onClose }: { onClose: () => void }) {
  const store = useAppStore();
  const issue = useIssue();
  const connection = useSetupConnection();
  // A range is one batch (all its tables or none), which the server must take at once: it cannot wait in this browser
  // as one table's change does. Not connected, the range is offered no more, and the form says why.
  const connected = useAppSelector((s) => s.session.status === 'live');
  const offlineNote = useId();
  // Opened connected, it offers the range and keeps it (if the connection goes, the form says why). Opened while not
  // connected (offline, or a moment's re-join after a rename), it offers one table until the connection is there, unless
  // the planner has chosen meanwhile (a radio, or a name typed for one table).
  const [chosen, setChosen] = useState<boolean | null>(connected ? true : null);
  const many = chosen ?? connected;
  const [name, setName] = useState('');
  const tables = useAppSelector((s) => selectView(s).tables);
  const existing = useMemo(() => Object.values(tables).map((t) => t.name), [tables]);
  // The range offered first continues after the tables that exist: a second "Add tables" is not refused as it opens.
  const [first] = useState(() => firstFreeNumber('{1}', 10, existing));
  const [from, setFrom] = useState(String(first));
  const [to, setTo] = useState(String(first + 9));
  const [pattern, setPattern] = useState('{1}');
  const [seats, setSeats] = useState('10');
  const [vip, setVip] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The range is checked as it is typed, but its errors show only from the first submit on (then they follow the
  // typing, so a fixed range loses its error as the preview appears).
  const [tried, setTried] = useState(false);
  const running = useRef(false);
  /** the seats asked about once already (manySeatsQuestion): the next Add takes them */
  const [askedSeats, setAskedSeats] = useState<string | null>(null);

  const range = tableRange(from, to);
  const rangeErrors = many && tried && !range.ok ? range.errors : {};
  // Only a range that will be accepted is previewed: the preview must not announce what the dialog refuses.
  const names = many && range.ok ? expandLabels(pattern, range.count, range.first) : [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void single(running, add);
  };

  const add = async () => {
    setMessage(null);
    setDone(null);
    const blocked = cannotEdit(store.getState());
    if (blocked) return setMessage(blocked);
    const state = selectView(store.getState());
    const capacity = wholeNumber(seats);
    const question = manySeatsQuestion(capacity, askedSeats === seats, many && range.ok ? range.count : 1);
    if (question) {
      setAskedSeats(seats);
      return setMessage(question);
    }
    let commands: Command[];
    if (many && store.getState().session.status !== 'live') return setMessage(RANGE_OFFLINE);
    if (many) {
      setTried(true);
      if (!range.ok) return setErrors({});
      try {
        commands = tablesBulk({ count: range.count, seats: capacity, namePattern: pattern, from: range.first, vip }, () => newEntityId('t'));
      } catch (err) {
        return setErrors({ to: (err as Error).message });
      }
      const dups = duplicateLabels(
        commands.map((c) => (c.type === 'addTable' ? c.name : '')),
        Object.values(state.tables).map((t) => t.name),
      );
      if (dups.length)
        return setMessage(
          `Tables named ${dups.slice(0, 5).join(', ')}${dups.length > 5 ? '…' : ''} already exist. Choose other numbers or another name pattern.`,
        );
    } else {
      commands = [{ type: 'addTable', tableId: newEntityId('t'), name, capacity, ...(vip ? { vip } : {}) }];
    }
    const checked = await prepare(state, commands);
    if (!checked.ok) {
      setErrors(checked.fields);
      return setMessage(checked.message);
    }
    setErrors({});
    if (!many) {
      if (issue(commands[0]!) === null) return setMessage(OFFLINE);
      setDone(`Added table ${name.trim()}. Add another, or close.`);
      setName('');
      return;
    }
    setBusy(true);
    try {
      await sendSetupBatch(connection.current, `Add ${commands.length} tables (${names[0]}–${names[names.length - 1]})`, commands);
      onClose();
    } catch (err) {
      setMessage((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Add tables"
      description="Tables of the plan are where guests sit. Place them on physical tables in the Rooms tab."
      onClose={onClose}
      testId="tables-dialog"
    >
      <form className="setup-form" onSubmit={(e) => void submit(e)} noValidate data-testid="tables-form">
        <fieldset className="setup-choice">
          <legend>How many</legend>
          <label className={connected ? undefined : 'is-disabled'}>
            <input
              type="radio"
              name="how-many"
              data-testid="tables-many"
              checked={many}
              disabled={!connected}
              aria-describedby={connected ? undefined : offlineNote}
              onChange={() => setChosen(true)}
            />{' '}
            A numbered range
          </label>
          <label>
            <input
              type="radio"
              name="how-many"
              data-testid="tables-one"
              checked={!many}
              aria-describedby={connected ? undefined : offlineNote}
              onChange={() => setChosen(false)}
            />{' '}
            One table
          </label>
          {!connected && (
            <p id={offlineNote} className="setup-choice__note" data-testid="tables-range-offline">
              {RANGE_OFFLINE}
            </p>
          )}
        </fieldset>
        {many ? (
          <div className="setup-grid">
            <Field id="tables-from" label="From number" error={rangeErrors.from}>
              <input
                {...describedBy('tables-from', rangeErrors.from)}
                data-testid="tables-from"
                inputMode="numeric"
                value={from}
                onChange={(e) => setFrom(e.target.value)}
                autoFocus
              />
            </Field>
            <Field id="tables-to" label="To number" error={rangeErrors.to ?? errors.to}>
              <input
                {...describedBy('tables-to', rangeErrors.to ?? errors.to)}
                data-testid="tables-to"
                inputMode="numeric"
                value={to}
                onChange={(e) => setTo(e.target.value)}
              />
            </Field>
            <Field id="tables-pattern" label="Names" error={errors.name} hint="{1} is the number, {01} pads it to two digits">
              <input
                {...describedBy('tables-pattern', errors.name, 'pattern')}
                data-testid="tables-pattern"
                value={pattern}
                onChange={(e) => setPattern(e.target.value)}
              />
            </Field>
          </div>
        ) : (
          <Field id="table-name" label="Name" error={errors.name}>
            <input
              {...describedBy('table-name', errors.name)}
              data-testid="table-name"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                setChosen((c) => c ?? false);
              }}
              autoFocus
            />
          </Field>
        )}
        <div className="setup-grid">
          <Field id="tables-seats" label="Seats per table" error={errors.capacity}>
            <input
              {...describedBy('tables-seats', errors.capacity)}
              data-testid="tables-seats"
              inputMode="numeric"
              value={seats}
              onChange={(e) => {
                setSeats(e.target.value);
                // what was said about the seats typed before is no longer about these
                setErrors(({ capacity: _, ...rest }) => rest);
              }}
            />
          </Field>
          <div className="setup-field setup-field--check">
            <label>
              <input type="checkbox" data-testid="tables-vip" checked={vip} onChange={(e) => setVip(e.target.checked)} /> VIP
            </label>
          </div>
        </div>
        {many && range.ok && (
          <LabelPreview
            pattern={pattern}
            count={range.count}
            from={range.first}
            existing={existing}
            noun={['table', 'tables']}
            onStartAt={(n) => {
              setFrom(String(n));
              setTo(String(n + range.count - 1));
            }}
            testId="tables-preview"
          />
        )}
        <FormMessage error={message} done={done} />
        <div className="setup-actions">
          <span className="setup-actions__spacer" />
          <button type="button" className="button" onClick={onClose}>
            {done ? 'Done' : 'Cancel'}
          </button>
          <button type="submit" className="button button--primary" data-testid="tables-submit" disabled={busy}>
            {many ? `Add ${names.length || ''} tables` : 'Add table'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
