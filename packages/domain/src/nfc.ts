/*
 * NFC without its worst case, in a module of its own: spreadsheet cells are cleaned with it in the page's first
 * bundle (import/normalize.ts), which must reach no schema library (apps/web/src/first-bundle.unit.test.ts).
 */

/** The most marks (accents, dots, tone marks…) one letter may carry in a row: real scripts stack a handful at most. */
export const MAX_MARKS_IN_A_ROW = 30;
// One more mark than allowed, exactly: found as soon as a pile starts (`{31,}` would match it to its end, ~0.3 µs a mark).
const MARK_PILE = new RegExp(`\\p{M}{${MAX_MARKS_IN_A_ROW + 1}}`, 'u');
const MARK_PILES = new RegExp(`\\p{M}{${MAX_MARKS_IN_A_ROW + 1},}`, 'gu');

/** Whether a text piles more than MAX_MARKS_IN_A_ROW marks on one letter (say "Zalgo" text): cheap, linear. */
export const hasMarkPile = (v: string): boolean => MARK_PILE.test(v);

/**
 * NFC, for text that is cleaned rather than judged (spreadsheet cells, file names, matching keys): a pile of marks
 * is cut to MAX_MARKS_IN_A_ROW first. NFC puts a run of marks in order by insertion sort, so its time grows with the
 * square of the run: 100,000 marks on one letter held the server's only thread for 8 s (a probe); 30 take
 * microseconds. Fields that are judged (textSchema) refuse a pile instead, before normalising. The caller bounds
 * the text's length (cutting a pile is linear, but not free: ~0.3 µs a mark).
 */
export function nfc(v: string): string {
  const bounded = MARK_PILE.test(v) ? v.replace(MARK_PILES, (pile) => Array.from(pile).slice(0, MAX_MARKS_IN_A_ROW).join('')) : v;
  return bounded.normalize('NFC');
}
