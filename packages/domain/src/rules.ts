import type { CommandOf } from './commands.ts';
import { domainError, gone } from './errors.ts';
import type { PlanEvent } from './events.ts';
import { guestLabel } from './guest-labels.ts';
import { entity } from './ids.ts';
import { fixturesOf, rulesOf, type PlanState, type SeatingRule } from './model.ts';
import { floorItemName } from './floor/index.ts';
import { partyKey, partyTitle } from './parties.ts';
import { andList } from './words.ts';

type RuleDecision = { ok: true; events: PlanEvent[] } | { ok: false; error: ReturnType<typeof domainError> };

/** A guest's label (guestLabel), or undefined for a guest not in the plan. */
export type GuestLabelOf = (guestId: string) => string | undefined;

/** "Ann Braun and Ben Braun", "Ann, Ben and Cara" — guest names as a planner reads them (guestLabel: two of one
 *  name told apart). `label`: labels read once for many rules (guestLabels), where each guestLabel reads all guests. */
export function ruleGuestNames(s: PlanState, guestIds: readonly string[], label: GuestLabelOf = (id) => guestLabel(s.guests, id)): string {
  const names = guestIds.map((id) => label(id) ?? '(removed guest)');
  return andList(names);
}

/** "keep Ann and Ben together (must)", "keep Ann and Ben apart (wish)", "seat Ann at table 12 (must)", "seat Ann in
 *  room Garden (wish)", "seat Ann within 5 m of stage “Main” (wish)", "seat Ann at least 8 m from DJ “Booth”
 *  (must)"; a guest, table, room or fixture removed since reads "(removed guest)", "(removed table)", … */
export function ruleText(s: PlanState, rule: Omit<SeatingRule, 'id'>, label?: GuestLabelOf): string {
  const strength = rule.hard ? ' (must)' : ' (wish)';
  const who = ruleGuestNames(s, rule.guestIds, label);
  if (rule.kind === 'atTable') return `seat ${who} at ${placeText(s, rule)}${strength}`;
  if (rule.kind === 'inRoom') return `seat ${who} in ${placeText(s, rule)}${strength}`;
  if (rule.kind === 'nearFixture' || rule.kind === 'awayFromFixture') return `seat ${who} ${placeText(s, rule)}${strength}`;
  return `keep ${who} ${rule.kind}${strength}`;
}

const metres = (n: number | undefined) => `${Math.round((n ?? 0) * 100) / 100} m`;

/** "table 12", "room Garden", "within 5 m of stage “Main”", "at least 8 m from bar “Bar”", "(removed table)" — the
 *  place a place rule names. */
export function placeText(s: PlanState, rule: Pick<SeatingRule, 'kind' | 'tableId' | 'roomId' | 'fixtureId' | 'distanceM'>): string {
  if (rule.kind === 'nearFixture' || rule.kind === 'awayFromFixture') {
    const f = entity(fixturesOf(s), rule.fixtureId);
    const what = f ? floorItemName(s, f) : '(removed fixture)';
    return rule.kind === 'nearFixture' ? `within ${metres(rule.distanceM)} of ${what}` : `at least ${metres(rule.distanceM)} from ${what}`;
  }
  if (rule.kind === 'atTable') {
    const t = entity(s.tables, rule.tableId);
    return t ? `table ${t.name}` : '(removed table)';
  }
  const r = entity(s.rooms, rule.roomId);
  return r ? `room ${r.name}` : '(removed room)';
}

/** What a rule names that is no longer in the plan (guests, its table or room): the solver ignores such parts. */
export function ruleGaps(s: PlanState, rule: SeatingRule): { guests: number; place: boolean } {
  const guests = rule.guestIds.filter((id) => !entity(s.guests, id)).length;
  const place =
    rule.kind === 'atTable'
      ? !entity(s.tables, rule.tableId)
      : rule.kind === 'inRoom'
        ? !entity(s.rooms, rule.roomId)
        : rule.kind === 'nearFixture' || rule.kind === 'awayFromFixture'
          ? !entity(fixturesOf(s), rule.fixtureId)
          : false;
  return { guests, place };
}

export function decideAddSeatingRule(s: PlanState, c: CommandOf<'addSeatingRule'>): RuleDecision {
  if (entity(rulesOf(s), c.ruleId)) return { ok: false, error: domainError('AlreadyExists', `A seating rule with id ${c.ruleId} already exists.`) };
  if (new Set(c.guestIds).size !== c.guestIds.length)
    return { ok: false, error: domainError('InvalidCommand', 'A rule names each guest once: pick two or more different guests.') };
  const missing = c.guestIds.find((id) => !entity(s.guests, id));
  if (missing)
    return {
      ok: false,
      error: gone('guest'),
    };
  const place = placeOf(s, c);
  if ('error' in place) return { ok: false, error: place.error };
  if (c.kind === 'apart' && c.hard) {
    const byParty = new Map<string, string[]>();
    for (const id of c.guestIds) {
      const key = partyKey(s.guests[id]!.party);
      if (key) byParty.set(key, [...(byParty.get(key) ?? []), id]);
    }
    const shared = [...byParty.values()].find((ids) => ids.length > 1);
    if (shared) {
      const party = partyTitle(s.guests[shared[0]!]!.party);
      return {
        ok: false,
        error: domainError(
          'InvalidCommand',
          `${ruleGuestNames(s, shared)} belong to ${party}, which always sits together: they cannot be kept apart. Make it a wish, or change their party first.`,
        ),
      };
    }
  }
  const clash = mustClash(s, c);
  if (clash) {
    const pair = ruleGuestNames(s, clash);
    return {
      ok: false,
      error: domainError(
        'InvalidCommand',
        c.kind === 'together'
          ? `A must rule keeps ${pair} apart: they cannot also be kept together. Make this one a wish, or remove that rule first.`
          : `${pair} must sit together (by a must rule, through their party or other guests kept with them): they cannot also be kept apart. Make this one a wish, or remove that rule first.`,
      ),
    };
  }
  return {
    ok: true,
    events: [{ type: 'SeatingRuleAdded', v: 1, ruleId: c.ruleId, kind: c.kind, hard: c.hard, guestIds: [...c.guestIds], ...place.fields }],
  };
}

/**
 * Two guests a new must rule would both keep together and keep apart, or null. Together is a party (it always sits
 * together) and every must-together rule, joined through shared guests (A with B and B with C puts A with C); a
 * must-apart rule may not split such a group. Only a clash the new rule makes counts: a plan stored with one before
 * this check keeps its rules.
 */
function mustClash(s: PlanState, c: CommandOf<'addSeatingRule'>): [string, string] | null {
  if (!c.hard || (c.kind !== 'together' && c.kind !== 'apart')) return null;
  const parent = new Map<string, string>();
  const find = (g: string): string => {
    let root = g;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(g, root);
    return root;
  };
  const join = (a: string, b: string) => parent.set(find(a), find(b));
  const byParty = new Map<string, string>();
  for (const g of Object.values(s.guests)) {
    const key = partyKey(g.party);
    if (!key) continue;
    const first = byParty.get(key);
    if (first === undefined) byParty.set(key, g.id);
    else join(g.id, first);
  }
  const rules = Object.values(rulesOf(s)).filter((r) => r.hard);
  for (const r of rules) if (r.kind === 'together') for (const g of r.guestIds.slice(1)) join(g, r.guestIds[0]!);
  const splits = (ids: readonly string[]): [string, string] | null => {
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) if (find(ids[i]!) === find(ids[j]!)) return [ids[i]!, ids[j]!];
    return null;
  };
  if (c.kind === 'apart') return splits(c.guestIds);
  const apart = rules.filter((r) => r.kind === 'apart');
  const before = new Set(apart.filter((r) => splits(r.guestIds)));
  for (const g of c.guestIds.slice(1)) join(g, c.guestIds[0]!);
  for (const r of apart) {
    const pair = before.has(r) ? null : splits(r.guestIds);
    if (pair) return pair;
  }
  return null;
}

/** A place rule names exactly its table, room or fixture (and distance), which must exist; a together/apart rule
 *  names none of them. */
function placeOf(
  s: PlanState,
  c: CommandOf<'addSeatingRule'>,
): { fields: Pick<SeatingRule, 'tableId' | 'roomId' | 'fixtureId' | 'distanceM'> } | { error: ReturnType<typeof domainError> } {
  const invalid = (m: string) => ({ error: domainError('InvalidCommand', m) });
  const near = c.kind === 'nearFixture' || c.kind === 'awayFromFixture';
  if (!near && (c.fixtureId !== undefined || c.distanceM !== undefined))
    return invalid('Only a near or away-from rule names a fixture and a distance.');
  if (c.kind === 'together' || c.kind === 'apart') {
    if (c.guestIds.length < 2) return invalid('A rule names at least two guests: pick another guest to keep them with or apart from.');
    if (c.tableId !== undefined || c.roomId !== undefined) return invalid(`A keep-${c.kind} rule names guests only, not a table or room.`);
    return { fields: {} };
  }
  if (near) {
    if (c.fixtureId === undefined || c.tableId !== undefined || c.roomId !== undefined)
      return invalid(`Pick the fixture to seat them ${c.kind === 'nearFixture' ? 'near' : 'away from'}.`);
    if (c.distanceM === undefined) return invalid('Give the distance in metres (more than 0).');
    if (!entity(fixturesOf(s), c.fixtureId))
      return {
        error: gone('fixture'),
      };
    return { fields: { fixtureId: c.fixtureId, distanceM: c.distanceM } };
  }
  if (c.kind === 'atTable') {
    if (c.tableId === undefined || c.roomId !== undefined) return invalid('Pick the table to seat them at.');
    if (!entity(s.tables, c.tableId)) return { error: gone('table') };
    return { fields: { tableId: c.tableId } };
  }
  if (c.roomId === undefined || c.tableId !== undefined) return invalid('Pick the room to seat them in.');
  if (!entity(s.rooms, c.roomId)) return { error: gone('room') };
  return { fields: { roomId: c.roomId } };
}

export function decideRemoveSeatingRule(s: PlanState, c: CommandOf<'removeSeatingRule'>): RuleDecision {
  const rule = entity(rulesOf(s), c.ruleId);
  if (!rule) return { ok: false, error: domainError('InvalidCommand', 'That seating rule no longer exists. Somebody else may have removed it.') };
  const place = {
    ...(rule.tableId !== undefined ? { tableId: rule.tableId } : {}),
    ...(rule.roomId !== undefined ? { roomId: rule.roomId } : {}),
    ...(rule.fixtureId !== undefined ? { fixtureId: rule.fixtureId } : {}),
    ...(rule.distanceM !== undefined ? { distanceM: rule.distanceM } : {}),
  };
  return {
    ok: true,
    events: [
      { type: 'SeatingRuleRemoved', v: 1, ruleId: rule.id, previous: { kind: rule.kind, hard: rule.hard, guestIds: [...rule.guestIds], ...place } },
    ],
  };
}
