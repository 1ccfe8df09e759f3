import { describe, expect, it } from 'vitest';
import { clampInside, normaliseRotation, nudgeFor, rotateStep, snapMove, snapToGrid, type Box } from './snap.ts';

const box = (id: string, x: number, y: number, w = 2, d = 2): Box => ({ id, x, y, w, d });

describe('grid snapping', () => {
  it('rounds to the grid step, to the centimetre', () => {
    expect(snapToGrid(3.26, 0.5)).toBe(3.5);
    expect(snapToGrid(3.24, 0.5)).toBe(3);
    expect(snapToGrid(3.237, 0)).toBe(3.24);
  });

  it('snaps the lead item’s centre to the grid when nothing is near to align with', () => {
    const r = snapMove([box('a', 5, 5)], [box('far', 40, 30)], 2.13, 0.88);
    expect(r).toEqual({ dx: 2, dy: 1, guides: [] });
  });
});

describe('alignment guides', () => {
  it('aligns the centre with another table’s centre within the tolerance and draws a guide through both', () => {
    // moving table ends at x = 10.2, other table centred at x = 10: aligned (0.2 < 0.3), guide vertical at x = 10
    const r = snapMove([box('a', 5, 5)], [box('b', 10, 20)], 5.2, 3.07);
    expect(r.dx).toBe(5);
    expect(r.guides).toContainEqual({ axis: 'x', at: 10, from: 7, to: 21 });
  });

  it('aligns edges: a left edge with another’s left edge', () => {
    // a is 6 wide: its left edge lands at 18.9; b is 2 wide at 20 (left edge 19)
    const r = snapMove([box('a', 5, 5, 6, 2)], [box('b', 20, 15)], 16.9, 0);
    expect(r.dx).toBeCloseTo(17, 5);
    expect(r.guides.some((g) => g.axis === 'x' && g.at === 19)).toBe(true);
  });

  it('picks the nearest alignment on each axis independently', () => {
    const r = snapMove([box('a', 0, 0)], [box('b', 10.1, 50), box('c', 50, 7.95)], 10, 8);
    expect(r.dx).toBeCloseTo(10.1, 5);
    expect(r.dy).toBeCloseTo(7.95, 5);
    expect(r.guides.map((g) => g.axis).sort()).toEqual(['x', 'y']);
  });

  it('never aligns a group with its own members', () => {
    const r = snapMove([box('a', 0, 0), box('b', 4, 0)], [box('a', 0, 0), box('b', 4, 0)], 3.13, 0);
    expect(r.guides).toEqual([]);
    expect(r.dx).toBe(3);
  });

  it('moves a group as one: the group’s outer edge aligns', () => {
    // group spans x -1..5; other table's right edge at 20 → group's right edge aligns from 19.8 to 20
    const r = snapMove([box('a', 0, 0), box('b', 4, 0)], [box('c', 19, 30)], 14.8, 0);
    expect(r.dx).toBeCloseTo(15, 5);
  });
});

describe('staying inside the room', () => {
  it('stops a group at the walls', () => {
    expect(clampInside([box('a', 5, 5)], -10, 100, { widthM: 20, depthM: 20 })).toEqual({ dx: -4, dy: 14 });
  });
  it('leaves a move that fits alone', () => {
    expect(clampInside([box('a', 5, 5)], 2, 3, { widthM: 20, depthM: 20 })).toEqual({ dx: 2, dy: 3 });
  });
});

describe('keyboard nudges and rotation', () => {
  it('arrows nudge 10 cm, with Shift 1 m; other keys are not nudges', () => {
    expect(nudgeFor('ArrowLeft', false)).toEqual({ dx: -0.1, dy: 0 });
    expect(nudgeFor('ArrowDown', true)).toEqual({ dx: 0, dy: 1 });
    expect(nudgeFor('ArrowUp', false)).toEqual({ dx: 0, dy: -0.1 });
    expect(nudgeFor('ArrowRight', true)).toEqual({ dx: 1, dy: 0 });
    expect(nudgeFor('r', false)).toBeNull();
  });

  it('R turns 15° clockwise, Shift+R back, always within 0 ≤ r < 360', () => {
    expect(rotateStep(0, false)).toBe(15);
    expect(rotateStep(0, true)).toBe(345);
    expect(rotateStep(345, false)).toBe(0);
    expect(normaliseRotation(-720)).toBe(0);
    expect(normaliseRotation(725)).toBe(5);
  });
});
