import { createSelector } from '@reduxjs/toolkit';
import { entity, byName, guestMatches, planTotals, tablesByRoom, type Guest, type LogicalTable, type PhysicalTable, type PlanState, type Room } from '@seatfold/domain';
import { dropVerdict, type DropTarget, type Verdict } from './dnd.ts';
import { selectDisplayed } from './history.ts';
import type { RootState } from './store.ts';

export const selectView = (s: RootState) => s.plan.view;
// The board reads the state ON DISPLAY: the live view, or the plan as it was at the version a reviewer travelled to.
export { selectDisplayed };
const selectGuests = (s: RootState) => selectDisplayed(s).guests;
const selectTables = (s: RootState) => selectDisplayed(s).tables;
const selectPhysical = (s: RootState) => selectDisplayed(s).physicalTables;
const selectRooms = (s: RootState) => selectDisplayed(s).rooms;

export const selectIsOrganiser = (s: RootState) => (s.plan.role ?? s.session.links?.role) === 'organise';
export const selectRole = (s: RootState) => s.plan.role ?? s.session.links?.role ?? null;
export const selectLoaded = (s: RootState) => s.plan.planId !== null;
/** Editing controls show only for organisers looking at the live plan (the past is read-only). */
export const selectCanEdit = (s: RootState) => selectIsOrganiser(s) && s.history.viewing === null;

export const selectTotals = createSelector([selectGuests, selectTables], (guests, tables) => planTotals({ guests, tables } as PlanState));

/** All guests by name. Re-sorted only when some guest changes (a seat change does change the guest). */
export const selectGuestsByName = createSelector([selectGuests], (guests) => Object.values(guests).sort(byName));

/** Guests the list shows, after search and filter. */
export const selectVisibleGuests = createSelector(
  [selectGuestsByName, (s: RootState) => s.ui.search, (s: RootState) => s.ui.filter],
  (guests, search, filter): Guest[] => {
    const q = search.trim();
    if (!q && filter === 'all') return guests;
    return guests.filter((g) => (filter === 'all' || (filter === 'seated') === !!g.tableId) && guestMatches(g, q));
  },
);

/** Logical tables grouped by room (unplaced last). */
export const selectRoomGroups = createSelector([selectRooms, selectPhysical, selectTables], (rooms, physicalTables, tables) =>
  tablesByRoom({ rooms, physicalTables, tables } as PlanState),
);

/** physical table id → the logical table placed on it (one pass, instead of mappedOnto per physical table). */
export const selectPlacement = createSelector([selectTables], (tables) => {
  const onto: Record<string, LogicalTable> = {};
  for (const t of Object.values(tables)) if (t.physicalTableId) onto[t.physicalTableId] = t;
  return onto;
});

export interface RoomLayout {
  room: Room;
  physical: PhysicalTable[];
}
const labelOrder = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export const selectRoomLayouts = createSelector([selectRooms, selectPhysical], (rooms, physicalTables): RoomLayout[] => {
  const by = new Map<string, PhysicalTable[]>();
  for (const room of Object.values(rooms)) by.set(room.id, []);
  for (const p of Object.values(physicalTables)) by.get(p.roomId)?.push(p);
  return Object.values(rooms)
    .sort(byName)
    .map((room) => ({ room, physical: by.get(room.id)!.sort((a, b) => labelOrder.compare(a.label, b.label)) }));
});

export const selectUnplacedTables = createSelector([selectTables], (tables) =>
  Object.values(tables)
    .filter((t) => !t.physicalTableId)
    .sort(byName),
);

/** Logical tables that pending (unconfirmed) commands touch: their cards show "saving…". */
export const selectPendingTableIds = createSelector(
  [(s: RootState) => s.plan.pending, (s: RootState) => s.plan.confirmed, selectView],
  (pending, confirmed, view): ReadonlySet<string> => {
    const ids = new Set<string>();
    const seatOf = (guestId: string) => {
      for (const st of [confirmed, view]) {
        const t = entity(st.guests, guestId)?.tableId;
        if (t) ids.add(t);
      }
    };
    for (const { command: c } of pending) {
      if ('tableId' in c && typeof c.tableId === 'string') ids.add(c.tableId);
      if ('guestId' in c && typeof c.guestId === 'string') seatOf(c.guestId);
      if (c.type === 'swapGuests') seatOf(c.otherGuestId);
      if (c.type === 'mapTable' || c.type === 'unmapTable') ids.add(c.tableId);
    }
    return ids;
  },
);

const selectDrag = (s: RootState) => s.ui.drag;

/** While something is carried: for every drop target, would dropping there work? Keyed by target key. */
export const selectDropVerdicts = createSelector([selectDrag, selectView], (drag, view): Record<string, Verdict> | null => {
  if (!drag) return null;
  const out: Record<string, Verdict> = {};
  const put = (target: DropTarget) => (out[targetKey(target)] = dropVerdict(drag, target, view));
  if (drag.kind === 'guest' || drag.kind === 'party') {
    for (const id of Object.keys(view.tables)) put({ kind: 'table', tableId: id });
    put({ kind: 'unseat' });
  } else {
    for (const id of Object.keys(view.physicalTables)) put({ kind: 'physical', physicalTableId: id });
    put({ kind: 'tray' });
  }
  return out;
});

export function targetKey(t: DropTarget): string {
  switch (t.kind) {
    case 'table':
      return `t:${t.tableId}`;
    case 'chip':
      return `c:${t.guestId}`;
    case 'physical':
      return `p:${t.physicalTableId}`;
    default:
      return t.kind;
  }
}

/** For one target: null when nothing is carried, else its verdict (identity stable while the drag lasts). */
export const selectVerdictFor = (s: RootState, key: string): Verdict | null => {
  const all = selectDropVerdicts(s);
  return all ? (all[key] ?? NOOP) : null;
};
const NOOP: Verdict = { state: 'noop' };
