import { matchKey } from './import/normalize.ts';
import type { Guest } from './model.ts';

/**
 * Which guests hold a guest number, as imports match numbers (matchKey): the check that a number a command gives is
 * nobody else's. Indexed once per guests record, then kept by evolve, which reports each number it changes in place
 * (`refMoved`), so an add with a number costs a lookup, not a pass over every guest (a 20,000-row import with
 * employee numbers was 20,000 such passes on the server's thread). A record evolve did not change in place (a copy,
 * an immer result, a snapshot) is indexed again when first asked.
 */

/** Guest numbers' match keys, remembered: an import asks for the same ones again and again. */
const keys = new Map<string, string>();
export function refKey(ref: string): string {
  let key = keys.get(ref);
  if (key === undefined) {
    if (keys.size >= 50_000) keys.clear();
    keys.set(ref, (key = matchKey(ref)));
  }
  return key;
}

const indexes = new WeakMap<object, Map<string, Set<string>>>();

function move(index: Map<string, Set<string>>, id: string, before: unknown, after: unknown) {
  if (typeof before === 'string' && before !== '') {
    const holders = index.get(refKey(before));
    holders?.delete(id);
    if (holders?.size === 0) index.delete(refKey(before));
  }
  if (typeof after === 'string' && after !== '') {
    const key = refKey(after);
    const holders = index.get(key);
    if (holders) holders.add(id);
    else index.set(key, new Set([id]));
  }
}

/** The ids of the guests whose number matches `ref` (in the order they came to hold it). */
export function holdersOfRef(guests: Record<string, Guest>, ref: string): Iterable<string> {
  let index = indexes.get(guests);
  if (!index) {
    index = new Map();
    for (const g of Object.values(guests)) move(index, g.id, undefined, g.ref);
    indexes.set(guests, index);
  }
  return index.get(refKey(ref)) ?? [];
}

/** evolve, after a guest's number changed in place: `before` undefined for a new guest, `after` for a removed one. */
export function refMoved(guests: object, id: string, before: unknown, after: unknown): void {
  const index = indexes.get(guests);
  if (index && before !== after) move(index, id, before, after);
}
