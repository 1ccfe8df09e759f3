import { describe, expect, it } from 'vitest';
import { formatCount } from './format.ts';

describe('formatCount', () => {
  it('writes what Intl.NumberFormat("en") writes', () => {
    const intl = new Intl.NumberFormat('en');
    const values = [0, -0, 1, 7, 12, 999, 1000, 1500, 9999, 10_000, 123_456, 1_000_000, 98_765_432, -1, -1500, -1_234_567];
    values.push(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 60, 1.5, 1234.5678, -0.25, Number.NaN, Infinity, -Infinity);
    for (let n = 1; n < 1e15; n = n * 7 + 3) values.push(n, -n);
    for (const n of values) expect(formatCount(n), String(n)).toBe(intl.format(n));
  });
});
