import { z } from 'zod';
import { hasMarkPile, MAX_MARKS_IN_A_ROW, nfc } from './nfc.ts';
import { clipText } from './words.ts';

/**
 * Text hygiene: one schema per kind of field, used by every way in (commands, imports, the join name), so a field
 * can never hold what an edit of it would refuse. Every text is NFC-normalised. Refused everywhere: NUL and the
 * other C0 controls (multi-line fields keep tab and newline; CR/CRLF become a newline), DEL, all C1 controls,
 * bidi embeddings/overrides/isolates (U+202A–U+202E, U+2066–U+2069) and zero-width characters (U+200B–U+200D,
 * U+2060, U+FEFF) — so no two guests can look alike while being different text, and no text reorders what
 * follows it on screen or in an export. Single-line fields are trimmed.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this rule's purpose
const SINGLE_LINE_BAD = /[\u0000-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]/u;
// eslint-disable-next-line no-control-regex -- as above
const MULTI_LINE_BAD = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]/u;

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Half of a surrogate pair with its other half missing (an emoji cut in two): no encoding can store it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first character a field may not hold, as `U+XXXX`, or null when the text is clean. */
export function forbiddenCharacter(v: string, multiLine = false): string | null {
  const m = (multiLine ? MULTI_LINE_BAD : SINGLE_LINE_BAD).exec(v) ?? LONE_SURROGATE.exec(v);
  return m ? codePoint(m[0]) : null;
}

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
const FILE_NAME_BAD = new RegExp(`${SINGLE_LINE_BAD.source}|${LONE_SURROGATE.source}`, 'gu');

interface TextRule {
  /** how the planner calls the field, capitalised, plural reads best: "Names", "Notes", "E-mail addresses" */
  label: string;
  max: number;
  required?: boolean;
  multiLine?: boolean;
}

/**
 * A text field: NFC, trimmed (single-line) or with newlines unified (multi-line), length-capped, hygienic. What would
 * make normalising it costly is refused before it is normalised (`abort`: no later step runs on it): a text
 * several times longer than the field holds (NFC shortens a text to a third at most, so it would still be too
 * long), and a pile of marks on one letter (see nfc).
 */
export function textSchema({ label, max, required = false, multiLine = false }: TextRule) {
  let s = z
    .string()
    .max(4 * max, { abort: true, message: `${label} are at most ${max} characters.` })
    .refine((v) => !hasMarkPile(v), {
      abort: true,
      message: `${label} cannot carry more than ${MAX_MARKS_IN_A_ROW} accents or marks on one letter.`,
    })
    .normalize('NFC');
  s = multiLine ? s.overwrite((v) => v.replace(/\r\n?/g, '\n')) : s.trim();
  if (required) s = s.min(1, `${label} cannot be empty.`);
  return s.max(max, `${label} are at most ${max} characters.`).superRefine((v, ctx) => {
    const bad = forbiddenCharacter(v, multiLine);
    if (!bad) return;
    const broken = /^U\+D[89A-F]/.test(bad);
    ctx.addIssue({
      code: 'custom',
      message: broken
        ? `${label} cannot contain a broken character (${bad}: half of an emoji or symbol). Type it again.`
        : `${label} cannot contain invisible or control characters (found ${bad}).`,
    });
  });
}

/** A person's name: a guest's, and the name a planner joins with. */
export const personNameSchema = textSchema({ label: 'Names', max: 200, required: true });
/** The name of the plan, a room, a table; a physical table's label. */
export const entityNameSchema = textSchema({ label: 'Names', max: 200, required: true });

/** The guest's text fields, one schema each — the commands and the guest import both use these. */
export const guestTextSchemas = {
  name: personNameSchema,
  email: textSchema({ label: 'E-mail addresses', max: 320 }),
  party: textSchema({ label: 'Parties', max: 200 }),
  department: textSchema({ label: 'Departments', max: 200 }),
  dietary: textSchema({ label: 'Dietary needs', max: 500 }),
  accessibility: textSchema({ label: 'Accessibility needs', max: 500 }),
  notes: textSchema({ label: 'Notes', max: 2000, multiLine: true }),
  ref: textSchema({ label: 'Guest numbers', max: 100 }),
} as const;

export type GuestTextField = keyof typeof guestTextSchemas;

/** Checks one guest field as a command would: the clean value, or the sentence saying what to fix. */
export function checkGuestText(field: GuestTextField, v: string): { ok: true; value: string } | { ok: false; message: string } {
  const r = guestTextSchemas[field].safeParse(v);
  return r.success ? { ok: true, value: r.data } : { ok: false, message: r.error.issues[0]?.message ?? `${field} is not valid.` };
}
