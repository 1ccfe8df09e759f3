import { describe, expect, it } from 'vitest';
import { decide } from '../decide.ts';
import { initialState, type Fixture, type PhysicalTable, type Placement, type PlanState } from '../model.ts';
import { prng } from '../testing/random.ts';
import { floorFit } from './rule.ts';

/*
 * floorFit answers "may these items stand there?" for thousands of candidate places at the cost of their own
 * footprints: it must never let stand what decide refuses for the floor rule, nor refuse what decide lets stand.
 */
describe('the floor rule measured once for many candidate places', () => {
  it('agrees with decide on random rooms, tables, pillars and moves', () => {
    let refused = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const rng = prng(seed);
      const physicalTables: Record<string, PhysicalTable> = {};
      for (let i = 0; i < 6; i++)
        physicalTables[`t${i}`] = {
          id: `t${i}`,
          roomId: 'r',
          label: `T-${i}`,
          capacity: 2 + rng.int(11),
          x: rng.int(120) / 10,
          y: rng.int(90) / 10,
          rotation: rng.pick([0, 30, 90]),
        };
      const fixtures: Record<string, Fixture> = {};
      for (let i = 0; i < 3; i++)
        fixtures[`f${i}`] = {
          id: `f${i}`,
          roomId: 'r',
          kind: rng.pick(['pillar', 'stage', 'bar'] as const),
          label: `F${i}`,
          x: rng.int(120) / 10,
          y: rng.int(90) / 10,
          widthM: 1,
          depthM: 1,
          rotation: 0,
        };
      const s: PlanState = {
        ...initialState(),
        plan: { name: 'Gala' },
        rooms: { r: { id: 'r', name: 'Hall', widthM: 12, depthM: 9 } },
        physicalTables,
        fixtures,
      };
      const moving = [rng.pick(Object.values(physicalTables)), ...(rng.chance(0.3) ? [rng.pick(Object.values(fixtures))] : [])];
      const items = [...new Set(moving)];
      const fit = floorFit(s, 'r', items)!;
      for (let k = 0; k < 20; k++) {
        const at: Placement[] = items.map(() => ({ x: rng.int(130) / 10 - 0.5, y: rng.int(100) / 10 - 0.5, rotation: rng.pick([0, 45]) }));
        const moves = items.map((item, i) => ({ kind: 'kind' in item ? ('fixture' as const) : ('table' as const), id: item.id, ...at[i]! }));
        const d = decide(s, { type: 'arrangeFloor', roomId: 'r', moves });
        // decide leaves an item that does not move unchecked: only candidates that move everything are compared
        const moved = items.every((item, i) => item.x !== at[i]!.x || item.y !== at[i]!.y || item.rotation !== at[i]!.rotation);
        if (!moved) continue;
        expect(fit(at), `seed ${seed}, candidate ${k}: ${d.ok ? 'decide lets it stand' : d.error.message}`).toBe(d.ok);
        if (!d.ok) refused++;
      }
    }
    expect(refused).toBeGreaterThan(500); // both answers are compared
  });

  it('puts a new fixture down as a table would be: refused on a table, where decide alone lets a stage stand', () => {
    const s: PlanState = {
      ...initialState(),
      rooms: { r: { id: 'r', name: 'Hall', widthM: 12, depthM: 9 } },
      physicalTables: { t: { id: 't', roomId: 'r', label: 'T-1', capacity: 8, x: 4, y: 4, rotation: 0 } },
    };
    const stage = { id: 'f', roomId: 'r', kind: 'stage' as const, label: 'Stage', x: 4, y: 4, widthM: 3, depthM: 2, rotation: 0 };
    expect(floorFit(s, 'r', [stage])!([{ x: 4, y: 4, rotation: 0 }])).toBe(true);
    expect(floorFit(s, 'r', [stage], { asTable: true })!([{ x: 4, y: 4, rotation: 0 }])).toBe(false);
    expect(floorFit(s, 'r', [stage], { asTable: true })!([{ x: 9, y: 4, rotation: 0 }])).toBe(true);
  });
});
