import { describe, expect, it } from 'vitest';
import type { FloorItem } from './items.ts';
import { insideMarquee } from './useMarquee.ts';

const item = (key: string, x: number, y: number): FloorItem => ({
  key,
  kind: key.startsWith('t:') ? 'table' : 'fixture',
  id: key.slice(2),
  x,
  y,
  rotation: 0,
  placed: true,
  widthM: 2,
  depthM: 2,
  box: { id: key, x, y, w: 2, d: 2 },
});

describe('marquee selection', () => {
  const items = [item('t:a', 2, 2), item('t:b', 6, 2), item('f:bar', 4, 8), item('t:c', 10, 10)];
  it('takes every table and fixture whose centre is inside the rectangle, edges included', () => {
    expect(insideMarquee(items, { x: 1, y: 1, w: 5, h: 8 })).toEqual(['t:a', 't:b', 'f:bar']);
    expect(insideMarquee(items, { x: 10, y: 10, w: 0, h: 0 })).toEqual(['t:c']);
  });
  it('takes nothing from an empty corner, and nothing whose centre is outside though its edge reaches in', () => {
    expect(insideMarquee(items, { x: 11.5, y: 0, w: 3, h: 3 })).toEqual([]);
    expect(insideMarquee(items, { x: 6.5, y: 0, w: 2, h: 4 })).toEqual([]);
  });
});
