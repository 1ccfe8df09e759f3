import type { KeyValueStorage, UndoStacks } from '@seatfold/sync';

/*
 * The Undo and Redo buttons' words for the commands on my stacks, kept beside the stacks in this browser's storage:
 * after a reload, and in another tab of this browser, the buttons name the change at once. Reading the plan's whole
 * history to name it again (held.ts can) would cost a history read per reload of a big plan, for a button's words.
 */

const wordsKey = (token: string) => `seatfold:undo-words:${token}`;
/** longer words are a stored oddity, not the buttons' */
const MAX_WORDS = 500;

/** The words kept for this plan's link: command id → words; empty when there are none or they cannot be read. */
export function loadWords(storage: KeyValueStorage | null, token: string): Map<string, string> {
  const words = new Map<string, string>();
  try {
    const data = JSON.parse(storage?.getItem(wordsKey(token)) ?? '{}') as unknown;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return words;
    for (const [id, w] of Object.entries(data)) if (typeof w === 'string' && w.length <= MAX_WORDS) words.set(id, w);
  } catch {
    // unreadable: the buttons say it plainly until the next change
  }
  return words;
}

/** Keeps `words` for the commands still on `stacks` (the rest are dropped); storage full or off: kept in memory only. */
export function saveWords(storage: KeyValueStorage | null, token: string, words: Map<string, string>, stacks: UndoStacks): void {
  const on = new Set([...stacks.undo, ...stacks.redo]);
  for (const id of words.keys()) if (!on.has(id)) words.delete(id);
  try {
    if (words.size === 0) storage?.removeItem(wordsKey(token));
    else storage?.setItem(wordsKey(token), JSON.stringify(Object.fromEntries(words)));
  } catch {
    // storage full or disabled
  }
}
