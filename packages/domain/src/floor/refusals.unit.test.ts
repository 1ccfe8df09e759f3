import { describe, expect, it } from 'vitest';
import { decide, foldInto, initialState, parseCommand, type Command, type PlanEvent, type PlanState } from '../index.ts';

const world: PlanEvent[] = [
  { type: 'PlanCreated', v: 1, name: 'Gala' },
  { type: 'RoomAdded', v: 1, roomId: 'hall', name: 'Hall' },
  { type: 'PhysicalTableAdded', v: 1, physicalTableId: 'p1', roomId: 'hall', label: 'T-07', capacity: 8 },
  { type: 'PhysicalTableAdded', v: 1, physicalTableId: 'p2', roomId: 'hall', label: 'T-08', capacity: 8 },
  { type: 'RoomSized', v: 1, roomId: 'hall', size: { widthM: 20, depthM: 10 }, previous: null },
  { type: 'FloorArranged', v: 1, roomId: 'hall', moves: [{ kind: 'table', id: 'p1', to: { x: 3, y: 3, rotation: 0 }, from: null }] },
  { type: 'FixtureAdded', v: 1, fixtureId: 'bar', roomId: 'hall', kind: 'bar', label: 'Bar', x: 15, y: 8, widthM: 3, depthM: 1, rotation: 0 },
];
const state = (extra: PlanEvent[] = []): PlanState => foldInto(initialState(), JSON.parse(JSON.stringify([...world, ...extra])) as PlanEvent[]);
const seenP1 = { x: 3, y: 3, rotation: 0 };

/** Runs a drop that must parse, returning the decision. */
function drop(s: PlanState, c: Command) {
  expect(parseCommand(c).ok).toBe(true);
  return decide(s, c);
}
const refusal = (d: ReturnType<typeof decide>) => (d.ok ? null : d.error);

describe('arrangeFloor refuses a drop of what has moved since the planner saw it', () => {
  it('two organisers drop the same table: the first moves it, the later one is refused, never overwrites', () => {
    const s = state();
    const first = drop(s, { type: 'arrangeFloor', roomId: 'hall', moves: [{ kind: 'table', id: 'p1', x: 8, y: 3, rotation: 0, from: seenP1 }] });
    expect(first.ok).toBe(true);
    const after = foldInto(s, first.ok ? first.events : []);
    const second = drop(after, {
      type: 'arrangeFloor',
      roomId: 'hall',
      moves: [{ kind: 'table', id: 'p1', x: 12, y: 6, rotation: 0, from: seenP1 }],
    });
    expect(refusal(second)).toMatchObject({
      code: 'Stale',
      message: 'Table T-07 was moved by someone else meanwhile — look where it stands now and drop again if you still want to move it.',
    });
    expect(after.physicalTables.p1).toMatchObject({ x: 8, y: 3 });
  });

  it('a rotation counts as a move; the whole drop is refused when any one item is stale', () => {
    const s = state([
      { type: 'FloorArranged', v: 1, roomId: 'hall', moves: [{ kind: 'table', id: 'p1', to: { x: 3, y: 3, rotation: 90 }, from: seenP1 }] },
    ]);
    const d = drop(s, {
      type: 'arrangeFloor',
      roomId: 'hall',
      moves: [
        { kind: 'table', id: 'p2', x: 8, y: 3, rotation: 0, from: null },
        { kind: 'table', id: 'p1', x: 3, y: 6, rotation: 0, from: seenP1 },
      ],
    });
    expect(refusal(d)?.code).toBe('Stale');
  });

  it('a table placed meanwhile, a table taken off the floor and a moved fixture are each named', () => {
    const placedP2: PlanEvent = {
      type: 'FloorArranged',
      v: 1,
      roomId: 'hall',
      moves: [{ kind: 'table', id: 'p2', to: { x: 8, y: 3, rotation: 0 }, from: null }],
    };
    expect(
      refusal(
        drop(state([placedP2]), { type: 'arrangeFloor', roomId: 'hall', moves: [{ kind: 'table', id: 'p2', x: 12, y: 3, rotation: 0, from: null }] }),
      )?.message,
    ).toMatch(/^Table T-08 was moved by someone else/);
    const offP1: PlanEvent = { type: 'FloorArranged', v: 1, roomId: 'hall', moves: [{ kind: 'table', id: 'p1', to: null, from: seenP1 }] };
    expect(
      refusal(
        drop(state([offP1]), { type: 'arrangeFloor', roomId: 'hall', moves: [{ kind: 'table', id: 'p1', x: 8, y: 3, rotation: 0, from: seenP1 }] }),
      )?.message,
    ).toMatch(/^Table T-07 was just taken off the floor by someone else/);
    const barMoved: PlanEvent = {
      type: 'FloorArranged',
      v: 1,
      roomId: 'hall',
      moves: [{ kind: 'fixture', id: 'bar', to: { x: 15, y: 2, rotation: 0 }, from: { x: 15, y: 8, rotation: 0 } }],
    };
    expect(
      refusal(
        drop(state([barMoved]), {
          type: 'arrangeFloor',
          roomId: 'hall',
          moves: [{ kind: 'fixture', id: 'bar', x: 10, y: 8, rotation: 0, from: { x: 15, y: 8, rotation: 0 } }],
        }),
      )?.message,
    ).toMatch(/^Bar “Bar” was moved by someone else/);
  });

  it('what the planner saw is still there: the drop goes through; a drop without expectations is not checked', () => {
    const s = state();
    expect(
      drop(s, {
        type: 'arrangeFloor',
        roomId: 'hall',
        moves: [
          { kind: 'table', id: 'p1', x: 8, y: 3, rotation: 0, from: seenP1 },
          { kind: 'table', id: 'p2', x: 12, y: 3, rotation: 0, from: null },
        ],
      }).ok,
    ).toBe(true);
    const moved = state([
      { type: 'FloorArranged', v: 1, roomId: 'hall', moves: [{ kind: 'table', id: 'p1', to: { x: 5, y: 5, rotation: 0 }, from: seenP1 }] },
    ]);
    expect(drop(moved, { type: 'arrangeFloor', roomId: 'hall', moves: [{ kind: 'table', id: 'p1', x: 8, y: 3, rotation: 0 }] }).ok).toBe(true);
  });

  it('an expectation that is not a place is refused at the boundary with a clear message', () => {
    const bad = parseCommand({ type: 'arrangeFloor', roomId: 'hall', moves: [{ kind: 'table', id: 'p1', x: 8, y: 3, rotation: 0, from: { x: 3 } }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/moves\.0\.from\.y: positions are numbers of metres/);
  });
});

describe('a capacity change that changes how an unshaped placed table is drawn', () => {
  // p1 (round, 1.8 m + chairs = a 2.8 m circle) at (3, 3); p2 placed at (6, 3), 3 m to its right
  const withP2: PlanEvent = {
    type: 'FloorArranged',
    v: 1,
    roomId: 'hall',
    moves: [{ kind: 'table', id: 'p2', to: { x: 6, y: 3, rotation: 0 }, from: null }],
  };

  it('is refused when the longer banquet would overlap a neighbour, naming the new top and the neighbour', () => {
    const d = decide(state([withP2]), { type: 'editPhysicalTable', physicalTableId: 'p1', changes: { capacity: 16 } });
    expect(refusal(d)).toMatchObject({
      code: 'Overlap',
      message:
        'With 16 seats table T-07 becomes a 4.8 m banquet, and table T-07 would overlap table T-08: leave room for the chairs between them. Or give it a shape that fits first.',
    });
  });

  it('is refused when the new top would stand outside the walls', () => {
    const nearWall: PlanEvent = {
      type: 'FloorArranged',
      v: 1,
      roomId: 'hall',
      moves: [{ kind: 'table', id: 'p1', to: { x: 1.5, y: 8.5, rotation: 0 }, from: seenP1 }],
    };
    expect(refusal(decide(state([nearWall]), { type: 'editPhysicalTable', physicalTableId: 'p1', changes: { capacity: 12 } }))?.code).toBe(
      'OutsideRoom',
    );
  });

  it('goes through when there is room, when the table is shaped (its top stays), or not placed', () => {
    expect(decide(state(), { type: 'editPhysicalTable', physicalTableId: 'p1', changes: { capacity: 16 } }).ok).toBe(true);
    const shaped: PlanEvent = {
      type: 'PhysicalTableShaped',
      v: 1,
      physicalTableId: 'p1',
      shape: { shape: 'round', widthM: 1.8, depthM: 1.8 },
      previous: null,
    };
    expect(decide(state([withP2, shaped]), { type: 'editPhysicalTable', physicalTableId: 'p1', changes: { capacity: 16 } }).ok).toBe(true);
    expect(decide(state([withP2]), { type: 'editPhysicalTable', physicalTableId: 'p2', changes: { capacity: 10 } }).ok).toBe(true);
    const unplaced = state([withP2, { type: 'FloorArranged', v: 1, roomId: 'hall', moves: [{ kind: 'table', id: 'p1', to: null, from: seenP1 }] }]);
    expect(decide(unplaced, { type: 'editPhysicalTable', physicalTableId: 'p1', changes: { capacity: 16 } }).ok).toBe(true);
  });
});
