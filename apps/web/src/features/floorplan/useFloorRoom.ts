import { createSelector } from '@reduxjs/toolkit';
import { entity, fixturesOf, seatOrderOf, type PlanState } from '@seatfold/domain/core';
import { useMemo } from 'react';
import { planTimeline, selectDiff, selectDisplayed } from '../../app/history.ts';
import { selectPlacement } from '../../app/selectors.ts';
import { useAppSelector } from '../../app/store.ts';
import type { RootState } from '../../app/store.ts';
import type { Highlight } from './FloorTableShape.tsx';
import { floorRoom, type FloorRoom } from './layout.ts';

const displayed = (s: RootState) => selectDisplayed(s);

/** The floor of one room as it is on display (live, or the past the timeline shows). */
export function useFloorRoom(roomId: string): FloorRoom | null {
  const select = useMemo(
    () =>
      createSelector(
        [
          (s: RootState) => displayed(s).rooms,
          (s: RootState) => displayed(s).physicalTables,
          (s: RootState) => displayed(s).fixtures,
          selectPlacement,
        ],
        (rooms, physicalTables, fixtures, placement) => {
          const room = entity(rooms, roomId);
          return room ? floorRoom({ rooms, physicalTables, fixtures } as PlanState, room, placement) : null;
        },
      ),
    [roomId],
  );
  return useAppSelector(select);
}

/** Guest names in chair order for each table of the floor (the logical table's seat order, then the others). */
export function useNames(floor: FloorRoom | null): Record<string, string[]> {
  const guests = useAppSelector((s) => displayed(s).guests);
  return useMemo(() => {
    const out: Record<string, string[]> = {};
    if (!floor) return out;
    for (const t of floor.tables) {
      if (!t.logical) continue;
      out[t.id] = seatOrderOf(t.logical).map((id) => entity(guests, id)?.name ?? '');
    }
    return out;
  }, [floor, guests]);
}

type Spot = { x?: number; y?: number; rotation?: number } | undefined;
const moved = (a: Spot, b: Spot) => !a || !b || a.x !== b.x || a.y !== b.y || (a.rotation ?? 0) !== (b.rotation ?? 0);

/** While comparing two moments: tables moved (position or rotation) and tables whose seats changed, by id. */
export function useHighlights(floor: FloorRoom | null): Record<string, Highlight> | null {
  const diff = useAppSelector(selectDiff);
  const from = useAppSelector((s) => s.history.compareFrom);
  return useMemo(() => {
    const t = planTimeline();
    if (!floor || !diff || from === null || !t) return null;
    const then = t.comparedAt(from);
    const out: Record<string, Highlight> = {};
    for (const table of floor.tables) {
      const was = entity(then.physicalTables, table.id) as Spot;
      const m = table.placed && moved(was, table);
      const seats = !!table.logical && diff.tables.has(table.logical.id);
      if (m || seats) out[table.id] = m && seats ? 'both' : m ? 'moved' : 'seats';
    }
    for (const f of floor.fixtures) {
      const was = entity(fixturesOf(then), f.id) as Spot;
      if (moved(was, f)) out[`f:${f.id}`] = 'moved';
    }
    return out;
  }, [floor, diff, from]);
}
