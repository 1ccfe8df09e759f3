import { describe, expect, it } from 'vitest';
import { describeIssue } from './errors.ts';
import { REQUEST_SCHEMAS } from './schemas.ts';

/**
 * What the store cannot hold is refused where it comes in, with a message, not by the database: a NUL, or half of a
 * surrogate pair, in an id, a batch's label or its file name once reached PostgreSQL ("invalid byte sequence"), failed
 * the append and made the plan reload.
 */
describe('request schemas: text the store cannot hold', () => {
  const batch = (over: Record<string, unknown>) =>
    REQUEST_SCHEMAS.batch.safeParse({ commandId: 'c-1', batchId: 'b-1', kind: 'bulk', label: 'Tables', commands: [{}], ...over });
  const message = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

  it('takes ids of printable ASCII, and refuses one with a NUL, a space, half an emoji or other characters', () => {
    expect(batch({ commandId: 'undo-2f0c6a3e-6d1b-4d8e-9a57-0b9a1f6f2c11', batchId: 'import-x_y.z:1' }).success).toBe(true);
    for (const bad of ['a\u0000b', 'a b', '\ud800', 'é', '', 'x'.repeat(101)]) {
      const r = batch({ commandId: bad });
      expect(r.success, JSON.stringify(bad)).toBe(false);
      expect(message(r)).toBe('Ids are 1–100 printable ASCII characters (letters, digits, “-”…), without spaces.');
    }
    expect(REQUEST_SCHEMAS.command.safeParse({ commandId: 'c\u0000', command: {} }).success).toBe(false);
    expect(REQUEST_SCHEMAS.join.safeParse({ protocol: 1, token: 't', clientId: '\udfff', userName: 'Ann', lastVersion: 0 }).success).toBe(false);
  });

  it('refuses a label or file name with a control character or half an emoji, saying which; an emoji whole is fine', () => {
    expect(batch({ label: 'Seats 🎉', fileName: 'Gäste 🎉.xlsx' }).success).toBe(true);
    expect(message(batch({ label: 'a\u0000b' }))).toBe('Batch labels cannot contain invisible or control characters (found U+0000).');
    expect(message(batch({ label: 'Seats \ud83c' }))).toBe(
      'Batch labels cannot contain a broken character (U+D83C: half of an emoji or symbol). Type it again.',
    );
    expect(message(batch({ fileName: 'list\u0000.csv' }))).toBe('File names cannot contain invisible or control characters (found U+0000).');
    expect(batch({ fileName: null }).success).toBe(true);
  });
});

describe('request schemas: refusals in Seatfold’s words', () => {
  const said = (type: keyof typeof REQUEST_SCHEMAS, payload: unknown) => {
    const r = REQUEST_SCHEMAS[type].safeParse(payload);
    return r.success ? null : describeIssue(r.error);
  };
  const join = { protocol: 1, token: 'abc', clientId: 'c-1', userName: 'Ann', lastVersion: 0 };

  it('names the field and what it must be, for fields without a message of their own, never the library’s default', () => {
    expect(said('join', { ...join, lastVersion: -1 })).toBe('lastVersion: must be at least 0.');
    expect(said('join', { ...join, lastVersion: 1.5 })).toBe('lastVersion: must be a whole number.');
    expect(said('join', { ...join, lastVersion: '5' })).toBe('lastVersion: must be a number.');
    expect(said('join', { ...join, lastVersion: 1e20 })).toBe('lastVersion: must be at most 9,007,199,254,740,991.');
    expect(said('join', { ...join, lastVersion: undefined })).toBe('lastVersion: is missing.');
    expect(said('join', { ...join, token: '' })).toBe('token: must be at least 1 character long.');
    expect(said('join', { ...join, extra: 1 })).toBe('has fields it does not take: extra.');
    expect(said('history', { afterVersion: 0, limit: 1_000_000 })).toMatch(/^limit: must be at most [\d,]+\.$/);
    const cases: [keyof typeof REQUEST_SCHEMAS, unknown][] = [
      ['join', { ...join, lastVersion: null }],
      ['join', { ...join, protocol: 'x' }],
      ['history', { afterVersion: -2, limit: 0 }],
      ['batches', { limit: 'all' }],
    ];
    for (const [type, payload] of cases) expect(said(type, payload)).not.toMatch(/Invalid input|expected|received|Too (small|big)/);
  });
});
