import { describe, expect, it } from 'vitest';
import {
  decide,
  emptyGuestFields,
  foldInto,
  initialState,
  inverseOf,
  inverseOfAll,
  planRevert,
  type Command,
  type PlanEvent,
  type PlanState,
} from './index.ts';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function run(s: PlanState, c: Command): { state: PlanState; events: PlanEvent[] } {
  const d = decide(s, c);
  if (!d.ok) throw new Error(`${c.type}: ${d.error.message}`);
  return { state: foldInto(clone(s), clone(d.events)), events: d.events };
}
/** Takes one command's events back the way undo does: the inverses in reverse order, each decided afresh. */
const undo = (s: PlanState, events: PlanEvent[]) => inverseOfAll(events).reduce((st, c) => run(st, c).state, s);

const start = [
  { type: 'createPlan', name: 'Gala' },
  { type: 'addRoom', roomId: 'hall', name: 'Hall' },
  { type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'hall', label: 'G-1', capacity: 8 },
  { type: 'addTable', tableId: 't1', name: '1', capacity: 8 },
  { type: 'mapTable', tableId: 't1', physicalTableId: 'p1' },
  { type: 'addGuest', guestId: 'ann', ...emptyGuestFields, name: 'Ann', vip: true },
  { type: 'seatGuest', guestId: 'ann', tableId: 't1' },
  { type: 'pinGuest', guestId: 'ann', pinned: true },
  { type: 'markTableAccessible', physicalTableId: 'p1', accessible: true },
] satisfies Command[];
const plan = (start as Command[]).reduce((s, c) => run(s, c).state, initialState());

// Automatic seating's marks are facts about the removed thing: undoing the removal brings them back too.
describe('undo of a removed guest or table keeps its automatic-seating marks', () => {
  it('a pinned, seated VIP guest comes back pinned, at their table, still a VIP', () => {
    const removed = run(plan, { type: 'removeGuest', guestId: 'ann' });
    expect(removed.events.at(-1)).toMatchObject({ type: 'GuestRemoved', pinned: true });
    const back = undo(removed.state, removed.events);
    expect(back.guests.ann).toEqual(plan.guests.ann);
    expect(back.guests.ann).toMatchObject({ pinned: true, vip: true, tableId: 't1' });
  });

  it('a physical table marked accessible comes back marked, with its plan table on it', () => {
    const removed = run(plan, { type: 'removePhysicalTable', physicalTableId: 'p1' });
    expect(removed.events.at(-1)).toMatchObject({ type: 'PhysicalTableRemoved', accessible: true });
    const back = undo(removed.state, removed.events);
    expect(back.physicalTables.p1).toEqual(plan.physicalTables.p1);
    expect(back.tables.t1?.physicalTableId).toBe('p1');
  });

  it('undo through planRevert (what the server runs) plans the mark back with the guest', () => {
    const removed = run(plan, { type: 'removeGuest', guestId: 'ann' });
    const target = removed.events.map((event, i) => ({ version: 100 + i, event, actor: 'Ida', actorId: 'ida', commandId: 'c1', batchId: null }));
    const { commands, conflicts } = planRevert(removed.state, target, [], { granularity: 'entity', ignoreActorId: 'ida' });
    expect(conflicts).toEqual([]);
    expect(commands.map((c) => c.type)).toEqual(['addGuest', 'pinGuest', 'seatGuest']);
    expect(commands.reduce((s, c) => run(s, c).state, removed.state).guests.ann).toEqual(plan.guests.ann);
  });

  it('removals of unmarked ones, and events stored before marks existed, carry no mark and undo as before', () => {
    const unpinned = run(run(plan, { type: 'pinGuest', guestId: 'ann', pinned: false }).state, { type: 'removeGuest', guestId: 'ann' });
    expect(unpinned.events.at(-1)).not.toHaveProperty('pinned');
    const old: PlanEvent = { type: 'GuestRemoved', v: 1, guestId: 'ann', previous: { ...emptyGuestFields, name: 'Ann' } };
    expect(inverseOf(old)).toEqual([{ type: 'addGuest', guestId: 'ann', ...emptyGuestFields, name: 'Ann' }]);
    const oldTable: PlanEvent = {
      type: 'PhysicalTableRemoved',
      v: 1,
      physicalTableId: 'p1',
      previous: { roomId: 'hall', label: 'G-1', capacity: 8 },
    };
    expect(inverseOf(oldTable)).toEqual([{ type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'hall', label: 'G-1', capacity: 8 }]);
  });
});
