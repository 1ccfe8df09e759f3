import { fixturesIn, gridRefusal, type Command, type PhysicalTable, type Room } from '@seatfold/domain/core';
import { createContext, useContext, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { shallowEqual } from 'react-redux';
import { selectPlacement, selectView } from '../../app/selectors.ts';
import { useAppSelector, useAppStore } from '../../app/store.ts';
import { ChangedMeanwhile, describedBy, Field, FormMessage } from './Dialog.tsx';
import { useFollowedForm, type FormDraft, type KeptDraft } from './follow.ts';
import { roomNameTaken, wholeNumber, type FieldErrors } from './logic.ts';
import { useUnsaved, type OnUnsaved } from './unsaved.ts';
import { useSetupSend } from './useSetupSend.ts';
import { tableTitle } from '../../app/table-title.ts';

/** One room of the venue: rename or remove it, and edit, move or remove its physical tables row by row. */
export function VenueRoom({ room, physical, rooms, onUnsaved }: { room: Room; physical: PhysicalTable[]; rooms: Room[]; onUnsaved: OnUnsaved }) {
  const send = useSetupSend();
  // The name follows the room while the planner has not typed (another organiser's rename shows, and is never sent back).
  const record = useMemo(() => ({ name: room.name }), [room.name]);
  const { values, setValues, clashes, reset } = useFollowedForm(record, record);
  const name = values.name;
  useUnsaved(onUnsaved, `room:${room.id}`, name !== room.name ? `the name of room ${room.name}` : null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const list = useRef<HTMLTableSectionElement>(null);
  // A physical table removed from the list: said (its row is gone), and focus goes to the row that took its place
  // (the next, else the one before, else the room's name), not back to the top of the dialog.
  const removed = (p: PhysicalTable) => {
    const at = physical.findIndex((x) => x.id === p.id);
    const next = physical[at + 1] ?? physical[at - 1];
    setDone(`Removed physical table ${p.label}. Undo brings it back.`);
    requestAnimationFrame(() => {
      const row = next && list.current?.querySelector<HTMLElement>(`[data-physical-id="${next.id}"] [data-field="label"]`);
      (row ?? document.getElementById(`room-${room.id}`))?.focus();
    });
  };
  const run = async (command: Command) => {
    const taken = command.type === 'renameRoom' ? roomNameTaken(rooms, command.name, room.id) : {};
    if (taken.name) return setErrors(taken);
    const refused = await send([command], '');
    setErrors(refused?.fields ?? {});
    setMessage(refused?.message ?? null);
    if (!refused && command.type === 'renameRoom') reset({ name: command.name });
  };
  // A room with physical tables or fixtures is removed with them, in one batch (one undo), once the planner says so;
  // plan tables standing on its tables go back to the tray of tables not placed.
  const [confirmRemove, setConfirmRemove] = useState(false);
  const placement = useAppSelector(selectPlacement);
  const fixtures = useAppSelector((s) => fixturesIn(selectView(s), room.id).map((f) => f.id), shallowEqual);
  const standing = physical.flatMap((p) => (placement[p.id] ? [placement[p.id]!] : []));
  const removeAll = async () => {
    const commands: Command[] = [
      ...physical.flatMap((p): Command[] => {
        const t = placement[p.id];
        return t ? [{ type: 'unmapTable', tableId: t.id, expectedPhysicalTableId: p.id }] : [];
      }),
      ...physical.map((p): Command => ({ type: 'removePhysicalTable', physicalTableId: p.id })),
      ...fixtures.map((fixtureId): Command => ({ type: 'removeFixture', fixtureId })),
      { type: 'removeRoom', roomId: room.id },
    ];
    setConfirmRemove(false);
    const refused = await send(commands, `Remove room ${room.name}`);
    setMessage(refused?.message ?? null);
  };
  const contents = [
    physical.length ? `${physical.length} physical table${physical.length === 1 ? '' : 's'}` : '',
    fixtures.length ? `${fixtures.length} fixture${fixtures.length === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  const id = `room-${room.id}`;
  return (
    <section className="setup-box" aria-label={`Room ${room.name}`} data-testid="venue-room" data-room-id={room.id}>
      <form
        className="setup-inline"
        data-unsaved={name !== room.name || undefined}
        onSubmit={(e) => (e.preventDefault(), void run({ type: 'renameRoom', roomId: room.id, name }))}
        noValidate
      >
        <Field id={id} label="Room name" error={errors.name}>
          <input
            {...describedBy(id, errors.name)}
            data-testid="venue-room-name"
            value={name}
            onChange={(e) => {
              // A refusal is about what was sent: typing again clears it.
              setValues({ name: e.target.value });
              setErrors({});
              setMessage(null);
            }}
          />
        </Field>
        <button type="submit" className="button button--small" disabled={name === room.name} data-testid="venue-room-rename">
          Rename
        </button>
        <button
          type="button"
          className="button button--small button--danger"
          data-testid="venue-room-remove"
          onClick={() => (contents.length ? setConfirmRemove(true) : void run({ type: 'removeRoom', roomId: room.id }))}
        >
          Remove room
        </button>
      </form>
      {name !== room.name && <ChangedMeanwhile clashes={clashes.map(() => ['Room name', room.name])} />}
      {confirmRemove && (
        <div className="setup-confirm" role="group" aria-label="Confirm removal" data-testid="venue-room-remove-confirm">
          <p>
            Remove {room.name} with its {contents.join(' and ')}?
            {standing.length > 0 &&
              ` ${standing.length === 1 ? `${tableTitle(standing[0]!.name)} stands` : `Tables ${standing.map((t) => `“${t.name}”`).join(', ')} stand`} on them: ${standing.length === 1 ? 'it goes' : 'they go'} back to the tables not placed.`}{' '}
            One undo brings it all back.
          </p>
          <button type="button" className="button button--small button--danger" data-testid="venue-room-remove-yes" onClick={() => void removeAll()}>
            Remove all
          </button>{' '}
          <button type="button" className="button button--small" autoFocus onClick={() => setConfirmRemove(false)}>
            Keep
          </button>
        </div>
      )}
      <FormMessage error={message} done={done} />
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
          <tbody ref={list}>
            {physical.map((p) => (
              <PhysicalRow key={p.id} physical={p} rooms={rooms} onUnsaved={onUnsaved} onRemoved={removed} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const ROW_LABELS = { label: 'Label', seats: 'Seats', roomId: 'Room' } as const;
type RowValues = { label: string; seats: string; roomId: string };

/** A physical-table row's draft kept by the dialog, and the field that had focus when the row went. */
type RowDraft = FormDraft<RowValues> & { focused?: string };

/**
 * Row drafts by physical table id, kept for as long as the venue dialog is open: a table moved to another room (by
 * anybody) moves its row to that room's list, which React mounts afresh; the new row picks up the draft and the focus.
 */
export const RowDraftsContext = createContext<Map<string, RowDraft> | null>(null);

function useKeptRow(id: string, row: RefObject<HTMLTableRowElement | null>): KeptDraft<RowValues> | undefined {
  const drafts = useContext(RowDraftsContext);
  const kept = useMemo(
    () =>
      drafts
        ? {
            load: () => drafts.get(id),
            save: (d: FormDraft<RowValues> | undefined) => (d ? drafts.set(id, { ...d, focused: drafts.get(id)?.focused }) : drafts.delete(id)),
          }
        : undefined,
    [drafts, id],
  );
  useLayoutEffect(() => {
    // Back in the new list: focus returns to the field the planner was in.
    const el = row.current; // the row's element for as long as it is mounted
    const focused = drafts?.get(id)?.focused;
    if (focused) el?.querySelector<HTMLElement>(`[data-field="${focused}"]`)?.focus();
    return () => {
      // Going (before React takes the row out of the page): note where focus was, if there is a draft to come back to.
      const d = drafts?.get(id);
      const at =
        document.activeElement instanceof HTMLElement && el?.contains(document.activeElement) ? document.activeElement.dataset.field : undefined;
      if (d) d.focused = at;
    };
  }, [drafts, id, row]);
  return kept;
}

function PhysicalRow({
  physical,
  rooms,
  onUnsaved,
  onRemoved,
}: {
  physical: PhysicalTable;
  rooms: Room[];
  onUnsaved: OnUnsaved;
  onRemoved: (p: PhysicalTable) => void;
}) {
  const send = useSetupSend();
  const placed = useAppSelector((s) => selectPlacement(s)[physical.id] ?? null);
  // The row follows the table while the planner has not typed in it (see useFollowedForm): another organiser's save
  // shows in the fields left alone, and a field both changed keeps the planner's draft and says so.
  const record = useMemo(
    () => ({ label: physical.label, seats: String(physical.capacity), roomId: physical.roomId }),
    [physical.label, physical.capacity, physical.roomId],
  );
  const rowRef = useRef<HTMLTableRowElement>(null);
  const { values, setValues, clashes, reset } = useFollowedForm<RowValues>(record, record, useKeptRow(physical.id, rowRef));
  const { label, seats, roomId } = values;
  const [message, setMessage] = useState<string | null>(null);
  /** Remove was refused because a plan table stands here: the message offers to take it off. */
  const [standsHere, setStandsHere] = useState(false);
  const removeRef = useRef<HTMLButtonElement>(null);
  const changes = {
    ...(label !== physical.label ? { label } : {}),
    ...(wholeNumber(seats) !== physical.capacity ? { capacity: wholeNumber(seats) } : {}),
    ...(roomId !== physical.roomId ? { roomId } : {}),
  };
  const dirty = Object.keys(changes).length > 0;
  useUnsaved(onUnsaved, `physical:${physical.id}`, dirty ? `physical table ${physical.label}` : null);
  const say = (text: string | null, blocked = false) => {
    setMessage(text);
    setStandsHere(blocked);
  };
  const run = async (command: Command) => {
    const refused = await send([command], '');
    say(refused ? (refused.message ?? Object.values(refused.fields)[0] ?? null) : null);
    return !refused;
  };
  /** A refusal is about what was sent: editing the row again clears it. */
  const edit = (field: keyof typeof values, v: string) => {
    setValues((x) => ({ ...x, [field]: v }));
    say(null);
  };
  const takeOff = async (tableId: string) => {
    // Focus goes on to what the planner came for: Remove, now that nothing stands here.
    if (await run({ type: 'unmapTable', tableId, expectedPhysicalTableId: physical.id })) removeRef.current?.focus();
  };
  const tag = `physical ${physical.label}`;
  const store = useAppStore();
  const save = async () => {
    const sent = values;
    // In another room it joins that room's grid; with more seats the room's grid cells may grow: both need free floor.
    if (changes.roomId !== undefined || changes.capacity !== undefined) {
      const { x: _x, y: _y, rotation: _r, ...unplaced } = physical;
      const moved = changes.roomId !== undefined;
      const joining = { ...(moved ? unplaced : physical), roomId, capacity: changes.capacity ?? physical.capacity };
      const spills = gridRefusal(selectView(store.getState()), roomId, [joining]);
      if (spills) return say(spills.message);
    }
    if (await run({ type: 'editPhysicalTable', physicalTableId: physical.id, changes })) reset(sent);
  };
  // Enter saves the row, as it saves a room's name.
  const saveOnEnter = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (dirty) void save();
  };
  return (
    <>
      <tr ref={rowRef} data-testid="venue-physical" data-physical-id={physical.id} data-unsaved={dirty || undefined}>
        <td>
          <input
            aria-label={`Label of ${tag}`}
            data-testid="venue-physical-label"
            data-field="label"
            value={label}
            onChange={(e) => edit('label', e.target.value)}
            onKeyDown={saveOnEnter}
          />
        </td>
        <td>
          <input
            aria-label={`Seats of ${tag}`}
            data-testid="venue-physical-seats"
            data-field="seats"
            inputMode="numeric"
            size={4}
            value={seats}
            onChange={(e) => edit('seats', e.target.value)}
            onKeyDown={saveOnEnter}
          />
        </td>
        <td>
          <select aria-label={`Room of ${tag}`} data-field="roomId" value={roomId} onChange={(e) => edit('roomId', e.target.value)}>
            {rooms.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </td>
        <td>{placed ? tableTitle(placed.name) : <span className="muted">Empty</span>}</td>
        <td className="setup-table__actions">
          <button type="button" className="button button--small" disabled={!dirty} data-testid="venue-physical-save" onClick={() => void save()}>
            Save<span className="visually-hidden"> {tag}</span>
          </button>
          <button
            ref={removeRef}
            type="button"
            className="button button--small button--danger"
            data-testid="venue-physical-remove"
            onClick={() =>
              placed
                ? say(`${tableTitle(placed.name)} stands on ${physical.label}: take it off first.`, true)
                : void run({ type: 'removePhysicalTable', physicalTableId: physical.id }).then((ok) => ok && onRemoved(physical))
            }
          >
            Remove<span className="visually-hidden"> {tag}</span>
          </button>
        </td>
      </tr>
      {dirty && clashes.length > 0 && (
        <tr className="setup-table__message">
          <td colSpan={5}>
            <ChangedMeanwhile
              clashes={clashes.map((k) => [ROW_LABELS[k], k === 'roomId' ? (rooms.find((r) => r.id === record.roomId)?.name ?? '') : record[k]])}
            />
          </td>
        </tr>
      )}
      {message && (
        // A row of its own under the table's row, across all columns: a refusal wraps there instead of running
        // past the dialog's edge out of the actions cell, which never wraps.
        <tr className="setup-table__message">
          <td colSpan={5}>
            <span className="setup-field__error" role="alert">
              {message}
            </span>
            {standsHere && placed && (
              <button type="button" className="button button--small" data-testid="venue-physical-take-off" onClick={() => void takeOff(placed.id)}>
                Take {tableTitle(placed.name)} off {physical.label}
              </button>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
