import type { Validation } from '../../app/validation.ts';
import { isGeneratedName } from '../../app/identity.ts';

const ASKED_KEY = 'seatfold:nameAsked';

/** Asked already in this tab when the browser keeps nothing (storage disabled). */
let askedHere = false;

/** Whether this browser asked its guest for a name already (answered or skipped): it asks once, not on every link. */
export function nameAsked(): boolean {
  try {
    return askedHere || localStorage.getItem(ASKED_KEY) === '1';
  } catch {
    return askedHere;
  }
}

export function markNameAsked(): void {
  askedHere = true;
  try {
    localStorage.setItem(ASKED_KEY, '1');
  } catch {
    // kept for this tab only
  }
}

/**
 * Whether to ask for a name: a guest of an open link (no member: a member chose their name when they claimed their
 * invite or created the plan) who goes by the name this page made up and has not been asked in this browser yet.
 */
export function shouldAskName(userName: string, member: boolean | undefined, asked: boolean): boolean {
  return member === false && !asked && isGeneratedName(userName);
}

/**
 * The name typed, checked by the rules the server applies to it (PATCH /api/me: the domain's `personNameSchema`):
 * the clean name (trimmed, NFC), or the sentence saying what to change. An empty field offers the way out.
 */
export function checkName(
  draft: string,
  schema: Validation['personNameSchema'],
  generated: string,
): { ok: true; name: string } | { ok: false; message: string } {
  if (!draft.trim()) return { ok: false, message: `Type your name, or keep “${generated}”.` };
  const parsed = schema.safeParse(draft);
  if (parsed.success) return { ok: true, name: parsed.data };
  return { ok: false, message: parsed.error.issues[0]?.message ?? 'This name cannot be used: try another.' };
}
