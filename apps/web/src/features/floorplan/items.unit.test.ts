import { describe, expect, it } from 'vitest';
import { actedOn, ghostOf, movesOf, nextLabel, withHeld, type FloorItem } from './items.ts';

const item = (key: string, x: number, y: number, rotation = 0): FloorItem => ({
  key,
  kind: key.startsWith('t:') ? 'table' : 'fixture',
  id: key.slice(2),
  x,
  y,
  rotation,
  placed: key !== 't:new',
  widthM: 2,
  depthM: 2,
  box: { id: key, x, y, w: 2, d: 2 },
});

describe('what a key or drag acts on', () => {
  const items = new Map([item('t:a', 1, 1), item('t:b', 5, 1), item('f:s', 9, 9)].map((i) => [i.key, i]));
  it('the whole selection when the focused item is in it', () => {
    expect(actedOn('t:a', new Set(['t:a', 'f:s']), items).map((i) => i.key)).toEqual(['t:a', 'f:s']);
  });
  it('only the focused item when it is not selected', () => {
    expect(actedOn('t:b', new Set(['t:a']), items).map((i) => i.key)).toEqual(['t:b']);
  });
  it('moves keep rotation, round to the centimetre and name kind and id', () => {
    expect(movesOf([item('t:a', 1, 1, 30)], 0.1 + 0.2, -0.07)).toEqual([
      { kind: 'table', id: 'a', x: 1.3, y: 0.93, rotation: 30, from: { x: 1, y: 1, rotation: 30 } },
    ]);
    expect(movesOf([item('f:s', 1, 1, 350)], 0, 0, (r) => r + 15)).toEqual([
      { kind: 'fixture', id: 's', x: 1, y: 1, rotation: 5, from: { x: 1, y: 1, rotation: 350 } },
    ]);
  });
  it('a move carries where the planner saw the item (null before it was placed); its ghost does not', () => {
    const moves = movesOf([item('t:new', 4, 4)], 1, 0);
    expect(moves[0]?.from).toBeNull();
    expect(ghostOf(movesOf([item('t:a', 1, 1)], 1, 0))).toEqual([{ kind: 'table', id: 'a', x: 2, y: 1, rotation: 0 }]);
  });
});

describe('a duplicate’s label', () => {
  it('continues the series after its highest number, keeping the zero padding', () => {
    expect(nextLabel('G-07', ['G-01', 'G-07', 'G-52'])).toBe('G-53');
    expect(nextLabel('B-1', ['B-1', 'B-2'])).toBe('B-3');
  });
  it('counts labels as the plan compares them, case aside (decide refuses "G-02" beside "g-02")', () => {
    expect(nextLabel('G-01', ['G-01', 'g-02', 'g-03'])).toBe('G-04');
    expect(nextLabel('Head table', ['Head table', 'HEAD TABLE 1'])).toBe('Head table 2');
  });
  it('numbers a label without a number', () => {
    expect(nextLabel('Head table', ['Head table'])).toBe('Head table 1');
    expect(nextLabel('Head table', ['Head table', 'Head table 1'])).toBe('Head table 2');
  });
});

describe('withHeld', () => {
  const item = (key: string, x: number, y: number): FloorItem => ({
    key,
    kind: 'table',
    id: key.slice(2),
    x,
    y,
    rotation: 0,
    placed: true,
    widthM: 1,
    depthM: 1,
    box: { id: key, x, y, w: 2, d: 2 },
  });
  const items = new Map([
    ['t:a', item('t:a', 1, 1)],
    ['t:b', item('t:b', 5, 5)],
  ]);

  it('draws the items a held run moves where it puts them, box and all, and leaves the rest', () => {
    const out = withHeld(items, { keys: new Set(['t:a']), dx: 0.5, dy: -0.2 });
    expect(out.get('t:a')).toMatchObject({ x: 1.5, y: 0.8, box: { x: 1.5, y: 0.8, w: 2, d: 2 } });
    expect(out.get('t:b')).toBe(items.get('t:b'));
    expect(items.get('t:a')!.x).toBe(1);
  });

  it('is the items themselves with no run held', () => {
    expect(withHeld(items, null)).toBe(items);
  });
});
