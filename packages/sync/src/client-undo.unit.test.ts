import { describe, expect, it } from 'vitest';
import {
  confirmed,
  dropped,
  emptyStacks,
  issued,
  loadStacks,
  nextRedo,
  nextUndo,
  redone,
  saveStacks,
  UNDO_LIMIT,
  undoKey,
  undone,
  type KeyValueStorage,
} from './client-undo.ts';

function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe('undo stacks', () => {
  it('only commands whose events were confirmed become undoable, in the order they were confirmed', () => {
    let st = issued(issued(issued(emptyStacks(), 'a'), 'b'), 'c');
    expect(nextUndo(st)).toBeNull();
    st = confirmed(st, ['x-by-someone-else', 'b', 'b', 'a']);
    expect(st.undo).toEqual(['b', 'a']);
    expect(st.issued).toEqual(['c']); // c was refused or is still pending: never undoable until confirmed
    expect(nextUndo(st)).toBe('a');
  });

  it('undo moves to redo; redo pushes the redo command back onto undo; a new change clears redo', () => {
    let st = confirmed(issued(issued(emptyStacks(), 'a'), 'b'), ['a', 'b']);
    st = undone(st, 'b', 'u1');
    expect(st).toMatchObject({ undo: ['a'], redo: ['u1'] });
    st = undone(st, 'a', 'u2');
    expect(nextRedo(st)).toBe('u2');
    st = redone(st, 'u2', 'r1');
    expect(st).toMatchObject({ undo: ['r1'], redo: ['u1'] });
    st = confirmed(issued(st, 'c'), ['c']);
    expect(st).toMatchObject({ undo: ['r1', 'c'], redo: [] });
    expect(dropped(st, 'c').undo).toEqual(['r1']);
  });

  it('is bounded', () => {
    let st = emptyStacks();
    for (let i = 0; i < UNDO_LIMIT + 20; i++) st = confirmed(issued(st, `c${i}`), [`c${i}`]);
    expect(st.undo).toHaveLength(UNDO_LIMIT);
    expect(st.undo[0]).toBe('c20');
    expect(nextUndo(st)).toBe(`c${UNDO_LIMIT + 19}`);
  });

  it('survives a reload per plan token, and ignores what it cannot trust', () => {
    const storage = memoryStorage();
    const st = undone(confirmed(issued(issued(issued(emptyStacks(), 'a'), 'b'), 'p'), ['a', 'b']), 'b', 'u1');
    saveStacks(storage, 'tokA', st);
    expect(loadStacks(storage, 'tokA')).toEqual(st);
    expect(loadStacks(storage, 'tokB')).toEqual(emptyStacks());
    storage.setItem(undoKey('tokC'), '{"format":1,"undo":["ok",3,""],"redo":"nope"}');
    expect(loadStacks(storage, 'tokC')).toEqual({ issued: [], undo: ['ok'], redo: [] });
    storage.setItem(undoKey('tokD'), 'not json');
    expect(loadStacks(storage, 'tokD')).toEqual(emptyStacks());
    saveStacks(storage, 'tokA', emptyStacks());
    expect(storage.map.has(undoKey('tokA'))).toBe(false);
  });
});
