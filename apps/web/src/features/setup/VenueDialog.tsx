import { duplicateLabels, physicalTablesBulk, type Command, type PhysicalTable, type Room } from '@seatfold/domain';
import { useState, type FormEvent } from 'react';
import { selectPlacement, selectRoomLayouts, selectView } from '../../app/selectors.ts';
import { useAppSelector, useAppStore } from '../../app/store.ts';
import { useIssue } from '../../ui/dragdrop.tsx';
import { sendSetupBatch } from './batch.ts';
import { useSetupConnection } from './context.ts';
import { describedBy, Dialog, Field, FormMessage } from './Dialog.tsx';
import { newEntityId, prepare, wholeNumber, type FieldErrors } from './logic.ts';

const OFFLINE = 'You are offline or the plan is still opening: nothing was changed. Try again in a moment.';

/** Sends checked commands: one is issued (optimistic), several go as one atomic batch. Returns the refusal or null. */
function useSend() {
  const store = useAppStore();
  const issue = useIssue();
  const connection = useSetupConnection();
  return async (commands: Command[], label: string): Promise<{ fields: FieldErrors; message: string | null } | null> => {
    const checked = prepare(selectView(store.getState()), commands);
    if (!checked.ok) return { fields: checked.fields, message: checked.message };
    if (commands.length === 1) return issue(commands[0]!) === null ? { fields: {}, message: OFFLINE } : null;
    try {
      await sendSetupBatch(connection.current, label, commands);
      return null;
    } catch (err) {
      return { fields: {}, message: (err as Error).message };
    }
  };
}

/** The venue: rooms and their physical tables — add, rename, move, resize, remove; many tables in one batch. */
export function VenueDialog({ onClose }: { onClose: () => void }) {
  const layouts = useAppSelector(selectRoomLayouts);
  const rooms = layouts.map((l) => l.room);
  return (
    <Dialog
      title="Rooms & physical tables"
      description="The venue: its rooms and the physical tables that stand in them. Plan tables are placed on these in the Rooms tab."
      onClose={onClose}
      testId="venue-dialog"
      wide
    >
      <AddRoom />
      {rooms.length > 0 ? <AddPhysical rooms={rooms} /> : <p className="muted">Add a room first; then add its physical tables here.</p>}
      {layouts.map(({ room, physical }) => (
        <RoomSection key={`${room.id}:${room.name}`} room={room} physical={physical} rooms={rooms} />
      ))}
    </Dialog>
  );
}

function AddRoom() {
  const send = useSend();
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const refused = await send([{ type: 'addRoom', roomId: newEntityId('r'), name }], `Add room ${name}`);
    setErrors(refused?.fields ?? {});
    setMessage(refused?.message ?? null);
    if (!refused) {
      setDone(`Added room ${name.trim()}.`);
      setName('');
    }
  };
  return (
    <form className="setup-form setup-inline" onSubmit={(e) => void submit(e)} noValidate data-testid="add-room-form" aria-label="Add a room">
      <Field id="room-name" label="New room" error={errors.name}>
        <input
          {...describedBy('room-name', errors.name)}
          data-testid="room-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. Ballroom"
          autoFocus
        />
      </Field>
      <button type="submit" className="button button--primary" data-testid="add-room">
        Add room
      </button>
      <FormMessage error={message} done={done} />
    </form>
  );
}

function AddPhysical({ rooms }: { rooms: Room[] }) {
  const send = useSend();
  const store = useAppStore();
  const [roomId, setRoomId] = useState(rooms[0]!.id);
  const [count, setCount] = useState('10');
  const [seats, setSeats] = useState('10');
  const [pattern, setPattern] = useState('T-{01}');
  const [from, setFrom] = useState('1');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const room = rooms.find((r) => r.id === roomId) ?? rooms[0];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    setDone(null);
    let commands: Command[];
    try {
      commands = physicalTablesBulk(
        { count: wholeNumber(count), seats: wholeNumber(seats), labelPattern: pattern, roomId: room!.id, from: wholeNumber(from) },
        () => newEntityId('p'),
      );
    } catch (err) {
      return setErrors({ count: (err as Error).message });
    }
    const labels = commands.map((c) => (c.type === 'addPhysicalTable' ? c.label : ''));
    const existing = Object.values(selectView(store.getState()).physicalTables).map((p) => p.label);
    const dups = duplicateLabels(labels, existing);
    if (dups.length)
      return setMessage(
        `Physical tables labelled ${dups.slice(0, 5).join(', ')}${dups.length > 5 ? '…' : ''} already exist. Start at another number or change the label.`,
      );
    setBusy(true);
    const refused = await send(commands, `Add ${labels.length} physical tables in ${room!.name} (${labels[0]}–${labels[labels.length - 1]})`);
    setBusy(false);
    setErrors(refused?.fields ?? {});
    setMessage(refused?.message ?? null);
    if (!refused) {
      setDone(
        `Added ${labels.length} physical ${labels.length === 1 ? 'table' : 'tables'} to ${room!.name}: ${labels[0]}${labels.length > 1 ? `–${labels[labels.length - 1]}` : ''}.`,
      );
      setFrom(String(wholeNumber(from) + labels.length));
    }
  };

  return (
    <form
      className="setup-form setup-box"
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid="add-physical-form"
      aria-labelledby="add-physical-title"
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
            onChange={(e) => setSeats(e.target.value)}
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
        <Field id="physical-from" label="First number">
          <input id="physical-from" data-testid="physical-from" inputMode="numeric" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
      </div>
      <FormMessage error={message} done={done} />
      <button type="submit" className="button button--primary" data-testid="add-physical" disabled={busy}>
        Add physical tables
      </button>
    </form>
  );
}

function RoomSection({ room, physical, rooms }: { room: Room; physical: PhysicalTable[]; rooms: Room[] }) {
  const send = useSend();
  const [name, setName] = useState(room.name);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const run = async (command: Command) => {
    const refused = await send([command], '');
    setErrors(refused?.fields ?? {});
    setMessage(refused?.message ?? null);
  };
  const id = `room-${room.id}`;
  return (
    <section className="setup-box" aria-label={`Room ${room.name}`} data-testid="venue-room" data-room-id={room.id}>
      <form className="setup-inline" onSubmit={(e) => (e.preventDefault(), void run({ type: 'renameRoom', roomId: room.id, name }))} noValidate>
        <Field id={id} label="Room name" error={errors.name}>
          <input {...describedBy(id, errors.name)} data-testid="venue-room-name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <button type="submit" className="button button--small" disabled={name === room.name} data-testid="venue-room-rename">
          Rename
        </button>
        <button
          type="button"
          className="button button--small button--danger"
          data-testid="venue-room-remove"
          onClick={() => void run({ type: 'removeRoom', roomId: room.id })}
        >
          Remove room
        </button>
      </form>
      <FormMessage error={message} />
      {physical.length === 0 ? (
        <p className="muted">No physical tables in this room yet: add them above.</p>
      ) : (
        <table className="setup-table">
          <caption className="visually-hidden">Physical tables in {room.name}</caption>
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Seats</th>
              <th scope="col">Room</th>
              <th scope="col">Holds</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {physical.map((p) => (
              <PhysicalRow key={`${p.id}:${p.label}:${p.capacity}:${p.roomId}`} physical={p} rooms={rooms} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function PhysicalRow({ physical, rooms }: { physical: PhysicalTable; rooms: Room[] }) {
  const send = useSend();
  const placed = useAppSelector((s) => selectPlacement(s)[physical.id] ?? null);
  const [label, setLabel] = useState(physical.label);
  const [seats, setSeats] = useState(String(physical.capacity));
  const [roomId, setRoomId] = useState(physical.roomId);
  const [message, setMessage] = useState<string | null>(null);
  const changes = {
    ...(label !== physical.label ? { label } : {}),
    ...(wholeNumber(seats) !== physical.capacity ? { capacity: wholeNumber(seats) } : {}),
    ...(roomId !== physical.roomId ? { roomId } : {}),
  };
  const dirty = Object.keys(changes).length > 0;
  const run = async (command: Command) => {
    const refused = await send([command], '');
    setMessage(refused ? (refused.message ?? Object.values(refused.fields)[0] ?? null) : null);
  };
  const tag = `physical ${physical.label}`;
  return (
    <tr data-testid="venue-physical" data-physical-id={physical.id}>
      <td>
        <input aria-label={`Label of ${tag}`} data-testid="venue-physical-label" value={label} onChange={(e) => setLabel(e.target.value)} />
      </td>
      <td>
        <input
          aria-label={`Seats of ${tag}`}
          data-testid="venue-physical-seats"
          inputMode="numeric"
          size={4}
          value={seats}
          onChange={(e) => setSeats(e.target.value)}
        />
      </td>
      <td>
        <select aria-label={`Room of ${tag}`} value={roomId} onChange={(e) => setRoomId(e.target.value)}>
          {rooms.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </td>
      <td>{placed ? `Table ${placed.name}` : <span className="muted">Empty</span>}</td>
      <td className="setup-table__actions">
        <button
          type="button"
          className="button button--small"
          disabled={!dirty}
          data-testid="venue-physical-save"
          onClick={() => void run({ type: 'editPhysicalTable', physicalTableId: physical.id, changes })}
        >
          Save<span className="visually-hidden"> {tag}</span>
        </button>
        <button
          type="button"
          className="button button--small button--danger"
          data-testid="venue-physical-remove"
          onClick={() =>
            placed
              ? setMessage(`Table ${placed.name} stands on ${physical.label}: take it off in the Rooms tab first.`)
              : void run({ type: 'removePhysicalTable', physicalTableId: physical.id })
          }
        >
          Remove<span className="visually-hidden"> {tag}</span>
        </button>
        {message && (
          <span className="setup-field__error" role="alert">
            {message}
          </span>
        )}
      </td>
    </tr>
  );
}
