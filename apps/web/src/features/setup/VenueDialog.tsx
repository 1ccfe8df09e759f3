import type { Room } from '@seatfold/domain/core';
import { useState, type FormEvent } from 'react';
import { selectRoomLayouts } from '../../app/selectors.ts';
import { useAppSelector } from '../../app/store.ts';
import { AddPhysicalTables } from './AddPhysicalTables.tsx';
import { describedBy, Dialog, Field, FormMessage } from './Dialog.tsx';
import { newEntityId, roomNameTaken, type FieldErrors } from './logic.ts';
import { useSetupSend } from './useSetupSend.ts';
import { VenueRoom } from './VenueRoom.tsx';

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
      <AddRoom rooms={rooms} />
      {rooms.length > 0 ? <AddPhysicalTables rooms={rooms} /> : <p className="muted">Add a room first; then add its physical tables here.</p>}
      {layouts.map(({ room, physical }) => (
        <VenueRoom key={`${room.id}:${room.name}`} room={room} physical={physical} rooms={rooms} />
      ))}
    </Dialog>
  );
}

function AddRoom({ rooms }: { rooms: readonly Room[] }) {
  const send = useSetupSend();
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null); // the last success is not this attempt's
    const taken = roomNameTaken(rooms, name);
    if (taken.name) return setErrors(taken);
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
          onChange={(e) => {
            setName(e.target.value);
            setErrors({});
            setMessage(null);
          }}
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
