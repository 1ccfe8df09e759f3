import type { CommandOf } from '../commands.ts';
import { entity } from '../ids.ts';
import { fixturesOf, type Placement, type PlanState } from '../model.ts';
import type { StaleFact } from '../stale.ts';
import { floorItemName } from './rule.ts';
import { capital } from '../words.ts';

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;
const same = (a: Placement | null, b: Placement | null) =>
  a === null || b === null ? a === b : near(a.x, b.x) && near(a.y, b.y) && near(a.rotation, b.rotation);

/**
 * The first item of a drop that no longer stands where the planner saw it (`from` of a move), or null. A move
 * without `from` expects nothing (older clients, keyboard nudges of what is on screen still carry it when they can).
 * Unknown items are decide's to refuse.
 */
export function floorStale(s: PlanState, c: CommandOf<'arrangeFloor'>): StaleFact | null {
  for (const m of c.moves) {
    if (m.from === undefined) continue;
    const item = m.kind === 'table' ? entity(s.physicalTables, m.id) : entity(fixturesOf(s), m.id);
    if (!item) continue;
    const now = item.x !== undefined && item.y !== undefined ? { x: item.x, y: item.y, rotation: item.rotation ?? 0 } : null;
    if (same(now, m.from)) continue;
    const name = floorItemName(s, item);
    const Name = capital(name);
    const entityKey = m.kind === 'table' ? (`physical:${item.id}` as const) : (`fixture:${item.id}` as const);
    const again = 'look where it stands now and drop again if you still want to move it.';
    if (now === null)
      return { entity: entityKey, was: `${Name} was just taken off the floor by someone else`, did: `took ${name} off the floor`, again };
    return { entity: entityKey, was: `${Name} was moved by someone else meanwhile`, did: `moved ${name}`, again };
  }
  return null;
}
