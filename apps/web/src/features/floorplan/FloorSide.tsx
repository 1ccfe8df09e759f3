import type { Command } from '@seatfold/domain/core';
import type { FloorItem } from './items.ts';
import type { FloorRoom } from './layout.ts';
import { AddFixture, FixtureEditor } from './FixturePanel.tsx';
import { RoomPanel } from './RoomPanel.tsx';
import { BackgroundPanel } from './BackgroundPanel.tsx';
import { SeatOrderPanel } from './SeatOrderPanel.tsx';
import type { FloorStatus } from './useFloorSend.ts';
import { floorItems } from './items.ts';
import { useAppSelector } from '../../app/store.ts';
import { selectIsOrganiser } from '../../app/selectors.ts';

interface Props {
  floor: FloorRoom;
  organiser: boolean;
  selection: ReadonlySet<string>;
  send(command: Command, done: string): boolean;
  refuse(text: string): void;
  status: FloorStatus | null;
  onDuplicate(items: FloorItem[]): void;
  /** why a selected item cannot stand where it stands (on a table, past a wall), as a fact; null when all stand well */
  stuck: string | null;
  onFree(items: FloorItem[]): void;
}

const ON_FIXTURES_LISTED = 8;

/** Beside the floor: what happened last, the room's size and background, fixtures, and the selected item. */
export function FloorSide({ floor, organiser, selection, send, refuse, status, onDuplicate, stuck, onFree }: Props) {
  // An organiser in the past sees why the floor does not move (keys and drags do nothing there).
  const past = useAppSelector((s) => selectIsOrganiser(s) && s.history.viewing !== null);
  const selected = [...selection];
  const one = selected.length === 1 ? selected[0] : null;
  const fixture = one?.startsWith('f:') ? floor.fixtures.find((f) => f.id === one.slice(2)) : undefined;
  const table = one?.startsWith('t:') ? floor.tables.find((t) => t.id === one.slice(2)) : undefined;
  const tables = selected.filter((k) => k.startsWith('t:'));
  const onFixtures = floor.tables.filter((t) => t.standsOn);
  return (
    <aside className="floor-side" aria-label="Floor plan tools">
      <p className={`floor-status${status?.tone === 'refused' ? ' is-refused' : ''}`} data-testid="floor-status" role="status" key={status?.key}>
        {status?.text ??
          (organiser
            ? 'Drag tables to place them; Shift+click or Shift+drag on the floor selects several.'
            : past
              ? 'The floor plan as it was at this change: go back to now to move tables.'
              : 'The floor plan as it is on display.')}
      </p>
      {onFixtures.length > 0 && (
        // Allowed (a head table on the stage), but a table pushed onto the dance floor by mistake should be seen.
        <section className="floor-panel" aria-labelledby="floor-on-fixtures" data-testid="floor-on-fixtures">
          <h3 id="floor-on-fixtures">On a fixture: {onFixtures.length}</h3>
          <ul className="floor-on-fixtures">
            {onFixtures.slice(0, ON_FIXTURES_LISTED).map((t) => (
              <li key={t.id}>
                Table {t.label}
                {t.logical && ` (table ${t.logical.name})`} stands on the {t.standsOn}.
              </li>
            ))}
            {onFixtures.length > ON_FIXTURES_LISTED && <li>and {onFixtures.length - ON_FIXTURES_LISTED} more (dashed on the plan).</li>}
          </ul>
        </section>
      )}
      {selection.size > 0 && (
        <section className="floor-panel" aria-labelledby="floor-selected">
          <h3 id="floor-selected">Selected: {selection.size}</h3>
          {organiser && tables.length > 0 && (
            <button
              type="button"
              className="button button--small"
              data-testid="duplicate"
              onClick={() => onDuplicate(tables.map((k) => floorItems(floor).get(k)!).filter(Boolean))}
            >
              Duplicate {tables.length === 1 ? 'table' : `${tables.length} tables`}
            </button>
          )}
          {organiser && stuck && (
            <div className="floor-stuck" data-testid="floor-stuck">
              <p>{stuck} where it stands, so no arrow step can free it.</p>
              <button
                type="button"
                className="button button--small"
                data-testid="free-floor"
                onClick={() => onFree(selected.map((k) => floorItems(floor).get(k)!).filter(Boolean))}
              >
                Move to free floor (F)
              </button>
            </div>
          )}
          {fixture && organiser && <FixtureEditor key={fixture.id} fixture={fixture} send={send} />}
          {table?.logical && <SeatOrderPanel key={table.id} table={table} organiser={organiser} send={send} />}
        </section>
      )}
      {organiser && <RoomPanel key={floor.room.id} floor={floor} send={send} refuse={refuse} />}
      {organiser && <BackgroundPanel key={floor.background?.imageId ?? 'none'} floor={floor} send={send} />}
      {organiser && <AddFixture floor={floor} send={send} refuse={refuse} />}
      <section className="floor-panel floor-help" aria-labelledby="floor-keys">
        <h3 id="floor-keys">Keyboard</h3>
        {organiser ? (
          <p className="muted">
            Tab to a table. Arrows move it (Shift: 1 m), R rotates (Shift+R back), Space selects several, Ctrl+A all, Escape none, D duplicates, F
            moves a table stuck on another or past a wall to the nearest free floor, Delete removes a fixture. A table from the tray: Space, then
            Enter on a table. +/− buttons zoom.
          </p>
        ) : (
          <p className="muted">Tab to a table: its number and seats are read out. +/− buttons zoom; a drag on the empty floor pans.</p>
        )}
      </section>
    </aside>
  );
}
