import { entity, partyMembers, partyTitle, type Command, type PlanState } from '@seatfold/domain';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { accepted, dropCommand, sameSource, sourceFromTransfer, transferCarries, transferOf, withSeen, type DragSource, type DropTarget } from '../app/dnd.ts';
import { useAppDispatch, useAppSelector, useAppStore } from '../app/store.ts';
import { uiActions } from '../app/ui.ts';

/** How components issue commands (the open plan's SyncClient). */
export const IssueContext = createContext<(command: Command) => string | null>(() => null);
export const useIssue = () => useContext(IssueContext);

function sourceName(source: DragSource, s: PlanState): string {
  switch (source.kind) {
    case 'guest':
      return entity(s.guests, source.guestId)?.name ?? 'the guest';
    case 'party': {
      const n = partyMembers(s, source.party).length;
      return `${partyTitle(source.party)} (${n} guest${n === 1 ? '' : 's'})`;
    }
    case 'table':
      return `table “${entity(s.tables, source.tableId)?.name ?? '?'}”`;
  }
}
function targetName(target: DropTarget, s: PlanState): string {
  switch (target.kind) {
    case 'table':
      return `table “${entity(s.tables, target.tableId)?.name ?? '?'}”`;
    case 'chip':
      return entity(s.guests, target.guestId)?.name ?? 'the guest';
    case 'physical':
      return `physical table ${entity(s.physicalTables, target.physicalTableId)?.label ?? '?'}`;
    case 'unseat':
      return 'the guest list';
    case 'tray':
      return 'the tray of tables not placed';
  }
}

const hovered = new Set<() => void>();
const endHover = () => hovered.forEach((reset) => reset());
document.addEventListener('drop', endHover, true);
document.addEventListener('dragend', endHover, true);

// A mouse drag's pick-up is recorded one tick after dragstart (changing the DOM inside dragstart can cancel the
// drag in Chromium); if the drag already ended by then, it is not recorded at all.
let mouseDrag = 0;

/** Picking up, dropping and cancelling — by mouse (native drag and drop) or keyboard (Space/Enter, Escape). */
export function useCarry() {
  const store = useAppStore();
  const dispatch = useAppDispatch();
  const issue = useIssue();

  const pickUp = useCallback(
    (source: DragSource, via: 'mouse' | 'keyboard') => {
      const view = store.getState().plan.view;
      const name = sourceName(source, view);
      // What the planner sees now travels with the drop: a change made meanwhile by somebody else refuses it.
      dispatch(uiActions.dragStarted({ ...withSeen(source, view), via }));
      const where = source.kind === 'table' ? 'a physical table' : 'a table';
      dispatch(uiActions.announce(via === 'keyboard' ? `Picked up ${name}. Move to ${where} and press Enter to drop, Escape to cancel.` : `Picked up ${name}.`));
    },
    [store, dispatch],
  );

  const drop = useCallback(
    (target: DropTarget, given?: DragSource | null) => {
      const state = store.getState();
      const carried = state.ui.drag;
      // A mouse drop names its source in the DataTransfer; the store also knows what was seen at pick-up.
      const source: DragSource | null = given && !(carried && sameSource(given, carried)) ? given : (carried ?? given ?? null);
      mouseDrag++;
      if (state.ui.drag) dispatch(uiActions.dragEnded());
      if (!source) return;
      const view = state.plan.view;
      const command = dropCommand(source, target, view);
      if (!command) {
        dispatch(uiActions.announce(`${sourceName(source, view)} stays where they were.`));
        return;
      }
      const id = issue(command);
      const after = store.getState().notifications;
      // A refused drop shows as a toast (role=alert); only successes are announced here.
      if (id && !after.rejections.some((r) => r.commandId === id)) {
        dispatch(uiActions.announce(`Dropped ${sourceName(source, view)} on ${targetName(target, view)}.`));
      }
    },
    [store, dispatch, issue],
  );

  const cancel = useCallback(() => {
    const drag = store.getState().ui.drag;
    mouseDrag++;
    if (!drag) return;
    dispatch(uiActions.dragEnded());
    dispatch(uiActions.announce(`Cancelled. ${sourceName(drag, store.getState().plan.view)} stays where they were.`));
  }, [store, dispatch]);

  return { pickUp, drop, cancel };
}

/** dragstart of a native drag: what is carried goes into the DataTransfer (readable by any drop target). */
export function startMouseDrag(e: DragEvent<HTMLElement>, source: DragSource, label: string, pickUp: (s: DragSource, via: 'mouse') => void) {
  e.stopPropagation();
  e.dataTransfer.effectAllowed = 'move';
  e.dataTransfer.setData(...transferOf(source));
  e.dataTransfer.setData('text/plain', label);
  const seq = ++mouseDrag;
  setTimeout(() => {
    if (seq === mouseDrag) pickUp(source, 'mouse');
  }, 0);
}

export function endMouseDrag(dispatch: ReturnType<typeof useAppDispatch>) {
  mouseDrag++;
  dispatch(uiActions.dragEnded());
}

/** Props that make an element a drag source (mouse and keyboard). */
export function useDragSource(source: DragSource | null, label: string) {
  const { pickUp } = useCarry();
  const dispatch = useAppDispatch();
  const key = source ? transferOf(source)[1] : '';
  return useMemo(() => {
    if (!source) return {};
    return {
      draggable: true,
      onDragStart(e: DragEvent<HTMLElement>) {
        startMouseDrag(e, source, label, pickUp);
      },
      onDragEnd() {
        endMouseDrag(dispatch);
      },
      onKeyDown(e: KeyboardEvent<HTMLElement>) {
        if (e.key !== ' ' && e.key !== 'Enter') return;
        if (e.target !== e.currentTarget) return;
        e.preventDefault();
        e.stopPropagation();
        pickUp(source, 'keyboard');
      },
    };
  }, [source?.kind, key, label, pickUp, dispatch]);
}

/**
 * Props that make an element a drop target for one kind of source, plus whether something is hovering over it.
 * Every drop of the right kind is accepted and issued: a drop the plan refuses comes back as a rejection toast,
 * so the planner always learns why (targets that would refuse are marked while dragging).
 */
export function useDropTarget(target: DropTarget | null, accepts: DragSource['kind']) {
  const { drop } = useCarry();
  const store = useAppStore();
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  const targetRef = useRef(target);
  targetRef.current = target;

  // A drop on a nested target (a chip inside a card) never reaches the outer one: every hovered target resets
  // when any drag ends.
  useEffect(() => {
    if (!over) return;
    const reset = () => {
      depth.current = 0;
      setOver(false);
    };
    hovered.add(reset);
    return () => {
      hovered.delete(reset);
    };
  }, [over]);

  const props = useMemo(() => {
    if (!target) return {};
    const leave = () => {
      depth.current = 0;
      setOver(false);
    };
    return {
      onDragEnter(e: DragEvent<Element>) {
        if (!transferCarries(e.dataTransfer, accepts)) return;
        depth.current++;
        setOver(true);
      },
      onDragLeave(e: DragEvent<Element>) {
        if (!transferCarries(e.dataTransfer, accepts)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      },
      onDragOver(e: DragEvent<Element>) {
        if (!transferCarries(e.dataTransfer, accepts)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
      },
      onDrop(e: DragEvent<Element>) {
        if (!transferCarries(e.dataTransfer, accepts)) return;
        e.preventDefault();
        e.stopPropagation();
        leave();
        drop(targetRef.current!, sourceFromTransfer(e.dataTransfer));
      },
      onKeyDown(e: KeyboardEvent<Element>) {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        if (e.target !== e.currentTarget) return;
        // Only while something of the accepted kind is carried (read now, not subscribed: chips stay cheap).
        const carried = store.getState().ui.drag?.kind;
        if (!carried || !accepted(carried, accepts)) return;
        e.preventDefault();
        e.stopPropagation();
        drop(targetRef.current!);
      },
    };
  }, [!!target, accepts, drop, store]);

  return { props, over };
}

/** How the accepted kind is being carried right now ('mouse' | 'keyboard'), or null. Subscribes: use sparingly. */
export function useCarrying(accepts: DragSource['kind']) {
  return useAppSelector((s) => (s.ui.drag && accepted(s.ui.drag.kind, accepts) ? s.ui.drag.via : null));
}

/** Escape puts down whatever is carried by keyboard. */
export function useEscapeToCancel() {
  const { cancel } = useCarry();
  const carrying = useAppSelector((s) => s.ui.drag?.via === 'keyboard');
  useEffect(() => {
    if (!carrying) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        cancel();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [carrying, cancel]);
}
