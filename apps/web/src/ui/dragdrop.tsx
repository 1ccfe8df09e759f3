import { capital, entity, guestLabel, partyMembers, partyTitle, seatLimit, type Command, type PlanState } from '@seatfold/domain/core';
import { useDraggable, useDroppable } from '@dnd-kit/core';
import { createContext, useCallback, useContext, useId, useRef, useSyncExternalStore } from 'react';
import { accepted, dropCommand, sameSource, swapSentence, withSeen, type DragSource, type DropTarget } from '../app/dnd.ts';
import { useAppDispatch, useAppSelector, useAppStore } from '../app/store.ts';
import { uiActions } from '../app/ui.ts';
import { notificationsActions } from '../app/notifications.ts';
import { chosenInMenu } from '../app/parties.ts';

/** How components issue commands (the open plan's SyncClient). */
export const IssueContext = createContext<(command: Command) => string | null>(() => null);
export const useIssue = () => useContext(IssueContext);

/** What a draggable carries (dnd-kit `data`): the source and the words for it. */
export interface SourceData {
  source: DragSource;
  label: string;
}
/** What a droppable stands for (dnd-kit `data`): the target and the kind of source it takes. */
export interface TargetData {
  target: DropTarget;
  accepts: DragSource['kind'];
}

/** The source as the planner reads it: "guest Anna Braun", "Braun party (4 guests)", "table “G-07”". */
export function sourceName(source: DragSource, s: PlanState): string {
  switch (source.kind) {
    case 'guest':
      return `guest ${guestLabel(s.guests, source.guestId) ?? '?'}`;
    case 'party': {
      const n = partyMembers(s, source.party).length;
      return `${partyTitle(source.party)} (${n} guest${n === 1 ? '' : 's'})`;
    }
    case 'table':
      return `table “${entity(s.tables, source.tableId)?.name ?? '?'}”`;
  }
}

/** The target as the planner reads it, with the seats where that helps: "table “G-07”, 3 of 10 seats". */
export function targetName(target: DropTarget, s: PlanState): string {
  switch (target.kind) {
    case 'table': {
      const t = entity(s.tables, target.tableId);
      const p = t?.physicalTableId ? entity(s.physicalTables, t.physicalTableId) : undefined;
      return t ? `table “${t.name}”, ${t.guestIds.length} of ${seatLimit(t, p?.capacity)} seats` : 'a table that is gone';
    }
    case 'chip': {
      const g = entity(s.guests, target.guestId);
      const t = g?.tableId ? entity(s.tables, g.tableId) : undefined;
      return `${(g && guestLabel(s.guests, g.id)) ?? 'the guest'}${t ? ` at table “${t.name}”` : ''}`;
    }
    case 'physical': {
      const p = entity(s.physicalTables, target.physicalTableId);
      return p ? `physical table ${p.label}, seats ${p.capacity}` : 'a physical table that is gone';
    }
    case 'unseat':
      return 'the guest list (unseat)';
    case 'tray':
      return 'the tray of tables not placed';
  }
}

/** "Table “1” has 10 seats, but T-03 seats 6: 6 guests can sit there.", when a table stands on a smaller one. */
function fewerSeats(tableId: string, s: PlanState): string | null {
  const t = entity(s.tables, tableId);
  const p = t?.physicalTableId ? entity(s.physicalTables, t.physicalTableId) : undefined;
  if (!t || !p || p.capacity >= t.capacity) return null;
  const n = seatLimit(t, p.capacity);
  return `${capital(`table “${t.name}”`)} has ${t.capacity} seats, but ${p.label} seats ${p.capacity}: ${n} ${n === 1 ? 'guest' : 'guests'} can sit there.`;
}

/**
 * Issuing a drop (from a drag, or from a non-drag path such as the seat picker). The source carries what was seen
 * at pick-up (the store's drag, when it is the same thing): a change somebody else made meanwhile refuses the drop.
 * Returns the sentence for screen readers; a refused drop shows as a toast (role=alert) and says nothing here.
 */
export function useCarry() {
  const store = useAppStore();
  const dispatch = useAppDispatch();
  const issue = useIssue();

  const pickUp = useCallback(
    (source: DragSource, via: 'mouse' | 'keyboard') => {
      dispatch(uiActions.dragStarted({ ...withSeen(source, store.getState().plan.view), via }));
    },
    [store, dispatch],
  );

  const issueDrop = useCallback(
    (target: DropTarget | null, given: DragSource | null, via?: 'menu'): string => {
      const state = store.getState();
      const carried = state.ui.drag;
      const source: DragSource | null = given && !(carried && sameSource(given, carried)) ? given : (carried ?? given);
      if (carried) dispatch(uiActions.dragEnded());
      if (!source) return '';
      const view = state.plan.view;
      const command = target ? dropCommand(source, target, view) : null;
      if (!target || !command) return `Put down over no table. ${capital(sourceName(source, view))} is not moved.`;
      const id = issue(command);
      if (id && via === 'menu') chosenInMenu(id); // a refusal then says to choose again, not to drop again
      const after = store.getState();
      // A refused drop shows as a toast (role=alert); only successes are announced.
      if (!id || after.notifications.rejections.some((r) => r.commandId === id)) return '';
      // A swap says where each now sits (the target named "as it is now" would put the other guest at the first one's
      // old table: "on Anna at table 1" when Anna sat at 7).
      if (command.type === 'swapGuests') return swapSentence(command.guestId, command.otherGuestId, after.plan.view);
      // The source as it was named before, the target as it is now (with the guest counted).
      const said = `Dropped ${sourceName(source, view)} on ${targetName(target, after.plan.view)}.`;
      const smaller = source.kind === 'table' && target.kind === 'physical' ? fewerSeats(source.tableId, after.plan.view) : null;
      if (!smaller) return said;
      // Placed, but on a table with fewer chairs than it has seats: said where everybody sees it, not only read out.
      dispatch(notificationsActions.notice({ text: smaller, tone: 'info' }));
      return `${said} ${smaller}`;
    },
    [store, dispatch, issue],
  );

  /**
   * A drop outside a drag (seat picker, unplace button): announced in the app's own live region. `via: 'menu'` for a
   * table chosen in a guest's menu of tables, so that a refusal speaks of the menu, not of a drop.
   */
  const drop = useCallback(
    (target: DropTarget, given?: DragSource | null, via?: 'menu') => {
      const said = issueDrop(target, given ?? null, via);
      if (said) dispatch(uiActions.announce(said));
    },
    [issueDrop, dispatch],
  );

  const cancel = useCallback((): string => {
    const drag = store.getState().ui.drag;
    if (!drag) return '';
    dispatch(uiActions.dragEnded());
    return `Cancelled. ${capital(sourceName(drag, store.getState().plan.view))} is not moved.`;
  }, [store, dispatch]);

  return { pickUp, issueDrop, drop, cancel };
}

/**
 * Makes an element a drag source (dnd-kit: mouse, touch and keyboard). Returns the ref to attach and the listeners
 * to spread (pointer down, touch start, Space/Enter); the element keeps its own role and tab stop.
 */
export function useDragSource(source: DragSource | null, label: string) {
  const id = useId();
  // dnd-kit keeps `data` in a ref (read when a drag starts): a fresh object per render costs nothing.
  const data: SourceData | undefined = source ? { source, label } : undefined;
  const { setNodeRef, setActivatorNodeRef, listeners } = useDraggable({ id, data, disabled: !source });
  const ref = useCallback(
    (el: HTMLElement | null) => {
      setNodeRef(el);
      setActivatorNodeRef(el);
    },
    [setNodeRef, setActivatorNodeRef],
  );
  return { ref, listeners: source ? listeners : undefined };
}

/**
 * One drag source for many small elements (a card's seated chips): the element and what it carries are set when a
 * press lands on one, so 1,500 chips cost no hooks. `start` returns false when the event is not on a chip.
 */
export function useDelegatedDragSource(disabled: boolean) {
  const id = useId();
  const data = useRef<SourceData>({ source: { kind: 'guest', guestId: '' }, label: '' }).current;
  const { setNodeRef, listeners, active } = useDraggable({ id, data, disabled });
  const start = useCallback(
    (e: React.SyntheticEvent, el: HTMLElement, source: DragSource, label: string, via: 'onPointerDown' | 'onKeyDown' | 'onTouchStart') => {
      const listener = listeners?.[via] as ((e: React.SyntheticEvent) => void) | undefined;
      if (!listener || active) return;
      data.source = source;
      data.label = label;
      setNodeRef(el);
      listener(e);
    },
    [listeners, active, data, setNodeRef],
  );
  return start;
}

/**
 * Makes an element a drop target for one kind of source (guest targets also take a party), and says whether a drag
 * is over it. Every drop of the right kind is issued: a drop the plan refuses comes back as a rejection toast, so
 * the planner always learns why (targets that would refuse are marked while dragging).
 */
export function useDropTarget(target: DropTarget | null, accepts: DragSource['kind']) {
  const id = useId();
  const data: TargetData | undefined = target ? { target, accepts } : undefined; // kept in a ref by dnd-kit
  const { setNodeRef, isOver } = useDroppable({ id, data, disabled: !target });
  return { ref: setNodeRef, over: isOver && !!target };
}

/** How the accepted kind is being carried right now ('mouse' | 'keyboard'), or null. Subscribes: use sparingly. */
export function useCarrying(accepts: DragSource['kind']) {
  return useAppSelector((s) => (s.ui.drag && accepted(s.ui.drag.kind, accepts) ? s.ui.drag.via : null));
}

/** Whether a keyboard drag is under way (read when a key arrives: list and chip keys then belong to the drag). */
export function useKeyboardDragging() {
  const store = useAppStore();
  return useCallback(() => store.getState().ui.drag?.via === 'keyboard', [store]);
}

/** The seated chip a drag is over (cards refine a drop on them to a swap); set by the drag-and-drop provider. */
export function createChipOver() {
  let current: string | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(id: string | null) {
      if (id === current) return;
      current = id;
      listeners.forEach((l) => l());
    },
    subscribe(l: () => void) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
  };
}
export const ChipOverContext = createContext(createChipOver());

/** The chip of these guests that a drag is over, or null (re-renders only the card concerned). */
export function useChipOver(guestIds: readonly string[]) {
  const chip = useContext(ChipOverContext);
  const over = () => {
    const id = chip.get();
    return id && guestIds.includes(id) ? id : null;
  };
  return useSyncExternalStore(chip.subscribe, over, over);
}
