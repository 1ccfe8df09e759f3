import type { Command } from '@seatfold/domain/core';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { uploadImage } from '../../app/api.ts';
import { useAppSelector } from '../../app/store.ts';
import type { FloorRoom } from './layout.ts';

type Send = (command: Command, done: string) => boolean;

/** The venue's plan under the room: upload a PNG or JPEG (checked and stored by the server), then place and scale it. */
export function BackgroundPanel({ floor, send }: { floor: FloorRoom; send: Send }) {
  const token = useAppSelector((s) => s.session.token);
  const bg = floor.background;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [x, setX] = useState(String(bg?.x ?? 0));
  const [y, setY] = useState(String(bg?.y ?? 0));
  const [w, setW] = useState(String(bg?.widthM ?? floor.widthM));

  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file || !token) return;
    setBusy(true);
    setError(null);
    try {
      const { imageId } = await uploadImage(token, file);
      send(
        { type: 'setRoomBackground', roomId: floor.room.id, background: { imageId, x: 0, y: 0, widthM: floor.widthM } },
        `The venue plan now lies under ${floor.room.name}.`,
      );
      setX('0');
      setY('0');
      setW(String(floor.widthM));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const place = (e: FormEvent) => {
    e.preventDefault();
    if (bg)
      send(
        { type: 'setRoomBackground', roomId: floor.room.id, background: { imageId: bg.imageId, x: Number(x), y: Number(y), widthM: Number(w) } },
        'Moved the venue plan.',
      );
  };
  return (
    <form className="floor-panel" aria-labelledby="floor-background" onSubmit={place}>
      <h3 id="floor-background">Venue plan (background)</h3>
      <label className="floor-field">
        <span>{bg ? 'Replace the image (PNG or JPEG)' : 'Upload an image (PNG or JPEG)'}</span>
        <input type="file" accept="image/png,image/jpeg" data-testid="background-upload" disabled={busy} onChange={(e) => void upload(e)} />
      </label>
      {busy && (
        <p className="muted" role="status">
          Uploading…
        </p>
      )}
      {error && (
        <p className="floor-status is-refused" role="alert">
          {error}
        </p>
      )}
      {bg && (
        <>
          <div className="floor-field-row">
            <label className="floor-field">
              <span>Left (m)</span>
              <input type="number" step={0.1} value={x} onChange={(e) => setX(e.target.value)} />
            </label>
            <label className="floor-field">
              <span>Top (m)</span>
              <input type="number" step={0.1} value={y} onChange={(e) => setY(e.target.value)} />
            </label>
            <label className="floor-field">
              <span>Width (m)</span>
              <input type="number" min={1} step={0.5} value={w} onChange={(e) => setW(e.target.value)} />
            </label>
          </div>
          <div className="floor-actions">
            <button type="submit" className="button button--small">
              Place
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => send({ type: 'setRoomBackground', roomId: floor.room.id, background: null }, 'Removed the venue plan.')}
            >
              Remove
            </button>
          </div>
        </>
      )}
    </form>
  );
}
