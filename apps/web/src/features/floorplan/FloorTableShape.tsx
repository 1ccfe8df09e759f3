import { useCombinedRefs } from '@dnd-kit/utilities';
import { memo, type KeyboardEvent, type PointerEvent } from 'react';
import { useDropTarget, useKeyboardDragging } from '../../ui/dragdrop.tsx';
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
  /** guest names in chair order (drawn when detailed) */
  names: string[] | null;
  organiser: boolean;
  highlight?: Highlight;
  /** the drop this table stands for would be refused (while a logical table or guest is carried) */
  refusal?: string;
  onPointerDown(e: PointerEvent<SVGGElement>, key: string): void;
  onKeyDown(e: KeyboardEvent<SVGGElement>, key: string): void;
}

const CHAIR_R = 0.22;
/** Circles of chair size at the given centres, as one path. */
const chairPath = (at: { x: number; y: number }[]) =>
  at
    .map(
      (p) =>
        `M${(p.x - CHAIR_R).toFixed(3)} ${p.y.toFixed(3)}a${CHAIR_R} ${CHAIR_R} 0 1 0 ${2 * CHAIR_R} 0a${CHAIR_R} ${CHAIR_R} 0 1 0 ${-2 * CHAIR_R} 0`,
    )
    .join('') || undefined;

const fmt = (v: number) => `${Math.round(v * 10) / 10} m`;

/** The accessible name of a table on the floor ("Table G-07, 8 of 10 seats, at 12.5 m, 4 m"). */
export function tableName(t: FloorTable): string {
  const seated = t.logical?.guestIds.length ?? 0;
  const logical = t.logical ? ` (table ${t.logical.name})` : '';
  return `Table ${t.label}${logical}, ${seated} of ${t.capacity} seats, at ${fmt(t.x)}, ${fmt(t.y)}${t.placed ? '' : ' (not placed yet)'}`;
}

function Outline({ t }: { t: FloorTable }) {
  const { widthM: w, depthM: d } = t;
  if (t.shape === 'round') return <circle className="ft__top" r={w / 2} />;
  if (t.shape === 'oval') return <ellipse className="ft__top" rx={w / 2} ry={d / 2} />;
  return <rect className="ft__top" x={-w / 2} y={-d / 2} width={w} height={d} rx={0.05} />;
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
  highlight,
  refusal,
  onPointerDown,
  onKeyDown,
}: Props) {
  const logical = t.logical;
  const seated = logical?.guestIds.length ?? 0;
  const place = useDropTarget(organiser ? { kind: 'physical', physicalTableId: t.id } : null, 'table');
  const seat = useDropTarget(organiser && logical ? { kind: 'table', tableId: logical.id } : null, 'guest');
  // One element, two targets (dnd-kit measures the group's box): tables go to `place`, guests and parties to `seat`.
  const dragging = useKeyboardDragging(); // while a keyboard drag is under way, keys belong to it
  const dropRef = useCombinedRefs<SVGGElement | null>(place.ref as (el: SVGGElement | null) => void, seat.ref as (el: SVGGElement | null) => void);
  // Chairs are placed in room axes (rotated here), so their names stay upright.
  const rad = (rotation * Math.PI) / 180;
  const [c, s] = [Math.cos(rad), Math.sin(rad)];
  const chairs = t.chairs.map((p) => ({ x: p.x * c - p.y * s, y: p.x * s + p.y * c }));
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
        data-over={place.over || seat.over || undefined}
        data-refused={refusal ? true : undefined}
        transform={at}
        tabIndex={0}
        role="button"
        aria-pressed={organiser ? selected : undefined}
        aria-label={tableName(t)}
        onPointerDown={organiser ? (e) => onPointerDown(e, `t:${t.id}`) : undefined}
        onKeyDown={(e) => !dragging() && onKeyDown(e, `t:${t.id}`)}
        ref={dropRef}
      >
        {refusal && <title>{refusal}</title>}
        <g transform={rotation ? `rotate(${rotation})` : undefined}>
          <Outline t={t} />
        </g>
        {/* Chairs as two paths (taken, free), not a circle each: a tenth of the elements to lay out on a big floor. */}
        <path className="ft__chair is-taken" d={chairPath(chairs.slice(0, seated))} />
        <path className="ft__chair" d={chairPath(chairs.slice(seated))} />
      </g>
      {/* The writing lies beside the button, not in it: the button's name says it all ("Table G-07, 8 of 10 seats, at …"). */}
      <g className="ft__text" data-testid="floor-table-text" data-label={t.label} data-physical-id={t.id} transform={at} aria-hidden="true">
        <text className="ft__number" y={logical ? -0.05 : 0.1}>
          {logical ? logical.name : t.label}
        </text>
        {fills && (
          <text className="ft__fill" y={0.35} data-testid="floor-fill">
            {logical ? `${t.label} · ${seated}/${t.capacity}` : `${t.capacity} seats`}
          </text>
        )}
        {detailed &&
          names?.map((n, i) => {
            const chair = chairs[i];
            return chair ? (
              <text key={i} className="ft__name" x={chair.x * 1.25} y={chair.y * 1.25 + 0.06} data-testid="chair-name" data-chair={i}>
                {n}
              </text>
            ) : null;
          })}
      </g>
    </>
  );
});
