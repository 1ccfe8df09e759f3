import { nfc } from './nfc.ts';
import { clipText } from './words.ts';

/**
 * Text hygiene: the characters no field may hold. text.ts makes one schema per kind of field of it, used by every
 * way in (commands, imports, the join name), so a field can never hold what an edit of it would refuse; this file
 * stays free of zod, so an import's cell cleaning can be in the app's first bundle. Every text is NFC-normalised.
 * Refused everywhere: NUL and the other C0 controls (multi-line fields keep tab and newline; CR/CRLF become a
 * newline), DEL, all C1 controls, bidi embeddings/overrides/isolates (U+202A–U+202E, U+2066–U+2069) and zero-width characters (U+200B, U+2060,
 * U+FEFF, and the joiners U+200C–U+200D where no script needs them: JOINER_IN_PLACE) — so no two guests can look
 * alike while being different text, and no text reorders what follows it on screen or in an export. Single-line
 * fields are trimmed.
 * Refused too, for the same reason, the other characters that draw nothing (INVISIBLE): the bidi marks (U+200E,
 * U+200F, U+061C), the soft hyphen, the combining grapheme joiner, the Hangul fillers, invisible operators and
 * deprecated format characters, annotation marks, musical format characters, and tag characters except after a
 * flag (🏴 and tags spell a subdivision's flag). "Hall" and "Hall" + U+200F would otherwise be two rooms of one
 * name, and a guest could be listed twice with nothing to tell the two apart. Mongolian variation selectors stay:
 * that script needs them. An import takes all of these out of a cell instead of refusing its row (withoutInvisible):
 * there the planner did not type them and could not see them to fix them.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this rule's purpose
const SINGLE_LINE_BAD = /[\u0000-\u001f\u007f-\u009f\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]/u;
// eslint-disable-next-line no-control-regex -- as above
const MULTI_LINE_BAD = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]/u;

/**
 * The zero-width joiners where a script needs them, as IDNA2008 allows them (RFC 5892, CONTEXTJ, in short): either
 * joiner right after a virama (Sinhala "ශ්‍රී", Sri; Malayalam and Devanagari half forms), and the non-joiner
 * between two Arabic-script letters of which the first would join the second (Persian writes "علی‌اکبر", Ali-Akbar, so).
 * There they change how the word is drawn, so they cannot make two names look alike; anywhere else they draw nothing.
 * The first letter: any Arabic-script letter but those that never join the next (alef, dal, reh, waw and their kin,
 * hamza); marks between are skipped.
 */
const VIRAMA =
  '\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d3b\u0d3c\u0d4d\u0dca\u0e3a\u0f84\u1039\u103a\u1714\u1734\u17d2\u1a60\u1b44\u1baa\u1bab\u1bf2\u1bf3\ua806\ua8c4\ua953\ua9c0\uaaf6\uabed';
const JOINS_NO_NEXT =
  '\u0621-\u0625\u0627\u0629\u062f-\u0632\u0648\u0671-\u0677\u0688-\u0699\u06c0\u06c3-\u06cb\u06cd\u06cf\u06d2\u06d3\u06d5\u06ee\u06ef\u0759-\u075b\u076b\u076c\u0771\u0773\u0774\u0778\u0779\u08aa-\u08ac\u08ae\u08b1\u08b2\u08b9';
const ARABIC_LETTER = '(?=\\p{L})\\p{Script=Arabic}';
const JOINER_IN_PLACE = new RegExp(
  `(?<=[${VIRAMA}])[\\u200c\\u200d]|(?<=(?![${JOINS_NO_NEXT}])${ARABIC_LETTER}\\p{Mn}*)\\u200c(?=\\p{Mn}*(?!\\u0621)${ARABIC_LETTER})`,
  'gu',
);
/** A zero-width joiner where no script needs it (JOINER_IN_PLACE), or null. */
function strayJoiner(v: string): string | null {
  if (!/[\u200c\u200d]/.test(v)) return null;
  return /[\u200c\u200d]/.exec(v.replace(JOINER_IN_PLACE, ''))?.[0] ?? null;
}
/** Characters that draw nothing (see above); tags only where no flag or tag comes before them. The combining ones
 *  (U+034F, U+1160, U+17B4, U+17B5) stand alone, outside the class: each is refused alone, never with a letter. */
const INVISIBLE =
  /[\u00ad\u061c\u115f\u200e\u200f\u2061-\u2064\u206a-\u206f\u3164\uffa0\ufff9-\ufffb\u{1d173}-\u{1d17a}\u{e0001}]|\u034f|\u1160|\u17b4|\u17b5|(?<![\u{1f3f4}\u{e0020}-\u{e007f}])[\u{e0020}-\u{e007f}]/u;

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Half of a surrogate pair with its other half missing (an emoji cut in two): no encoding can store it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first character a field may not hold, as `U+XXXX`, or null when the text is clean. */
export function forbiddenCharacter(v: string, multiLine = false): string | null {
  const m = (multiLine ? MULTI_LINE_BAD : SINGLE_LINE_BAD).exec(v)?.[0] ?? strayJoiner(v) ?? INVISIBLE.exec(v)?.[0] ?? LONE_SURROGATE.exec(v)?.[0];
  return m ? codePoint(m) : null;
}

/**
 * `v` without the characters a field refuses because they draw nothing or are controls (all of forbiddenCharacter's
 * but a broken surrogate, which stays to be refused: it is not invisible, it is damage), keeping the joiners a
 * script needs there, tags after a flag and, in a multi-line text, tab and line breaks. For imports: a spreadsheet
 * shows a zero-width space or a bidi mark in a name as nothing at all, so a planner could not find what to fix
 * in the file, and the cell without it reads the same (import/normalize.ts).
 */
export function withoutInvisible(v: string, multiLine = false): string {
  if (!DRAWS_NOTHING.test(v)) return v;
  const inPlace = new Set<number>();
  if (/[\u200c\u200d]/.test(v)) for (const m of v.matchAll(JOINER_IN_PLACE)) inPlace.add(m.index);
  return v.replace(DRAWS_NOTHING_ALL, (ch: string, at: number) =>
    (ch === '\u200c' || ch === '\u200d') && inPlace.has(at) ? ch : multiLine && (ch === '\t' || ch === '\n' || ch === '\r') ? ch : '',
  );
}
const DRAWS_NOTHING_SOURCE = `${SINGLE_LINE_BAD.source}|[\\u200c\\u200d]|${INVISIBLE.source}`;
const DRAWS_NOTHING = new RegExp(DRAWS_NOTHING_SOURCE, 'u');
const DRAWS_NOTHING_ALL = new RegExp(DRAWS_NOTHING_SOURCE, 'gu');

/**
 * A name for a file a client sent (an upload's `?name=`): each character a field may not hold becomes "_", and it is
 * cut to `max` without splitting a character — so it can always be stored and shown, whatever was sent.
 */
export function cleanFileName(raw: string, max = 255): string {
  return clipText(
    nfc(clipText(raw, 4 * max))
      .replace(FILE_NAME_BAD, '_')
      .trim(),
    max,
  ).trim();
}
// (a file's name loses its joiners too: it is only shown, never told apart from another)
const FILE_NAME_BAD = new RegExp(`${SINGLE_LINE_BAD.source}|[\\u200c\\u200d]|${INVISIBLE.source}|${LONE_SURROGATE.source}`, 'gu');
