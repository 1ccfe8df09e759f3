import { memo, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { useDropTarget, useKeyboardDragging } from '../../ui/dragdrop.tsx';
import { chairPaths, tableWriting, type PlacedName } from './chairs.ts';
import type { FloorTable } from './layout.ts';

export type Highlight = 'moved' | 'seats' | 'both';

interface Props {
  table: FloorTable;
  /** drag preview offset (metres) */
  dx: number;
  dy: number;
  rotation: number;
  selected: boolean;
  detailed: boolean;
  /** the fill line is drawn (from FILL_FROM px/m; the accessible name always says it) */
  fills: boolean;
  /** guests' names placed and cut for the whole room (`placeNames`; drawn when detailed) */
  names: PlacedName[] | null;
  organiser: boolean;
  /** a guest, party or plan table is being carried: the table is a drop target meanwhile */
  carrying: boolean;
  highlight?: Highlight;
  /** the drop this table stands for would be refused (while a logical table or guest is carried) */
  refusal?: string;
  onPointerDown(e: PointerEvent<SVGGElement>, key: string): void;
  onKeyDown(e: KeyboardEvent<SVGGElement>, key: string): void;
}

const fmt = (v: number) => `${Math.round(v * 10) / 10} m`;
/** ", turned 15°" after R, as the name says where it stands (nothing when it stands square). */
export const turned = (rotation: number) => (rotation ? `, turned ${Math.round(rotation)}°` : '');

/** The accessible name of a table on the floor ("Table G-07, 8 of 10 seats, at 12.5 m, 4 m"); one nobody has moved yet
 * says the automatic layout put it there (not "not placed yet": that is the tray of plan tables on no physical table),
 * and one on a stage or a dance floor says so. */
export function tableName(t: FloorTable): string {
  const seated = t.logical?.guestIds.length ?? 0;
  const logical = t.logical ? ` (table ${t.logical.name})` : '';
  return `Table ${t.label}${logical}, ${seated} of ${t.seats} seats, at ${fmt(t.x)}, ${fmt(t.y)}${turned(t.rotation)}${t.standsOn ? `, on the ${t.standsOn}` : ''}${t.placed ? '' : ', where the automatic layout put it'}`;
}

/** The names numbered on the table's chairs, as its accessible name ends (", numbered chairs: 1 Anna Schmidt (chair 3)"). */
export function keyedNames(names: readonly PlacedName[] | null): string {
  const keyed = (names ?? []).flatMap((n) => (n.key === undefined ? [] : [`${n.key} ${n.name} (chair ${n.chair + 1})`]));
  return keyed.length ? `, numbered chairs: ${keyed.join(', ')}` : '';
}

function Outline({ t, rotation }: { t: FloorTable; rotation: number }) {
  const { widthM: w, depthM: d } = t;
  const turn = rotation ? `rotate(${rotation})` : undefined;
  if (t.shape === 'round') return <circle className="ft__top" r={w / 2} />;
  if (t.shape === 'oval') return <ellipse className="ft__top" rx={w / 2} ry={d / 2} transform={turn} />;
  return <rect className="ft__top" x={-w / 2} y={-d / 2} width={w} height={d} rx={0.05} transform={turn} />;
}

/**
 * The table's two drop targets (plan tables go to `place`, guests and parties to `seat`) on its group, mounted only
 * while something is carried: 156 tables would otherwise register 312 dnd-kit targets on every first draw of the
 * room (each registration copies dnd-kit's map of targets, then its context renders every target again). dnd-kit
 * measures targets that appear during a drag, and the keyboard's jumps read the targets when a key arrives.
 */
function TableTargets({
  node,
  physicalId,
  logicalId,
  onOver,
}: {
  node: RefObject<SVGGElement | null>;
  physicalId: string;
  logicalId: string | undefined;
  onOver(over: boolean): void;
}) {
  const place = useDropTarget({ kind: 'physical', physicalTableId: physicalId }, 'table');
  const seat = useDropTarget(logicalId ? { kind: 'table', tableId: logicalId } : null, 'guest');
  // dnd-kit types its node as an HTML element; it only measures the node's box, which an SVG group has too.
  const [placeRef, seatRef] = [place.ref as (el: Element | null) => void, seat.ref as (el: Element | null) => void];
  useLayoutEffect(() => {
    placeRef(node.current);
    seatRef(node.current);
  }, [node, placeRef, seatRef]);
  const over = place.over || seat.over;
  useEffect(() => {
    onOver(over);
    return () => onOver(false);
  }, [over, onOver]);
  return null;
}

/** One physical table drawn to scale: top, chairs (filled where somebody sits), number and fill; names when zoomed in. */
export const FloorTableShape = memo(function FloorTableShape({
  table: t,
  dx,
  dy,
  rotation,
  selected,
  detailed,
  fills,
  names,
  organiser,
  carrying,
  highlight,
  refusal,
  onPointerDown,
  onKeyDown,
}: Props) {
  const logical = t.logical;
  const seated = logical?.guestIds.length ?? 0;
  const node = useRef<SVGGElement>(null);
  const [over, setOver] = useState(false);
  const dragging = useKeyboardDragging(); // while a keyboard drag is under way, keys belong to it
  const chairs = chairPaths(t, rotation, seated);
  const [number, fill] = tableWriting(t);
  const at = `translate(${t.x + dx} ${t.y + dy})`;
  return (
    <>
      <g
        className="ft"
        data-floor-item="table"
        data-testid="floor-table"
        data-physical-id={t.id}
        data-table-id={logical?.id}
        data-label={t.label}
        data-x={t.x + dx}
        data-y={t.y + dy}
        data-rotation={rotation}
        data-selected={selected || undefined}
        data-highlight={highlight}
        data-over={(carrying && over) || undefined}
        data-refused={refusal ? true : undefined}
        data-on-fixture={t.standsOn ? true : undefined}
        transform={at}
        tabIndex={0}
        role="button"
        aria-pressed={organiser ? selected : undefined}
        aria-label={tableName(t) + keyedNames(names)}
        onPointerDown={organiser ? (e) => onPointerDown(e, `t:${t.id}`) : undefined}
        onKeyDown={(e) => !dragging() && onKeyDown(e, `t:${t.id}`)}
        ref={node}
      >
        {refusal && <title>{refusal}</title>}
        <Outline t={t} rotation={rotation} />
        {chairs.taken && <path className="ft__chair is-taken" d={chairs.taken} />}
        {chairs.free && <path className="ft__chair" d={chairs.free} />}
        {carrying && organiser && <TableTargets node={node} physicalId={t.id} logicalId={logical?.id} onOver={setOver} />}
      </g>
      {/* The writing lies beside the button, not in it: the button's name says it all ("Table G-07, 8 of 10 seats, at …").
          Zoomed out, the numbers are painted on the canvas over the floor instead (labels.ts). */}
      {fills && (
        <g className="ft__text" data-testid="floor-table-text" data-label={t.label} data-physical-id={t.id} transform={at} aria-hidden="true">
          <text className="ft__number" y={number.y}>
            {number.text}
          </text>
          <text className="ft__fill" y={fill.y} data-testid="floor-fill">
            {fill.text}
          </text>
          {detailed &&
            names?.map((n) =>
              n.key === undefined ? (
                // Cut to the room it has on the floor; the whole name on hover (and in the Chair order panel).
                <text
                  key={n.chair}
                  className="ft__name"
                  x={n.x}
                  y={n.y}
                  textAnchor={n.anchor}
                  data-testid="chair-name"
                  data-chair={n.chair}
                  data-name={n.name}
                >
                  {n.shown}
                  {n.shown !== n.name && <title>{n.name}</title>}
                </text>
              ) : (
                // No room beside the chair for a readable part of the name: its number on the chair, the whole name
                // on hover, in the key beside the floor and in the table's accessible name.
                <text
                  key={n.chair}
                  className="ft__key"
                  x={n.x}
                  y={n.y}
                  fontSize={n.size}
                  data-testid="chair-key"
                  data-chair={n.chair}
                  data-name={n.name}
                >
                  {n.key}
                  <title>{n.name}</title>
                </text>
              ),
            )}
        </g>
      )}
    </>
  );
});
