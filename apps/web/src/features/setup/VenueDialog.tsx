import type { Room } from '@seatfold/domain/core';
import { useCallback, useId, useRef, useState, type FormEvent } from 'react';
import { checkRoomSides, type RoomSides } from '../../app/room-size.ts';
import { selectRoomLayouts } from '../../app/selectors.ts';
import { useAppSelector } from '../../app/store.ts';
import { loadValidation, VALIDATION_UNAVAILABLE } from '../../app/validation.ts';
import { AddPhysicalTables } from './AddPhysicalTables.tsx';
import { describedBy, Dialog, Field, FormMessage } from './Dialog.tsx';
import { newEntityId, roomNameTaken, type FieldErrors } from './logic.ts';
import { unsavedQuestion, useUnsaved, type OnUnsaved, type Unsaved } from './unsaved.ts';
import { useSetupSend } from './useSetupSend.ts';
import { RowDraftsContext, VenueRoom } from './VenueRoom.tsx';

/** The venue: rooms and their physical tables — add, rename, move, resize, remove; many tables in one batch. */
export function VenueDialog({ onClose }: { onClose: () => void }) {
  const layouts = useAppSelector(selectRoomLayouts);
  const rooms = layouts.map((l) => l.room);
  // Rows edited and forms filled in, not saved yet (key → what they are): closing asks before their work is lost.
  const unsaved = useRef(new Map<string, Unsaved>());
  const onUnsaved = useCallback<OnUnsaved>((key, what) => {
    if (what) unsaved.current.set(key, what);
    else unsaved.current.delete(key);
  }, []);
  const [rowDrafts] = useState(() => new Map());
  const [asking, setAsking] = useState<Unsaved[] | null>(null);
  // Back to editing: the question goes, and focus goes back to the field left in an unsaved row (else its first).
  const editing = useRef<HTMLElement | null>(null);
  const keepEditing = () => {
    setAsking(null);
    requestAnimationFrame(() => {
      const back = editing.current?.isConnected ? editing.current : null;
      (back ?? document.querySelector<HTMLElement>('[data-testid="venue-dialog"] [data-unsaved] :is(input, select)'))?.focus();
    });
  };
  const requestClose = () => {
    if (asking) return keepEditing(); // Escape on the question
    const what = [...unsaved.current.values()];
    if (what.length === 0) return onClose();
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    editing.current = focused?.closest('[data-unsaved]') ? focused : null;
    setAsking(what);
  };
  return (
    <Dialog
      title="Rooms & physical tables"
      description="The venue: its rooms and the physical tables that stand in them (the furniture, labelled as the venue does). The tables guests sit at are placed on these in the Rooms tab."
      onClose={requestClose}
      testId="venue-dialog"
      wide
    >
      {asking && <DiscardConfirm what={asking} onKeep={keepEditing} onDiscard={onClose} />}
      <AddRoom rooms={rooms} onUnsaved={onUnsaved} />
      {rooms.length > 0 ? (
        <AddPhysicalTables rooms={rooms} onUnsaved={onUnsaved} />
      ) : (
        <p className="muted">Add a room first; then add its physical tables here.</p>
      )}
      <RowDraftsContext.Provider value={rowDrafts}>
        {layouts.map(({ room, physical }) => (
          <VenueRoom key={room.id} room={room} physical={physical} rooms={rooms} onUnsaved={onUnsaved} />
        ))}
      </RowDraftsContext.Provider>
    </Dialog>
  );
}

/** Asked on closing with work not saved: keep editing (the default) or close and lose the changes. */
function DiscardConfirm({ what, onKeep, onDiscard }: { what: Unsaved[]; onKeep: () => void; onDiscard: () => void }) {
  const textId = useId();
  return (
    <div className="setup-confirm" role="group" aria-label="Unsaved changes" aria-describedby={textId} data-testid="venue-unsaved">
      <p id={textId}>{unsavedQuestion(what)}</p>
      <div className="setup-actions">
        <button type="button" className="button" data-testid="venue-keep-editing" onClick={onKeep} autoFocus>
          Keep editing
        </button>
        <button type="button" className="button button--danger" data-testid="venue-discard" onClick={onDiscard}>
          Discard changes and close
        </button>
      </div>
    </div>
  );
}

function AddRoom({ rooms, onUnsaved }: { rooms: readonly Room[]; onUnsaved: OnUnsaved }) {
  const send = useSetupSend();
  const [name, setName] = useState('');
  // The size is optional here (the Rooms tab sets it later too): both sides or neither.
  const [width, setWidth] = useState('');
  const [depth, setDepth] = useState('');
  const typed = name.trim() !== '' || width.trim() !== '' || depth.trim() !== '';
  useUnsaved(onUnsaved, 'add-room', typed ? `the New room form${name.trim() ? ` (“${name.trim()}”)` : ''}` : null, 'Add room');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const edited = () => {
    setErrors({});
    setMessage(null);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null); // the last success is not this attempt's
    const form = e.currentTarget as HTMLFormElement;
    const focus = (testId: string) => form.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`)?.focus();
    // Said in the form's words, with the field to type in focused (the schema's "Names cannot be empty." is generic).
    if (!name.trim()) {
      focus('room-name');
      return setErrors({ name: 'Give the room a name, such as Ballroom.' });
    }
    const taken = roomNameTaken(rooms, name);
    if (taken.name) {
      focus('room-name');
      return setErrors(taken);
    }
    let sides: RoomSides;
    try {
      sides = checkRoomSides(await loadValidation(), width, depth, true);
    } catch {
      return setMessage(VALIDATION_UNAVAILABLE);
    }
    if (!sides.ok) {
      focus(`new-room-${sides.side}`);
      return setErrors({ [sides.side]: sides.text });
    }
    const roomId = newEntityId('r');
    // One command, with its size if given: the room comes with its walls or not at all, and offline it waits to be
    // sent like any other change (a batch cannot).
    const refused = await send([{ type: 'addRoom', roomId, name, ...sides.size }], `Add room ${name.trim()}`);
    setErrors(refused?.fields ?? {});
    setMessage(refused?.message ?? null);
    if (!refused) {
      setDone(`Added room ${name.trim()}${sides.size ? `, ${sides.size.widthM} × ${sides.size.depthM} m` : ''}.`);
      setName('');
      setWidth('');
      setDepth('');
    }
  };
  return (
    <form
      className="setup-form setup-inline"
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid="add-room-form"
      aria-label="Add a room"
      data-unsaved={typed || undefined}
    >
      <Field id="room-name" label="New room" error={errors.name}>
        <input
          {...describedBy('room-name', errors.name)}
          data-testid="room-name"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            edited();
          }}
          placeholder="e.g. Ballroom"
          autoFocus
        />
      </Field>
      {(
        [
          ['width', 'Width (m, optional)', width, setWidth],
          ['depth', 'Depth (m, optional)', depth, setDepth],
        ] as const
      ).map(([side, label, value, set]) => (
        <Field key={side} id={`new-room-${side}`} label={label} error={errors[side]}>
          <input
            {...describedBy(`new-room-${side}`, errors[side])}
            className="setup-input--metres"
            data-testid={`new-room-${side}`}
            type="number"
            min={1}
            max={500}
            step={0.5}
            value={value}
            onChange={(e) => {
              set(e.target.value);
              edited();
            }}
          />
        </Field>
      ))}
      <button type="submit" className="button button--primary" data-testid="add-room">
        Add room
      </button>
      <FormMessage error={message} done={done} />
    </form>
  );
}
