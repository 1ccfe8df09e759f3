import { GuestLabelIndex } from '../guest-labels.ts';
import type { Guest, PlanState } from '../model.ts';
import type { MatchKey } from './guest-plan.ts';
import { matchKey } from './normalize.ts';

// How an import row finds the existing guest it is: by guest number, e-mail or name.

export const KEY_LABEL: Record<MatchKey, string> = { ref: 'guest number', email: 'e-mail', name: 'name' };

/**
 * The plan's guests by each match key: every guest with that key, in the plan's order; and `labels()`, the plan's
 * guest labels for naming candidates, filed once per import when first asked for (a label read from all the guests
 * costs ~9 ms at 11,500 guests, and a sheet of 20,000 rows of one shared name asks for 40,000).
 */
export type GuestIndex = { labels: () => GuestLabelIndex } & Record<MatchKey, Map<string, Guest[]>>;

export function guestIndex(state: PlanState): GuestIndex {
  let labels: GuestLabelIndex | null = null;
  const index: GuestIndex = {
    labels: () => (labels ??= new GuestLabelIndex(state.guests)),
    ref: new Map(),
    email: new Map(),
    name: new Map(),
  };
  for (const g of Object.values(state.guests)) {
    for (const k of ['ref', 'email', 'name'] as const) {
      const v = matchKey(g[k]);
      if (!v) continue;
      const same = index[k].get(v);
      if (same) same.push(g);
      else index[k].set(v, [g]);
    }
  }
  return index;
}

/** How many of a list of guests a refusal names before "and n more". */
const NAMED = 3;

/**
 * The existing guest a row is: by guest number, else e-mail, else name — skipping a guest whose own number or
 * e-mail differs from the row's (then it is somebody else with the same e-mail or name). Where two or more guests
 * share the key the row is matched by (two David Schröders, a couple with one e-mail) and nothing in the row tells
 * which one it is, it is none of them: `ambiguous` says so, naming them as the plan tells them apart, rather than
 * the first one being changed.
 */
export function findGuest(
  index: GuestIndex,
  keys: Record<MatchKey, string>,
  matchBy: MatchKey[],
): { guest: Guest; by: MatchKey } | { ambiguous: string } | null {
  for (const by of matchBy) {
    const same = keys[by] ? (index[by].get(keys[by]) ?? []) : [];
    const other = (g: Guest, k: 'ref' | 'email') => keys[k] !== '' && matchKey(g[k]) !== '' && matchKey(g[k]) !== keys[k];
    let candidates = same.filter((g) => !other(g, 'ref') && !other(g, 'email'));
    // two guests of one e-mail (a couple): the row's name tells which
    if (candidates.length > 1 && by !== 'name' && keys.name) {
      const named = candidates.filter((g) => matchKey(g.name) === keys.name);
      if (named.length > 0) candidates = named;
    }
    if (candidates.length === 1) return { guest: candidates[0]!, by };
    if (candidates.length > 1) {
      const named = candidates.slice(0, NAMED).map((g) => index.labels().label(g.id) ?? g.name);
      const more = candidates.length - named.length;
      const which = more > 0 ? `${named.join('; ')} and ${more} more` : named.join('; ');
      const tell = by === 'name' ? 'an e-mail or guest number' : 'a guest number';
      return {
        ambiguous: `${candidates.length} guests have this ${KEY_LABEL[by]} (${which}): add ${tell} to the row to tell which one it is`,
      };
    }
  }
  return null;
}
