import { overlaps } from '@seatfold/domain';
import { planOf } from '@seatfold/domain/testing';
import { describe, expect, it } from 'vitest';
import { printMeasure } from './print-fonts.ts';
import { roomPage } from './print-model.ts';
import { centre, poly, roomWith, textBox, type Poly, type TableSpec, type Text } from './print-testing.ts';

/** Integration: measures with the print font read from its file. */
describe('guests’ names beside their chairs on a printed floor plan', () => {
  // Round, oval, square, rectangular and banquet tables of many sizes and seat counts, some turned.
  const tables: TableSpec[] = [
    { seats: 10, x: 3, y: 3 },
    { seats: 6, shape: ['round', 1.2, 1.2], x: 8, y: 3 },
    { seats: 8, shape: ['rectangle', 2, 1], x: 13, y: 3 },
    { seats: 14, x: 19.5, y: 3 },
    { seats: 10, shape: ['oval', 2.4, 1.4], x: 3.5, y: 9.5, rotation: 30 },
    { seats: 4, shape: ['square', 1, 1], x: 8, y: 9.5 },
    { seats: 12, shape: ['round', 2.2, 2.2], x: 13, y: 9.5 },
    { seats: 10, shape: ['rectangle', 2.4, 1.2], x: 19.5, y: 9.5, rotation: 90 },
    { seats: 8, shape: ['round', 1.5, 1.5], x: 8, y: 13, rotation: 45 },
  ];
  const plan = planOf(roomWith(tables, [24, 15]));

  it('sit outside every table, beside their chair, clear of each other, cut only where there is no room', async () => {
    const measure = await printMeasure();
    const page = roomPage(plan, 'r1', true, null, measure);
    const names = page.prims.filter((p): p is Text => p.t === 'text' && p.color === '#222222');
    const tops = page.prims.filter((p): p is Poly => p.t === 'poly' && p.width === 0.8 && p.stroke === '#8a6d1f');
    const chairs = page.prims.filter((p): p is Poly => p.t === 'poly' && p.width === 0.5);
    const seats = tables.reduce((n, t) => n + t.seats, 0);
    expect(names).toHaveLength(seats);
    expect(tops).toHaveLength(tables.length);

    const boxes = names.map((n) => textBox(n, measure));
    const overTables = names.filter((_, i) => tops.some((t) => overlaps(boxes[i]!, poly(t)))).map((n) => n.text);
    expect(overTables).toEqual([]);
    const overChairs = names.filter((_, i) => chairs.some((c) => overlaps(boxes[i]!, poly(c)))).map((n) => n.text);
    expect(overChairs).toEqual([]);
    const clashes: string[] = [];
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b, j) => overlaps(a, b) && clashes.push(`${names[i]!.text} / ${names[i + 1 + j]!.text}`)));
    expect(clashes).toEqual([]);

    // beside its chair: the box comes within three lines of the chair's edge (names at close chairs are staggered)
    const far = names.filter((n, i) => {
      const c = chairs[i]!;
      const { x, y } = centre(c);
      const r = Math.hypot(c.points[0]!.x - x, c.points[0]!.y - y);
      const b = boxes[i]!.kind === 'polygon' ? boxes[i]!.points : [];
      const dx = Math.max(b[0]!.x - x, 0, x - b[1]!.x);
      const dy = Math.max(b[0]!.y - y, 0, y - b[2]!.y);
      return Math.hypot(dx, dy) > r + 3 * n.size;
    });
    expect(far.map((n) => n.text)).toEqual([]);

    // Round tables leave their names room outside: short names whole, long ones a good start (not "M…"). Along a
    // banquet's side the chairs stand closer than a name is wide: staggered on lines further out, they keep as much.
    const first = tables.map((_, n) => tables.slice(0, n).reduce((s, t) => s + t.seats, 0));
    const atRound = [0, 1, 6, 8].flatMap((n) => names.slice(first[n], first[n]! + tables[n]!.seats));
    expect(atRound.filter((n) => n.text.startsWith('Li Wu')).every((n) => !n.text.endsWith('…'))).toBe(true);
    expect(Math.min(...atRound.map((n) => [...n.text].length))).toBeGreaterThanOrEqual(8);
    const atBanquet = names.slice(first[3], first[3]! + tables[3]!.seats);
    expect(atBanquet.filter((n) => n.text.startsWith('Li Wu')).every((n) => !n.text.endsWith('…'))).toBe(true);
    expect(Math.min(...atBanquet.map((n) => [...n.text].length))).toBeGreaterThanOrEqual(8);
  });
});
