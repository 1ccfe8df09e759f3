import { describe, expect, it } from 'vitest';
import { chooseSpots, spotsBeside } from './name-spots.ts';
import { fitText, roomBeside, spanInBand, type NameBox } from './names.ts';
import type { Point } from './plane.ts';

// Metres, as on the screen: names 0.18 high, a letter (and the ellipsis) 0.12 wide, chairs of radius 0.22.
const H = 0.18;
const GAP = 0.06;
const R = 0.22;
const spacing = { gap: GAP, max: 2.5 };
const measure = (t: string) => [...t].length * 0.12;
const disc = (c: Point, r: number): Point[] =>
  Array.from({ length: 16 }, (_, i) => ({ x: c.x + r * Math.cos((i * Math.PI) / 8), y: c.y + r * Math.sin((i * Math.PI) / 8) }));
const rect = (l: number, t: number, r: number, b: number): Point[] => [
  { x: l, y: t },
  { x: r, y: t },
  { x: r, y: b },
  { x: l, y: b },
];

/** The box a name takes as written (`text` at `box`). */
const written = (box: NameBox, text: string) => {
  const w = measure(text);
  const left = box.x - box.align * w;
  return { left, right: left + w, top: box.top, bottom: box.bottom };
};
type Written = ReturnType<typeof written>;
const meet = (a: Written, b: Written) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const over = (a: Written, shape: Point[]) => {
  const span = spanInBand(shape, a.top, a.bottom);
  return span !== null && span[0] < a.right && a.left < span[1];
};
const letters = (shown: string) => [...shown.replace('…', '')].length;

describe('spots for names beside their chairs', () => {
  // A banquet of 4.8 × 0.9 m with eight chairs 0.6 m apart along each side, every guest with a long name.
  const top = rect(0, -0.45, 4.8, 0.45);
  const chairs = Array.from({ length: 16 }, (_, i) => {
    const north = i < 8;
    return { at: { x: 0.3 + 0.6 * (i % 8), y: north ? -0.7 : 0.7 }, away: { x: 0, y: north ? -1 : 1 } };
  });
  const names = chairs.map((_, i) => `Katharina Zimmermann ${i}`);
  const shapes = [top, ...chairs.map((c) => disc(c.at, R))];
  const spots = chairs.map((c) => spotsBeside(c.at, c.away, R + GAP, H, GAP));

  it('stagger a banquet row on lines further out, so each name keeps seven letters or more, where its first place leaves three', () => {
    const first = roomBeside(
      spots.map((s) => s[0]!),
      shapes,
      spacing,
    );
    expect(Math.max(...names.map((n, i) => letters(fitText(n, first[i]!, measure))))).toBeLessThanOrEqual(3);

    const { boxes, room } = chooseSpots(
      spots,
      names.map((n) => measure(n)),
      shapes,
      spacing,
    );
    const shown = names.map((n, i) => fitText(n, room[i]!, measure));
    expect(Math.min(...shown.map(letters))).toBeGreaterThanOrEqual(7);
    // each centred on its chair, beyond its back, away from the table, on a line of its own
    boxes.forEach((b, i) => {
      expect(b.align).toBe(0.5);
      expect(b.x).toBeCloseTo(chairs[i]!.at.x);
      expect(i < 8 ? b.bottom <= -0.7 - R : b.top >= 0.7 + R).toBe(true);
    });
    expect(new Set(boxes.map((b) => b.top)).size).toBeGreaterThan(2);
    const taken = boxes.map((b, i) => written(b, shown[i]!));
    const clashes = taken.flatMap((a, i) => taken.slice(i + 1).flatMap((b, j) => (meet(a, b) ? [`${shown[i]} / ${shown[i + 1 + j]}`] : [])));
    expect(clashes).toEqual([]);
    expect(taken.filter((a) => shapes.some((s) => over(a, s)))).toEqual([]);
  });

  it('move a name whose first place is covered (a pillar at its chair) to another place beside the chair, whole', () => {
    // a chair east of its table (the table's edge 0.28 m west of it) and a pillar just east of it, over the name's first place
    const at = { x: 0, y: 0 };
    const table = rect(-1.5, -0.5, -0.28, 0.5);
    const pillar = rect(0.24, -0.08, 0.8, 0.08);
    const own = spotsBeside(at, { x: 1, y: 0 }, R + GAP, H, GAP);
    const obstacles = [table, disc(at, R), pillar];
    expect(roomBeside([own[0]!], obstacles, spacing)[0]).toBe(0);

    const { boxes, room } = chooseSpots([own], [measure('Li Wu')], obstacles, spacing);
    expect(fitText('Li Wu', room[0]!, measure)).toBe('Li Wu');
    const box = written(boxes[0]!, 'Li Wu');
    expect(obstacles.filter((s) => over(box, s))).toEqual([]);
    // beside the chair: starting at its back, within a line of its centre's height
    expect(box.left).toBeCloseTo(R + GAP);
    expect(Math.min(Math.abs(box.top), Math.abs(box.bottom))).toBeLessThanOrEqual(H);
  });
});
