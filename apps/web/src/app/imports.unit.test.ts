import type { BatchInfo } from '@seatfold/sync';
import { describe, expect, it } from 'vitest';
import { summaryLine } from './imports.ts';

const revert = (conflicts: number): BatchInfo =>
  ({
    batchId: 'r',
    kind: 'revert',
    label: 'Revert of “Guest import: guests.xlsx”',
    summary: { restored: 3, conflicts: Array.from({ length: conflicts }, (_, i) => ({ version: i })), effects: ['moved 3 guests'] },
  }) as unknown as BatchInfo;

describe('summaryLine', () => {
  it('says how many edits a revert left as they were, in the number it has', () => {
    expect(summaryLine(revert(0))).toBe('moved 3 guests');
    expect(summaryLine(revert(1))).toBe('moved 3 guests · 1 left as it is (changed later)');
    expect(summaryLine(revert(2))).toBe('moved 3 guests · 2 left as they are (changed later)');
  });

  it('counts a long list of edits left by the count stored with its first hundred', () => {
    const cut = revert(100);
    (cut.summary as { conflictCount?: number }).conflictCount = 990;
    expect(summaryLine(cut)).toBe('moved 3 guests · 990 left as they are (changed later)');
  });
});
