import type { BatchInfo } from '@seatfold/sync';
import { describe, expect, it } from 'vitest';
import { takeBackChains } from './chain.ts';
import { takenBackText, when } from './labels.ts';

const batch = (batchId: string, kind: string, label: string, more: Partial<BatchInfo> = {}): BatchInfo => ({
  batchId,
  kind,
  actor: 'Ann',
  actorId: 'p-ann',
  at: 1_700_000_000_000,
  label,
  fileName: null,
  fileHash: null,
  summary: null,
  reverts: null,
  firstVersion: 1,
  lastVersion: 3,
  eventCount: 3,
  ...more,
});

describe('takeBackChains', () => {
  it('follows an import through its undo and the redo of that undo, and a revert through the revert of it', () => {
    const list = [
      batch('imp', 'guest-import', 'Guest import: guests.xlsx'),
      batch('u1', 'undo', 'Undo of “Guest import: guests.xlsx”', { summary: { undoOf: 'imp', undoOfBatch: 'imp' } }),
      batch('u2', 'undo', 'Redo of “Guest import: guests.xlsx”', { summary: { undoOf: 'u1c', undoOfBatch: 'u1' } }),
      batch('draw', 'table-draw', 'Table draw: tables.xlsx'),
      batch('r1', 'revert', 'Revert of “Table draw: tables.xlsx”', { reverts: 'draw' }),
      // an undo of one command (no batch) and an undo stored before undos named their batch link to nothing
      batch('u3', 'undo', 'Undo: seated Kim at table 12', { summary: { undoOf: 'c9' } }),
      batch('u4', 'undo', 'Undo', { summary: { undoOf: 'c8' } }),
    ];
    const chainOf = takeBackChains(list);
    expect(chainOf('imp').map((b) => b.batchId)).toEqual(['u1', 'u2']);
    expect(chainOf('u1').map((b) => b.batchId)).toEqual(['u2']);
    expect(chainOf('u2')).toEqual([]);
    expect(chainOf('draw').map((b) => b.batchId)).toEqual(['r1']);
    expect(chainOf('u3')).toEqual([]);
    expect(chainOf('u4')).toEqual([]);
  });
});

describe('takenBackText', () => {
  it('says whether the batch is taken back or brought back, and by whom last', () => {
    const t = when(1_700_000_000_000);
    const undo = batch('u1', 'undo', 'Undo of “X”');
    const redo = { ...batch('u2', 'undo', 'Redo of “X”'), actor: 'Bob' };
    expect(takenBackText([undo])).toBe(`Undone by Ann, ${t}`);
    expect(takenBackText([undo, redo])).toBe(`Undone, then redone by Bob, ${t}`);
    expect(takenBackText([undo, redo, undo])).toBe(`Undone again by Ann, ${t}`);
    // the undo itself, taken back by its redo
    expect(takenBackText([redo])).toBe(`Redone by Bob, ${t}`);
    expect(takenBackText([batch('r1', 'revert', 'Revert of “X”')])).toBe(`Reverted by Ann, ${t}`);
    expect(takenBackText([batch('r1', 'revert', 'Revert of “X”'), redo])).toBe(`Reverted, then brought back by Bob, ${t}`);
  });
});
