import { describe, expect, it } from 'vitest';
import type { FloorTable } from './layout.ts';
import { MIN_NUMBER_PX, NUMBER_SIZE_M, numberPx, tableLabels } from './labels.ts';

const table = (id: string, x: number, y: number, logicalName?: string) =>
  ({ id, label: `G-${id}`, x, y, logical: logicalName ? { name: logicalName } : null }) as FloorTable;

describe('table numbers painted over the floor', () => {
  const tables = [table('1', 2, 3, '9'), table('2', 10, 3), table('3', 500, 3)];
  const view = { k: 20, x: 15, y: 5 };

  it('writes the plan table’s number where one stands, else the physical label, at the table through the view', () => {
    const [a, b] = tableLabels(tables, view, 800, 600);
    expect(a).toEqual({ text: '9', x: 15 + 20 * 2, y: 5 + 20 * (3 - 0.05) });
    expect(b).toEqual({ text: 'G-2', x: 15 + 20 * 10, y: 5 + 20 * (3 + 0.1) });
  });

  it('leaves out tables far off the canvas', () => {
    expect(tableLabels(tables, view, 800, 600).map((l) => l.text)).toEqual(['9', 'G-2']);
    expect(tableLabels(tables, { k: 20, x: -9600, y: 5 }, 800, 600).map((l) => l.text)).toEqual(['G-3']);
  });

  it('moves the numbers of the tables being dragged with them, and only those', () => {
    const [a, b] = tableLabels(tables, view, 800, 600, { keys: new Set(['t:2']), dx: 1.5, dy: -1 });
    expect(a!.x).toBe(15 + 20 * 2);
    expect(b!.x).toBe(15 + 20 * 11.5);
    expect(b!.y).toBeCloseTo(5 + 20 * (2 + 0.1));
  });
});

describe('the size of the painted numbers', () => {
  it('is to scale where that is readable, and never smaller than MIN_NUMBER_PX (a big room on a phone)', () => {
    expect(numberPx(23)).toBeCloseTo(NUMBER_SIZE_M * 23);
    expect(numberPx(8)).toBe(MIN_NUMBER_PX);
    expect(NUMBER_SIZE_M * 8).toBeLessThan(4);
  });
});
