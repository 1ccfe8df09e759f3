import { describe, expect, it } from 'vitest';
import { prng } from './testing/random.ts';
import { fixturesIn, physicalTablesIn, tableOn } from './where.ts';
import { decide, demoPlanCommands, evolve, initialState, partyKey, partyMembers, type Command, type PlanState } from './index.ts';

function run(s: PlanState, c: Command) {
  const d = decide(s, c);
  if (d.ok) for (const e of d.events) evolve(s, e);
  return d;
}
const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();

/** Every lookup of where.ts and partyMembers against a pass over the state, the way they were found before. */
function expectLookupsTrue(s: PlanState) {
  const tables = Object.values(s.tables);
  for (const p of Object.values(s.physicalTables)) {
    expect(tableOn(s, p.id)?.id, p.id).toBe(tables.find((t) => t.physicalTableId === p.id)?.id);
  }
  for (const r of Object.keys(s.rooms)) {
    expect(ids(physicalTablesIn(s, r)), r).toEqual(ids(Object.values(s.physicalTables).filter((p) => p.roomId === r)));
    expect(ids(fixturesIn(s, r)), r).toEqual(ids(Object.values(s.fixtures ?? {}).filter((f) => f.roomId === r)));
  }
  const parties = new Set(Object.values(s.guests).map((g) => g.party));
  for (const party of parties) {
    const slow = Object.values(s.guests)
      .filter((g) => partyKey(g.party) !== '' && partyKey(g.party) === partyKey(party))
      .map((g) => g.id)
      .sort();
    expect(
      partyMembers(s, party).map((g) => g.id),
      party,
    ).toEqual(slow);
  }
}

describe('what stands where, looked up', () => {
  it('follows a random walk of maps, unmaps, moves between rooms, party edits and removals', () => {
    const s = initialState();
    for (const c of demoPlanCommands()) run(s, c);
    expectLookupsTrue(s); // built here; from now on evolve keeps them
    const rng = prng(20261205);
    const rooms = Object.keys(s.rooms);
    const guests = Object.keys(s.guests);
    let applied = 0;
    for (let step = 0; step < 3000; step++) {
      const tables = Object.keys(s.tables);
      const physical = Object.keys(s.physicalTables);
      const t = rng.pick(tables);
      const p = rng.pick(physical);
      const g = rng.pick(guests);
      const commands: Command[] = [
        { type: 'unmapTable', tableId: t, expectedPhysicalTableId: s.tables[t]!.physicalTableId },
        { type: 'mapTable', tableId: t, physicalTableId: p, expectedPhysicalTableId: s.tables[t]!.physicalTableId },
        { type: 'editPhysicalTable', physicalTableId: p, changes: { roomId: rng.pick(rooms) } },
        { type: 'editGuest', guestId: g, changes: { party: rng.pick(['Braun', ' braun ', '', 'Okafor', s.guests[rng.pick(guests)]?.party ?? '']) } },
        { type: 'removeGuest', guestId: g },
        { type: 'removeTable', tableId: t },
        { type: 'removePhysicalTable', physicalTableId: p },
        { type: 'addPhysicalTable', physicalTableId: `new-p-${step}`, roomId: rng.pick(rooms), label: `N-${step}`, capacity: 12 },
        { type: 'addTable', tableId: `new-t-${step}`, name: `New ${step}`, capacity: 8 },
      ];
      if (run(s, rng.pick(commands)).ok) applied++;
    }
    expect(applied).toBeGreaterThan(1500);
    expectLookupsTrue(s);
    // a copy (a batch decides on one) is looked up afresh and answers alike
    expectLookupsTrue(JSON.parse(JSON.stringify(s)) as PlanState);
  });

  it('answers the lowest id when an old stream placed two tables on one physical table', () => {
    const s = initialState();
    run(s, { type: 'createPlan', name: 'Old' });
    run(s, { type: 'addRoom', roomId: 'r', name: 'Hall' });
    run(s, { type: 'addPhysicalTable', physicalTableId: 'p', roomId: 'r', label: 'H-1', capacity: 8 });
    for (const id of ['t-b', 't-a']) run(s, { type: 'addTable', tableId: id, name: id, capacity: 8 });
    expect(tableOn(s, 'p')).toBeUndefined();
    evolve(s, { type: 'TableMapped', v: 1, tableId: 't-b', physicalTableId: 'p', previousPhysicalTableId: null });
    evolve(s, { type: 'TableMapped', v: 1, tableId: 't-a', physicalTableId: 'p', previousPhysicalTableId: null });
    expect(tableOn(s, 'p')?.id).toBe('t-a');
    expect(tableOn(JSON.parse(JSON.stringify(s)) as PlanState, 'p')?.id).toBe('t-a');
    evolve(s, { type: 'TableUnmapped', v: 1, tableId: 't-a', physicalTableId: 'p' });
    expect(tableOn(s, 'p')?.id).toBe('t-b');
  });
});
