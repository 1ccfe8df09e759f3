import { describe, expect, it } from 'vitest';
import { batchKindLabel, kindLabel } from './labels.ts';

describe('kindLabel', () => {
  it('names every kind of batch the app makes in words, never its token', () => {
    expect(kindLabel('guest-import')).toBe('Guest import');
    // a bulk set-up (many tables or guests at once) and a guest or table restored from its history
    expect(kindLabel('bulk')).toBe('Bulk change');
    expect(kindLabel('restore')).toBe('Restore');
    expect(kindLabel('some-future-kind')).toBe('Change');
  });
});

describe('batchKindLabel', () => {
  it('reads a redo (stored as an undo of an undo) as "Redo", any other undo as "Undo"', () => {
    expect(batchKindLabel({ kind: 'undo', label: 'Redo of “Guest import: guests.xlsx”' })).toBe('Redo');
    expect(batchKindLabel({ kind: 'undo', label: 'Redo' })).toBe('Redo');
    expect(batchKindLabel({ kind: 'undo', label: 'Undo of “Guest import: guests.xlsx”' })).toBe('Undo');
    expect(batchKindLabel({ kind: 'guest-import', label: 'Redo list.csv' })).toBe('Guest import');
  });
});
