import type { Compiled } from './compiled.ts';
import { partyText, type Unsatisfied } from './types.ts';

// Index access: `!` marks reads of the compiled arrays and the final assignment, read with guest/table indices that are in range by construction; guards there would only cost time in the hot loops.

/** Names for a sentence: "Ann, Ben and Cleo", "Ann, Ben, Cleo and 4 more". */
export function names(list: string[]): string {
  if (list.length <= 1) return list.join('');
  if (list.length <= 3) return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
  return `${list.slice(0, 3).join(', ')} and ${list.length - 3} more`;
}

const lower = (x: string) => x.charAt(0).toLowerCase() + x.slice(1);
const seats = (n: number) => `${n} ${n === 1 ? 'seat' : 'seats'}`;

/**
 * Everything the final plan does not satisfy, from scratch (no search bookkeeping): unseated guests, split
 * parties, broken rules, and hard breaches the solver could not undo because they sit with fixed guests.
 * `tableOfGuest[g]` is a table index or T (unseated).
 */
export function explain(c: Compiled, tableOfGuest: Int32Array): Unsatisfied[] {
  const { T } = c;
  const out: Unsatisfied[] = [];
  const gName = (g: number) => c.guestNames[g]!;
  const tName = (t: number) => c.tableNames[t];
  /** a table as a sentence names it: table “12” */
  const table = (t: number) => `table “${tName(t)}”`;
  const used = new Int32Array(T + 1);
  for (let g = 0; g < c.G; g++) used[tableOfGuest[g]!]!++;
  const fixedWhere = (g: number) =>
    c.guestFixed[g]! < T ? `${c.tableLocked[c.guestFixed[g]!] ? 'at locked' : 'pinned at'} ${table(c.guestFixed[g]!)}` : 'pinned without a seat';

  // Capacity, VIP and accessibility breaches can only come from guests the solver may not move.
  for (let t = 0; t < T; t++) {
    if (used[t]! > c.capacity[t]!) {
      const gs = guestsAt(c, tableOfGuest, t);
      out.push({
        kind: 'capacity',
        hard: true,
        guestIds: gs.map((g) => c.guestIds[g]!),
        reason: `Table “${tName(t)}” has ${seats(c.capacity[t]!)} but its pinned or locked guests are ${used[t]}: free seats or unlock it.`,
      });
    }
  }
  for (let g = 0; g < c.G; g++) {
    const t = tableOfGuest[g]!;
    if (t === T) continue;
    if (c.tableVip[t] && !c.guestVip[g])
      out.push({
        kind: 'vip',
        hard: true,
        guestIds: [c.guestIds[g]!],
        reason:
          c.guestFixed[g]! < 0
            ? `${gName(g)} is not a VIP but sits at the VIP table “${tName(t)}”.`
            : `${gName(g)} is not a VIP but stays at the VIP table “${tName(t)}” (${fixedWhere(g)}).`,
      });
    if (c.guestNeeds[g] && !c.tableAccessible[t])
      out.push({
        kind: 'accessible',
        hard: true,
        guestIds: [c.guestIds[g]!],
        reason:
          c.guestFixed[g]! < 0
            ? `${gName(g)} needs an accessible table but sits at ${table(t)}, which is not.`
            : `${gName(g)} needs an accessible table but stays at ${table(t)}, which is not (${fixedWhere(g)}).`,
      });
  }

  // Unseated units, with why no table took them.
  const reportedSplit = new Set<string>();
  c.units.forEach((unit) => {
    const t = tableOfGuest[unit.members[0]!];
    if (unit.splitOf && !reportedSplit.has(unit.label)) {
      reportedSplit.add(unit.label);
      const all = c.units.filter((v) => v.label === unit.label && v.splitOf).flatMap((v) => v.members);
      out.push({
        kind: 'party',
        hard: true,
        guestIds: all.map((g) => c.guestIds[g]!),
        reason: `${unit.splitOf.label} (${unit.splitOf.size}): no open table has ${unit.splitOf.size} seats, so they sit in parts.`,
      });
    }
    if (t !== T) return;
    const who = `${unit.label} (${unit.size})`;
    const needs = unit.members.some((g) => c.guestNeeds[g]);
    const nonVip = unit.members.some((g) => !c.guestVip[g]);
    let reason: string;
    if (unit.domain.length === 0) {
      const open = Array.from({ length: T }, (_, t) => t).filter((t) => !c.tableLocked[t] && c.capacity[t]! > 0);
      const accessible = open.filter((t) => c.tableAccessible[t]);
      if (needs && accessible.length === 0) reason = `${who}: no open table is marked accessible.`;
      else if (needs && nonVip && accessible.every((t) => c.tableVip[t])) reason = `${who}: the only accessible tables are VIP tables.`;
      else if (nonVip && open.every((t) => c.tableVip[t])) reason = `${who}: the only open tables are VIP tables.`;
      else reason = `${who}: no open table may seat them (each is kept for others or seats someone they must be kept apart from).`;
    } else {
      const maxFree = Math.max(...unit.domain.map((d) => c.capacity[d]! - used[d]!));
      const free = `${unit.size === 1 ? 'a free seat' : `${unit.size} free seats`}`;
      if (maxFree < unit.size) reason = `${who}: no ${needs ? 'accessible ' : ''}table has ${free}${maxFree > 0 ? ` (at most ${maxFree})` : ''}.`;
      else reason = `${who}: every table with ${free} has someone they must be kept apart from.`;
    }
    out.push({ kind: 'unseated', hard: false, guestIds: unit.members.map((g) => c.guestIds[g]!), reason });
  });

  // Parties seated at more than one table (not counting the too-big ones already reported).
  const parties = new Map<string, number[]>();
  for (let g = 0; g < c.G; g++)
    if (c.guestParty[g]) (parties.get(c.guestParty[g]!) ?? parties.set(c.guestParty[g]!, []).get(c.guestParty[g]!)!).push(g);
  for (const [party, members] of parties) {
    const tables = [...new Set(members.map((g) => tableOfGuest[g]).filter((t) => t !== T))];
    if (tables.length < 2) continue;
    const covered = new Set(out.filter((u) => u.kind === 'party').flatMap((u) => u.guestIds));
    if (members.every((g) => covered.has(c.guestIds[g]!))) continue;
    const fixed = members.filter((g) => c.guestFixed[g]! >= 0);
    const why = fixed.length ? `${names(fixed.map((g) => `${gName(g)} ${fixedWhere(g)}`))} keep it apart` : `it sits at ${tables.length} tables`;
    out.push({ kind: 'party', hard: true, guestIds: members.map((g) => c.guestIds[g]!), reason: `${partyText(party)} (${members.length}): ${why}.` });
  }

  // Rules.
  for (const r of c.rules) {
    const who = names(r.guests.map(gName));
    const byTable = new Map<number, number[]>();
    for (const g of r.guests) (byTable.get(tableOfGuest[g]!) ?? byTable.set(tableOfGuest[g]!, []).get(tableOfGuest[g]!)!).push(g);
    const fixed = r.guests.filter((g) => c.guestFixed[g]! >= 0);
    const base = { hard: r.hard, ruleId: r.id, guestIds: r.guests.map((g) => c.guestIds[g]!) };
    if (r.kind === 'place') {
      const off = r.guests.filter((g) => !r.tables![tableOfGuest[g]!] && !(r.hard && tableOfGuest[g] === T));
      if (off.length === 0) continue;
      const note = (t: number) => (r.tableNotes.has(t) ? `, and ${lower(r.tableNotes.get(t) ?? '')}` : '');
      const where = off
        .map((g) => `${gName(g)} ${tableOfGuest[g] === T ? 'without a seat' : `at ${table(tableOfGuest[g]!)}${note(tableOfGuest[g]!)}`}`)
        .join('; ');
      const why = r.hard
        ? ` (${names(off.map((g) => `${gName(g)} ${fixedWhere(g)}`))})`
        : ' (a soft rule: other wishes weighed more, or there was no room)';
      out.push({ kind: 'place', ...base, reason: `seat ${who} at ${r.placeName}: ${where}${why}.` });
      continue;
    }
    if (r.kind === 'together') {
      // One table, or nobody seated at all (a cut start that never reached them): nobody sits apart.
      if (byTable.size <= 1) continue;
      if (r.guests.length <= 1) continue;
      const where = [...byTable].map(([t, gs]) => `${names(gs.map(gName))} ${t === T ? 'without a seat' : `at ${table(t)}`}`).join('; ');
      const why = r.hard
        ? fixed.length > 1 && new Set(fixed.map((g) => c.guestFixed[g])).size > 1
          ? ` (${names(fixed.map((g) => `${gName(g)} ${fixedWhere(g)}`))})`
          : byTable.has(T)
            ? ' (no table had room for all of them)'
            : ` (no open table has ${r.guests.length} seats)`
        : ' (a soft rule: other wishes weighed more)';
      out.push({ kind: 'together', ...base, reason: `keep together ${who}: ${where}${why}.` });
    } else {
      const shared = [...byTable].filter(([t, gs]) => t !== T && gs.length > 1);
      if (shared.length === 0) continue;
      const where = shared.map(([t, gs]) => `${names(gs.map(gName))} both sit at ${table(t)}`).join('; ');
      let why = ' (a soft rule: other wishes weighed more)';
      if (r.hard) {
        const sameUnit = shared.some(([, gs]) =>
          gs.some((g) => c.unitOfGuest[g]! >= 0 && gs.some((o) => o !== g && c.unitOfGuest[o] === c.unitOfGuest[g])),
        );
        why = sameUnit ? ' (they belong to one party or must be kept together)' : ' (they are pinned or at a locked table)';
      }
      out.push({ kind: 'apart', ...base, reason: `keep apart ${who}: ${where}${why}.` });
    }
  }
  return out;
}

function guestsAt(c: Compiled, tableOfGuest: Int32Array, t: number): number[] {
  const gs: number[] = [];
  for (let g = 0; g < c.G; g++) if (tableOfGuest[g] === t) gs.push(g);
  return gs;
}
