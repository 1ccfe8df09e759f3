import { describe, expect, it } from 'vitest';
import { loadWords, saveWords } from './saved-words.ts';

const memoryStorage = () => {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    m,
  };
};

describe("the Undo and Redo buttons' words kept in the browser", () => {
  it('come back for the commands still on my stacks, per plan link, and go with the commands that leave them', () => {
    const storage = memoryStorage();
    const words = new Map([
      ['c1', 'added guest Hanna Hand'],
      ['c2', 'moved Kim Doe from table 3 to table 12'],
      ['u1', 'ran “Guest import: guests.xlsx”'],
    ]);
    saveWords(storage, 'tok', words, { issued: [], undo: ['c1', 'c2'], redo: ['u1'] });
    expect(loadWords(storage, 'tok')).toEqual(words);
    expect(loadWords(storage, 'other').size).toBe(0);
    saveWords(storage, 'tok', words, { issued: [], undo: ['c2'], redo: [] });
    expect([...loadWords(storage, 'tok')]).toEqual([['c2', 'moved Kim Doe from table 3 to table 12']]);
    saveWords(storage, 'tok', words, { issued: [], undo: [], redo: [] });
    expect(storage.m.size).toBe(0);
  });

  it('read nothing from junk, and keep working when storage refuses', () => {
    const storage = memoryStorage();
    for (const junk of ['not json', '[1,2]', 'null', '{"c1": 5, "c2": "ok"}', JSON.stringify({ c3: 'x'.repeat(501) })]) {
      storage.m.set('seatfold:undo-words:tok', junk);
      const words = loadWords(storage, 'tok');
      expect(words.size, junk).toBe(junk.includes('"ok"') ? 1 : 0);
    }
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(() => saveWords(full, 'tok', new Map([['c1', 'added guest A']]), { issued: [], undo: ['c1'], redo: [] })).not.toThrow();
    expect(loadWords(null, 'tok').size).toBe(0);
  });
});
