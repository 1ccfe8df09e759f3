import { matchKey } from './import/normalize.ts';
import type { Guest } from './model.ts';
import type { Lookup } from './record-index.ts';

/** Guest numbers' match keys (as imports match numbers: case and spacing aside), remembered: an import asks for the
 *  same ones again and again. */
const keys = new Map<string, string>();
export function refKey(ref: string): string {
  let key = keys.get(ref);
  if (key === undefined) {
    if (keys.size >= 50_000) keys.clear();
    keys.set(ref, (key = matchKey(ref)));
  }
  return key;
}

/** Guests by their number's match key (record-index.ts): who else holds a number a command gives. */
export const GUEST_NUMBERS: Lookup<Guest> = { key: (g) => (typeof g.ref === 'string' && g.ref !== '' ? refKey(g.ref) : undefined) };
