import { balanceAt, type SearchState } from './state.ts';

// Index access: `!` marks reads of the compiled arrays, read with guest/table/unit indices that are in range by construction; guards there would only cost time in the hot loops.

/**
 * The greedy first plan. With a current plan (repair), units wholly at one table stay there (largest first,
 * so a smaller unit gives way to a new keep-apart rule), and a unit mostly at one table (a party with a late
 * guest) goes back there, moving out fewer guests than it brings in. The rest are seated hardest first (fewest
 * allowed tables, then largest), each at the allowed table with the best score change, ties to the tightest
 * fit, those holding seats now before those that do not; a unit that fits nowhere may move smaller units
 * elsewhere to make room. Every step keeps capacity and hard rules.
 *
 * `pastDeadline` is asked before each unit after the first (cheap) pass; once it says yes, the rest stay unseated
 * and construct returns true (cut short). Every plan it leaves is feasible.
 *
 * `tightFit` (a repair): tables are chosen leaving the balance term out, so the tightest fit decides among otherwise
 * equal tables — in a full plan a late guest at the emptiest table takes the hole a late party needed, and others
 * are moved to make room (at 100% fill the bench's repair moved 28 guests instead of 23). The search still weighs it.
 */
export function construct(s: SearchState, pastDeadline: () => boolean = () => false, tightFit = false): boolean {
  const c = s.c;
  const { T, units } = c;
  const byIndex = units.map((_, u) => u);
  // Repair: units wholly at one table stay there, largest first (a smaller unit gives way on a new conflict).
  const home = units.map((unit) => homeTable(s, unit.members));
  for (const u of [...byIndex].sort((a, b) => units[b]!.size - units[a]!.size || a - b)) {
    const t = home[u]!;
    if (t < 0 || !units[u]!.members.every((g) => c.guestCurrent[g] === t)) continue;
    if (c.allowed[u * T + t] && s.free(t) >= units[u]!.size && !s.conflicts(u, t)) s.move(u, t);
  }
  // Units partly at one table (a party with a late guest): back there, moving fewer guests out than would move in.
  for (const u of byIndex) {
    const t = home[u]!;
    if (s.tableOf[u] !== T || t < 0) continue;
    if (pastDeadline()) return true;
    if (!c.allowed[u * T + t] || s.conflicts(u, t)) continue;
    if (s.free(t) >= units[u]!.size) s.move(u, t);
    else makeRoom(s, u, [t], units[u]!.members.filter((g) => c.guestCurrent[g] === t).length, tightFit);
  }
  // Among units as hard to seat, those holding a seat in the plan as it is go first: when seats run out, a guest who
  // had none is the one left without (Seat everybody starts afresh, so `current` does not say it).
  const held = units.map((unit) => unit.members.reduce((n, g) => n + c.guestSeated[g]!, 0));
  const order = byIndex
    .filter((u) => s.tableOf[u] === T)
    .sort((a, b) => units[a]!.domain.length - units[b]!.domain.length || units[b]!.size - units[a]!.size || held[b]! - held[a]! || a - b);
  for (const u of order) {
    if (pastDeadline()) return true;
    const best = bestTable(s, u, -1, tightFit);
    if (best >= 0) s.move(u, best);
    else makeRoom(s, u, units[u]!.domain, Infinity, tightFit);
  }
  return false;
}

/** The table most of these guests sit at in the current plan (-1: none of them is seated). */
function homeTable(s: SearchState, members: number[]): number {
  const c = s.c;
  let best = -1;
  let bestCount = 0;
  for (const g of members) {
    const t = c.guestCurrent[g]!;
    if (t === c.T) continue;
    let n = 0;
    for (const o of members) if (c.guestCurrent[o] === t) n++;
    if (n > bestCount) [best, bestCount] = [t, n];
  }
  return best;
}

/**
 * The allowed table with free seats and the lowest score change for u (ties: least free seats left, lower index);
 * with `tightFit`, the score change without the balance term at the table (its part where u leaves is the same for all).
 */
export function bestTable(s: SearchState, u: number, exclude = -1, tightFit = false): number {
  const size = s.c.units[u]!.size;
  const leaveOut = tightFit && s.c.weights.balance !== 0;
  let best = -1;
  let bestDelta = Infinity;
  let bestLeft = Infinity;
  for (const t of s.c.units[u]!.domain) {
    if (t === exclude || t === s.tableOf[u]) continue;
    const free = s.free(t);
    if (free < size || s.conflicts(u, t)) continue;
    const d = s.delta(u, t) - (leaveOut ? balanceAt(s.c, t, s.used[t]! + size) - balanceAt(s.c, t, s.used[t]!) : 0);
    if (d < bestDelta || (d === bestDelta && free - size < bestLeft)) [best, bestDelta, bestLeft] = [t, d, free - size];
  }
  return best;
}

/**
 * Seats u at one of `tables` by moving units sitting there (smallest first) to other tables with room, when
 * fewer than `limit` guests have to move; the tables where the fewest guests move are tried first (a party of
 * two displacing two singletons rather than a party of three). Nothing changes when it fails.
 */
function makeRoom(s: SearchState, u: number, tables: readonly number[], limit: number, tightFit: boolean): boolean {
  const c = s.c;
  const size = c.units[u]!.size;
  const candidates: { t: number; out: number[]; moving: number }[] = [];
  for (const t of tables) {
    if (s.free(t) >= size) continue;
    const there = [...s.at[t]!].sort((a, b) => c.units[a]!.size - c.units[b]!.size || a - b);
    const out: number[] = [];
    let freed = s.free(t);
    for (const v of there) {
      if (freed >= size) break;
      out.push(v);
      freed += c.units[v]!.size;
    }
    const moving = out.reduce((n, v) => n + c.units[v]!.size, 0);
    if (freed < size || moving >= limit) continue;
    if (c.units[u]!.apart.some((p) => s.tableOf[p] === t && !out.includes(p))) continue;
    candidates.push({ t, out, moving });
  }
  candidates.sort((a, b) => a.moving - b.moving || a.t - b.t);
  for (const { t, out } of candidates) {
    const done: [number, number][] = [];
    for (const v of out) {
      const to = bestTable(s, v, t, tightFit);
      if (to < 0) break;
      done.push([v, to]);
      s.move(v, to);
    }
    if (done.length === out.length && s.free(t) >= size && !s.conflicts(u, t)) {
      s.move(u, t);
      return true;
    }
    for (const [v] of done.reverse()) s.move(v, t);
  }
  return false;
}
