import {
  DndContext,
  DragOverlay,
  useDndContext,
  getClientRect,
  PointerSensor,
  TouchSensor,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragMoveEvent,
  type DragStartEvent,
  type DroppableContainer,
  type KeyboardCoordinateGetter,
  type Over,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { getEventCoordinates } from '@dnd-kit/utilities';
import { capital, entity } from '@seatfold/domain/core';
import { useLayoutEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent, type ReactNode, type RefObject } from 'react';
import { accepted, dropVerdict, type DragSource, type DropTarget } from '../app/dnd.ts';
import { useAppStore } from '../app/store.ts';
import { uiActions } from '../app/ui.ts';
import { PromptKeyboardSensor } from './keyboard-sensor.ts';
import { ChipOverContext, createChipOver, sourceName, targetName, useCarry, type SourceData, type TargetData } from './dragdrop.tsx';

/** Mouse and pen start at once (after a few pixels); a finger goes to the TouchSensor, which waits so it can still scroll. */
class MouseSensor extends PointerSensor {
  static override activators = [
    {
      eventName: 'onPointerDown' as const,
      handler: ({ nativeEvent: e }: ReactPointerEvent) => e.isPrimary && e.button === 0 && e.pointerType !== 'touch',
    },
  ];
}

/** What is carried, kept by the provider from the drag's start: dnd-kit forgets a source's data when its element
 * unmounts mid-drag (a table somebody else placed meanwhile moves from the tray to its spot). */
type Carried = { current: DragSource | null };
const targetOf = (o: Over | DroppableContainer | null) => (o?.data.current as TargetData | undefined) ?? null;
const takes = (c: DroppableContainer, kind: DragSource['kind']) => {
  const t = targetOf(c);
  return !c.disabled && !!t && accepted(kind, t.accepts);
};

/**
 * Pointer: the smallest target under the pointer that takes what is carried (a floor-plan table is two targets of
 * one size, one for tables and one for guests). Keyboard: the target the arrow keys or Tab moved to.
 */
function collisions(
  carried: Carried,
  keyboardTarget: { current: UniqueIdentifier | null },
  seen: { current: DroppableContainer[] },
): CollisionDetection {
  // The pointer where the last answer was given, and what it was over. When the target under a pointer that has not
  // moved is gone (another organiser removed the table held over, and the next card slid into its place), the drag is
  // over nothing until the pointer moves, so a release never drops on a table the planner did not point at. (A target
  // that is still there but no longer under the still pointer is followed: that is the board scrolling, by the wheel
  // or dnd-kit's own scroll at the edge.)
  let last: { source: DragSource | null; x: number; y: number; over: UniqueIdentifier | null; held: boolean } | null = null;
  return ({ droppableContainers, droppableRects, pointerCoordinates: p }) => {
    seen.current = droppableContainers;
    const kind = carried.current?.kind;
    if (!kind) return [];
    const fits = droppableContainers.filter((c) => takes(c, kind));
    if (!p) return fits.filter((c) => c.id === keyboardTarget.current).map((c) => ({ id: c.id, data: { droppableContainer: c } }));
    let best: DroppableContainer | null = null;
    let area = Infinity;
    for (const c of fits) {
      const r = droppableRects.get(c.id);
      if (!r || p.x < r.left || p.x > r.left + r.width || p.y < r.top || p.y > r.top + r.height) continue;
      if (r.width * r.height < area) [best, area] = [c, r.width * r.height];
    }
    const still = last !== null && last.source === carried.current && last.x === p.x && last.y === p.y;
    const gone = last?.over != null && !fits.some((c) => c.id === last!.over);
    const held = still && (last!.held || gone);
    last = { source: carried.current, x: p.x, y: p.y, over: held ? null : (best?.id ?? null), held };
    return best && !held ? [{ id: best.id, data: { droppableContainer: best } }] : [];
  };
}

const STEP: Record<string, 1 | -1> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Tab: 1 };

/** The point dnd-kit moves the drag to so that it is centred on an element (brought into view first). */
function centreOn(el: HTMLElement, size: { width: number; height: number } | null) {
  el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const r = el.getBoundingClientRect();
  const s = size ?? { width: 0, height: 0 };
  return { x: r.left + (r.width - s.width) / 2, y: r.top + (r.height - s.height) / 2 };
}

/**
 * Tab and Left/Right jump to the next target that takes what is carried, in page order (Shift+Tab, Left: back); Up and
 * Down to the nearest one above or below as the board is drawn (`nextUpOrDown`), in page order where none lies that way.
 * The first jump starts from where the carried thing is (a guest picked up at table 3 goes to table 4, not to the top
 * of the page), and targets where a drop would change nothing (the unseat zone for a guest not seated, the table a
 * guest sits at) are passed over. Over a table, Alt+Down and Alt+Up step through the guests seated at it
 * (`keyboardChip`): a guest dropped on one of them swaps places with them, as a mouse drop on a seated guest does —
 * so a swap, the one way to change seats at two full tables, needs no mouse.
 */
function jumps(
  carried: Carried,
  keyboardTarget: { current: UniqueIdentifier | null },
  keyboardChip: { current: string | null },
  onChip: (guestId: string | null) => void,
  changesNothing: (c: DroppableContainer) => boolean,
): KeyboardCoordinateGetter {
  return (event, { context }) => {
    if (event.altKey && (event.code === 'ArrowDown' || event.code === 'ArrowUp') && !event.ctrlKey && !event.metaKey) {
      const source = carried.current;
      const table = context.droppableContainers.getEnabled().find((c) => c.id === keyboardTarget.current);
      if (source?.kind !== 'guest' || targetOf(table ?? null)?.target.kind !== 'table') return undefined;
      const chips = Array.from(table!.node.current?.querySelectorAll<HTMLElement>('[data-testid="seated-guest"]') ?? []).filter(
        (el) => el.dataset.guestId && el.dataset.guestId !== source.guestId,
      );
      if (chips.length === 0) return undefined;
      const step = event.code === 'ArrowDown' ? 1 : -1;
      const at = chips.findIndex((el) => el.dataset.guestId === keyboardChip.current);
      const next = chips[at < 0 ? (step > 0 ? 0 : chips.length - 1) : (at + step + chips.length) % chips.length]!; // in range: non-empty
      keyboardChip.current = next.dataset.guestId!;
      onChip(keyboardChip.current);
      return centreOn(next, context.collisionRect);
    }
    let step = STEP[event.code];
    if (!step || event.altKey || event.ctrlKey || event.metaKey) return undefined;
    if (event.code === 'Tab' && event.shiftKey) step = -1;
    const kind = carried.current?.kind;
    if (!kind) return undefined;
    const all = context.droppableContainers
      .getEnabled()
      .filter((c) => takes(c, kind) && c.node.current?.isConnected)
      .sort((a, b) => (a.node.current!.compareDocumentPosition(b.node.current!) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    const order = all.filter((c) => c.id === keyboardTarget.current || !changesNothing(c));
    if (order.length === 0) return undefined;
    const land = (next: DroppableContainer) => {
      keyboardTarget.current = next.id;
      keyboardChip.current = null;
      onChip(null);
      return centreOn(next.node.current!, context.collisionRect); // filtered on isConnected above
    };
    let at = order.findIndex((c) => c.id === keyboardTarget.current);
    if (at >= 0 && (event.code === 'ArrowDown' || event.code === 'ArrowUp')) {
      const over = nextUpOrDown(order, order[at]!, step);
      if (over) return land(over);
    }
    if (at < 0) {
      // First jump: from the target around what was picked up (its table), as if the drag stood there.
      const picked = context.active ? context.draggableNodes.get(context.active.id)?.node.current : null;
      const home = picked ? all.findLast((c) => c.node.current!.contains(picked)) : undefined;
      if (home) {
        const after = order.findIndex((c) => c.node.current!.compareDocumentPosition(home.node.current!) & Node.DOCUMENT_POSITION_PRECEDING);
        // the targets after home in page order start at `after`; stepping forward lands there, back on the one before
        at = (after < 0 ? order.length : after) - (step > 0 ? 1 : 0);
      }
    }
    return land(order[at < 0 ? (step > 0 ? 0 : order.length - 1) : (at + step + order.length) % order.length]!); // in range: modulo a non-empty list
  };
}

/**
 * Down (step 1) or Up (-1) from a target: the nearest one in that direction as the board is drawn — the card below in
 * a grid of tables, the table below on a floor plan — whose centre lies at least half a target lower (higher), the
 * nearest by the vertical distance plus twice the sideways one (straight below before diagonally below). Null when
 * none lies that way: the step then goes on in page order (Down from the last row to the next target).
 */
function nextUpOrDown(order: readonly DroppableContainer[], from: DroppableContainer, step: 1 | -1): DroppableContainer | null {
  const a = from.node.current!.getBoundingClientRect();
  const [ax, ay] = [a.left + a.width / 2, a.top + a.height / 2];
  let best: DroppableContainer | null = null;
  let bestScore = Infinity;
  for (const c of order) {
    if (c === from) continue;
    const b = c.node.current!.getBoundingClientRect();
    const dy = (b.top + b.height / 2 - ay) * step;
    if (dy < Math.min(a.height, b.height) / 2) continue;
    const score = dy + 2 * Math.abs(b.left + b.width / 2 - ax);
    if (score < bestScore) [best, bestScore] = [c, score];
  }
  return best;
}

const INSTRUCTIONS =
  'To pick up a guest, a party or a table, press Space or Enter. Move to a table with the arrow keys or Tab, then press Space or Enter to drop it there, or Escape to cancel. Over a table, Alt+Down and Alt+Up step through the guests seated there: a guest dropped on one swaps places with them.';

/**
 * After a keyboard drop, focus stays where the planner is working: dnd-kit gives it back to what was picked up, but
 * a drop can take that away (a plan table placed from the tray leaves it). Then the target dropped on takes it
 * (itself, or its first control), not the page. Looked at after the frame, once dnd-kit and the lists have done theirs.
 */
function keepFocus(target: HTMLElement | null | undefined) {
  requestAnimationFrame(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (!lost || !target?.isConnected) return;
    const el = target.matches('[tabindex], button, a[href]') ? target : target.querySelector<HTMLElement>('[tabindex="0"], button, a[href]');
    el?.focus();
  });
}

/** Keeps `targetsRef` on the targets dnd-kit has registered, from the commit that registers them. */
function LiveTargets({ targetsRef }: { targetsRef: RefObject<DroppableContainer[]> }) {
  const { droppableContainers } = useDndContext();
  useLayoutEffect(() => {
    targetsRef.current = droppableContainers.toArray();
  }, [droppableContainers, targetsRef]);
  return null;
}

/** The seated chip under a point, if it lies inside the given target element. */
function chipAt(x: number, y: number, within: Element | null | undefined): string | null {
  if (!within) return null;
  for (const el of document.elementsFromPoint(x, y)) {
    const chip = el.closest<HTMLElement>('[data-testid="seated-guest"]');
    if (chip && within.contains(chip)) return chip.dataset.guestId ?? null;
  }
  return null;
}

/**
 * Drag and drop for the plan screen, on dnd-kit: pointer (mouse, pen), touch and keyboard sensors, the drop rules of
 * app/dnd.ts, and announcements in the planner's words. What the planner saw is captured when the drag begins.
 */
export function DragDropProvider({ children }: { children: ReactNode }) {
  const store = useAppStore();
  const { pickUp, issueDrop, cancel } = useCarry();
  const [chipOver] = useState(createChipOver);
  const keyboardTarget = useRef<UniqueIdentifier | null>(null);
  /** the seated guest the keyboard stepped to (Alt+Down/Up) at the table it is over, or null */
  const keyboardChip = useRef<string | null>(null);
  const said = useRef('');
  const [label, setLabel] = useState<string | null>(null);
  const carried = useRef<DragSource | null>(null);
  const jump = useMemo(
    () =>
      jumps(
        carried,
        keyboardTarget,
        keyboardChip,
        (guestId) => {
          chipOver.set(guestId);
          // dnd-kit speaks when the target changes; a seated guest of the same table is said here.
          if (guestId) store.dispatch(uiActions.announce(overText(null, { kind: 'chip', guestId }) ?? ''));
        },
        (c) => {
          const source = carried.current;
          const target = targetOf(c)?.target;
          return !!source && !!target && dropVerdict(store.getState().ui.drag ?? source, target, view()).state === 'noop';
        },
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- built once: it reads the refs, the store and overText's refs at call time
    [],
  );
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
    useSensor(PromptKeyboardSensor, {
      coordinateGetter: jump,
      keyboardCodes: { start: ['Space', 'Enter'], cancel: ['Escape'], end: ['Space', 'Enter'] },
    }),
  );
  // The targets as dnd-kit last listed them (for a keyboard drop where focus is, and a pointer drop on a chip).
  const containers = useRef<DroppableContainer[]>([]);
  const detect = useMemo(() => collisions(carried, keyboardTarget, containers), []);
  // Every target registered now. The list above is as the last collision check saw it, and targets that appear with
  // the pick-up (the floor plan's tables) are in it only once dnd-kit has measured them, a render or two later: a
  // keyboard drop on a busy machine can arrive before that, and went nowhere.
  const live = useRef<DroppableContainer[]>([]);
  const nodeOf = (id: UniqueIdentifier | undefined) => live.current.find((c) => c.id === id)?.node.current;

  const view = () => store.getState().plan.view;
  const overText = (over: Over | null, chip?: DropTarget): string | undefined => {
    const source = carried.current;
    const target = chip ?? targetOf(over)?.target;
    if (!source) return undefined;
    if (!target) return `${capital(sourceName(source, view()))} is over no table.`;
    const drag = store.getState().ui.drag ?? source;
    const v = dropVerdict(drag, target, view());
    const outcome =
      v.state === 'refused'
        ? ` Not possible: ${v.reason}`
        : v.state === 'noop'
          ? ' Already there.'
          : chip && drag.kind === 'guest' && entity(view().guests, drag.guestId)?.tableId
            ? ' Drop to swap places.'
            : '';
    return `Over ${targetName(target, view())}.${outcome}`;
  };
  const announcements: Announcements = {
    onDragStart: () => {
      const source = carried.current;
      return source ? `Picked up ${sourceName(source, view())}.` : undefined;
    },
    onDragOver: ({ over }) => overText(over),
    onDragMove: () => undefined,
    onDragEnd: () => said.current || undefined,
    onDragCancel: () => said.current || undefined,
  };

  // Where a pointer is now: where it went down plus how far it moved.
  const pointAt = (e: DragMoveEvent | DragEndEvent) => {
    const start = getEventCoordinates(e.activatorEvent);
    return start ? { x: start.x + e.delta.x, y: start.y + e.delta.y } : null;
  };
  const chipUnder = (e: DragMoveEvent | DragEndEvent): string | null => {
    const p = pointAt(e);
    const target = targetOf(e.over)?.target;
    if (!p || target?.kind !== 'table') return null;
    return chipAt(p.x, p.y, nodeOf(e.over?.id));
  };

  /** A keyboard drop goes where focus is, when the planner moved focus onto a target (or a seated chip) meanwhile. */
  const focusedTarget = (e: DragEndEvent): DropTarget | null => {
    const el = document.activeElement;
    if (!el || el === e.activatorEvent?.target) return null;
    const chip = el.closest<HTMLElement>('[data-testid="seated-guest"]')?.dataset.guestId;
    const source = carried.current;
    if (chip && source && !(source.kind === 'guest' && source.guestId === chip)) return { kind: 'chip', guestId: chip };
    if (!source) return null;
    // The innermost target around the focused element that takes what is carried.
    const around = live.current.filter((c) => takes(c, source.kind) && c.node.current?.contains(el));
    const inner = around.find((c) => around.every((o) => o === c || o.node.current!.contains(c.node.current))); // filtered on node above
    return targetOf(inner ?? null)?.target ?? null;
  };

  return (
    <ChipOverContext.Provider value={chipOver}>
      <DndContext
        sensors={sensors}
        collisionDetection={detect}
        // Targets and sources measured as drawn: dnd-kit's default takes transforms off (for sortable lists), which
        // would move a floor-plan table (an SVG group placed by its transform) away from where it is seen, and put
        // the chip of a guest row (the virtual list places rows by translateY) that far above the pointer.
        measuring={{ droppable: { measure: getClientRect }, draggable: { measure: getClientRect } }}
        accessibility={{ announcements, screenReaderInstructions: { draggable: INSTRUCTIONS } }}
        onDragStart={(e: DragStartEvent) => {
          const data = e.active.data.current as SourceData | undefined;
          if (!data) return;
          keyboardTarget.current = null;
          keyboardChip.current = null;
          said.current = '';
          setLabel(data.label);
          carried.current = data.source;
          pickUp(data.source, e.activatorEvent instanceof KeyboardEvent ? 'keyboard' : 'mouse');
        }}
        onDragMove={(e) => chipOver.set(e.activatorEvent instanceof KeyboardEvent ? keyboardChip.current : chipUnder(e))}
        onDragOver={(e) => chipOver.set(e.activatorEvent instanceof KeyboardEvent ? keyboardChip.current : chipUnder(e))}
        onDragEnd={(e) => {
          const keyboard = e.activatorEvent instanceof KeyboardEvent;
          const chip = keyboard ? keyboardChip.current : chipUnder(e);
          const over = targetOf(e.over)?.target ?? null;
          const target = (keyboard ? focusedTarget(e) : null) ?? (chip ? { kind: 'chip' as const, guestId: chip } : over);
          chipOver.set(null);
          setLabel(null);
          said.current = issueDrop(target, carried.current);
          carried.current = null;
          if (keyboard) keepFocus(nodeOf(e.over?.id));
        }}
        onDragCancel={() => {
          chipOver.set(null);
          setLabel(null);
          said.current = cancel();
          carried.current = null;
        }}
      >
        <LiveTargets targetsRef={live} />
        {children}
        <DragOverlay dropAnimation={null}>{label ? <div className="drag-overlay">{label}</div> : null}</DragOverlay>
      </DndContext>
    </ChipOverContext.Provider>
  );
}
