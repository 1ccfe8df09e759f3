import { undoStacks } from '@seatfold/sync';
import { describe, expect, it } from 'vitest';
import { PlanTimeline } from './registry.ts';

/** One browser's localStorage, shared by the tabs of a test (what Storage offers the registry). */
function sharedStorage(): Storage {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    clear: () => map.clear(),
    key: (i: number) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
  };
}

describe('undo stacks shared by two tabs of one plan', () => {
  it('a tab records only its own confirmations: a tab that had not seen the other’s newer change cannot write over it', () => {
    const storage = sharedStorage();
    const a = new PlanTimeline('tok', storage);
    const b = new PlanTimeline('tok', storage);
    a.noteIssued('h');
    expect(b.adoptStored()).toBe(true); // b has seen "h issued"
    a.confirmMine(['h']);
    a.noteIssued('o'); // a moves on before b hears of it
    // b now sees h's events and has held "h issued" only: recording it would have put back a stale list
    expect(b.confirmMine(['h'])).toBe(false);
    expect(undoStacks.loadStacks(storage, 'tok')).toEqual({ issued: ['o'], undo: ['h'], redo: [] });
    a.confirmMine(['o']);
    expect(b.adoptStored()).toBe(true);
    expect(b.stacks).toEqual({ issued: [], undo: ['h', 'o'], redo: [] });
  });

  it('an undo in one tab is applied to the stacks as the browser holds them, and the other tab takes it up', () => {
    const storage = sharedStorage();
    const a = new PlanTimeline('tok', storage);
    const b = new PlanTimeline('tok', storage);
    a.noteIssued('h');
    a.confirmMine(['h']);
    a.noteIssued('o');
    a.confirmMine(['o']);
    // b never heard (no storage event yet): its undo still starts from what is stored
    expect(b.stacks.undo).toEqual([]);
    b.updateStacks((s) => undoStacks.undone(s, 'o', 'u1'));
    expect(b.stacks).toEqual({ issued: [], undo: ['h'], redo: ['u1'] });
    expect(a.adoptStored()).toBe(true);
    expect(a.stacks).toEqual(b.stacks);
    expect(a.adoptStored()).toBe(false); // nothing new
  });
});
