import { describe, expect, it } from 'vitest';
import { neutralise } from './exports.ts';

describe('neutralise (formula injection in exported cells)', () => {
  it('prefixes an apostrophe to cells a spreadsheet would run as a formula, ASCII or fullwidth', () => {
    for (const v of ['=1+1', '+1', '-1', '@SUM(A1)', '＝HYPERLINK("x")', '＋1', '－1', '＠SUM(A1)', '\t=1', '\r=1', '\tplain', '\rplain', ' =1', '\n=1', '\u3000＝1']) {
      expect(neutralise(v), JSON.stringify(v)).toBe(`'${v}`);
    }
  });

  it('leaves ordinary text alone', () => {
    for (const v of ['Anna Müller', 'a=b', 'x-y', 'mail@example.org', '', '  spaced', "'quoted", 'Table 1 (VIP)', '５ seats']) {
      expect(neutralise(v), JSON.stringify(v)).toBe(v);
    }
  });
});
