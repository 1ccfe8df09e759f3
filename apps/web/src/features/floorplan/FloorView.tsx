import type { Command } from '@seatfold/domain/core';
import { useCallback, useState } from 'react';
import { selectCanEdit, selectRoomLayouts, selectView } from '../../app/selectors.ts';
import { useAppSelector, useAppStore } from '../../app/store.ts';
import { sendSetupBatch } from '../setup/batch.ts';
import { useSetupConnection } from '../setup/context.ts';
import { newEntityId } from '../setup/logic.ts';
import { FloorCanvas } from './FloorCanvas.tsx';
import { FloorSide } from './FloorSide.tsx';
import { GhostLayer } from './GhostLayer.tsx';
import { Background } from './Background.tsx';
import { ghostOf, nextLabel, type FloorItem, type Move } from './items.ts';
import { useFloorKeys } from './useFloorKeys.ts';
import { useFloorSend } from './useFloorSend.ts';
import { useFloorRoom, useHighlights } from './useFloorRoom.ts';
import './floorplan.css';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const what = (moves: Move[]) => {
  const t = moves.filter((m) => m.kind === 'table').length;
  const f = moves.length - t;
  return [t && plural(t, 'table'), f && plural(f, 'fixture')].filter(Boolean).join(' and ');
};

/** The Rooms tab as a floor plan: one room at a time, drawn to scale, arranged and seated on. */
export function FloorView() {
  const layouts = useAppSelector(selectRoomLayouts);
  const organiser = useAppSelector(selectCanEdit);
  const [roomId, setRoomId] = useState<string | null>(null);
  const room = layouts.find((l) => l.room.id === roomId)?.room ?? layouts[0]?.room ?? null;
  if (!room) return null;
  return (
    <div className="floor-view" data-testid="floor-view">
      <div className="floor-rooms" role="group" aria-label="Room">
        {layouts.map((l) => (
          <button
            key={l.room.id}
            type="button"
            className="floor-rooms__room"
            data-testid="floor-room"
            aria-pressed={l.room.id === room.id}
            onClick={() => setRoomId(l.room.id)}
          >
            {l.room.name} <span className="muted">({l.physical.length})</span>
          </button>
        ))}
      </div>
      <RoomFloor key={room.id} roomId={room.id} organiser={organiser} />
    </div>
  );
}

function RoomFloor({ roomId, organiser }: { roomId: string; organiser: boolean }) {
  const floor = useFloorRoom(roomId);
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const { send, status, say } = useFloorSend();
  const connection = useSetupConnection();
  const store = useAppStore();
  const highlights = useHighlights(floor);

  const arrange = useCallback(
    (moves: Move[], verb: string) => send({ type: 'arrangeFloor', roomId, moves }, `${verb} ${what(moves)}.`),
    [send, roomId],
  );
  const onDrop = useCallback((moves: Move[]) => arrange(moves, 'Moved'), [arrange]);
  const onGhost = useCallback(
    (moves: Move[] | null) => connection.current?.sendGhost(moves ? { roomId, items: ghostOf(moves) } : null),
    [connection, roomId],
  );

  const duplicate = useCallback(
    async (items: FloorItem[]) => {
      if (!floor) return;
      // Labels are unique in the whole plan (decide refuses a second "G-01"), not only in this room.
      const labels = Object.values(selectView(store.getState()).physicalTables).map((p) => p.label);
      const added: string[] = [];
      const commands: Command[] = [];
      const moves: Move[] = [];
      for (const item of items.filter((i) => i.kind === 'table')) {
        const t = floor.tables.find((x) => x.id === item.id)!;
        const id = newEntityId('p');
        const label = nextLabel(t.label, labels);
        labels.push(label);
        added.push(label);
        commands.push({ type: 'addPhysicalTable', physicalTableId: id, roomId, label, capacity: t.capacity });
        commands.push({ type: 'shapePhysicalTable', physicalTableId: id, shape: t.shape, widthM: t.widthM, depthM: t.depthM });
        moves.push({ kind: 'table', id, x: t.x, y: t.y + item.box.d + 1, rotation: t.rotation });
      }
      if (commands.length === 0) return say('Only tables can be duplicated.', 'refused');
      commands.push({ type: 'arrangeFloor', roomId, moves });
      try {
        await sendSetupBatch(connection.current, `Duplicate ${plural(moves.length, 'table')}`, commands);
        say(`Duplicated ${plural(moves.length, 'table')}: ${added.join(', ')}.`);
      } catch (err) {
        say(`${(err as Error).message} Nothing was duplicated.`, 'refused');
      }
    },
    [floor, roomId, connection, say, store],
  );

  const orderSeats = useCallback(
    (tableId: string, guestIds: string[], done: string) => send({ type: 'orderSeats', tableId, guestIds }, done),
    [send],
  );
  const removeFixture = useCallback((id: string) => send({ type: 'removeFixture', fixtureId: id }, 'Removed the fixture.'), [send]);
  const keys = useFloorKeys({ selection, setSelection, organiser, onMoves: arrange, onDuplicate: duplicate, onRemoveFixture: removeFixture });

  if (!floor) return null;
  return (
    <div className="floor-layout">
      <FloorCanvas
        floor={floor}
        organiser={organiser}
        selection={selection}
        setSelection={setSelection}
        highlights={highlights}
        onDrop={onDrop}
        onGhost={organiser ? onGhost : undefined}
        onOrderSeats={organiser ? orderSeats : undefined}
        onKeyDown={keys}
        under={floor.background && <Background floor={floor} />}
        over={<GhostLayer floor={floor} />}
      />
      <FloorSide floor={floor} organiser={organiser} selection={selection} send={send} status={status} onDuplicate={duplicate} />
    </div>
  );
}
