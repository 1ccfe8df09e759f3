/**
 * Counts and lookups over a record of the state (its guests, tables, rooms…), so that decide answers "how many"
 * and "who else has this number / this name" without a pass over every entry: at 20,000 guests a pass is 1–5 ms,
 * and an import decides thousands of commands on the server's thread.
 *
 * A record is counted, and a lookup built, the first time it is asked for; from then on evolve keeps them, as it
 * makes every change to an entry in place through `changeEntry`. A record evolve did not change in place — a copy,
 * an immer result in the browser, a state read from a snapshot — is simply counted and indexed again when asked.
 * Only fields evolve changes through `changeEntry` may be looked up (names, labels, guest numbers).
 */

/** How a lookup keys an entry: a module constant (its identity names the lookup); undefined leaves the entry out. */
export interface Lookup<T> {
  key(entry: T): string | undefined;
}

interface Kept {
  size: number;
  lookups: Map<Lookup<never>, Map<string, Set<string>>>;
}

const kept = new WeakMap<object, Kept>();

function keptOf(record: object): Kept {
  let k = kept.get(record);
  if (!k) kept.set(record, (k = { size: Object.keys(record).length, lookups: new Map() }));
  return k;
}

function file(map: Map<string, Set<string>>, key: string | undefined, id: string, add: boolean) {
  if (key === undefined) return;
  const ids = map.get(key);
  if (add) {
    if (ids) ids.add(id);
    else map.set(key, new Set([id]));
  } else if (ids) {
    ids.delete(id);
    if (ids.size === 0) map.delete(key);
  }
}

/** How many entries the record holds. */
export function sizeOf(record: object): number {
  return keptOf(record).size;
}

/** The ids of the record's entries whose key under `lookup` is `key`, in the order they came to have it. */
export function entriesKeyed<T extends { id: string }>(record: Record<string, T>, lookup: Lookup<T>, key: string): Iterable<string> {
  const k = keptOf(record);
  let map = k.lookups.get(lookup);
  if (!map) {
    map = new Map();
    for (const entry of Object.values(record)) file(map, lookup.key(entry), entry.id, true);
    k.lookups.set(lookup, map);
  }
  return map.get(key) ?? [];
}

/** The record's entries whose key under `lookup` is `key` (entriesKeyed, as the entries). */
export function entriesWithKey<T extends { id: string }>(record: Record<string, T>, lookup: Lookup<T>, key: string): T[] {
  const out: T[] = [];
  for (const id of entriesKeyed(record, lookup, key)) if (Object.hasOwn(record, id)) out.push(record[id]!);
  return out;
}

/**
 * evolve: makes one change to entry `id` of `record` in place — adds, edits or deletes it — and keeps the record's
 * count and lookups, where any were taken.
 */
export function changeEntry<T>(record: Record<string, T>, id: string, change: () => void): void {
  const k = kept.get(record);
  if (!k) return change();
  const before = Object.hasOwn(record, id) ? record[id] : undefined;
  const lookups = [...k.lookups];
  const keysBefore = lookups.map(([lookup]) => (before === undefined ? undefined : (lookup as Lookup<T>).key(before)));
  change();
  const after = Object.hasOwn(record, id) ? record[id] : undefined;
  k.size += (after === undefined ? 0 : 1) - (before === undefined ? 0 : 1);
  lookups.forEach(([lookup, map], i) => {
    const keyAfter = after === undefined ? undefined : (lookup as Lookup<T>).key(after);
    if (keyAfter === keysBefore[i]) return;
    file(map, keysBefore[i], id, false);
    file(map, keyAfter, id, true);
  });
}

/** evolve: deletes entry `id`, which it has found in `record`, through changeEntry. */
export function remove(record: Record<string, unknown>, id: string): void {
  changeEntry(record, id, () => delete record[id]);
}
