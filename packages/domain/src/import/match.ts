import type { Guest, PlanState } from '../model.ts';
import type { MatchKey } from './guest-plan.ts';
import { matchKey } from './normalize.ts';

// How an import row finds the existing guest it is: by guest number, e-mail or name.

export const KEY_LABEL: Record<MatchKey, string> = { ref: 'guest number', email: 'e-mail', name: 'name' };

export type GuestIndex = Record<MatchKey, Map<string, Guest>>;

/** The plan's guests by each match key (the first guest wins when two share a key). */
export function guestIndex(state: PlanState): GuestIndex {
  const index: GuestIndex = { ref: new Map(), email: new Map(), name: new Map() };
  for (const g of Object.values(state.guests)) {
    for (const k of ['ref', 'email', 'name'] as const) {
      const v = matchKey(g[k]);
      if (v && !index[k].has(v)) index[k].set(v, g);
    }
  }
  return index;
}

/**
 * The existing guest a row is: by guest number, else e-mail, else name — skipping a guest whose own number or
 * e-mail differs from the row's (then it is somebody else with the same e-mail or name).
 */
export function findGuest(index: GuestIndex, keys: Record<MatchKey, string>, matchBy: MatchKey[]): { guest: Guest; by: MatchKey } | null {
  for (const by of matchBy) {
    const g = keys[by] ? index[by].get(keys[by]) : undefined;
    if (!g) continue;
    const other = (k: 'ref' | 'email') => keys[k] !== '' && matchKey(g[k]) !== '' && matchKey(g[k]) !== keys[k];
    if (other('ref') || other('email')) continue;
    return { guest: g, by };
  }
  return null;
}
