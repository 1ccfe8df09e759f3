import type { ZoomTransform } from 'd3-zoom';
import { memo, useEffect, useState, type RefObject } from 'react';
import type { FloorRoom } from './layout.ts';

const SIZE = 160;

/**
 * The whole room small, with the part on screen outlined, while part of the room is off screen; a click centres the
 * view there. Mouse only: the keyboard pans with the zoom buttons and by moving focus between tables (hidden from
 * assistive tech).
 */
export const Minimap = memo(function Minimap({
  floor,
  listen,
  transform,
  svg,
  onCentre,
}: {
  floor: FloorRoom;
  listen: RefObject<((t: ZoomTransform) => void) | null>;
  /** the view's transform now (the minimap may appear after the view was first placed) */
  transform: RefObject<ZoomTransform>;
  svg: RefObject<SVGSVGElement | null>;
  onCentre(x: number, y: number): void;
}) {
  // Its own state: a pan re-renders the minimap only, never the floor.
  const [view, setView] = useState<ZoomTransform | null>(null);
  useEffect(() => {
    setView(transform.current);
    listen.current = setView;
    return () => {
      listen.current = null;
    };
  }, [listen, transform]);
  const k = SIZE / Math.max(floor.widthM, floor.depthM);
  const el = svg.current;
  let box = null;
  if (view && el) {
    const [x0, y0] = view.invert([0, 0]);
    const [x1, y1] = view.invert([el.clientWidth, el.clientHeight]);
    // The whole room is on screen (fitted, or zoomed out): nothing to find, and the map would only cover floor.
    if (x0 <= 0 && y0 <= 0 && x1 >= floor.widthM && y1 >= floor.depthM) return null;
    box = <rect className="minimap__view" x={x0} y={y0} width={x1 - x0} height={y1 - y0} />;
  }
  return (
    <svg
      className="minimap"
      data-testid="minimap"
      aria-hidden="true"
      width={floor.widthM * k}
      height={floor.depthM * k}
      viewBox={`0 0 ${floor.widthM} ${floor.depthM}`}
      onClick={(e) => {
        const r = e.currentTarget.getBoundingClientRect();
        onCentre(((e.clientX - r.left) / r.width) * floor.widthM, ((e.clientY - r.top) / r.height) * floor.depthM);
      }}
    >
      <rect className="minimap__room" width={floor.widthM} height={floor.depthM} />
      {floor.fixtures.map((f) => (
        <rect key={f.id} className="minimap__fixture" x={f.x - f.widthM / 2} y={f.y - f.depthM / 2} width={f.widthM} height={f.depthM} />
      ))}
      {floor.tables.map((t) => (
        <circle key={t.id} className="minimap__table" cx={t.x} cy={t.y} r={Math.max(t.widthM, t.depthM) / 2} />
      ))}
      {box}
    </svg>
  );
});
