import { describe, expect, it } from 'vitest';
import { kindLabel } from './labels.ts';

describe('kindLabel', () => {
  it('names every kind of batch the app makes in words, never its token', () => {
    expect(kindLabel('guest-import')).toBe('Guest import');
    // a bulk set-up (many tables or guests at once) and a guest or table restored from its history
    expect(kindLabel('bulk')).toBe('Bulk change');
    expect(kindLabel('restore')).toBe('Restore');
    expect(kindLabel('some-future-kind')).toBe('Change');
  });
});
