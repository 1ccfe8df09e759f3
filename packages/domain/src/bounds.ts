import type { Command } from './commands.ts';
import { domainError, type DomainError } from './errors.ts';
import type { PlanState } from './model.ts';
import { sizeOf } from './record-index.ts';

/**
 * How much one plan may hold. Every entity costs memory on the server and in every open browser, and every join
 * sends them all, so a plan has a ceiling well above any real event (a company party of 1,500 guests, a congress
 * of 10,000) and far below what would hurt other plans on the server. A command that would pass it is refused in
 * words a planner can act on; nothing that is stored is ever refused (evolve folds whatever events say).
 */
export const PLAN_BOUNDS = {
  rooms: { most: 200, word: 'rooms', what: 'Remove rooms it no longer needs' },
  physicalTables: { most: 5_000, word: 'physical tables', what: 'Remove physical tables it no longer needs' },
  tables: { most: 5_000, word: 'tables', what: 'Remove tables it no longer needs' },
  guests: { most: 20_000, word: 'guests', what: 'Remove guests who are not coming, or plan a part of the event in a plan of its own' },
  rules: { most: 10_000, word: 'seating rules', what: 'Remove rules that no longer matter' },
  fixtures: { most: 2_000, word: 'fixtures', what: 'Remove fixtures it no longer needs' },
} as const;

type Bounded = keyof typeof PLAN_BOUNDS;

/** The record each adding command adds to. */
const ADDS_TO: Partial<Record<Command['type'], Bounded>> = {
  addRoom: 'rooms',
  addPhysicalTable: 'physicalTables',
  addTable: 'tables',
  addGuest: 'guests',
  addSeatingRule: 'rules',
  addFixture: 'fixtures',
};

/**
 * The guests all seating rules of a plan may name together (a guest named by two rules counts twice). 10,000 rules
 * of 50 guests each were within the bounds above, and the automatic seating of 2,000 guests then built 24.5 million
 * "kept apart" pairs and froze the browser of every organiser who opened it for seconds (a probe). Real plans name a
 * few hundred or thousand.
 */
export const RULE_GUESTS_MOST = 20_000;

const NONE = Object.freeze({});
/** Why `c` may not add to a plan that is already at its ceiling for what `c` adds; null when it may. */
export function planFull(s: PlanState, c: Command): DomainError | null {
  if (c.type === 'addSeatingRule') {
    let named = c.guestIds.length;
    for (const r of Object.values(s.rules ?? {})) named += r.guestIds.length;
    if (named > RULE_GUESTS_MOST)
      return domainError(
        'PlanFull',
        `This plan’s seating rules would name ${named.toLocaleString('en')} guests in all, more than the ${RULE_GUESTS_MOST.toLocaleString('en')} one plan can hold. Remove rules that no longer matter first.`,
      );
  }
  const kind = ADDS_TO[c.type];
  if (!kind) return null;
  const bound = PLAN_BOUNDS[kind];
  const n = sizeOf(s[kind] ?? NONE);
  if (n < bound.most) return null;
  return domainError('PlanFull', `This plan already holds ${n.toLocaleString('en')} ${bound.word}, the most one plan can hold. ${bound.what} first.`);
}
