import { initialState, type CommandOf, type PhysicalTable, type PlanState, type Room } from '@seatfold/domain';
import { describe, expect, it } from 'vitest';
import { asDrawn, drawnRefusal, furthest, newFixtureRefusal } from './drawn.ts';
import { freeFloorFor, placeCopies, placeFixture } from './free-floor.ts';
import { floorItems } from './items.ts';
import { floorRoom } from './layout.ts';

// A room nobody has sized with two round tables (2.8 m across with chairs) nobody has placed: decide alone sees no
// walls and no tables, the floor draws both on its grid.
const room: Room = { id: 'r', name: 'Hall' };
const table = (id: string, label: string): PhysicalTable => ({ id, roomId: 'r', label, capacity: 8 });
const plan: PlanState = {
  ...initialState(),
  plan: { name: 'Gala' },
  rooms: { r: room },
  physicalTables: { a: table('a', 'G-1'), b: table('b', 'G-2') },
};
const floor = floorRoom(plan, room, {});
const drawn = asDrawn(plan, floor);
const [a, b] = [floor.tables[0]!, floor.tables[1]!];
const item = (id: string) => floorItems(floor).get(`t:${id}`)!;
// The same two tables placed where the grid drew them, in a room sized as big as the floor drawn round them (10 × 8 m).
const sizedPlan: PlanState = {
  ...plan,
  rooms: { r: { ...room, widthM: floor.widthM, depthM: floor.depthM } },
  physicalTables: { a: { ...plan.physicalTables.a!, x: a.x, y: a.y, rotation: 0 }, b: { ...plan.physicalTables.b!, x: b.x, y: b.y, rotation: 0 } },
};
const sizedDrawn = asDrawn(sizedPlan, floorRoom(sizedPlan, sizedPlan.rooms.r!, {}));

describe('a move checked against the floor as drawn', () => {
  it('is refused onto a table the automatic grid draws, or past the north and west walls', () => {
    expect(drawnRefusal(drawn, 'r', [{ kind: 'table', id: 'a', x: b.x, y: b.y, rotation: 0 }])?.code).toBe('Overlap');
    expect(drawnRefusal(drawn, 'r', [{ kind: 'table', id: 'a', x: a.x, y: 1, rotation: 0 }])?.code).toBe('OutsideRoom');
    expect(drawnRefusal(drawn, 'r', [{ kind: 'table', id: 'a', x: 1, y: a.y, rotation: 0 }])?.code).toBe('OutsideRoom');
    expect(drawnRefusal(drawn, 'r', [{ kind: 'table', id: 'a', x: a.x, y: a.y + 1, rotation: 0, from: null }])).toBeNull();
  });
  it('in a room nobody has sized, the edges drawn east and south are not walls: a table goes past them', () => {
    expect(drawnRefusal(drawn, 'r', [{ kind: 'table', id: 'a', x: a.x, y: floor.depthM, rotation: 0 }])).toBeNull();
    expect(drawnRefusal(drawn, 'r', [{ kind: 'table', id: 'b', x: floor.widthM + 5, y: b.y, rotation: 0 }])).toBeNull();
    expect(furthest(drawn, 'r', [item('b')], 5, 0)).toMatchObject({ part: 1, refusal: null });
    // sized, they are walls
    expect(drawnRefusal(sizedDrawn, 'r', [{ kind: 'table', id: 'a', x: a.x, y: floor.depthM, rotation: 0 }])?.code).toBe('OutsideRoom');
  });
  it('a step goes as far as it can: up to the wall, up to the next table, or not at all', () => {
    const west = furthest(drawn, 'r', [item('a')], -1.5, 0); // a at 2.4 m
    expect(west.refusal?.code).toBe('OutsideRoom');
    expect(west.moves?.[0]?.x).toBe(1.4); // its chairs touch the wall
    const east = furthest(asDrawn(plan, floor), 'r', [item('a')], b.x - a.x, 0);
    expect(east.refusal?.code).toBe('Overlap');
    expect(east.moves?.[0]?.x).toBeCloseTo(b.x - 2.8, 2);
    const stuck = furthest(drawn, 'r', [{ ...item('a'), x: 1.4 }], -0.1, 0);
    expect(stuck.moves).toBeNull();
    expect(furthest(drawn, 'r', [item('a')], 0, 1)).toMatchObject({ part: 1, refusal: null });
  });
  it('a copy goes on the first side with free floor', () => {
    const copy = { ...table('c', 'G-3'), shape: a.shape, widthM: a.widthM, depthM: a.depthM };
    const placed = placeCopies(asDrawn(plan, floor, [copy]), 'r', [{ id: 'c', x: b.x, y: b.y, rotation: 0, box: item('b').box }]);
    expect(placed?.[0]!.x).toBeCloseTo(b.x, 2);
    expect(placed?.[0]!.y).toBeCloseTo(b.y + item('b').box.d + 1, 2); // below it, as ever
    // from (6.2, 6) in the sized room: below and right are past its walls, above is G-2: to the left is free
    const low = placeCopies(asDrawn(sizedPlan, floor, [copy]), 'r', [{ id: 'c', x: b.x, y: 6, rotation: 0, box: item('b').box }]);
    expect(low?.[0]).toMatchObject({ x: 2.4, y: 6 });
    // in the room nobody has sized, nothing is past a wall below: the copy goes there
    const unsized = placeCopies(asDrawn(plan, floor, [copy]), 'r', [{ id: 'c', x: b.x, y: 6, rotation: 0, box: item('b').box }]);
    expect(unsized?.[0]).toMatchObject({ x: 6.2, y: 9.8 });
  });
  it('a copy goes clear of a stage before it goes onto one, though a table may stand there', () => {
    const copy = { ...table('c', 'G-3'), shape: a.shape, widthM: a.widthM, depthM: a.depthM };
    // a stage right where "below G-2" would put the copy
    const below = { x: b.x, y: b.y + item('b').box.d + 1 };
    const staged: PlanState = {
      ...plan,
      fixtures: { s: { id: 's', roomId: 'r', kind: 'stage', label: 'Stage', x: below.x, y: below.y, widthM: 4, depthM: 3, rotation: 0 } },
    };
    const onStage = asDrawn(staged, floorRoom(staged, room, {}), [copy]);
    expect(drawnRefusal(onStage, 'r', [{ kind: 'table', id: 'c', ...below, rotation: 0 }])).toBeNull(); // allowed there
    const placed = placeCopies(onStage, 'r', [{ id: 'c', x: b.x, y: b.y, rotation: 0, box: item('b').box }]);
    expect(placed?.[0]).toMatchObject({ x: b.x + item('b').box.w + 1, y: b.y }); // the next side instead: right of G-2
  });
  it('with no side free, a copy goes to the nearest free floor in the room', () => {
    // from (6.2, 4) in the 10 × 8 m room: past the walls below, right and above, onto G-1 to the left; 1.5 m down
    // its chairs clear G-2's (1 m down and a metre aside they would still touch them)
    const copy = { ...table('c', 'G-3'), shape: a.shape, widthM: a.widthM, depthM: a.depthM };
    const placed = placeCopies(asDrawn(sizedPlan, floor, [copy]), 'r', [{ id: 'c', x: b.x, y: 4, rotation: 0, box: item('b').box }]);
    expect([floor.widthM, floor.depthM]).toEqual([10, 8]);
    expect(placed).toEqual([{ kind: 'table', id: 'c', x: 6.2, y: 5.5, rotation: 0 }]);
    expect(drawnRefusal(asDrawn(sizedPlan, floor, [copy]), 'r', placed!)).toBeNull();
  });
  it('copies keep their arrangement at the nearest free floor, and there is none only in a room truly full', () => {
    // a 5.6 × 5.6 m room with tables in three of its four 2.8 m squares: the copies of two fit nowhere together,
    // the copy of one goes to the free square
    const sized: PlanState = {
      ...plan,
      rooms: { r: { ...room, widthM: 5.6, depthM: 5.6 } },
      physicalTables: {
        a: { ...table('a', 'G-1'), x: 1.4, y: 1.4, rotation: 0 },
        b: { ...table('b', 'G-2'), x: 4.2, y: 1.4, rotation: 0 },
        d: { ...table('d', 'G-4'), x: 1.4, y: 4.2, rotation: 0 },
      },
    };
    const full = floorRoom(sized, sized.rooms.r!, {});
    const box = floorItems(full).get('t:a')!.box;
    const copy = (id: string) => ({ ...table(id, id), shape: a.shape, widthM: a.widthM, depthM: a.depthM });
    const one = placeCopies(asDrawn(sized, full, [copy('c')]), 'r', [{ id: 'c', x: 1.4, y: 1.4, rotation: 0, box }]);
    expect(one).toEqual([{ kind: 'table', id: 'c', x: 4.2, y: 4.2, rotation: 0 }]);
    const two = [
      { id: 'c', x: 1.4, y: 1.4, rotation: 0, box },
      { id: 'e', x: 4.2, y: 1.4, rotation: 0, box },
    ];
    expect(placeCopies(asDrawn(sized, full, [copy('c'), copy('e')]), 'r', two)).toBeNull();
  });
});

describe('a table standing on another (placed before decide refused that)', () => {
  // a 10 × 8 m room: G-1 at (2.4, 2.4), G-2 put 20 cm beside it by an event of before the rule, which still folds there
  const stacked: PlanState = {
    ...plan,
    rooms: { r: { ...room, widthM: 10, depthM: 8 } },
    physicalTables: { a: { ...table('a', 'G-1'), x: 2.4, y: 2.4, rotation: 0 }, b: { ...table('b', 'G-2'), x: 2.6, y: 2.4, rotation: 0 } },
  };
  const floor2 = floorRoom(stacked, stacked.rooms.r!, {});
  const drawn2 = asDrawn(stacked, floor2);
  const items2 = floorItems(floor2);

  it('cannot be freed by an arrow step: every step still overlaps', () => {
    for (const [dx, dy] of [
      [0.1, 0],
      [1, 0],
      [0, 1],
      [-0.1, 0],
    ] as const)
      expect(furthest(drawn2, 'r', [items2.get('t:b')!], dx, dy).moves).toBeNull();
  });

  it('is moved to the nearest free floor, clear of the table under it; a table standing well is left alone', () => {
    const { moves, stuck, left } = freeFloorFor(drawn2, 'r', [items2.get('t:b')!]);
    expect([stuck, left]).toEqual([1, []]);
    // 2.5 m right and 1 m down (2.7 m): the nearest half-metre step where its chairs (2.8 m across) clear G-1's
    expect(moves).toEqual([{ kind: 'table', id: 'b', x: 5.1, y: 3.4, rotation: 0, from: { x: 2.6, y: 2.4, rotation: 0 } }]);
    expect(drawnRefusal(drawn2, 'r', moves)).toBeNull();
    expect(freeFloorFor(drawn, 'r', [item('a')])).toEqual({ moves: [], stuck: 0, left: [] });
  });

  it('of two stacked tables both selected, one moves; the other then stands well and stays', () => {
    const { moves } = freeFloorFor(drawn2, 'r', [items2.get('t:a')!, items2.get('t:b')!]);
    expect(moves.map((m) => m.id)).toEqual(['a']);
    expect(drawnRefusal(drawn2, 'r', moves)).toBeNull();
  });
});

describe('a new fixture on the floor as drawn', () => {
  // 10 × 8 m drawn round G-1 and G-2 on the grid at y 2.4 (their chairs reach from 1 m to 3.8 m)
  const stage = (over: Partial<CommandOf<'addFixture'>> = {}): CommandOf<'addFixture'> => ({
    type: 'addFixture',
    fixtureId: 'f1',
    roomId: 'r',
    kind: 'stage',
    label: 'Stage',
    x: 5,
    y: 4,
    widthM: 6,
    depthM: 3,
    rotation: 0,
    ...over,
  });

  it('is not put onto the tables the grid draws (decide alone sees none there), nor onto a pillar', () => {
    expect(newFixtureRefusal(plan, stage())).toBeNull(); // decide on the stored plan: no table has a place
    expect(newFixtureRefusal(drawn, stage())?.message).toBe('Stage “Stage” would overlap table G-1.');
    const pillar = { id: 'p1', roomId: 'r', kind: 'pillar' as const, label: 'Pillar', x: 5, y: 6.5, widthM: 1, depthM: 1, rotation: 0 };
    const withPillar = { ...drawn, fixtures: { p1: pillar } };
    expect(newFixtureRefusal(withPillar, stage({ y: 6.5, widthM: 4, depthM: 2 }))?.message).toBe('Stage “Stage” would overlap pillar “Pillar”.');
  });

  it('goes to the nearest free floor to the middle: 1.5 m down, clear of the chairs', () => {
    expect(placeFixture(drawn, stage())).toEqual(stage({ y: 5.5 }));
    expect(placeFixture(drawn, stage({ y: 6 }))).toEqual(stage({ y: 6 })); // free where asked: stays
  });

  it('is refused only when the room has no free floor for it', () => {
    expect(placeFixture(sizedDrawn, stage({ widthM: 10, depthM: 5 }))).toBeNull(); // 8 m deep, 3.8 m of it taken
    expect(placeFixture(sizedDrawn, stage({ widthM: 10, depthM: 4.2 }))).toEqual(stage({ y: 5.9, widthM: 10, depthM: 4.2 })); // flush with the wall
    // a room nobody has sized has floor below everything in it
    expect(placeFixture(drawn, stage({ widthM: 10, depthM: 5 }))).toEqual(stage({ y: 6.5, widthM: 10, depthM: 5 }));
  });
});
