import { cloneState, decide, foldInto, isValidId, matchKey, MAX_TABLE_SEATS, type Command, type PlanState } from '@seatfold/domain/core';
import { loadValidation, VALIDATION_UNAVAILABLE } from '../../app/validation.ts';

/** A new entity id in the domain's grammar: a short kind prefix and a random UUID ("g-3f2a…"). */
export function newEntityId(prefix: 'r' | 'p' | 't' | 'g'): string {
  const id = `${prefix}-${crypto.randomUUID()}`;
  if (!isValidId(id)) throw new Error('The browser made an id the plan cannot use.');
  return id;
}

/** Field → the domain schema's own sentence for it ("Names cannot be empty."), for the first issue of each field. */
export type FieldErrors = Partial<Record<string, string>>;

/**
 * Checks commands with the domain's commandSchema: the field errors (keyed by the field's last path segment).
 * Asynchronous only until the schemas have loaded (app/validation.ts); after that it answers in a microtask.
 */
export async function schemaErrors(commands: readonly unknown[]): Promise<FieldErrors> {
  const { commandSchema } = await loadValidation();
  const out: FieldErrors = {};
  for (const c of commands) {
    const r = commandSchema.safeParse(c);
    if (r.success) continue;
    for (const issue of r.error.issues) {
      const field = String(issue.path[issue.path.length - 1] ?? 'form');
      out[field] ??= plannerMessage(issue);
    }
  }
  return out;
}

/** The domain's own sentence, except where zod speaks for itself (a number field left empty or holding text). */
function plannerMessage(issue: { code: string; message: string; expected?: unknown }): string {
  if (issue.code !== 'invalid_type') return issue.message;
  return issue.expected === 'number' ? 'Enter a whole number, such as 10.' : 'This field is missing or not valid.';
}

/**
 * Tries the commands, in order, on a copy of the state with the domain's own decide: null when all would apply,
 * else the domain's refusal message for the first that would not (so the form can show it before sending).
 */
export function trial(state: PlanState, commands: readonly Command[]): string | null {
  const s = commands.length > 1 ? cloneState(state) : state;
  for (const c of commands) {
    const d = decide(s, c);
    if (!d.ok) return d.error.message;
    if (commands.length > 1) foldInto(s, d.events);
  }
  return null;
}

/**
 * Seats past which a new table is asked about once before it is added: a long banquet seats about 40, and "500" is
 * more often a slip of the keyboard than a table (the plan itself takes up to 500). The question, or null.
 */
export function manySeatsQuestion(seats: number, asked: boolean, count = 1): string | null {
  // Past the most a table may have, nothing to ask: the seats field says the limit at once.
  if (asked || !(seats > 40) || seats > MAX_TABLE_SEATS) return null;
  return `${seats} seats at ${count === 1 ? 'one table' : 'each table'} is unusual: a long banquet seats about 40. Press Add again to add ${count === 1 ? 'it' : 'them'} anyway, or change the seats.`;
}

/** Parses what a planner typed as a whole number; NaN for anything else (the schema then says what is wrong). */
export function wholeNumber(text: string): number {
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : Number.NaN;
}

/** What prepare answers: ready to send, or what to fix. */
export type Prepared = { ok: true } | { ok: false; fields: FieldErrors; message: string | null };

/**
 * The checked commands ready to send, or what to fix: field errors first (schema), then the domain's refusal on
 * `state` (the plan as the planner saw it when submitting). Schemas that could not be loaded are a message too.
 */
export async function prepare(state: PlanState, commands: readonly Command[]): Promise<Prepared> {
  let fields: FieldErrors;
  try {
    fields = await schemaErrors(commands);
  } catch {
    return { ok: false, fields: {}, message: VALIDATION_UNAVAILABLE };
  }
  if (Object.keys(fields).length) return { ok: false, fields, message: null };
  const refusal = trial(state, commands);
  return refusal ? { ok: false, fields: {}, message: refusal } : { ok: true };
}

/**
 * Field errors when another room already has this name (trimmed, case and accents aside): two rooms of one name are
 * two identical tabs and menu entries, as tables and physical tables of one name are refused too.
 */
export function roomNameTaken(rooms: readonly { id: string; name: string }[], name: string, exceptId?: string): FieldErrors {
  const other = rooms.find((r) => r.id !== exceptId && matchKey(r.name) === matchKey(name));
  return other ? { name: `There is a room “${other.name}” already: give this one another name.` } : {};
}

/**
 * A guest already on the list whom a new guest may well be: the same name (trimmed, case and accents aside) and no
 * e-mail address telling them apart (the same address, or one of the two has none) — or another name with the same
 * address, which imports would take for the same guest. Namesakes with different addresses are different people — a
 * plan of 1,500 has several — and are not asked about.
 */
export function possibleDuplicate<G extends { name: string; email: string }>(
  guests: Iterable<G>,
  name: string,
  email: string,
): { guest: G; by: 'name' | 'email' } | null {
  const key = matchKey(name);
  if (key === '') return null;
  const mail = matchKey(email);
  let sameMail: G | null = null;
  for (const g of guests) {
    const theirs = matchKey(g.email);
    if (matchKey(g.name) === key && (mail === '' || theirs === '' || theirs === mail)) return { guest: g, by: 'name' };
    if (mail !== '' && theirs === mail) sameMail ??= g;
  }
  return sameMail && { guest: sameMail, by: 'email' };
}
