import { describe, expect, it } from 'vitest';
import { tableRange } from './range.ts';

describe('the range of "Add tables"', () => {
  it('is the first number and how many, From and To included', () => {
    expect(tableRange('1', '6')).toEqual({ ok: true, first: 1, count: 6 });
    expect(tableRange(' 7 ', '7')).toEqual({ ok: true, first: 7, count: 1 });
    expect(tableRange('0', '500').ok).toBe(false);
    expect(tableRange('1', '500')).toEqual({ ok: true, first: 1, count: 500 });
  });

  it('refuses a negative or fractional From with a sentence naming the field and what to enter', () => {
    for (const from of ['-5', '1.5', 'ten']) {
      expect(tableRange(from, '3')).toEqual({
        ok: false,
        errors: { from: 'Table numbers are whole numbers, 0 or more: enter one such as 1 in From.' },
      });
    }
    expect(tableRange('', '3')).toEqual({ ok: false, errors: { from: 'Enter the number of the first table in From, such as 1.' } });
  });

  it('refuses a To that is not a table number, or below From, or too far for one step', () => {
    expect(tableRange('1', '2.5')).toEqual({ ok: false, errors: { to: 'Table numbers are whole numbers, 0 or more: enter one such as 10 in To.' } });
    expect(tableRange('1', '')).toEqual({ ok: false, errors: { to: 'Enter the number of the last table in To, such as 10.' } });
    expect(tableRange('8', '3')).toEqual({ ok: false, errors: { to: 'To is less than From: enter 8 or more in To.' } });
    expect(tableRange('1', '501')).toEqual({
      ok: false,
      errors: { to: 'That is 501 tables; at most 500 can be added at once: enter 500 or less in To, and add the rest in another step.' },
    });
  });

  it('names both fields when both are wrong', () => {
    const r = tableRange('-1', 'x');
    expect(r.ok).toBe(false);
    expect(Object.keys(!r.ok ? r.errors : {})).toEqual(['from', 'to']);
  });

  it('says every refusal as a full sentence', () => {
    for (const [from, to] of [
      ['-5', '3'],
      ['1.5', '3'],
      ['', ''],
      ['9', '1'],
      ['1', '9999'],
    ]) {
      const r = tableRange(from!, to!);
      if (r.ok) throw new Error(`${from}–${to} accepted`);
      for (const sentence of Object.values(r.errors)) expect(sentence).toMatch(/^[A-Z].*\.$/);
    }
  });
});
