import { footprint, type Footprint, type Point } from './floor/index.ts';
import { entity } from './ids.ts';
import { fixturesOf, type PlanState, type SeatingRule } from './model.ts';

/**
 * Where "near a fixture" and "away from a fixture" rules stand on the floor. A table is as far from a fixture as its
 * centre is from the fixture's nearest edge (0 when the centre lies on the fixture). Only stored positions count: a
 * table nobody placed has no place on the floor, so it is neither near nor away; a table in another room is away.
 */

/** Metres from a point to a footprint's nearest edge (0 inside). */
export function distanceToFootprint(p: Point, f: Footprint): number {
  if (f.kind === 'circle') return Math.max(0, Math.hypot(p.x - f.x, p.y - f.y) - f.r);
  let left = 0;
  let right = 0;
  let best = Infinity;
  f.points.forEach((a, i) => {
    const b = f.points[(i + 1) % f.points.length]!; // i + 1 wraps to 0: always a corner
    const cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
    if (cross < 0) left++;
    if (cross > 0) right++;
    best = Math.min(best, segmentDistance(p, a, b));
  });
  // convex: inside exactly when the point is on one side of every edge (either winding)
  return left === 0 || right === 0 ? 0 : best;
}

function segmentDistance(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** Where a logical table stands relative to a fixture. */
export type FixtureDistance = { kind: 'metres'; metres: number } | { kind: 'otherRoom' } | { kind: 'unplaced'; reason: string };

export function tableFixtureDistance(s: PlanState, tableId: string, fixtureId: string): FixtureDistance | null {
  const t = entity(s.tables, tableId);
  const f = entity(fixturesOf(s), fixtureId);
  if (!t || !f) return null;
  const p = entity(s.physicalTables, t.physicalTableId);
  if (!p) return { kind: 'unplaced', reason: `Table ${t.name} stands on no physical table` };
  if (p.roomId !== f.roomId) return { kind: 'otherRoom' };
  if (p.x === undefined || p.y === undefined) return { kind: 'unplaced', reason: `Table ${p.label} has no place on the floor plan` };
  return { kind: 'metres', metres: distanceToFootprint({ x: p.x, y: p.y }, footprint(f)) };
}

/**
 * The logical tables a near/away rule allows (sorted), and for each table it does not allow because its place is
 * unknown, why ("Table G-07 has no place on the floor plan"). 'removed' when the fixture is gone.
 */
export function fixtureRuleTables(
  s: PlanState,
  rule: Pick<SeatingRule, 'kind' | 'fixtureId' | 'distanceM'>,
): { tableIds: string[]; unplaced: Record<string, string> } | 'removed' {
  if (rule.fixtureId === undefined || !entity(fixturesOf(s), rule.fixtureId)) return 'removed';
  const limit = rule.distanceM ?? 0;
  const tableIds: string[] = [];
  const unplaced: Record<string, string> = {};
  for (const t of Object.values(s.tables)) {
    const d = tableFixtureDistance(s, t.id, rule.fixtureId);
    if (!d) continue;
    if (d.kind === 'unplaced') unplaced[t.id] = d.reason;
    else if (rule.kind === 'nearFixture' ? d.kind === 'metres' && d.metres <= limit : d.kind === 'otherRoom' || d.metres >= limit)
      tableIds.push(t.id);
  }
  return { tableIds: tableIds.sort(), unplaced };
}
