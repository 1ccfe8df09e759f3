import { capital, fixturesOf, floorItemName, standingRefusal, type Command, type PhysicalTable, type PlanState } from '@seatfold/domain/core';
import { useCallback, useMemo, useState } from 'react';
import { selectCanEdit, selectRoomLayouts, selectView } from '../../app/selectors.ts';
import { useAppSelector, useAppStore } from '../../app/store.ts';
import { sendSetupBatch } from '../setup/batch.ts';
import { useSetupConnection } from '../setup/context.ts';
import { newEntityId } from '../setup/logic.ts';
import { FloorCanvas } from './FloorCanvas.tsx';
import { FloorSide } from './FloorSide.tsx';
import { GhostLayer } from './GhostLayer.tsx';
import { Background } from './Background.tsx';
import { asDrawn, drawnRefusal, furthest } from './drawn.ts';
import { freeFloorFor, placeCopies, type Copy } from './free-floor.ts';
import { ghostOf, nextLabel, type FloorItem, type Move } from './items.ts';
import { useFloorKeys } from './useFloorKeys.ts';
import { useFloorSend } from './useFloorSend.ts';
import { useHeldNudge } from './useHeldNudge.ts';
import { useFloorRoom, useHighlights } from './useFloorRoom.ts';
import './floorplan.css';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const what = (moves: Move[]) => {
  const t = moves.filter((m) => m.kind === 'table').length;
  const f = moves.length - t;
  return [t && plural(t, 'table'), f && plural(f, 'fixture')].filter(Boolean).join(' and ');
};
/** A refusal as the reason a step stopped: "table G-01 would overlap table “23” (G-02)" (its advice left off). */
const why = (message: string) => {
  const reason = message.replace(/\.$/, '');
  const cut = reason.lastIndexOf(': ');
  return (cut > 0 ? reason.slice(0, cut) : reason).replace(/^./, (c) => c.toLowerCase());
};
/** A refusal of where items stand now, as a fact: "Table G-01 overlaps table “23” (G-02)". */
const standing = (message: string) => capital(why(message).replace(' would overlap ', ' overlaps ').replace(' would stand ', ' stands '));
/** "table G-01", "stage “Band”": an item on the floor by its name. */
const nameOf = (s: PlanState, i: FloorItem) => {
  const item = i.kind === 'table' ? s.physicalTables[i.id] : fixturesOf(s)[i.id];
  return item ? floorItemName(s, item) : i.id;
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
  const { send, status, say, tell, refuse } = useFloorSend();
  const connection = useSetupConnection();
  const store = useAppStore();
  const highlights = useHighlights(floor);

  // The plan with this room as drawn: what every move is checked against before it is sent (drawn.ts).
  const drawn = useCallback(() => floor && asDrawn(selectView(store.getState()), floor), [floor, store]);
  const arrange = useCallback(
    (moves: Move[], verb: string) => {
      const plan = drawn();
      const refused = plan && drawnRefusal(plan, roomId, moves);
      if (refused) return refuse(`${refused.message} It stays where it was.`);
      return send({ type: 'arrangeFloor', roomId, moves }, `${verb} ${what(moves)}.`);
    },
    [send, refuse, drawn, roomId],
  );
  const onGhost = useCallback(
    (moves: Move[] | null) => connection.current?.sendGhost(moves ? { roomId, items: ghostOf(moves) } : null),
    [connection, roomId],
  );
  // Arrow steps are checked and said one by one, and sent as one move once the keys rest (useHeldNudge).
  const { held, step: holdStep } = useHeldNudge({ roomId, send, onGhost });
  const nudge = useCallback(
    (items: FloorItem[], dx: number, dy: number) => {
      const plan = drawn();
      if (!plan) return;
      // `items` stand where they are drawn, a held run's steps included: each step is checked from there.
      const step = furthest(plan, roomId, items, dx, dy);
      if (!step.refusal) {
        holdStep(items, dx, dy);
        return tell(`Moved ${what(step.moves!)}.`);
      }
      if (!step.moves) {
        // Already on a table or past a wall (placed before decide refused that): every step is refused, so say the way out.
        const stuck = standingRefusal(
          plan,
          roomId,
          items.map((i) => i.id),
        );
        const it = items.length === 1 ? 'it' : 'them';
        if (stuck)
          return refuse(
            `${standing(stuck.message)} where it stands, so no arrow step can free ${it}: press F to move ${it} to the nearest free floor.`,
          );
        return refuse(`${step.refusal.message} It stays where it was.`);
      }
      const m = Math.round(step.part * Math.hypot(dx, dy) * 100) / 100;
      holdStep(items, dx * step.part, dy * step.part);
      return tell(`Moved ${what(step.moves)} ${m} m, as far as it goes: a step further, ${why(step.refusal.message)}.`);
    },
    [holdStep, tell, refuse, drawn, roomId],
  );
  const free = useCallback(
    (items: FloorItem[]) => {
      const plan = drawn();
      if (!plan || !floor) return;
      const { moves, stuck, left } = freeFloorFor(plan, roomId, items);
      if (stuck === 0)
        return say(
          `${capital(items.map((i) => nameOf(plan, i)).join(', '))} already ${items.length === 1 ? 'stands' : 'stand'} on free floor: nothing to move.`,
        );
      const none = `Room ${floor.room.name} has no free floor for ${left.map((i) => nameOf(plan, i)).join(', ')}: move or remove a table, or make the room bigger.`;
      if (moves.length === 0) return refuse(`${none} It stays where it was.`);
      return send({ type: 'arrangeFloor', roomId, moves }, `Moved ${what(moves)} to the nearest free floor.${left.length ? ` ${none}` : ''}`);
    },
    [send, refuse, say, drawn, floor, roomId],
  );
  const onDrop = useCallback((moves: Move[]) => arrange(moves, 'Moved'), [arrange]);

  const duplicate = useCallback(
    async (items: FloorItem[]) => {
      if (!floor) return;
      // Labels are unique in the whole plan (decide refuses a second "G-01"), not only in this room.
      const view = selectView(store.getState());
      const labels = Object.values(view.physicalTables).map((p) => p.label);
      const tables: Required<Omit<PhysicalTable, 'x' | 'y' | 'rotation' | 'accessible'>>[] = [];
      const copies: Copy[] = [];
      for (const item of items.filter((i) => i.kind === 'table')) {
        const t = floor.tables.find((x) => x.id === item.id)!;
        const label = nextLabel(t.label, labels);
        labels.push(label);
        const copy = { id: newEntityId('p'), roomId, label, capacity: t.capacity, shape: t.shape, widthM: t.widthM, depthM: t.depthM };
        tables.push(copy);
        copies.push({ id: copy.id, x: item.x, y: item.y, rotation: item.rotation, box: item.box });
      }
      if (copies.length === 0) return say('Only tables can be duplicated.', 'refused');
      const placed = placeCopies(asDrawn(view, floor, tables), roomId, copies);
      const n = plural(copies.length, 'table');
      if (!placed)
        return refuse(
          `Room ${floor.room.name} has no free floor for ${copies.length === 1 ? 'a copy of the table' : `copies of the ${n}`}: move or remove a table, or make the room bigger, then duplicate again. Nothing was duplicated.`,
        );
      const commands: Command[] = tables.flatMap((t): Command[] => [
        { type: 'addPhysicalTable', physicalTableId: t.id, roomId, label: t.label, capacity: t.capacity },
        { type: 'shapePhysicalTable', physicalTableId: t.id, shape: t.shape, widthM: t.widthM, depthM: t.depthM },
      ]);
      commands.push({ type: 'arrangeFloor', roomId, moves: placed });
      try {
        await sendSetupBatch(connection.current, `Duplicate ${n}`, commands);
        say(`Duplicated ${n}: ${tables.map((t) => t.label).join(', ')}.`);
      } catch (err) {
        say(`${(err as Error).message} Nothing was duplicated.`, 'refused');
      }
    },
    [floor, roomId, connection, say, refuse, store],
  );

  const orderSeats = useCallback(
    (tableId: string, guestIds: string[], done: string) => send({ type: 'orderSeats', tableId, guestIds }, done),
    [send],
  );
  const removeFixture = useCallback((id: string) => send({ type: 'removeFixture', fixtureId: id }, 'Removed the fixture.'), [send]);
  // What the selection stands on that decide would refuse today: the side panel offers the way out.
  const stuckBy = useMemo(() => {
    const plan = selection.size > 0 ? drawn() : null;
    return (
      plan &&
      standingRefusal(
        plan,
        roomId,
        [...selection].map((k) => k.slice(2)),
      )
    );
  }, [drawn, selection, roomId]);
  const keys = useFloorKeys({
    selection,
    setSelection,
    organiser,
    onMoves: arrange,
    onNudge: nudge,
    onFree: free,
    onDuplicate: duplicate,
    onRemoveFixture: removeFixture,
  });

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
        nudged={held}
        under={floor.background && <Background floor={floor} />}
        over={<GhostLayer floor={floor} />}
      />
      <FloorSide
        floor={floor}
        organiser={organiser}
        selection={selection}
        send={send}
        refuse={refuse}
        status={status}
        onDuplicate={duplicate}
        stuck={stuckBy && standing(stuckBy.message)}
        onFree={free}
      />
    </div>
  );
}
