import type { SearchState } from './state.ts';

/**
 * The greedy first plan. Keeps every unit whose members all sit at one table of the current plan there (when
 * that is still allowed), then seats the rest hardest first (fewest allowed tables, then largest), each at the
 * allowed table with the best score change, ties to the tightest fit. A unit that fits nowhere may push one
 * smaller unit to another table to make room. Every step keeps capacity and hard rules.
 */
export function construct(s: SearchState): void {
  const c = s.c;
  const { T, units } = c;
  if (c.weights.moved >= 0) {
    units.forEach((unit, u) => {
      const t = c.guestCurrent[unit.members[0]];
      if (t === T || !unit.members.every((g) => c.guestCurrent[g] === t)) return;
      if (c.allowed[u * T + t] && s.free(t) >= unit.size && !s.conflicts(u, t)) s.move(u, t);
    });
  }
  const order = units
    .map((_, u) => u)
    .filter((u) => s.tableOf[u] === T)
    .sort((a, b) => units[a].domain.length - units[b].domain.length || units[b].size - units[a].size || a - b);
  for (const u of order) {
    const best = bestTable(s, u);
    if (best >= 0) s.move(u, best);
    else makeRoom(s, u);
  }
}

/** The allowed table with free seats and the lowest score change for u (ties: least free seats left, lower index). */
export function bestTable(s: SearchState, u: number, exclude = -1): number {
  const size = s.c.units[u].size;
  let best = -1;
  let bestDelta = Infinity;
  let bestLeft = Infinity;
  for (const t of s.c.units[u].domain) {
    if (t === exclude || t === s.tableOf[u]) continue;
    const free = s.free(t);
    if (free < size || s.conflicts(u, t)) continue;
    const d = s.delta(u, t);
    if (d < bestDelta || (d === bestDelta && free - size < bestLeft)) [best, bestDelta, bestLeft] = [t, d, free - size];
  }
  return best;
}

/** Seats u by moving one smaller unit from an allowed table to another table with room. */
function makeRoom(s: SearchState, u: number): boolean {
  const c = s.c;
  const size = c.units[u].size;
  const atTable: number[][] = Array.from({ length: c.T }, () => []);
  for (let v = 0; v < c.U; v++) if (s.tableOf[v] < c.T) atTable[s.tableOf[v]].push(v);
  for (const t of c.units[u].domain) {
    for (const v of atTable[t]) {
      if (s.free(t) + c.units[v].size < size || s.conflicts(u, t, v)) continue;
      const to = bestTable(s, v, t);
      if (to < 0) continue;
      s.move(v, to);
      if (s.free(t) >= size && !s.conflicts(u, t)) {
        s.move(u, t);
        return true;
      }
    }
  }
  return false;
}
