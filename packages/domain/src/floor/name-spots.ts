/*
 * Where a chair's name goes when the first place beside its chair leaves it little room: at banquet rows the chairs
 * stand closer than a name is wide, and a name's first place may be covered by a neighbour's table or a fixture.
 * Each chair offers a few spots, all beside it (`spotsBeside`); `chooseSpots` moves the most cramped names to the
 * spot that gives them most room, so a row of close chairs ends up staggered on two or three lines, each name
 * centred on its chair. Pure, in whatever unit the caller draws in.
 */

import { besideChair, lineOf, roomAmongShapes, roomBefore, type NameBox, type NameSpacing } from './names.ts';
import type { Point } from './plane.ts';

/**
 * The places a chair's name may go, best first: beside the chair (`besideChair`); a line further out (the second
 * line of a staggered row); for a chair not due north or south, a line higher or lower along its back (a name
 * centred on its chair stays centred: shifted sideways, it would read as its neighbour's); two lines further out.
 */
export function spotsBeside(at: Point, away: Point, clear: number, height: number, gap: number): NameBox[] {
  const line = height + gap / 2;
  const first = besideChair(at, away, clear, height);
  const spots = [first, besideChair(at, away, clear + line, height)];
  if (first.align !== 0.5)
    spots.push({ ...first, top: first.top - line, bottom: first.bottom - line }, { ...first, top: first.top + line, bottom: first.bottom + line });
  spots.push(besideChair(at, away, clear + 2 * line, height));
  return spots;
}

/** A name's room as far as it is any use: no more than its whole width. */
const useful = (room: number, need: number) => Math.min(room, need);
/** Rooms this close are the same (so ties keep the order the names came in: along a row, chair by chair). */
const same = (a: number, b: number) => Math.abs(a - b) < 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * For each name, the others it could meet at any of their spots: lines that overlap, anchors within `reach` of each
 * other's (twice the widest name with its gap). Sorted by height, so a room costs little more than the sort.
 */
function neighbours(spots: readonly (readonly NameBox[])[], reach: number): number[][] {
  const extent = spots.map((own) => ({
    top: Math.min(...own.map((b) => b.top)),
    bottom: Math.max(...own.map((b) => b.bottom)),
    left: Math.min(...own.map((b) => b.x)),
    right: Math.max(...own.map((b) => b.x)),
  }));
  const near = spots.map((): number[] => []);
  const byTop = extent.map((_, i) => i).sort((a, b) => extent[a]!.top - extent[b]!.top);
  byTop.forEach((i, a) => {
    for (let b = a + 1; b < byTop.length; b++) {
      const j = byTop[b]!;
      const [p, q] = [extent[i]!, extent[j]!];
      if (q.top >= p.bottom) break;
      if (q.left - p.right > 2 * reach || p.left - q.right > 2 * reach) continue;
      near[i]!.push(j);
      near[j]!.push(i);
    }
  });
  return near;
}

/**
 * One spot for each name out of its `spots` (as `spotsBeside` gives them), and the room it has there
 * (`roomBeside`). Every name starts at its first spot; then, most cramped first, a name with less room than its
 * whole width (`needs`) moves to the spot where it has most, if that gains it about a letter (half a line), of
 * spots as good the earlier; a name that fits stays. Names it comes to share a line with keep at least the room it
 * takes there (two names that meet share the room between them), so the cramped gain and nobody drops below them.
 * A name moved out comes back when its earlier spot has become as good. A few rounds; greedy, not the best layout,
 * but never one where names meet: the rooms returned are measured for the spots returned.
 */
export function chooseSpots(
  spots: readonly (readonly NameBox[])[],
  needs: readonly number[],
  shapes: readonly (readonly Point[])[],
  spacing: NameSpacing,
): { boxes: NameBox[]; room: number[] } {
  const boxes = spots.map((s) => s[0]!);
  const line = lineOf(spots.flat());
  const among = roomAmongShapes(shapes, line, spacing.max + spacing.gap, spacing.gap);
  const near = neighbours(spots, spacing.max + spacing.gap);
  const roomAt = (i: number, box: NameBox) => {
    let room = Math.min(spacing.max, among(box));
    for (const j of near[i]!) room = Math.min(room, roomBefore(box, boxes[j]!, spacing.gap));
    return room;
  };
  // every name's room where it is: what roomBeside measures, asking only the names it could meet
  const measure = () => boxes.map((box, i) => roomAt(i, box));
  let room = measure();
  for (let round = 0; round < 3; round++) {
    const cramped = boxes
      .map((_, i) => i)
      .filter((i) => room[i]! < Math.min(needs[i]!, spacing.max))
      .sort((a, b) => {
        const [ra, rb] = [useful(room[a]!, needs[a]!), useful(room[b]!, needs[b]!)];
        return same(ra, rb) ? 0 : ra - rb;
      });
    let moved = false;
    for (const i of cramped) {
      // a move must gain about a letter (half a line's height); of spots as good, the earlier wins
      let best = useful(roomAt(i, boxes[i]!), needs[i]!);
      let to: NameBox | undefined;
      for (const spot of spots[i]!) {
        if (spot === boxes[i]) continue;
        const r = useful(roomAt(i, spot), needs[i]!);
        if (to ? r > best : r >= best + line / 2) [best, to] = [r, spot];
      }
      if (to) {
        boxes[i] = to;
        moved = true;
      }
    }
    // a name moved out comes back nearer its chair where, after the others' moves, it has as much room there
    spots.forEach((own, i) => {
      const at = own.indexOf(boxes[i]!);
      if (at <= 0) return;
      const here = useful(roomAt(i, boxes[i]!), needs[i]!);
      const back = own.slice(0, at).find((spot) => useful(roomAt(i, spot), needs[i]!) >= here);
      if (back) [boxes[i], moved] = [back, true];
    });
    if (!moved) break;
    room = measure();
  }
  return { boxes, room };
}
