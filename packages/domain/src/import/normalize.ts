/** Text as a spreadsheet cell gives it: trimmed, inner runs of white space collapsed, NFC. */
export function cleanCell(v: string): string {
  return v.normalize('NFC').replace(/\s+/g, ' ').trim();
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
