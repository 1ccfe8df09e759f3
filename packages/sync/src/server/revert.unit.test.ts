import { describe, expect, it } from 'vitest';
import { takeBackLabel } from './revert.ts';

describe('a revert is named for what it does', () => {
  it('reverts, re-applies, and reverts again without nesting', () => {
    const first = takeBackLabel('Guest import: guests.xlsx (3 new)');
    expect(first).toBe('Revert of “Guest import: guests.xlsx (3 new)”');
    const second = takeBackLabel(first);
    expect(second).toBe('Re-apply of “Guest import: guests.xlsx (3 new)”');
    expect(takeBackLabel(second)).toBe(first);
    // quotes inside a label are its own
    expect(takeBackLabel('Table draw: “final”.csv')).toBe('Revert of “Table draw: “final”.csv”');
  });
});
