import { describe, expect, it } from 'vitest';
import { parseWhen } from './when.ts';

const local = (...p: [number, number, number, number?, number?, number?]) =>
  new Date(p[0], p[1] - 1, p[2], p[3] ?? 0, p[4] ?? 0, p[5] ?? 0).getTime();

describe('parseWhen', () => {
  it('reads the timeline’s own form, month as a word, seconds optional', () => {
    expect(parseWhen('6 Dec 2026, 14:30')).toEqual({ at: local(2026, 12, 6, 14, 30) });
    expect(parseWhen(' 6 December 2026 14:30:05 ')).toEqual({ at: local(2026, 12, 6, 14, 30, 5) });
    expect(parseWhen('3 feb 2001')).toEqual({ at: local(2001, 2, 3) });
  });
  it('reads the ISO form, with a space or a T', () => {
    expect(parseWhen('2026-12-06 14:30')).toEqual({ at: local(2026, 12, 6, 14, 30) });
    expect(parseWhen('2001-02-03T10:00:09')).toEqual({ at: local(2001, 2, 3, 10, 0, 9) });
  });
  it('reads a time alone as today', () => {
    expect(parseWhen('9:05', new Date(2026, 11, 7, 20, 0))).toEqual({ at: local(2026, 12, 7, 9, 5) });
  });
  it('refuses a date of digits only: it reads as two different days', () => {
    const r = parseWhen('03/04/2026 10:00');
    expect('error' in r && r.error).toMatch(/could be read two ways: write the month as a word/);
    expect(parseWhen('3.4.2026')).toHaveProperty('error');
  });
  it('refuses a day or time there is not, and a month it does not know, saying which', () => {
    expect(parseWhen('31 Apr 2026')).toEqual({ error: expect.stringContaining('“31 Apr 2026” is not a date and time there is') });
    expect(parseWhen('2026-12-06 25:00')).toHaveProperty('error');
    expect(parseWhen('6 Dez 2026')).toEqual({ error: '“Dez” is not a month: write it as Jan, Feb, … Dec.' });
    expect(parseWhen('yesterday')).toEqual({ error: 'Write a date and time such as 6 Dec 2026, 14:30 or 2026-12-06 14:30.' });
  });
});
