import { describe, expect, it } from 'vitest';
import { prng } from '../testing/random.ts';
import { besideChair, fitText, roomAmongShapes, roomBeside, spanInBand, type NameBox } from './names.ts';
import type { Point } from './plane.ts';

describe('names at chairs', () => {
  it('is cut to the longest start that fits with its ellipsis, no space before it, at least a letter', () => {
    const measure = (t: string) => t.length; // a letter is 1 wide, the ellipsis too
    expect(fitText('Ann Lee', 7, measure)).toBe('Ann Lee');
    expect(fitText('Ann Lee', 6, measure)).toBe('Ann L…');
    expect(fitText('Ann Lee', 5, measure)).toBe('Ann…'); // never "Ann …"
    expect(fitText('Maximiliane', 5, measure)).toBe('Maxi…');
    expect(fitText('Maximiliane', 0, measure)).toBe('M…');
    expect(fitText('M', 0, measure)).toBe('M');
  });

  describe('beside their chairs', () => {
    // A table of radius 2 at the origin; chairs of radius 0.5 one unit out; names 1 high.
    const chairAt = (deg: number) => {
      const a = (deg * Math.PI) / 180;
      const away = { x: Math.sin(a), y: -Math.cos(a) }; // 0° north, clockwise
      return { at: { x: 3 * away.x, y: 3 * away.y }, away };
    };
    const place = (deg: number) => {
      const { at, away } = chairAt(deg);
      return besideChair(at, away, 0.6, 1);
    };

    it('are written beyond the chair’s back, away from the table: north centred above, east starting, south below, west ending', () => {
      expect(place(0)).toMatchObject({ align: 0.5, bottom: expect.closeTo(-3.6) });
      expect(place(90)).toMatchObject({ align: 0, x: expect.closeTo(3.6), top: expect.closeTo(-0.5) });
      expect(place(180)).toMatchObject({ align: 0.5, top: expect.closeTo(3.6) });
      expect(place(270)).toMatchObject({ align: 1, x: expect.closeTo(-3.6) });
      // north-east: starting at the chair's back and above it
      const ne = place(45);
      expect(ne.align).toBe(0);
      expect(ne.bottom).toBeCloseTo(-3.6 * Math.SQRT1_2);
    });

    it('may not run into the table, a chair or another name; two names meeting share the room between them', () => {
      const table = Array.from({ length: 36 }, (_, i) => ({ x: 2 * Math.cos((i * Math.PI) / 18), y: 2 * Math.sin((i * Math.PI) / 18) }));
      const boxes = [place(90), place(270), { x: 10, align: 1 as const, top: -0.5, bottom: 0.5 }];
      // east starts at 3.6 and runs east; the name ending at 10 runs west: they share 10 − 3.6 less the gap
      const [east, west, far] = roomBeside(boxes, [table], { gap: 0.2, max: 20 });
      expect(east).toBeCloseTo(3.1);
      expect(far).toBeCloseTo(3.1);
      expect(west).toBe(20); // nothing west of it; the table is behind it
      // a table to the west of the western name cuts it
      const other = table.map((p) => ({ x: p.x - 10, y: p.y }));
      expect(roomBeside([place(270)], [other], { gap: 0.2, max: 20 })[0]).toBeCloseTo(-3.6 - -8 - 0.2);
      // a shape over the name's anchor leaves it nothing
      expect(roomBeside([place(270)], [other.map((p) => ({ x: p.x + 6.4, y: p.y }))], { gap: 0.2, max: 20 })[0]).toBe(0);
    });

    it('take what a convex shape covers of their line, not what only touches it', () => {
      const square = [
        { x: 0, y: 0 },
        { x: 2, y: 0 },
        { x: 2, y: 2 },
        { x: 0, y: 2 },
      ];
      expect(spanInBand(square, 1, 3)).toEqual([0, 2]);
      expect(spanInBand(square, 2, 3)).toBeNull();
      const diamond = [
        { x: 0, y: -2 },
        { x: 2, y: 0 },
        { x: 0, y: 2 },
        { x: -2, y: 0 },
      ];
      expect(spanInBand(diamond, -2, -1)).toEqual([-1, 1]);
    });
  });
});

/** The room a name at `box` has before one shape whose extent comes within `reach` of its anchor (Infinity otherwise). */
function roomOf(s: Point[], box: NameBox, reach: number, gap: number): number {
  const xs = s.map((p) => p.x);
  if (Math.min(...xs) > box.x + reach || Math.max(...xs) < box.x - reach) return Infinity;
  const span = spanInBand(s, box.top, box.bottom);
  if (!span) return Infinity;
  const [lo, hi] = span;
  if (lo < box.x && hi > box.x) return 0;
  if (lo >= box.x) return box.align < 1 ? (lo - gap - box.x) / (1 - box.align) : Infinity;
  return box.align > 0 ? (box.x - hi - gap) / box.align : Infinity;
}

describe('the room a name has among shapes, filed by cells', () => {
  it('is what every shape of the floor allows, the shapes in cells it does not look at too (random floors)', () => {
    const rng = prng(7);
    for (let floor = 0; floor < 20; floor++) {
      // squares and long bars, some wider than a cell, anywhere on a floor of 40 × 10
      const shapes: Point[][] = Array.from({ length: 60 }, () => {
        const [x, y, w, h] = [rng.next() * 40 - 2, rng.next() * 10, 0.1 + rng.next() * (rng.chance(0.2) ? 6 : 0.8), 0.1 + rng.next() * 0.6];
        return [
          { x, y },
          { x: x + w, y },
          { x: x + w, y: y + h },
          { x, y: y + h },
        ];
      });
      const [rowH, reach, gap] = [0.18, 1.3, 0.05];
      const among = roomAmongShapes(shapes, rowH, reach, gap);
      for (let n = 0; n < 200; n++) {
        const top = rng.next() * 10;
        const box: NameBox = { x: rng.next() * 40 - 2, align: rng.pick([0, 0.5, 1] as const), top, bottom: top + rowH };
        // every shape within reach of the anchor looked at, one by one: nothing filed, nothing missed
        const alone = Math.min(...shapes.map((s) => roomOf(s, box, reach, gap)));
        expect(among(box)).toBe(alone);
      }
    }
  });
});
