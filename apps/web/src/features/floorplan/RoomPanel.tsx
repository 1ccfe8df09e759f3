import type { Command } from '@seatfold/domain/core';
import { useRef, useState, type FormEvent } from 'react';
import { loadValidation, single, VALIDATION_UNAVAILABLE, type Validation } from '../../app/validation.ts';
import type { FloorRoom } from './layout.ts';
import { checkRoomSides, type RoomSide } from '../../app/room-size.ts';

type Send = (command: Command, done: string) => boolean;

/** The room's size in metres. */
export function RoomPanel({ floor, send, refuse }: { floor: FloorRoom; send: Send; refuse: (text: string) => void }) {
  // What the planner typed; until then (or once sent) the fields show the room as it is, kept current as other
  // organisers add tables or set the size.
  const [typed, setTyped] = useState<{ w: string; d: string } | null>(null);
  const w = typed?.w ?? String(floor.widthM);
  const d = typed?.d ?? String(floor.depthM);
  const busy = useRef(false);
  /** a side the planner typed that is not one: said under the fields, and its field marked invalid */
  const [wrong, setWrong] = useState<{ side: RoomSide; text: string } | null>(null);
  const type = (next: { w: string; d: string }) => {
    setTyped(next);
    setWrong(null);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setWrong(null);
    void single(busy, async () => {
      let checks: Validation;
      try {
        checks = await loadValidation();
      } catch {
        return refuse(VALIDATION_UNAVAILABLE);
      }
      const sides = checkRoomSides(checks, w, d);
      if (!sides.ok) return setWrong(sides);
      if (!sides.size) return; // both sides are asked for here: never an empty size
      const { widthM, depthM } = sides.size;
      if (send({ type: 'setRoomSize', roomId: floor.room.id, widthM, depthM }, `${floor.room.name} is now ${widthM} m by ${depthM} m.`))
        setTyped(null);
    });
  };
  return (
    <form className="floor-panel" aria-labelledby="floor-room-size" onSubmit={submit} noValidate>
      <h3 id="floor-room-size">Room size{floor.sized ? '' : ' (not set yet)'}</h3>
      {!floor.sized && (
        <p className="floor-note" data-testid="room-unsized">
          Without a size, the dashed edges east and south are only where the tables end, not walls: nothing keeps a table inside them. Set the width
          and depth to check every wall and print the room to scale.
        </p>
      )}
      <div className="floor-field-row">
        {(
          [
            ['width', 'Width (m)', w, (v: string) => type({ w: v, d })],
            ['depth', 'Depth (m)', d, (v: string) => type({ w, d: v })],
          ] as const
        ).map(([side, label, value, set]) => (
          <label className="floor-field" key={side}>
            <span>{label}</span>
            <input
              type="number"
              min={1}
              max={500}
              step={0.5}
              value={value}
              data-testid={`room-${side}`}
              aria-invalid={wrong?.side === side || undefined}
              aria-describedby={wrong?.side === side ? 'room-size-error' : undefined}
              onChange={(e) => set(e.target.value)}
            />
          </label>
        ))}
      </div>
      {wrong && (
        <p className="floor-status is-refused" id="room-size-error" role="alert" data-testid="room-size-error">
          {wrong.text}
        </p>
      )}
      <button type="submit" className="button button--small" data-testid="room-size-save">
        Set size
      </button>
    </form>
  );
}
