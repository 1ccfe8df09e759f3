/**
 * THE id grammar (rooms, physical tables, logical tables, guests): 1–100 characters of ASCII letters, digits and
 * `- _ . :`, starting with a letter or digit, and never the name of a property every object inherits
 * (`__proto__`, `constructor`, `hasOwnProperty`, `valueOf`, `toString`, …). Ids are keys of the state's records,
 * so an inherited name would read (or, for `__proto__`, write) the prototype instead of an entity.
 * Every command schema and the wire protocol use `idSchema` (id-schema.ts: this grammar as a zod schema); nothing else
 * defines what an id is. This file loads no zod, so the browser's first render can use it.
 */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
export const ID_RULE =
  'Ids are 1–100 letters, digits, “-”, “_”, “.” or “:”, start with a letter or digit, and cannot be a built-in name such as “constructor”.';

/** Names every plain object inherits, fixed when this module loads (so a polluted prototype cannot widen it later). */
const INHERITED: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__']);

/** True for a key that a plain object answers without owning it: never usable as an entity id. */
export function isReservedKey(key: string): boolean {
  return INHERITED.has(key) || key in {};
}

export function isValidId(v: unknown): v is string {
  return typeof v === 'string' && ID_PATTERN.test(v) && !isReservedKey(v);
}

/**
 * The one way to read an entity by id: only the record's OWN entries count, so `'constructor'` or `'__proto__'`
 * finds nothing instead of Object.prototype's members. Works on immer drafts and frozen states alike.
 */
export function entity<T>(record: Readonly<Record<string, T>>, id: string | null | undefined): T | undefined {
  return id != null && Object.hasOwn(record, id) ? record[id] : undefined;
}

/** True when the record owns an entity with that id. */
export function hasEntity(record: Readonly<Record<string, unknown>>, id: string | null | undefined): boolean {
  return id != null && Object.hasOwn(record, id);
}
