import type { CommandOf } from './commands.ts';
import { domainError } from './errors.ts';
import type { PlanEvent } from './events.ts';
import { entity } from './ids.ts';
import { rulesOf, type PlanState, type SeatingRule } from './model.ts';
import { partyKey, partyTitle } from './parties.ts';

type RuleDecision = { ok: true; events: PlanEvent[] } | { ok: false; error: ReturnType<typeof domainError> };

/** "Ann Braun and Ben Braun", "Ann, Ben and Cara" — guest names as a planner reads them. */
export function ruleGuestNames(s: PlanState, guestIds: readonly string[]): string {
  const names = guestIds.map((id) => entity(s.guests, id)?.name ?? 'a removed guest');
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** "keep Ann and Ben together (must)", "keep Ann and Ben apart (wish)". */
export function ruleText(s: PlanState, rule: Omit<SeatingRule, 'id'>): string {
  return `keep ${ruleGuestNames(s, rule.guestIds)} ${rule.kind}${rule.hard ? ' (must)' : ' (wish)'}`;
}

export function decideAddSeatingRule(s: PlanState, c: CommandOf<'addSeatingRule'>): RuleDecision {
  if (entity(rulesOf(s), c.ruleId)) return { ok: false, error: domainError('AlreadyExists', `A seating rule with id ${c.ruleId} already exists.`) };
  if (new Set(c.guestIds).size !== c.guestIds.length) return { ok: false, error: domainError('InvalidCommand', 'A rule names each guest once: pick two or more different guests.') };
  const missing = c.guestIds.find((id) => !entity(s.guests, id));
  if (missing) return { ok: false, error: domainError('UnknownGuest', `That guest no longer exists (id ${missing}). They may have been removed by somebody else.`) };
  if (c.kind === 'apart' && c.hard) {
    const byParty = new Map<string, string[]>();
    for (const id of c.guestIds) {
      const key = partyKey(s.guests[id].party);
      if (key) byParty.set(key, [...(byParty.get(key) ?? []), id]);
    }
    const shared = [...byParty.values()].find((ids) => ids.length > 1);
    if (shared) {
      const party = partyTitle(s.guests[shared[0]].party);
      return { ok: false, error: domainError('InvalidCommand', `${ruleGuestNames(s, shared)} belong to ${party}, which always sits together: they cannot be kept apart. Make it a wish, or change their party first.`) };
    }
  }
  return { ok: true, events: [{ type: 'SeatingRuleAdded', v: 1, ruleId: c.ruleId, kind: c.kind, hard: c.hard, guestIds: [...c.guestIds] }] };
}

export function decideRemoveSeatingRule(s: PlanState, c: CommandOf<'removeSeatingRule'>): RuleDecision {
  const rule = entity(rulesOf(s), c.ruleId);
  if (!rule) return { ok: false, error: domainError('InvalidCommand', 'That seating rule no longer exists. Somebody else may have removed it.') };
  return { ok: true, events: [{ type: 'SeatingRuleRemoved', v: 1, ruleId: rule.id, previous: { kind: rule.kind, hard: rule.hard, guestIds: [...rule.guestIds] } }] };
}
