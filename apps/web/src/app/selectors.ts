import { createSelector } from '@reduxjs/toolkit';
import {
  criteriaActive,
  entity,
  byName,
  freeSeats,
  guestFilter,
  guestLabels,
  GUEST_LABEL_FIELDS,
  planTotals,
  tableMatches,
  tablesByRoom,
  type Guest,
  type GuestCriteria,
  type LogicalTable,
  type PhysicalTable,
  type PlanState,
  type Room,
} from '@seatfold/domain/core';
import { dropVerdict, type DropTarget, type Verdict } from './dnd.ts';
import { onGuestFields } from './guest-fields.ts';
import { selectDisplayed } from './history.ts';
import type { RootState } from './store.ts';

export const selectView = (s: RootState) => s.plan.view;
// The board reads the state ON DISPLAY: the live view, or the plan as it was at the version a reviewer travelled to.
export { selectDisplayed };
const selectGuests = (s: RootState) => selectDisplayed(s).guests;
export const selectTables = (s: RootState) => selectDisplayed(s).tables;
const selectPhysical = (s: RootState) => selectDisplayed(s).physicalTables;
const selectRooms = (s: RootState) => selectDisplayed(s).rooms;

/** The server withdrew this browser's access to the plan (revoked, or refused at join): nothing may be done here. */
export const selectWithdrawn = (s: RootState) => s.session.status === 'failed' && s.session.errorCode === 'Forbidden';
export const selectRole = (s: RootState) => (selectWithdrawn(s) ? null : (s.plan.role ?? s.session.links?.role ?? null));
export const selectIsOrganiser = (s: RootState) => selectRole(s) === 'organise';
export const selectLoaded = (s: RootState) => s.plan.planId !== null;
/** Editing controls show only for organisers looking at the live plan (the past is read-only). */
export const selectCanEdit = (s: RootState) => selectIsOrganiser(s) && s.history.viewing === null;

export const selectTotals = createSelector([selectGuests, selectTables], (guests, tables) => planTotals({ guests, tables } as PlanState));

/** Accessibility is a constraint once any physical table on display is marked accessible (read by every table card). */
export const selectAccessChecked = createSelector([selectPhysical], (physical) => Object.values(physical).some((p) => p.accessible));

/** The guests' ids by name: sorted again only when a name changed or guests came or went (guest-fields.ts). */
const nameOrder = onGuestFields(['name'], (guests) =>
  Object.values(guests)
    .sort(byName)
    .map((g) => g.id),
);

/** All guests by name, as they are on display (a seat change gives a guest a new object, in the same place). */
export const selectGuestsByName = createSelector([selectGuests], (guests) => nameOrder(guests).map((id) => entity(guests, id)!));

/** How each guest on display reads where a planner must know which guest is meant (the domain's guestLabels): the
 *  name, with what tells two guests of one name apart. Made again only when one of those details changed. */
export const selectGuestLabels = createSelector([selectGuests], onGuestFields(GUEST_LABEL_FIELDS, guestLabels));

/** What the planner narrows guests down to: the search text, seated/unseated and the find filters. */
export const selectCriteria = createSelector(
  [(s: RootState) => s.ui.search, (s: RootState) => s.ui.filter, (s: RootState) => s.find],
  (text, seated, f): GuestCriteria => ({
    text,
    seated: seated === 'all' ? null : seated,
    department: f.department,
    party: f.party,
    dietary: f.dietary,
    vip: f.vip,
    accessibility: f.accessibility,
    needs: f.needs,
  }),
);

/** Guests the list shows, after search and filter. */
export const selectVisibleGuests = createSelector([selectGuestsByName, selectCriteria], (guests, criteria): Guest[] =>
  criteriaActive(criteria) ? guests.filter(guestFilter(criteria)) : guests,
);

/**
 * The guests the board marks, or null when nothing is being found. Seated/unseated is the list's own view and
 * leaves the board alone: "Unseated" must not dim every table while a planner seats people.
 */
export const selectMatchedGuestIds = createSelector([selectGuestsByName, selectCriteria], (guests, criteria): ReadonlySet<string> | null => {
  const board = { ...criteria, seated: null };
  return criteriaActive(board) ? new Set(guests.filter(guestFilter(board)).map((g) => g.id)) : null;
});

export type CardMatch = 'match' | 'dim';

/**
 * How the board marks each table while finding, or null when nothing is being found. A table matches by its
 * name or number (the search text), by a matching guest seated there, or — with "free seats" on — only when it
 * has a free seat and is not locked.
 */
export const selectTableMatches = createSelector(
  [selectTables, selectPhysical, selectMatchedGuestIds, selectCriteria, (s: RootState) => s.find.freeSeats],
  (tables, physical, guests, criteria, onlyFree): Record<string, CardMatch> | null => {
    if (!guests && !onlyFree) return null;
    const out: Record<string, CardMatch> = {};
    const text = criteria.text.trim();
    for (const t of Object.values(tables)) {
      const p = t.physicalTableId ? entity(physical, t.physicalTableId) : undefined;
      // A locked table takes nobody, whatever its empty chairs.
      let match = !onlyFree || (!t.locked && freeSeats(t, p?.capacity) > 0);
      if (match && guests) match = (text !== '' && tableMatches(t, text, p?.label)) || t.guestIds.some((id) => guests.has(id));
      out[t.id] = match ? 'match' : 'dim';
    }
    return out;
  },
);

/** How many tables the board marks as matching, or null when nothing is being found. */
export const selectMatchedTableCount = createSelector([selectTableMatches], (m) => (m ? Object.values(m).filter((v) => v === 'match').length : null));

/** Everybody's departments and parties, for the filter choices (sorted, each once). */
export const selectGuestFacets = createSelector([selectGuests], (guests) => {
  const departments = new Set<string>();
  const parties = new Set<string>();
  for (const g of Object.values(guests)) {
    if (g.department) departments.add(g.department);
    if (g.party) parties.add(g.party);
  }
  const sorted = (set: Set<string>) => [...set].sort(labelOrder.compare);
  return { departments: sorted(departments), parties: sorted(parties) };
});

/** Logical tables grouped by room (unplaced last). */
export const selectRoomGroups = createSelector([selectRooms, selectPhysical, selectTables], (rooms, physicalTables, tables) =>
  tablesByRoom({ rooms, physicalTables, tables } as PlanState),
);

/** physical table id → the logical table placed on it (one pass for the whole list). */
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
