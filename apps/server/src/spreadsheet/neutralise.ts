/**
 * Formula injection in exported text files (CSV). Excel, LibreOffice and Sheets run a cell starting with = + - @ —
 * or their fullwidth forms ＝ ＋ － ＠, which some of them fold to ASCII — as a formula, also after leading white
 * space, tabs or line breaks; such cells (and any cell starting with a tab or carriage return) get a leading
 * apostrophe. So that the prefix can be taken off again without guessing, text that already starts with
 * apostrophes before such a start gets one more: `restoreNeutralised(neutralise(v)) === v` for every v.
 * (.xlsx needs none of this: a string cell is never a formula.)
 */
const NEEDS_PREFIX = /^'*(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;

export function neutralise(v: string): string {
  return NEEDS_PREFIX.test(v) ? `'${v}` : v;
}

/** The text a neutralised CSV cell held: exactly the one apostrophe neutralise adds is taken off. */
export function restoreNeutralised(v: string): string {
  return v.startsWith("'") && NEEDS_PREFIX.test(v.slice(1)) ? v.slice(1) : v;
}
