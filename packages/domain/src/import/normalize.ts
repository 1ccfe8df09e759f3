import { nfc } from '../nfc.ts';
import { withoutInvisible } from '../hygiene.ts';
import { clipText } from '../words.ts';

/**
 * The longest cell text that is cleaned: four times the longest field (notes, 2,000 characters), one more. A longer
 * one is only cut to this length, not normalised: every field still refuses it as too long (textSchema, before it
 * normalises), and a megabyte cell costs no more than this.
 */
export const CELL_MAX = 8_001;

/**
 * A cell's text, NFC (a pile of marks cut: nfc), line breaks kept, without the characters that draw nothing (a field
 * would refuse them, and the planner could not see them in the sheet: withoutInvisible) — or, over CELL_MAX, just cut
 * to it. For notes.
 */
export const cleanLines = (v: string): string => (v.length > CELL_MAX ? clipText(v, CELL_MAX) : nfc(withoutInvisible(v, true)).trim());

/** Text as a spreadsheet cell gives it: trimmed, inner runs of white space collapsed, NFC, cleaned (cut: cleanLines). */
export function cleanCell(v: string): string {
  return cleanLines(v.replace(/\s+/g, ' '));
}

/**
 * For matching names and keys: clean, case- and accent-insensitive. "ß" counts as "ss", as German writes it in capitals
 * and where a keyboard has no ß ("GROSSER SAAL", "Weiss" for Weiß).
 */
export function matchKey(v: string): string {
  return cleanCell(v)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss');
}

/**
 * The key a table name is matched by: "Table 12", "Tisch 12", "T12", "Nr. 12", "012" and "12" all name table 12
 * (a number loses its leading zeros); other names match case- and accent-insensitively ("Garden" = "garden").
 */
export function tableKey(v: string): string {
  const k = matchKey(v)
    .replace(/^(table|tisch|tafel|tbl\.?)\s*/, '')
    .replace(/^(nr\.?|no\.?|#|t\.?)\s*(?=\d)/, '');
  return /^\d+$/.test(k) ? k.replace(/^0+(?=\d)/, '') : k;
}

const YES = new Set(['1', 'x', 'y', 'yes', 'true', 'ja', 'j', 'wahr', 'vip', '✓', '✔']);
const NO = new Set(['', '0', 'n', 'no', 'false', 'nein', 'falsch', '-']);

/** A yes/no cell in English or German; null when it is neither. */
export function parseYesNo(v: string): boolean | null {
  const k = matchKey(v);
  if (YES.has(k)) return true;
  if (NO.has(k)) return false;
  return null;
}

export const looksLikeEmail = (v: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);
