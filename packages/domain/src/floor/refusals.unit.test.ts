import { describe, expect, it } from 'vitest';
import {
  decide,
  fixturesOf,
  foldInto,
  gridRefusal,
  initialState,
  parseCommand,
  type Command,
  type PhysicalTable,
  type PlanEvent,
  type PlanState,
} from '../index.ts';
import { footprint, insideRoom } from './geometry.ts';
import { autoLayout } from './layout.ts';

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

describe('tables joining the automatic grid of a room with a size (gridRefusal, asked by the forms)', () => {
  const table = (i: number, capacity = 8): PhysicalTable => ({ id: `n${i}`, roomId: 'hall', label: `T-${10 + i}`, capacity });
  /** Adds tables T-10, T-11… to the hall while gridRefusal lets them: the state and the first refusal. */
  function fillHall(): { s: PlanState; added: number; error: ReturnType<typeof gridRefusal> } {
    let s = state();
    for (let i = 0; i < 40; i++) {
      const error = gridRefusal(s, 'hall', [table(i)]);
      if (error) return { s, added: i, error };
      const d = decide(s, { type: 'addPhysicalTable', physicalTableId: `n${i}`, roomId: 'hall', label: `T-${10 + i}`, capacity: 8 });
      s = foldInto(s, d.ok ? d.events : []);
    }
    throw new Error('40 tables went into a 20 × 10 m hall');
  }
  const outside = (s: PlanState) => {
    const room = s.rooms.hall!;
    const tables = Object.values(s.physicalTables).filter((p) => p.roomId === 'hall');
    const grid = autoLayout(room, tables, Object.values(fixturesOf(s)));
    return tables.filter((p) => p.x === undefined && !insideRoom(footprint(p, grid[p.id]), room)).length;
  };

  it('refuses a table once no cell inside the walls is left for it, saying what to do; every table before it fits', () => {
    const { s, added, error } = fillHall();
    // 5 columns of 3.8 m cells and 2 rows in 20 × 10 m; T-07 stands in the first cell, the bar in the last
    expect(added).toBe(7);
    expect(outside(s)).toBe(0);
    expect(error).toEqual({
      code: 'OutsideRoom',
      message:
        'Room Hall (20 × 10 m) has no free floor left for table T-17: with the tables not placed yet, one would stand outside the walls. Place some tables first, make the room bigger, or use another room.',
    });
    // asked for many at once, it counts them
    expect(
      gridRefusal(
        state(),
        'hall',
        [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => table(i)),
      )?.message,
    ).toMatch(/^Room Hall \(20 × 10 m\) has no free floor left for 9 more tables: with the tables not placed yet, 2 would stand outside the walls\./);
  });

  it('lets them in a room without a size (its grid grows), and once a table is placed out of the way', () => {
    const { s, added } = fillHall();
    const unsized = foldInto(s, [{ type: 'RoomSized', v: 1, roomId: 'hall', size: null, previous: { widthM: 20, depthM: 10 } }]);
    expect(gridRefusal(unsized, 'hall', [table(added)])).toBeNull();
    // T-08 taken off the grid and placed beside T-07: its cell is free again for the next table
    const placedP2: PlanEvent = {
      type: 'FloorArranged',
      v: 1,
      roomId: 'hall',
      moves: [{ kind: 'table', id: 'p2', to: { x: 3, y: 6.5, rotation: 0 }, from: null }],
    };
    expect(gridRefusal(foldInto(s, [placedP2]), 'hall', [table(added)])).toBeNull();
  });

  it('refuses more seats for a table, which widens every cell, but not fewer; and a table moved in from another room', () => {
    const { s } = fillHall();
    expect(gridRefusal(s, 'hall', [table(0, 12)])?.code).toBe('OutsideRoom');
    expect(gridRefusal(s, 'hall', [table(0, 6)])).toBeNull();
    const annex = foldInto(s, [
      { type: 'RoomAdded', v: 1, roomId: 'annex', name: 'Annex' },
      { type: 'PhysicalTableAdded', v: 1, physicalTableId: 'a1', roomId: 'annex', label: 'A-01', capacity: 8 },
    ]);
    expect(gridRefusal(annex, 'hall', [{ ...annex.physicalTables.a1!, roomId: 'hall' }])?.message).toMatch(
      /^Room Hall \(20 × 10 m\) has no free floor left for table A-01:/,
    );
  });

  it("is not decide's: the plan itself takes the table (an undo re-adds a removed table before it places it again)", () => {
    const { s, added } = fillHall();
    expect(decide(s, { type: 'addPhysicalTable', physicalTableId: 'x', roomId: 'hall', label: `T-${10 + added}`, capacity: 8 }).ok).toBe(true);
  });
});
