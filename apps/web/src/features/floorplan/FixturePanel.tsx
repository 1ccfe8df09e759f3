import { FIXTURE_KINDS, type Command, type CommandOf, type FixtureKind } from '@seatfold/domain/core';
import { useState, type FormEvent } from 'react';
import { selectView } from '../../app/selectors.ts';
import { useAppStore } from '../../app/store.ts';
import { newEntityId } from '../setup/logic.ts';
import { asDrawn } from './drawn.ts';
import { placeFixture } from './free-floor.ts';
import { FIXTURE_LABELS, FIXTURE_SIZES } from './FixtureShape.tsx';
import type { FloorFixture, FloorRoom } from './layout.ts';

type Send = (command: Command, done: string) => boolean;

/** Adds a stage, bar, pillar… in the middle of the room, or the nearest free floor to it (drag it where it belongs). */
export function AddFixture({ floor, send, refuse }: { floor: FloorRoom; send: Send; refuse: (text: string) => void }) {
  const store = useAppStore();
  const [kind, setKind] = useState<FixtureKind>('stage');
  const [label, setLabel] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const [w, d] = FIXTURE_SIZES[kind];
    const name = label.trim() || FIXTURE_LABELS[kind];
    const fixtureId = newEntityId('r').replace(/^r-/, 'f-');
    const middle: CommandOf<'addFixture'> = {
      type: 'addFixture',
      fixtureId,
      roomId: floor.room.id,
      kind,
      label: name,
      x: floor.widthM / 2,
      y: floor.depthM / 2,
      widthM: Math.min(w, floor.widthM),
      depthM: Math.min(d, floor.depthM),
      rotation: 0,
    };
    const what = `${FIXTURE_LABELS[kind].toLowerCase()} “${name}” (${middle.widthM} × ${middle.depthM} m)`;
    // Not onto the tables as they are drawn (the automatic grid's too) nor a pillar: the nearest free floor instead.
    const command = placeFixture(asDrawn(selectView(store.getState()), floor), middle);
    if (!command)
      return refuse(`Room ${floor.room.name} has no free floor for the ${what}: move tables aside or make the room bigger, then add it again.`);
    const where = command === middle ? 'in the middle of the room' : `at ${command.x} m, ${command.y} m, the nearest free floor to the middle`;
    if (send(command, `Added ${what} ${where}.`)) setLabel('');
  };
  return (
    <form className="floor-panel" aria-labelledby="floor-add-fixture" onSubmit={submit}>
      <h3 id="floor-add-fixture">Add a fixture</h3>
      <label className="floor-field">
        <span>Kind</span>
        <select value={kind} data-testid="fixture-kind" onChange={(e) => setKind(e.target.value as FixtureKind)}>
          {FIXTURE_KINDS.map((k) => (
            <option key={k} value={k}>
              {FIXTURE_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      <label className="floor-field">
        <span>Label</span>
        <input
          value={label}
          data-testid="fixture-label"
          placeholder={FIXTURE_LABELS[kind]}
          maxLength={100}
          onChange={(e) => setLabel(e.target.value)}
        />
      </label>
      <button type="submit" className="button button--small" data-testid="add-fixture">
        Add
      </button>
    </form>
  );
}

/** Rename, resize or remove the selected fixture (moving it is a drag or the arrow keys). */
export function FixtureEditor({ fixture, send }: { fixture: FloorFixture; send: Send }) {
  const [label, setLabel] = useState(fixture.label);
  const [w, setW] = useState(String(fixture.widthM));
  const [d, setD] = useState(String(fixture.depthM));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const widthM = Number(w);
    const depthM = Number(d);
    send({ type: 'editFixture', fixtureId: fixture.id, label: label.trim(), widthM, depthM }, `Changed “${label.trim()}”.`);
  };
  return (
    <form className="floor-fixture-edit" onSubmit={submit} data-testid="fixture-editor">
      <label className="floor-field">
        <span>Label</span>
        <input value={label} maxLength={100} data-testid="fixture-rename" onChange={(e) => setLabel(e.target.value)} />
      </label>
      <div className="floor-field-row">
        <label className="floor-field">
          <span>Width (m)</span>
          <input type="number" min={0.1} step={0.1} value={w} onChange={(e) => setW(e.target.value)} />
        </label>
        <label className="floor-field">
          <span>Depth (m)</span>
          <input type="number" min={0.1} step={0.1} value={d} onChange={(e) => setD(e.target.value)} />
        </label>
      </div>
      <div className="floor-actions">
        <button type="submit" className="button button--small" data-testid="fixture-save">
          Save
        </button>
        <button
          type="button"
          className="button button--small"
          data-testid="fixture-remove"
          onClick={() => send({ type: 'removeFixture', fixtureId: fixture.id }, `Removed “${fixture.label}”.`)}
        >
          Remove
        </button>
      </div>
    </form>
  );
}
