import { describe, expect, it } from 'vitest';
import {
  aspectsChanged,
  changedBy,
  changedFacts,
  cloneState,
  decide,
  describeEvent,
  evolve,
  initialState,
  planRevert,
  type Command,
  type PlanEvent,
  type PlanState,
} from './index.ts';

/** Kim at table 1, a physical table and a pillar in the hall. */
function plan(): PlanState {
  const s = initialState();
  const commands: Command[] = [
    { type: 'createPlan', name: 'Gala' },
    { type: 'addRoom', roomId: 'hall', name: 'Hall' },
    { type: 'setRoomSize', roomId: 'hall', widthM: 30, depthM: 30 },
    { type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'hall', label: 'P1', capacity: 8 },
    { type: 'addTable', tableId: 't1', name: '1', capacity: 8 },
    { type: 'addGuest', guestId: 'kim', name: 'Kim Doe' },
    { type: 'addFixture', fixtureId: 'f1', roomId: 'hall', kind: 'pillar', label: 'A', x: 20, y: 20, widthM: 1, depthM: 1, rotation: 0 },
  ];
  for (const c of commands) {
    const d = decide(s, c);
    if (!d.ok) throw new Error(d.error.message);
    for (const e of d.events) evolve(s, e);
  }
  return s;
}

/** Payloads a stored edit's `changes` and `previous` should never hold, but an old or buggy writer may have stored. */
const ODD: unknown[] = [null, undefined, [], ['name'], 'name', 42, true];

/** Each edit (and a floor arrangement) with an odd payload, as the store would hand it to a reader. */
function oddEvents(v: unknown): PlanEvent[] {
  const odd = [
    { type: 'GuestEdited', v: 1, guestId: 'kim', changes: v, previous: v },
    { type: 'TableEdited', v: 1, tableId: 't1', changes: v, previous: v },
    { type: 'PhysicalTableEdited', v: 1, physicalTableId: 'p1', changes: v, previous: v },
    { type: 'FixtureEdited', v: 1, fixtureId: 'f1', changes: v, previous: v },
    { type: 'FloorArranged', v: 1, roomId: 'hall', moves: v },
  ];
  return odd as unknown as PlanEvent[];
}

describe('reading stored events with odd payloads: never a throw', () => {
  it.each(ODD.map((v) => [JSON.stringify(v) ?? 'undefined', v] as const))('changes %s: no aspects, no facts, words, and the plan folds', (_, v) => {
    const s = plan();
    for (const e of oddEvents(v)) {
      // Compare's credits and revert's conflicts: an edit that names no field changed no field.
      expect(aspectsChanged(e)).toEqual([]);
      expect(changedFacts(e)).toEqual([]);
      expect(changedBy(e).length).toBe(e.type === 'FloorArranged' ? 0 : 1);
      // The timeline's and the entity history's words.
      expect(typeof describeEvent(e, s)).toBe('string');
      // Folding leaves the plan as it was.
      const folded = cloneState(s);
      evolve(folded, e);
      expect({ ...folded, version: s.version }).toEqual(s);
    }
    expect(
      oddEvents(v)
        .slice(0, 3)
        .map((e) => describeEvent(e, s)),
    ).toEqual(['changed Kim Doe', 'changed table 1', 'changed physical table P1 (Hall)']);
  });

  it('an odd edit among my own changes is left alone by a revert, which still takes back the rest', () => {
    const s = plan();
    const edit = decide(s, { type: 'editGuest', guestId: 'kim', changes: { department: 'Sales' } });
    if (!edit.ok) throw new Error(edit.error.message);
    const target = [...edit.events, ...oddEvents(null)].map((event, i) => ({
      version: s.version + i + 1,
      event,
      actor: 'Ann',
      actorId: 'p-ann',
      commandId: 'c1',
      batchId: 'b1',
      at: 0,
    }));
    const after = cloneState(s);
    for (const t of target) evolve(after, t.event);
    expect(after.guests.kim?.department).toBe('Sales');
    const revert = planRevert(after, target, []);
    expect(revert.commands).toContainEqual({ type: 'editGuest', guestId: 'kim', changes: { department: '' } });
  });

  it('a well-formed edit still names its fields', () => {
    const e = { type: 'GuestEdited', v: 1, guestId: 'kim', changes: { department: 'IT', email: 'k@x.org' }, previous: {} } as PlanEvent;
    expect(aspectsChanged(e)).toEqual(['guest:kim#department', 'guest:kim#email']);
    expect(changedFacts(e)).toEqual(['guest:kim#department', 'guest:kim#email']);
  });
});
