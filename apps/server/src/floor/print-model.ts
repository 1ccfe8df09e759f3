import {
  autoLayout,
  awayFromTable,
  bounds,
  CHAIR_DEPTH_M,
  countMeals,
  entity,
  fixturesIn,
  footprint,
  MEAL_CATEGORIES,
  physicalTablesIn,
  rotateAbout,
  seatOrderOf,
  seatPositions,
  spotsBeside,
  tableOn,
  tableShape,
  type MealCategory,
  type MealCounts,
  type PhysicalTable,
  type Placement,
  type PlanState,
  type Point,
} from '@seatfold/domain';
import type { PrintMeasure } from './print-fonts.ts';
import { printNames, type NameSpec } from './print-names.ts';
import { tableTexts } from './print-table-text.ts';

/**
 * A room drawn for print, as page primitives in points (1/72 inch) on an A4 landscape page: one model, two
 * renderers (PDF by pdfkit, PNG by resvg from SVG), so the venue's and the caterer's copies show the same thing.
 */
export type Prim =
  /** `dash`: an edge that is not a wall (a room nobody has sized ends where its tables do) */
  | { t: 'poly'; points: Point[]; fill: string; stroke: string; width: number; dash?: boolean }
  /** the room's background image, drawn faded and cut to the room's outline (`clip`) */
  | {
      t: 'image';
      x: number;
      y: number;
      width: number;
      height: number;
      bytes: Uint8Array;
      clip: { x: number; y: number; width: number; height: number };
    }
  | { t: 'text'; x: number; y: number; text: string; size: number; bold?: boolean; anchor: 'start' | 'middle' | 'end'; color: string };

export interface PrintPage {
  width: number;
  height: number;
  title: string;
  prims: Prim[];
}

export const PAGE = { width: 842, height: 595, margin: 28, titleH: 34, legendH: 58 };

const SHORT: Record<MealCategory, string> = {
  vegetarian: 'V',
  vegan: 'VG',
  pescatarian: 'P',
  'gluten-free': 'GF',
  'lactose-free': 'LF',
  'no-nuts': 'NN',
  halal: 'H',
  kosher: 'K',
};

/** "8 · V2 GF1 +1": guests at the table, then its special meals (the legend spells the letters out). */
export function mealLine(c: MealCounts): string {
  const parts = MEAL_CATEGORIES.filter((m) => c.categories[m.key] > 0).map((m) => `${SHORT[m.key]}${c.categories[m.key]}`);
  const other = c.other.reduce((n, o) => n + o.count, 0);
  if (other > 0) parts.push(`+${other}`);
  return [`${c.guests}`, ...(parts.length ? [parts.join(' ')] : [])].join(' · ');
}

const ring = (at: Placement, w: number, d: number, round: boolean): Point[] => {
  const n = round ? 36 : 4;
  const pts: Point[] = [];
  for (let i = 0; i < n; i++) {
    if (round) {
      const a = (2 * Math.PI * i) / n;
      pts.push(rotateAbout(at.x, at.y, (w / 2) * Math.cos(a), (d / 2) * Math.sin(a), at.rotation));
    } else {
      // A rectangle has n = 4 corners, so i always names one of them.
      const [dx, dy] = (
        [
          [-w / 2, -d / 2],
          [w / 2, -d / 2],
          [w / 2, d / 2],
          [-w / 2, d / 2],
        ] as const
      )[i]!;
      pts.push(rotateAbout(at.x, at.y, dx, dy, at.rotation));
    }
  }
  return pts;
};

/** The page outside a room whose outline runs from `a` (north-west) to `b` (south-east), as four rectangles. */
function outside(a: Point, b: Point): Point[][] {
  const far = PAGE.width;
  const box = (l: number, t: number, r: number, bo: number): Point[] => [
    { x: l, y: t },
    { x: r, y: t },
    { x: r, y: bo },
    { x: l, y: bo },
  ];
  return [
    box(a.x - far, a.y - far, a.x, b.y + far),
    box(b.x, a.y - far, b.x + far, b.y + far),
    box(a.x, a.y - far, b.x, a.y),
    box(a.x, b.y, b.x, b.y + far),
  ];
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A stored background image as the print needs it (PNG or JPEG bytes and the size in pixels). */
export interface PrintImage {
  width: number;
  height: number;
  bytes: Uint8Array;
}

/** The legend's lines: where the first is written, how far apart, how big, how many the page has room for. */
const LEGEND = { top: PAGE.height - PAGE.margin - PAGE.legendH + 8, step: 10, size: 7.5, lines: 7 };
/** The legend's `i`th line. */
const legendLine = (text: string, i: number): Prim => ({
  t: 'text',
  x: PAGE.margin,
  y: LEGEND.top + i * LEGEND.step,
  text,
  size: LEGEND.size,
  anchor: 'start',
  color: '#333333',
});

/**
 * The key of names with no room beside their chair, as legend lines after the `used` ones ("Numbered chairs (no
 * room beside them): 1 Anna Schmidt · 2 …"), wrapped to the page's width on the lines the legend has left; when
 * they are too few, the last entries give way to how many more there are.
 */
export function keyLines(key: readonly string[], used: number, measure: PrintMeasure): string[] {
  if (key.length === 0) return [];
  const room = Math.max(1, LEGEND.lines - used);
  const fits = (t: string) => measure(t, LEGEND.size) <= PAGE.width - 2 * PAGE.margin;
  /**
   * The entries wrapped greedily, given up as soon as they need more lines than the legend has left: the lines, or
   * null and how many entries had found a place. A key of thousands of names costs the few lines' worth, not all.
   */
  const wrap = (entries: readonly string[]): { lines: string[] | null; placed: number } => {
    const lines = ['Numbered chairs (no room beside them):'];
    for (const [i, entry] of entries.entries()) {
      const last = lines[lines.length - 1]!;
      const longer = last.endsWith(':') ? `${last} ${entry}` : `${last} · ${entry}`;
      if (fits(longer)) lines[lines.length - 1] = longer;
      else if (lines.length < room) lines.push(entry);
      else return { lines: null, placed: i };
    }
    return { lines, placed: entries.length };
  };
  const entries = key.map((name, i) => `${i + 1} ${name}`);
  const all = wrap(entries);
  if (all.lines) return all.lines;
  // More entries than those that fitted alone cannot fit with "and … more" after them: count down from there.
  for (let n = Math.min(all.placed, entries.length - 1); n > 0; n--) {
    const { lines } = wrap([...entries.slice(0, n), `and ${entries.length - n} more (see the table lists)`]);
    if (lines) return lines;
  }
  return [`Numbered chairs (no room beside them): ${key.length} (see the table lists)`];
}

/** The widest a guest's name is printed, in metres of floor: about a table's width, so it never crosses one. */
const NAME_MAX_M = 2.5;

/**
 * One room as a print page; `names` puts the guests' names beside their chairs, outside the table (`spotsBeside`:
 * staggered where chairs stand close), each cut to the room it has before another name (a neighbouring table's
 * too), a table top, a chair, a fixture, the room's outline or any other text on the page (`printNames`), measured
 * by `measure` (the print font's widths); a table's number or label and its meal line as `tableTexts` places them, clear of its chairs; `background` is the room's background image when it has one and it could be loaded (drawn under the
 * tables at its placed scale).
 */
export function roomPage(s: PlanState, roomId: string, names: boolean, background: PrintImage | null, measure: PrintMeasure): PrintPage {
  const room = entity(s.rooms, roomId)!;
  const inRoom = physicalTablesIn(s, roomId);
  const placed = inRoom.filter((p) => p.x !== undefined && p.y !== undefined);
  const fixtures = fixturesIn(s, roomId);
  // A room nobody has arranged is drawn in the view's automatic grid (clear of its fixtures); otherwise only placed
  // tables are drawn, and the legend lists the others: a grid place among chosen ones would read as a real one.
  const auto = placed.length === 0 ? autoLayout(room, inRoom, fixtures) : {};
  const where = (p: PhysicalTable): Placement | null =>
    p.x !== undefined && p.y !== undefined ? { x: p.x, y: p.y, rotation: p.rotation ?? 0 } : (auto[p.id] ?? null);
  const drawn = inRoom.flatMap((p) => {
    const at = where(p);
    return at ? [{ p: { ...p, ...at }, at }] : [];
  });

  // the room's extent: its size, or what is drawn in it
  let w = room.widthM ?? 0;
  let d = room.depthM ?? 0;
  if (room.widthM === undefined || room.depthM === undefined) {
    for (const x of [...drawn.map((t) => footprint(t.p)), ...fixtures.map((f) => footprint(f))]) {
      const b = bounds(x);
      w = Math.max(w, b.maxX + 1);
      d = Math.max(d, b.maxY + 1);
    }
    w = Math.max(w, 5);
    d = Math.max(d, 5);
  }
  const areaW = PAGE.width - 2 * PAGE.margin;
  const areaH = PAGE.height - 2 * PAGE.margin - PAGE.titleH - PAGE.legendH;
  const k = Math.min(areaW / w, areaH / d);
  // An unsized room's sides are no walls: printed with names, it leaves its east chairs' names, then its west
  // chairs' (the automatic grid starts a metre from x = 0), what room the page has beside it at this scale, up to a
  // name's widest. The outline runs from x0 to w.
  let x0 = 0;
  if (names && (room.widthM === undefined || room.depthM === undefined)) {
    const east = Math.max(0, Math.min(NAME_MAX_M - 1, areaW / k - w));
    x0 = -Math.max(0, Math.min(NAME_MAX_M - 1, areaW / k - w - east));
    w += east;
  }
  const ox = PAGE.margin + (areaW - (w - x0) * k) / 2 - x0 * k;
  const oy = PAGE.margin + PAGE.titleH;
  const pt = (q: Point): Point => ({ x: ox + q.x * k, y: oy + q.y * k });

  const prims: Prim[] = [];
  const title = `${room.name} — ${s.plan?.name ?? 'Seating plan'}`;
  prims.push({ t: 'text', x: PAGE.margin, y: PAGE.margin + 16, text: title, size: 16, bold: true, anchor: 'start', color: '#111111' });
  const sized = room.widthM !== undefined && room.depthM !== undefined;
  const sizeText = sized ? `${room.widthM} × ${room.depthM} m` : 'size not set (the dashed line is not a wall)';
  prims.push({
    t: 'text',
    x: PAGE.margin,
    y: PAGE.margin + 29,
    text: `${sizeText} · ${drawn.length} tables`,
    size: 9,
    anchor: 'start',
    color: '#555555',
  });
  // the room outline: its walls, or — without a size — a dashed line round what stands in it
  prims.push({
    t: 'poly',
    points: [
      { x: x0, y: 0 },
      { x: w, y: 0 },
      { x: w, y: d },
      { x: x0, y: d },
    ].map(pt),
    fill: '#ffffff',
    stroke: sized ? '#222222' : '#777777',
    width: sized ? 1.5 : 0.8,
    ...(sized ? {} : { dash: true }),
  });
  const bg = room.background;
  if (bg && background) {
    // placed in metres like the view draws it: its left top at (x, y), widthM wide, its height by the aspect ratio
    const at = pt({ x: bg.x, y: bg.y });
    const clip = pt({ x: x0, y: 0 });
    prims.push({
      t: 'image',
      x: at.x,
      y: at.y,
      width: bg.widthM * k,
      height: ((bg.widthM * background.height) / background.width) * k,
      bytes: background.bytes,
      clip: { ...clip, width: (w - x0) * k, height: d * k },
    });
  }

  // what names may not be written over: past the room's outline, every fixture, table top and chair
  const keepClear: Point[][] = outside(pt({ x: x0, y: 0 }), pt({ x: w, y: d }));
  for (const f of fixtures) {
    const pts = ring({ x: f.x, y: f.y, rotation: f.rotation }, f.widthM, f.depthM, false).map(pt);
    keepClear.push(pts);
    prims.push({ t: 'poly', points: pts, fill: f.kind === 'pillar' ? '#9a9a9a' : '#e8e4f5', stroke: '#6b6395', width: 0.8 });
    const c = pt({ x: f.x, y: f.y });
    prims.push({ t: 'text', x: c.x, y: c.y + 3, text: cut(f.label, 24), size: 8, anchor: 'middle', color: '#3b3563' });
  }

  const nameSize = Math.max(3.5, Math.min(6, k * 0.18));
  // between a name and its chair, another name or anything drawn: half a letter
  const nameGap = nameSize * 0.4;
  const nameTexts: NameSpec[] = [];
  for (const { p, at } of drawn) {
    const top = tableShape(p);
    const round = top.shape === 'round' || top.shape === 'oval';
    const logical = tableOn(s, p.id);
    const outline = ring(at, top.widthM, top.depthM, round).map(pt);
    keepClear.push(outline);
    prims.push({
      t: 'poly',
      points: outline,
      fill: logical ? '#fdf3d8' : '#f2f2f2',
      stroke: '#8a6d1f',
      width: 0.8,
    });
    const guests = logical
      ? seatOrderOf(logical)
          .map((id) => entity(s.guests, id))
          .filter((g) => g !== undefined)
      : [];
    const chairs: Point[][] = [];
    // The chairs a guest can take, as the screen draws them: the plan table's seats, at most the physical table's.
    seatPositions(p, logical ? Math.min(logical.capacity, p.capacity) : p.capacity).forEach((seat, i) => {
      const c = pt(seat);
      const r = Math.max(1.5, 0.2 * k);
      const chair = ring({ x: c.x, y: c.y, rotation: 0 }, 2 * r, 2 * r, true);
      keepClear.push(chair);
      chairs.push(chair);
      prims.push({ t: 'poly', points: chair, fill: guests[i] ? '#8a6d1f' : '#ffffff', stroke: '#8a6d1f', width: 0.5 });
      if (names && guests[i])
        nameTexts.push({
          spots: spotsBeside(c, awayFromTable(seat.facing), r + nameGap, nameSize, nameGap),
          chair: { ...c, r },
          text: guests[i].name,
        });
    });
    // Writing in the table stays within its top and half a chair each side (names start beyond the chairs).
    const across = Math.max(...outline.map((q) => q.x)) - Math.min(...outline.map((q) => q.x)) + CHAIR_DEPTH_M * k;
    const table = { top: outline, chairs, centre: pt(at), across, k };
    prims.push(...tableTexts(table, logical ? logical.name : p.label, !!logical, logical ? mealLine(countMeals(guests)) : null, measure));
  }

  // the legend
  const used = MEAL_CATEGORIES.map((m) => `${SHORT[m.key]} ${m.label}`).join(' · ');
  const lines = [
    'Bold number: the table (as planned); grey: a physical table with no table on it. Filled chairs are taken.',
    'With each number (under or beside it, or below a small table): guests seated · special meals, +n other needs (the catering sheet lists them).',
    `Meals: ${used}.`,
    `Scale: 1 m = ${((k / 72) * 25.4).toFixed(1)} mm on this page.${placed.length === 0 && inRoom.length > 0 ? ' Not yet arranged: tables shown in a grid.' : ''}`,
  ];
  const unplaced = inRoom.filter((p) => !where(p)).map((p) => p.label);
  if (unplaced.length) lines.push(`Not placed in this room yet: ${cut(unplaced.join(', '), 160)}`);
  // Left out (gone, over the pixel limit or damaged): said, or the page would pass for the room as planned.
  if (room.background && !background) lines.push('The venue plan behind this room could not be printed: upload it again (PNG or JPEG).');
  const printed = printNames(nameTexts, keepClear, [...prims, ...lines.map(legendLine)], measure, {
    size: nameSize,
    gap: nameGap,
    max: NAME_MAX_M * k,
  });
  lines.push(...keyLines(printed.key, lines.length, measure));
  prims.push(...lines.map(legendLine), ...printed.texts);
  return { width: PAGE.width, height: PAGE.height, title, prims };
}

/** The print pages of these rooms (in this order), each with its background image when it has one and it loaded. */
export function printPages(s: PlanState, roomIds: string[], names: boolean, images: Map<string, PrintImage>, measure: PrintMeasure): PrintPage[] {
  return roomIds.map((id) => {
    const bg = entity(s.rooms, id)?.background;
    return roomPage(s, id, names, (bg && images.get(bg.imageId)) ?? null, measure);
  });
}
