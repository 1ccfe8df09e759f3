import type { Command } from '@seatfold/domain/core';
import { useState, type FormEvent } from 'react';
import type { FloorRoom } from './layout.ts';

type Send = (command: Command, done: string) => boolean;

/** The room's size in metres. */
export function RoomPanel({ floor, send }: { floor: FloorRoom; send: Send }) {
  const [w, setW] = useState(String(floor.widthM));
  const [d, setD] = useState(String(floor.depthM));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const widthM = Number(w);
    const depthM = Number(d);
    send({ type: 'setRoomSize', roomId: floor.room.id, widthM, depthM }, `${floor.room.name} is now ${widthM} m by ${depthM} m.`);
  };
  return (
    <form className="floor-panel" aria-labelledby="floor-room-size" onSubmit={submit}>
      <h3 id="floor-room-size">Room size{floor.sized ? '' : ' (not set yet)'}</h3>
      {!floor.sized && (
        <p className="floor-note" data-testid="room-unsized">
          Without a size, the dashed edges east and south are only where the tables end, not walls: nothing keeps a table inside them. Set the width
          and depth to check every wall and print the room to scale.
        </p>
      )}
      <div className="floor-field-row">
        <label className="floor-field">
          <span>Width (m)</span>
          <input type="number" min={1} max={500} step={0.5} value={w} data-testid="room-width" onChange={(e) => setW(e.target.value)} />
        </label>
        <label className="floor-field">
          <span>Depth (m)</span>
          <input type="number" min={1} max={500} step={0.5} value={d} data-testid="room-depth" onChange={(e) => setD(e.target.value)} />
        </label>
      </div>
      <button type="submit" className="button button--small" data-testid="room-size-save">
        Set size
      </button>
    </form>
  );
}
