/*
 * Reading stored events defensively. Events are facts: one stored long ago, or written by a bug, may hold a payload
 * its type does not promise (an edit's `changes` null, an array, a string). Folding already ignores such a payload;
 * everything else that reads history (what an event changed, its words) reads it through these, so it never throws.
 */

/** An edit's `changes` or `previous` as the fields it names: a plain object as it is, anything else as no fields. */
export function fieldsRecord(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** The fields an edit names (none when its `changes` is not a plain object). */
export const fieldNames = (changes: unknown): string[] => Object.keys(fieldsRecord(changes));

/** A list of objects a stored event should hold (a floor arrangement's `moves`): its objects; anything else: none. */
export const listOf = <T extends object>(v: readonly T[] | null | undefined): readonly T[] =>
  Array.isArray(v) ? v.filter((x): x is T => (x as unknown) !== null && typeof x === 'object') : [];
