import { describe, expect, it } from 'vitest';
import { autoLayout, bounds, defaultShape, footprint, insideRoom, overlaps, seatPositions, type Fixture, type PhysicalTable } from '../index.ts';

const table = (over: Partial<PhysicalTable> = {}): PhysicalTable => ({ id: 'p', roomId: 'r', label: 'G-01', capacity: 8, ...over });
const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;

describe('floor geometry', () => {
  it('draws an unshaped table round 1.8 m up to 10 seats and as a banquet above', () => {
    expect(defaultShape(10)).toEqual({ shape: 'round', widthM: 1.8, depthM: 1.8 });
    expect(defaultShape(24)).toMatchObject({ shape: 'banquet', depthM: 0.9 });
    expect(defaultShape(24).widthM).toBeGreaterThanOrEqual(12 * 0.6);
  });

  it('puts one chair per seat around every shape, outside the top and facing it', () => {
    for (const shape of ['round', 'oval', 'square', 'rectangle', 'banquet'] as const) {
      for (const capacity of [1, 4, 7, 12]) {
        const p = table({ capacity, shape, widthM: 2.4, depthM: shape === 'round' || shape === 'square' ? 2.4 : 1.2, x: 10, y: 10, rotation: 30 });
        const seats = seatPositions(p);
        expect(seats, `${shape} ${capacity}`).toHaveLength(capacity);
        const fp = footprint(p);
        for (const s of seats) {
          // a chair stands within the table's footprint (which includes the chairs) and faces the table's centre side
          const b = bounds(fp);
          expect(s.x).toBeGreaterThanOrEqual(b.minX - 1e-6);
          expect(s.x).toBeLessThanOrEqual(b.maxX + 1e-6);
          expect(s.facing).toBeGreaterThanOrEqual(0);
          expect(s.facing).toBeLessThan(360);
          const towards = (Math.atan2(p.y! - s.y, p.x! - s.x) * 180) / Math.PI;
          const diff = Math.abs(((((s.facing - towards) % 360) + 540) % 360) - 180);
          expect(diff, `${shape} ${capacity}`).toBeLessThan(90);
        }
        // no two chairs in one place
        for (let i = 0; i < seats.length; i++)
          for (let j = i + 1; j < seats.length; j++) expect(Math.hypot(seats[i]!.x - seats[j]!.x, seats[i]!.y - seats[j]!.y)).toBeGreaterThan(0.1);
      }
    }
  });

  it('rotates clockwise with y down: a banquet turned 90° stands upright', () => {
    const b = bounds(footprint(table({ shape: 'banquet', widthM: 6, depthM: 1, x: 5, y: 5, rotation: 90 })));
    expect(near(b.maxX - b.minX, 2)).toBe(true);
    expect(near(b.maxY - b.minY, 6)).toBe(true);
  });

  it('overlaps: circles, rotated rectangles, touching is not overlapping', () => {
    const round = (x: number) => footprint(table({ x, y: 0 }));
    expect(overlaps(round(0), round(2.7))).toBe(true);
    expect(overlaps(round(0), round(2.8))).toBe(false);
    const rect = (x: number, rotation: number) =>
      footprint({ id: 'f', roomId: 'r', kind: 'stage', label: 'S', x, y: 0, widthM: 2, depthM: 2, rotation });
    expect(overlaps(rect(0, 0), rect(2, 0))).toBe(false);
    // a square turned 45° reaches √2 from its centre
    expect(overlaps(rect(0, 0), rect(2.3, 45))).toBe(true);
    expect(overlaps(rect(0, 0), rect(2.5, 45))).toBe(false);
    expect(overlaps(round(0), rect(2.3, 0))).toBe(true);
    expect(overlaps(round(0), rect(2.5, 0))).toBe(false);
    // a circle by a square's corner: boxes meet, shapes do not
    expect(
      overlaps(footprint(table({ x: 0, y: 0 })), {
        kind: 'polygon',
        points: [
          { x: 1.1, y: 1.1 },
          { x: 3, y: 1.1 },
          { x: 3, y: 3 },
          { x: 1.1, y: 3 },
        ],
      }),
    ).toBe(false);
  });

  it('insideRoom: a room without a size has no far walls, but nothing stands left of or above its corner', () => {
    const fp = footprint(table({ x: 1.4, y: 1.4 }));
    expect(insideRoom(fp, { widthM: 10, depthM: 10 })).toBe(true);
    expect(insideRoom(fp, { widthM: 2, depthM: 10 })).toBe(false);
    expect(insideRoom(fp, {})).toBe(true);
    expect(insideRoom(footprint(table({ x: 50, y: 80 })), {})).toBe(true);
    expect(insideRoom(footprint(table({ x: -50, y: 0 })), {})).toBe(false);
    expect(insideRoom(footprint(table({ x: 1.3, y: 5 })), {})).toBe(false); // its chairs reach past the wall
  });

  it('autoLayout places every table in label order without overlaps, inside a room wide enough', () => {
    const tables = Array.from({ length: 30 }, (_, i) => table({ id: `p${i}`, label: `G-${i + 1}`, capacity: i % 3 === 0 ? 14 : 8 }));
    const layout = autoLayout({ widthM: 40, depthM: 60 }, tables);
    expect(Object.keys(layout)).toHaveLength(30);
    const placed = tables.map((t) => footprint(t, layout[t.id]));
    for (let i = 0; i < placed.length; i++) {
      expect(insideRoom(placed[i]!, { widthM: 40, depthM: 60 })).toBe(true);
      for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i]!, placed[j]!)).toBe(false);
    }
    expect(layout.p1!.x).toBeLessThan(layout.p9!.x); // G-2 before G-10
    expect(autoLayout({}, [])).toEqual({});
  });

  it('autoLayout keeps the grid clear of placed tables and fixtures, and placing a table moves no other', () => {
    const room = { widthM: 30, depthM: 40 };
    const tables = Array.from({ length: 20 }, (_, i) => table({ id: `p${i}`, label: `G-${String(i + 1).padStart(2, '0')}` }));
    const before = autoLayout(room, tables);
    // a stage across the first row's middle, and a copy of G-03 put where G-07's cell was
    const stage: Fixture = { id: 'f', roomId: 'r', kind: 'stage', label: 'Stage', widthM: 8, depthM: 3, x: 12, y: 2, rotation: 0 };
    const copy = table({ id: 'copy', label: 'G-03a', ...before.p6 });
    const all = [...tables, copy];
    const after = autoLayout(room, all, [stage]);
    expect(Object.keys(after).sort()).toEqual(tables.map((t) => t.id).sort()); // the placed copy is not the grid's
    const drawn = [...tables.map((t) => footprint(t, after[t.id])), footprint(copy)];
    for (let i = 0; i < drawn.length; i++) {
      expect(overlaps(drawn[i]!, footprint(stage)), `table ${i} on the stage`).toBe(false);
      for (let j = i + 1; j < drawn.length; j++) expect(overlaps(drawn[i]!, drawn[j]!), `${i} on ${j}`).toBe(false);
    }
    // dragging G-05 away leaves its cell empty: every other table stays where it was drawn
    const moved = all.map((t) => (t.id === 'p4' ? { ...t, x: 25, y: 35, rotation: 0 } : t));
    const later = autoLayout(room, moved, [stage]);
    for (const t of tables) if (t.id !== 'p4') expect(later[t.id], t.label).toEqual(after[t.id]);
    expect(later.p4).toBeUndefined();
  });
});
