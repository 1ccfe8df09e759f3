import { seatOrderOf } from '@seatfold/domain/core';
import { useCallback, useEffect, useRef, useState, type PointerEvent } from 'react';
import { panNearEdge, type PanCanvas } from './edge-pan.ts';
import type { FloorTable } from './layout.ts';

/** A chair in room metres (the table's chairs rotated and placed). */
export function chairSpots(t: FloorTable): { x: number; y: number }[] {
  const rad = (t.rotation * Math.PI) / 180;
  const [c, s] = [Math.cos(rad), Math.sin(rad)];
  return t.chairs.map((p) => ({ x: t.x + p.x * c - p.y * s, y: t.y + p.x * s + p.y * c }));
}

/** How near (metres) a drop must be to a chair to land on it. */
const REACH_M = 0.6;

/**
 * The chair order after a guest's name is dropped on chair `to` of the table: the two swap places (chairs are
 * places, the one sitting there takes the freed chair); an empty chair sends the guest to the last seated chair.
 * Null when nothing changes.
 */
export function reorderedSeats(order: readonly string[], from: number, to: number): string[] | null {
  const target = Math.min(to, order.length - 1);
  if (from === target || from < 0 || from >= order.length) return null;
  const next = [...order];
  if (to >= order.length) {
    const [moved] = next.splice(from, 1);
    next.push(moved!);
    return next;
  }
  [next[from], next[target]] = [next[target]!, next[from]!];
  return next;
}

/** The chair of `t` nearest to a point, within reach, or null. */
export function chairAt(t: FloorTable, x: number, y: number): number | null {
  let best: number | null = null;
  let bestD = REACH_M;
  chairSpots(t).forEach((p, i) => {
    const d = Math.hypot(p.x - x, p.y - y);
    if (d <= bestD) [best, bestD] = [i, d];
  });
  return best;
}

interface Args {
  tables: FloorTable[];
  toRoom(clientX: number, clientY: number): { x: number; y: number };
  /** one reorder: the new chair order of the logical table and a sentence saying what happened */
  onOrder(tableId: string, guestIds: string[], done: string): void;
  names: Record<string, string[]>;
  /** the room's walls (infinite east and south when it has no size): the view pans no further past them */
  room: { widthM: number; depthM: number };
  /** the canvas on screen and a pan of the view: a name held near the canvas's edge pans it (edge-pan.ts) */
  canvas?: PanCanvas;
}

export interface ChairDragPreview {
  name: string;
  x: number;
  y: number;
}

/**
 * Reordering guests round a table by dragging a name (drawn from 40 px/m) onto another chair of the same table:
 * the existing chair-order command (`orderSeats`). The keyboard path is the ↑/↓ buttons of the side panel.
 * Held near the canvas's edge, the name pans the view on (`panNearEdge`), to a chair the canvas did not show.
 * `start` is called from the svg's pointer-down and answers whether it took the press.
 */
export function useChairDrag({ tables, toRoom, onOrder, names, room, canvas }: Args) {
  const [preview, setPreview] = useState<ChairDragPreview | null>(null);
  /** the name carried, and the pointer's last place (client px) */
  const drag = useRef<{ tableId: string; chair: number; name: string; at: { x: number; y: number } } | null>(null);
  const panning = useRef<(() => void) | null>(null);
  const latest = useRef({ tables, toRoom, onOrder, room, canvas });
  latest.current = { tables, toRoom, onOrder, room, canvas };

  const start = useCallback(
    (e: PointerEvent<SVGSVGElement>) => {
      const el = (e.target as Element).closest<SVGTextElement>('[data-chair]');
      const tableId = el?.closest<SVGGElement>('[data-physical-id]')?.dataset.physicalId;
      const chair = Number(el?.dataset.chair);
      if (!el || !tableId || !Number.isInteger(chair) || e.button !== 0) return false;
      const name = names[tableId]?.[chair];
      if (!name) return false;
      const d = { tableId, chair, name, at: { x: e.clientX, y: e.clientY } };
      drag.current = d;
      setPreview({ name, ...toRoom(e.clientX, e.clientY) });
      const { canvas } = latest.current;
      if (canvas)
        panning.current = panNearEdge(
          () => d.at,
          canvas,
          () => latest.current,
          () => setPreview({ name, ...latest.current.toRoom(d.at.x, d.at.y) }),
        );
      return true;
    },
    [names, toRoom],
  );

  useEffect(() => {
    const move = (e: globalThis.PointerEvent) => {
      const d = drag.current;
      if (!d) return;
      d.at = { x: e.clientX, y: e.clientY };
      setPreview({ name: d.name, ...latest.current.toRoom(e.clientX, e.clientY) });
    };
    const stop = () => {
      drag.current = null;
      panning.current?.();
      panning.current = null;
      setPreview(null);
    };
    const up = (e: globalThis.PointerEvent) => {
      const d = drag.current;
      if (!d) return;
      stop();
      const { tables, toRoom, onOrder } = latest.current;
      const t = tables.find((x) => x.id === d.tableId);
      if (!t?.logical) return;
      const p = toRoom(e.clientX, e.clientY);
      // dropped on a name of the table: its chair (names are written beside their chairs, a long one reaching far)
      const onName = document
        .elementsFromPoint(e.clientX, e.clientY)
        .find((el) => el.matches('[data-chair]') && el.closest<SVGGElement>('[data-physical-id]')?.dataset.physicalId === d.tableId);
      const to = onName ? Number(onName.getAttribute('data-chair')) : chairAt(t, p.x, p.y);
      if (to === null) return;
      const order = seatOrderOf(t.logical);
      const next = reorderedSeats(order, d.chair, to);
      if (next) onOrder(t.logical.id, next, `${d.name} now sits at chair ${next.indexOf(order[d.chair]!) + 1} of table ${t.logical.name}.`);
    };
    const key = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape' && drag.current) stop();
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', stop);
    window.addEventListener('keydown', key);
    return () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', stop);
      window.removeEventListener('keydown', key);
      panning.current?.();
    };
  }, []);

  return { preview, start };
}
