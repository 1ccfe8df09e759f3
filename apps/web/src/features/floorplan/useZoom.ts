import { select } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/** Pixels per metre from which guest names are drawn at their chairs. */
export const NAMES_FROM = 40;
/** Pixels per metre from which a table's fill line ("G-07 · 8/10") is drawn: below, it would be under 6 px high. */
export const FILL_FROM = 24;
/** What "Fit room" keeps clear above the room (the zoom bar) and at its other edges, in pixels. */
const FIT_TOP_PX = 44;
const FIT_EDGE_PX = 8;
const MIN_K = 2;
const MAX_K = 200;

export interface ZoomApi {
  /** the current transform (metres → pixels), read without re-rendering */
  transform: RefObject<ZoomTransform>;
  /** whether names are drawn (changes only when the zoom crosses NAMES_FROM) */
  detailed: boolean;
  /** whether fill lines are drawn (changes only when the zoom crosses FILL_FROM) */
  fills: boolean;
  zoomBy(factor: number): void;
  fit(): void;
  /** centres the view on a point of the room (metres) */
  centreOn(x: number, y: number): void;
  /** moves the view's content by (dx, dy) pixels */
  panBy(dx: number, dy: number): void;
  /** pointer position (client px) → room metres */
  toRoom(clientX: number, clientY: number): { x: number; y: number };
}

/** How long after the last step of a zoom gesture the plan is drawn afresh at its new scale. */
const SETTLE_MS = 150;

/**
 * Pan and zoom by d3-zoom (wheel, drag on empty floor, pinch, double-click), listening on `surface` (the canvas
 * box, never transformed). The transform is written straight onto the viewport group's attribute — no React render
 * per frame; React hears only when fill lines or names appear or disappear.
 *
 * While a gesture changes the scale, the plan is not drawn afresh: the svg is scaled as a picture (a CSS transform
 * on a composited layer, no layout and no paint) and drawn at the new scale SETTLE_MS after the last step. Measured
 * (bench floor-plan, docs/performance.md): re-drawing every step cost ~70 ms a frame, mostly laying out SVG text anew.
 * Pointer-downs on floor items (tables, fixtures) are left to their own drag.
 */
export function useZoom(
  surface: RefObject<HTMLDivElement | null>,
  svg: RefObject<SVGSVGElement | null>,
  viewport: RefObject<SVGGElement | null>,
  room: { id: string; widthM: number; depthM: number },
  onChange?: (t: ZoomTransform) => void,
): ZoomApi {
  const transform = useRef<ZoomTransform>(zoomIdentity);
  const behaviour = useRef<ZoomBehavior<HTMLDivElement, unknown> | null>(null);
  /** the last fitted transform (as text): while the view is still there, a resize fits the room again */
  const fitted = useRef('');
  const [detailed, setDetailed] = useState(false);
  const [fills, setFills] = useState(false);
  const changed = useRef(onChange);
  changed.current = onChange;

  const fitTransform = useCallback(() => {
    const el = svg.current;
    if (!el) return zoomIdentity;
    const [width, height] = [el.clientWidth, el.clientHeight];
    // A metre of floor around the room, and the zoom bar's strip above it kept clear.
    const [top, edge] = [FIT_TOP_PX, FIT_EDGE_PX];
    const k = Math.max(MIN_K, Math.min(MAX_K, Math.min((width - 2 * edge) / (room.widthM + 2), (height - top - edge) / (room.depthM + 2))));
    return zoomIdentity.translate((width - room.widthM * k) / 2, top + (height - top - edge - room.depthM * k) / 2).scale(k);
  }, [svg, room.widthM, room.depthM]);
  const fitting = useRef(fitTransform);
  fitting.current = fitTransform;

  useEffect(() => {
    const box = surface.current;
    const el = svg.current;
    if (!box || !el) return;
    let drawn = zoomIdentity;
    let settle = 0;
    const draw = (t: ZoomTransform) => {
      drawn = t;
      viewport.current?.setAttribute('transform', t.toString());
      el.style.transform = '';
      setDetailed(t.k >= NAMES_FROM);
      setFills(t.k >= FILL_FROM);
    };
    const z = zoom<HTMLDivElement, unknown>()
      .scaleExtent([MIN_K, MAX_K])
      .filter((e: Event) => {
        const ev = e as MouseEvent;
        const target = ev.target as Element | null;
        if (!target?.closest?.('.floor-canvas__svg')) return false;
        if (target.closest('[data-floor-item], [data-chair]') && ev.type !== 'wheel') return false;
        if (ev.shiftKey && ev.type !== 'wheel') return false; // Shift + drag on the floor draws a marquee (useMarquee)
        return (!ev.ctrlKey || ev.type === 'wheel') && !ev.button;
      })
      .on('zoom', (e: D3ZoomEvent<HTMLDivElement, unknown>) => {
        const t = e.transform;
        transform.current = t;
        if (e.sourceEvent && (t.k !== drawn.k || settle)) {
          const k = t.k / drawn.k;
          el.style.transform = `translate(${t.x - drawn.x * k}px, ${t.y - drawn.y * k}px) scale(${k})`;
          window.clearTimeout(settle);
          settle = window.setTimeout(() => {
            settle = 0;
            draw(transform.current);
          }, SETTLE_MS);
        } else draw(t);
        changed.current?.(t);
      });
    behaviour.current = z;
    const sel = select(box);
    sel.call(z).on('dblclick.zoom', null);
    const fitNow = () => {
      const t = fitting.current();
      fitted.current = t.toString();
      sel.call(z.transform, t);
    };
    fitNow();
    // A fitted room stays fitted when the canvas changes size (window resized, tools moved below it); a view the
    // planner zoomed or panned is left where they put it.
    const resized = new ResizeObserver(() => {
      if (transform.current.toString() === fitted.current) fitNow();
    });
    resized.observe(el);
    return () => {
      resized.disconnect();
      window.clearTimeout(settle);
      sel.on('.zoom', null);
    };
  }, [surface, svg, viewport, room.id]); // set up afresh, and fitted, for another room only (its extent: below)

  const zoomBy = useCallback(
    (factor: number) => {
      if (surface.current && behaviour.current) select(surface.current).call(behaviour.current.scaleBy, factor);
    },
    [surface],
  );
  // Fitting also brings the whole canvas on screen when the page has scrolled part of it away.
  const fit = useCallback(() => {
    if (!surface.current || !behaviour.current) return;
    surface.current.scrollIntoView({ block: 'nearest' });
    const t = fitTransform();
    fitted.current = t.toString();
    select(surface.current).call(behaviour.current.transform, t);
  }, [surface, fitTransform]);
  // A room nobody has sized grows when a table is dropped past its drawn edge: a fitted view is fitted to it again;
  // a view the planner zoomed or panned stays as they put it (set up afresh, it lost their zoom on every such drop).
  useEffect(() => {
    if (!surface.current || !behaviour.current || transform.current.toString() !== fitted.current) return;
    const t = fitTransform();
    fitted.current = t.toString();
    select(surface.current).call(behaviour.current.transform, t);
  }, [surface, fitTransform]);
  const centreOn = useCallback(
    (x: number, y: number) => {
      if (surface.current && behaviour.current) select(surface.current).call(behaviour.current.translateTo, x, y);
    },
    [surface],
  );
  const panBy = useCallback(
    (dx: number, dy: number) => {
      const k = transform.current.k;
      if (surface.current && behaviour.current) select(surface.current).call(behaviour.current.translateBy, dx / k, dy / k);
    },
    [surface],
  );
  // The surface's padding box is where the svg stands untransformed (d3-zoom measures from it too).
  const toRoom = useCallback(
    (clientX: number, clientY: number) => {
      const box = surface.current!;
      const r = box.getBoundingClientRect();
      const [x, y] = transform.current.invert([clientX - r.left - box.clientLeft, clientY - r.top - box.clientTop]);
      return { x, y };
    },
    [surface],
  );

  return { transform, detailed, fills, zoomBy, fit, centreOn, panBy, toRoom };
}
