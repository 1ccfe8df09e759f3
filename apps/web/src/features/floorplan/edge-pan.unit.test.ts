import { describe, expect, it } from 'vitest';
import { EDGE_PX, edgePan, PAN_MAX_PX } from './edge-pan.ts';

describe('a drag near the canvas’s edge', () => {
  const rect = { left: 0, top: 0, right: 800, bottom: 600 };
  const seen = { minX: -1, minY: -1, maxX: 21, maxY: 16 }; // a room of 20 × 15 m fitted with a metre round it

  it('pans nothing away from the edges, faster the nearer it comes, fastest at and past the edge', () => {
    expect(edgePan(400, 300, rect, seen, null)).toEqual({ dx: 0, dy: 0 });
    const near = edgePan(800 - EDGE_PX / 2, 300, rect, seen, null).dx;
    expect(near).toBeLessThan(0); // the floor moves left: what lies east comes into view
    expect(edgePan(799, 300, rect, seen, null).dx).toBeLessThan(near);
    expect(edgePan(900, 300, rect, seen, null)).toEqual({ dx: -PAN_MAX_PX, dy: 0 });
    expect(edgePan(900, 700, rect, seen, null)).toEqual({ dx: -PAN_MAX_PX, dy: -PAN_MAX_PX });
  });

  it('goes on east and south in a room without a size; stops a metre past the walls of one with a size, and past north and west', () => {
    const far = { minX: 30, minY: 30, maxX: 52, maxY: 47 };
    expect(edgePan(800, 600, rect, far, null)).toEqual({ dx: -PAN_MAX_PX, dy: -PAN_MAX_PX });
    expect(edgePan(800, 600, rect, seen, { widthM: 20, depthM: 15 })).toEqual({ dx: 0, dy: 0 });
    expect(edgePan(800, 600, rect, { ...seen, maxX: 18 }, { widthM: 20, depthM: 15 })).toEqual({ dx: -PAN_MAX_PX, dy: 0 });
    expect(edgePan(0, 0, rect, seen, null)).toEqual({ dx: 0, dy: 0 });
    expect(edgePan(0, 0, rect, far, null)).toEqual({ dx: PAN_MAX_PX, dy: PAN_MAX_PX });
  });
});
