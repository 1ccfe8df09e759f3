import { select } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/** Pixels per metre from which guest names are drawn at their chairs. */
export const NAMES_FROM = 40;
const MIN_K = 2;
const MAX_K = 200;

export interface ZoomApi {
  /** the current transform (metres → pixels), read without re-rendering */
  transform: RefObject<ZoomTransform>;
  /** whether names are drawn (changes only when the zoom crosses NAMES_FROM) */
  detailed: boolean;
  zoomBy(factor: number): void;
  fit(): void;
  /** centres the view on a point of the room (metres) */
  centreOn(x: number, y: number): void;
  /** pointer position (client px) → room metres */
  toRoom(clientX: number, clientY: number): { x: number; y: number };
}

/**
 * Pan and zoom by d3-zoom (wheel, drag on empty floor, pinch, double-click). The transform is written straight onto
 * the viewport group's attribute — no React render per frame; React hears only when names appear or disappear.
 * Pointer-downs on floor items (tables, fixtures) are left to their own drag.
 */
export function useZoom(svg: RefObject<SVGSVGElement | null>, viewport: RefObject<SVGGElement | null>, room: { widthM: number; depthM: number }, onChange?: (t: ZoomTransform) => void): ZoomApi {
  const transform = useRef<ZoomTransform>(zoomIdentity);
  const behaviour = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const [detailed, setDetailed] = useState(false);
  const changed = useRef(onChange);
  changed.current = onChange;

  const fitTransform = useCallback(() => {
    const el = svg.current;
    if (!el) return zoomIdentity;
    const { width, height } = el.getBoundingClientRect();
    const k = Math.max(MIN_K, Math.min(MAX_K, Math.min(width / (room.widthM + 2), height / (room.depthM + 2))));
    return zoomIdentity.translate((width - room.widthM * k) / 2, (height - room.depthM * k) / 2).scale(k);
  }, [svg, room.widthM, room.depthM]);

  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent([MIN_K, MAX_K])
      .filter((e: Event) => {
        const ev = e as MouseEvent;
        if ((ev.target as Element | null)?.closest?.('[data-floor-item]') && ev.type !== 'wheel') return false;
        return (!ev.ctrlKey || ev.type === 'wheel') && !ev.button;
      })
      .on('zoom', (e: D3ZoomEvent<SVGSVGElement, unknown>) => {
        transform.current = e.transform;
        viewport.current?.setAttribute('transform', e.transform.toString());
        setDetailed(e.transform.k >= NAMES_FROM);
        changed.current?.(e.transform);
      });
    behaviour.current = z;
    const sel = select(el);
    sel.call(z).on('dblclick.zoom', null);
    sel.call(z.transform, fitTransform());
    return () => {
      sel.on('.zoom', null);
    };
  }, [svg, viewport, fitTransform]);

  const zoomBy = useCallback((factor: number) => {
    if (svg.current && behaviour.current) select(svg.current).call(behaviour.current.scaleBy, factor);
  }, [svg]);
  const fit = useCallback(() => {
    if (svg.current && behaviour.current) select(svg.current).call(behaviour.current.transform, fitTransform());
  }, [svg, fitTransform]);
  const centreOn = useCallback((x: number, y: number) => {
    if (svg.current && behaviour.current) select(svg.current).call(behaviour.current.translateTo, x, y);
  }, [svg]);
  const toRoom = useCallback((clientX: number, clientY: number) => {
    const r = svg.current!.getBoundingClientRect();
    const [x, y] = transform.current.invert([clientX - r.left, clientY - r.top]);
    return { x, y };
  }, [svg]);

  return { transform, detailed, zoomBy, fit, centreOn, toRoom };
}
