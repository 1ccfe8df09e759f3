import { z } from 'zod';
import { forbiddenCharacter } from './hygiene.ts';
import { hasMarkPile, MAX_MARKS_IN_A_ROW } from './nfc.ts';

export { cleanFileName, forbiddenCharacter, withoutInvisible } from './hygiene.ts';

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
