import {
  BULK_MAX,
  duplicateLabels,
  firstFreeNumber,
  gridRefusal,
  patternOf,
  physicalTablesBulk,
  type Command,
  type Room,
} from '@seatfold/domain/core';
import { useMemo, useState, type FormEvent } from 'react';
import { selectView } from '../../app/selectors.ts';
import { useAppSelector } from '../../app/store.ts';
import { describedBy, Field, FormMessage } from './Dialog.tsx';
import { LabelPreview } from './LabelPreview.tsx';
import { manySeatsQuestion, newEntityId, wholeNumber, type FieldErrors } from './logic.ts';
import { useUnsaved, type OnUnsaved } from './unsaved.ts';
import { useSetupSend } from './useSetupSend.ts';

/** Adds many physical tables to one room as one batch, labelled from a pattern. */
export function AddPhysicalTables({ rooms, onUnsaved }: { rooms: Room[]; onUnsaved: OnUnsaved }) {
  const send = useSetupSend();
  const view = useAppSelector(selectView);
  const existing = useMemo(() => Object.values(view.physicalTables).map((p) => p.label), [view.physicalTables]);
  const [roomId, setRoomId] = useState(rooms[0]!.id);
  const room = rooms.find((r) => r.id === roomId) ?? rooms[0];
  // The labels follow the room's own (its "G-01"… go on as G-{01}) until the planner types a pattern.
  const roomPattern = useMemo(
    () => patternOf(Object.values(view.physicalTables).flatMap((p) => (p.roomId === room!.id ? [p.label] : []))),
    [view.physicalTables, room],
  );
  const [count, setCount] = useState('10');
  const [seats, setSeats] = useState('10');
  const [typedPattern, setPattern] = useState<string | null>(null);
  const pattern = typedPattern ?? roomPattern ?? 'T-{01}';
  // The first number follows the labels that exist (the next free run for this pattern and count) until the planner
  // types one; after an add it follows them again, so a new pattern starts at its own 1, not after the last one.
  const [typedFrom, setFrom] = useState<string | null>(null);
  const wanted = wholeNumber(count);
  const from = typedFrom ?? String(firstFreeNumber(pattern, wanted >= 1 ? wanted : 1, existing));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** the seats asked about once already (manySeatsQuestion): the next Add takes them */
  const [askedSeats, setAskedSeats] = useState<string | null>(null);
  // What the fields held when the dialog opened or after the last add: anything else typed is not added yet.
  const [added, setAdded] = useState({ count, seats, typedPattern, typedFrom });
  const typed = count !== added.count || seats !== added.seats || typedPattern !== added.typedPattern || typedFrom !== added.typedFrom;
  useUnsaved(onUnsaved, 'add-physical', typed ? 'the Add physical tables form' : null, 'Add physical tables');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    setDone(null);
    let commands: Command[];
    // The first number is its own field: its refusal goes there, not under "How many".
    if (!(wholeNumber(from) >= 0)) return setErrors({ from: 'The first number is a whole number, 0 or more: enter one such as 1.' });
    try {
      commands = physicalTablesBulk(
        { count: wholeNumber(count), seats: wholeNumber(seats), labelPattern: pattern, roomId: room!.id, from: wholeNumber(from) },
        () => newEntityId('p'),
      );
    } catch (err) {
      return setErrors({ count: (err as Error).message });
    }
    const question = manySeatsQuestion(wholeNumber(seats), askedSeats === seats, commands.length);
    if (question) {
      setAskedSeats(seats);
      return setMessage(question);
    }
    const labels = commands.map((c) => (c.type === 'addPhysicalTable' ? c.label : ''));
    const dups = duplicateLabels(labels, existing);
    if (dups.length)
      return setMessage(
        `Physical tables labelled ${dups.slice(0, 5).join(', ')}${dups.length > 5 ? '…' : ''} already exist. Start at another number or change the label.`,
      );
    // A room with a size must have free floor for them on its grid, or they would be drawn past its walls.
    const joining = commands.flatMap((c) =>
      c.type === 'addPhysicalTable' ? [{ id: c.physicalTableId, roomId: c.roomId, label: c.label, capacity: c.capacity }] : [],
    );
    const spills = gridRefusal(view, room!.id, joining);
    if (spills) return setMessage(spills.message);
    setBusy(true);
    const refused = await send(commands, `Add ${labels.length} physical tables in ${room!.name} (${labels[0]}–${labels[labels.length - 1]})`);
    setBusy(false);
    setErrors(refused?.fields ?? {});
    setMessage(refused?.message ?? null);
    if (!refused) {
      setDone(
        `Added ${labels.length} physical ${labels.length === 1 ? 'table' : 'tables'} to ${room!.name}: ${labels[0]}${labels.length > 1 ? `–${labels[labels.length - 1]}` : ''}.`,
      );
      setFrom(null);
      setPattern(null); // the room's labels now follow it
      setAdded({ count, seats, typedPattern: null, typedFrom: null });
    }
  };

  return (
    <form
      className="setup-form setup-box"
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid="add-physical-form"
      aria-labelledby="add-physical-title"
      data-unsaved={typed || undefined}
    >
      <h3 id="add-physical-title">Add physical tables</h3>
      <div className="setup-grid">
        <Field id="physical-room" label="Room">
          <select id="physical-room" data-testid="physical-room" value={room!.id} onChange={(e) => setRoomId(e.target.value)}>
            {rooms.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="physical-count" label="How many" error={errors.count}>
          <input
            {...describedBy('physical-count', errors.count)}
            data-testid="physical-count"
            inputMode="numeric"
            value={count}
            onChange={(e) => setCount(e.target.value)}
          />
        </Field>
        <Field id="physical-seats" label="Seats each" error={errors.capacity}>
          <input
            {...describedBy('physical-seats', errors.capacity)}
            data-testid="physical-seats"
            inputMode="numeric"
            value={seats}
            onChange={(e) => {
              setSeats(e.target.value);
              // what was said about the seats typed before is no longer about these
              setErrors(({ capacity: _, ...rest }) => rest);
            }}
          />
        </Field>
        <Field id="physical-pattern" label="Labels" error={errors.label} hint="{01} is the number padded to two digits, {1} unpadded">
          <input
            {...describedBy('physical-pattern', errors.label, 'pattern')}
            data-testid="physical-pattern"
            value={pattern}
            onChange={(e) => setPattern(e.target.value)}
          />
        </Field>
        <Field id="physical-from" label="First number" error={errors.from}>
          <input
            {...describedBy('physical-from', errors.from)}
            data-testid="physical-from"
            inputMode="numeric"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </Field>
      </div>
      {wanted >= 1 && wanted <= BULK_MAX && wholeNumber(from) >= 0 && (
        <LabelPreview
          pattern={pattern}
          count={wanted}
          from={wholeNumber(from)}
          existing={existing}
          noun={['physical table', 'physical tables']}
          where={room!.name}
          onStartAt={() => setFrom(null)} // the first free run is what the field follows when nothing is typed
          testId="physical-preview"
        />
      )}
      <FormMessage error={message} done={done} />
      <button type="submit" className="button button--primary" data-testid="add-physical" disabled={busy}>
        Add physical tables
      </button>
    </form>
  );
}
