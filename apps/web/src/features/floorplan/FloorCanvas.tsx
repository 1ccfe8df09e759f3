import type { ZoomTransform } from 'd3-zoom';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useAppSelector } from '../../app/store.ts';
import { FixtureShape } from './FixtureShape.tsx';
import { FloorTableShape, type Highlight } from './FloorTableShape.tsx';
import { nameKey, placeNames } from './chairs.ts';
import { floorItems, withHeld, type FloorItem, type Move } from './items.ts';
import type { FloorRoom } from './layout.ts';
import { Minimap } from './Minimap.tsx';
import { NameKey } from './NameKey.tsx';
import { useFloorDrag, type Preview } from './useFloorDrag.ts';
import { useMarquee } from './useMarquee.ts';
import { useChairDrag } from './useChairDrag.ts';
import { useNames } from './useFloorRoom.ts';
import { useLabelCanvas } from './useLabelCanvas.ts';
import { useZoom } from './useZoom.ts';
import { ZoomBar } from './ZoomBar.tsx';

interface Props {
  floor: FloorRoom;
  organiser: boolean;
  selection: ReadonlySet<string>;
  setSelection(s: ReadonlySet<string>): void;
  highlights: Record<string, Highlight> | null;
  onDrop(moves: Move[]): void;
  onGhost?(moves: Move[] | null): void;
  /** a guest's name dragged to another chair of the table (organisers only) */
  onOrderSeats?(tableId: string, guestIds: string[], done: string): void;
  onKeyDown(e: KeyboardEvent<SVGGElement>, key: string, items: Map<string, FloorItem>): void;
  /** a run of arrow steps not sent yet (useHeldNudge): drawn moved, and every action takes the items where drawn */
  nudged?: Preview | null;
  /** drawn under the tables (the background image) and over them (other organisers' ghosts) */
  under?: ReactNode;
  over?: ReactNode;
}

/** Rooms wider or deeper than this get a minimap. */
const MINIMAP_FROM_M = 25;
/** What keeps a drag in a room nobody has sized: its north and west walls only (see drawn.ts). */
const NO_FAR_WALLS = { widthM: Infinity, depthM: Infinity };

/** The room drawn to scale in SVG (1 unit = 1 m), panned and zoomed by d3-zoom, with tables and fixtures on it. */
export function FloorCanvas({
  floor,
  organiser,
  selection,
  setSelection,
  highlights,
  onDrop,
  onGhost,
  onOrderSeats,
  onKeyDown,
  nudged = null,
  under,
  over,
}: Props) {
  const surface = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const viewport = useRef<SVGGElement>(null);
  const labelCanvas = useRef<HTMLCanvasElement>(null);
  const listen = useRef<((t: ZoomTransform) => void) | null>(null);
  const paintLabels = useRef<((t: ZoomTransform) => void) | null>(null);
  const minimap = floor.widthM > MINIMAP_FROM_M || floor.depthM > MINIMAP_FROM_M;
  const onZoom = useCallback((t: ZoomTransform) => {
    listen.current?.(t);
    paintLabels.current?.(t);
  }, []);
  const zoom = useZoom(surface, svg, viewport, { id: floor.room.id, widthM: floor.widthM, depthM: floor.depthM }, onZoom);
  // Names only when they are drawn (zoomed in): none are looked up for the first draw of the whole room.
  const names = useNames(zoom.detailed ? floor : null);
  // placed and cut for the whole room at once, so neighbouring tables' names keep clear of each other
  const placed = useMemo(
    () => (zoom.detailed ? placeNames(floor.tables, names, floor.fixtures) : {}),
    [zoom.detailed, floor.tables, floor.fixtures, names],
  );
  const key = useMemo(() => nameKey(floor.tables, placed), [floor.tables, placed]);
  const carrying = useAppSelector((s) => s.ui.drag !== null);
  const later = useAfterFirstPaint();
  const items = useMemo(() => withHeld(floorItems(floor), nudged), [floor, nudged]);
  const canvas = useMemo(() => ({ rect: () => surface.current!.getBoundingClientRect(), panBy: zoom.panBy }), [zoom.panBy]);
  const { preview, onPointerDown } = useFloorDrag({
    items,
    selection,
    setSelection,
    toRoom: zoom.toRoom,
    room: floor.sized ? floor : NO_FAR_WALLS,
    canvas,
    onDrop,
    onGhost,
  });
  const marquee = useMarquee({ items, selection, setSelection, toRoom: zoom.toRoom, room: floor.sized ? floor : NO_FAR_WALLS, canvas });
  const noOrder = useCallback(() => undefined, []);
  const chairDrag = useChairDrag({
    tables: floor.tables,
    toRoom: zoom.toRoom,
    onOrder: onOrderSeats ?? noOrder,
    names,
    room: floor.sized ? floor : NO_FAR_WALLS,
    canvas,
  });
  const keys = useCallback((e: KeyboardEvent<SVGGElement>, key: string) => onKeyDown(e, key, items), [onKeyDown, items]);
  const moving = preview ?? nudged;
  const offset = (key: string) => (moving?.keys.has(key) ? moving : null);
  paintLabels.current = useLabelCanvas({ canvas: labelCanvas, tables: floor.tables, offset: moving, on: !zoom.fills, transform: zoom.transform });

  return (
    <div className="floor-main">
      {/* Said above the canvas, not on the floor: in the drawing's scale it was a few pixels high once zoomed out. */}
      {!floor.sized && (
        <p className="floor-unsized-note" data-testid="floor-unsized-note">
          <svg className="floor-unsized-note__edge" viewBox="0 0 24 4" aria-hidden="true">
            <path d="M0 2H24" />
          </svg>
          Size not set: the dashed edges east and south are where the tables end, not walls.
        </p>
      )}
      <div
        ref={surface}
        className={organiser ? 'floor-canvas is-organiser' : 'floor-canvas'}
        data-testid="floor-canvas"
        data-room-id={floor.room.id}
        data-width-m={floor.widthM}
        data-depth-m={floor.depthM}
        // The room with the fit's margin of a metre each side (useZoom), so "Fit room" leaves no empty band.
        style={{ aspectRatio: `${floor.widthM + 2} / ${floor.depthM + 2}` }}
      >
        <ZoomBar zoom={zoom} />
        <svg
          ref={svg}
          className="floor-canvas__svg"
          data-testid="floor-svg"
          role="group"
          aria-label={`Floor plan of ${floor.room.name}, ${floor.sized ? `${floor.widthM} m by ${floor.depthM} m` : 'size not set'}`}
          onPointerDown={(e) => {
            if (onOrderSeats && chairDrag.start(e)) return;
            const empty = e.target === e.currentTarget || (e.target as Element).classList.contains('floor-room');
            if (empty && !marquee.start(e)) setSelection(new Set());
          }}
        >
          <defs>
            <pattern id={`grid-${floor.room.id}`} width={1} height={1} patternUnits="userSpaceOnUse">
              <path d="M 1 0 L 0 0 0 1" className="floor-grid" />
            </pattern>
          </defs>
          <g ref={viewport}>
            <rect className={floor.sized ? 'floor-room' : 'floor-room is-unsized'} x={0} y={0} width={floor.widthM} height={floor.depthM} />
            {!floor.sized && <UnsizedEdges widthM={floor.widthM} depthM={floor.depthM} />}
            {under}
            <rect
              className="floor-room__grid"
              x={0}
              y={0}
              width={floor.widthM}
              height={floor.depthM}
              fill={`url(#grid-${floor.room.id})`}
              pointerEvents="none"
            />
            {floor.fixtures.map((f) => {
              const o = offset(`f:${f.id}`);
              return (
                <FixtureShape
                  key={f.id}
                  fixture={f}
                  dx={o?.dx ?? 0}
                  dy={o?.dy ?? 0}
                  rotation={f.rotation}
                  selected={selection.has(`f:${f.id}`)}
                  organiser={organiser}
                  highlight={!!highlights?.[`f:${f.id}`]}
                  onPointerDown={onPointerDown}
                  onKeyDown={keys}
                />
              );
            })}
            {floor.tables.map((t) => {
              const o = offset(`t:${t.id}`);
              return (
                <FloorTableShape
                  key={t.id}
                  table={t}
                  dx={o?.dx ?? 0}
                  dy={o?.dy ?? 0}
                  rotation={t.rotation}
                  selected={selection.has(`t:${t.id}`)}
                  detailed={zoom.detailed}
                  fills={zoom.fills}
                  names={placed[t.id] ?? null}
                  organiser={organiser}
                  carrying={carrying}
                  highlight={highlights?.[t.id]}
                  onPointerDown={onPointerDown}
                  onKeyDown={keys}
                />
              );
            })}
            {preview?.guides.map((g, i) =>
              g.axis === 'x' ? (
                <line key={i} className="floor-guide" data-testid="floor-guide" x1={g.at} x2={g.at} y1={g.from} y2={g.to} />
              ) : (
                <line key={i} className="floor-guide" data-testid="floor-guide" x1={g.from} x2={g.to} y1={g.at} y2={g.at} />
              ),
            )}
            {chairDrag.preview && (
              <text className="floor-chair-drag" data-testid="chair-drag" x={chairDrag.preview.x} y={chairDrag.preview.y - 0.15}>
                {chairDrag.preview.name}
              </text>
            )}
            {marquee.marquee && (
              <rect
                className="floor-marquee"
                data-testid="floor-marquee"
                x={marquee.marquee.x}
                y={marquee.marquee.y}
                width={marquee.marquee.w}
                height={marquee.marquee.h}
              />
            )}
            {over}
          </g>
        </svg>
        {/* The table numbers while the whole room is in view (labels.ts); decoration: the tables' names say them. */}
        <canvas ref={labelCanvas} className="floor-canvas__labels" aria-hidden="true" />
        {minimap && later && <Minimap floor={floor} listen={listen} transform={zoom.transform} svg={svg} onCentre={zoom.centreOn} />}
      </div>
      <NameKey entries={key} />
    </div>
  );
}

/**
 * False for the first render, true once the browser has painted it and is idle: what the first glance does not
 * need (the minimap) is drawn after the room, not before it.
 */
function useAfterFirstPaint(): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => {
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(() => setAfter(true), { timeout: 500 });
      return () => window.cancelIdleCallback(id);
    }
    const timer = window.setTimeout(() => setAfter(true), 100);
    return () => window.clearTimeout(timer);
  }, []);
  return after;
}

/**
 * A room nobody has sized: walls only where its coordinates start (north, west); east and south a dashed edge where
 * the floor drawn so far ends — it follows the tables, so it must not look like a wall. The words saying so stand
 * above the canvas (floor-unsized-note), readable at any zoom.
 */
function UnsizedEdges({ widthM, depthM }: { widthM: number; depthM: number }) {
  return (
    <g aria-hidden="true" pointerEvents="none">
      <path className="floor-wall" d={`M${widthM} 0H0V${depthM}`} />
      <path className="floor-edge" data-testid="floor-edge" d={`M${widthM} 0V${depthM}H0`} />
    </g>
  );
}
