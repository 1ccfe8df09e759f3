import { overlaps, type Command, type TableShape } from '@seatfold/domain';
import { planOf } from '@seatfold/domain/testing';
import { describe, expect, it } from 'vitest';
import { roomPage } from './print-model.ts';
import { MEAL_COLOR } from './print-table-text.ts';
import { poly, textBox, type Poly, type Text } from './print-testing.ts';

/** An estimate of the print font's widths (the real ones are read from its file in the integration tests). */
const measure = (text: string, size: number, bold?: boolean) => [...text].length * size * (bold ? 0.66 : 0.6);

const SHAPES: [TableShape, number, number, number][] = [
  ['round', 10, 1.8, 1.8],
  ['oval', 10, 2.4, 1.5],
  ['square', 8, 1.5, 1.5],
  ['rectangle', 8, 2.4, 1],
  ['banquet', 12, 3.6, 0.9],
];
const TURNS = [0, 90, 30];

/** A sized room with a table of each shape at each turn, 7 m apart, every chair taken, some guests with special meals. */
function hall(widthM: number, depthM: number): Command[] {
  const commands: Command[] = [
    { type: 'createPlan', name: 'Gala' },
    { type: 'addRoom', roomId: 'r1', name: 'Hall' },
    { type: 'setRoomSize', roomId: 'r1', widthM, depthM },
  ];
  const moves: Extract<Command, { type: 'arrangeFloor' }>['moves'] = [];
  SHAPES.forEach(([shape, seats, w, d], i) =>
    TURNS.forEach((rotation, j) => {
      const n = `${i}-${j}`;
      commands.push(
        { type: 'addPhysicalTable', physicalTableId: `p${n}`, roomId: 'r1', label: `H-${n}`, capacity: seats },
        { type: 'shapePhysicalTable', physicalTableId: `p${n}`, shape, widthM: w, depthM: d },
        { type: 'addTable', tableId: `t${n}`, name: `${i * 3 + j + 1}`, capacity: seats },
        { type: 'mapTable', tableId: `t${n}`, physicalTableId: `p${n}` },
      );
      for (let g = 0; g < seats; g++)
        commands.push(
          { type: 'addGuest', guestId: `g${n}-${g}`, name: `Guest ${n} ${g}`, dietary: ['', 'vegetarian', '', 'gluten-free'][g % 4]! },
          { type: 'seatGuest', guestId: `g${n}-${g}`, tableId: `t${n}` },
        );
      moves.push({ kind: 'table', id: `p${n}`, x: 4 + 7 * i, y: 4 + 6 * j, rotation });
    }),
  );
  commands.push({ type: 'arrangeFloor', roomId: 'r1', moves });
  return commands;
}

describe('a table’s meal line on the printed floor plan', () => {
  // 40 × 20 m prints about 20 pt a metre; 100 × 50 m about 8: there a round table's top is 14 pt across
  for (const [w, d] of [
    [40, 20],
    [100, 50],
  ] as const)
    it(`is written clear of every chair, for every shape and turn (a ${w} × ${d} m room)`, () => {
      const prims = roomPage(planOf(hall(w, d)), 'r1', false, null, measure).prims;
      const chairs = prims.filter((p): p is Poly => p.t === 'poly' && p.width === 0.5);
      const meals = prims.filter((p): p is Text => p.t === 'text' && p.color === MEAL_COLOR);
      expect(chairs).toHaveLength(3 * (10 + 10 + 8 + 8 + 12));
      expect(meals).toHaveLength(15);
      // the count first ("10 · V3 GF2"; cut where even below the table there is no room for all of it)
      for (const m of meals) expect(m.text).toMatch(/^\d+/);
      const over = meals.flatMap((m) => chairs.filter((c) => overlaps(textBox(m, measure), poly(c))).map(() => m.text));
      expect(over).toEqual([]);
    });

  /** The meal line and number of a plan table, and the top under them. */
  const writing = (prims: ReturnType<typeof roomPage>['prims'], name: string) => {
    const texts = prims.filter((p): p is Text => p.t === 'text');
    const number = texts.find((p) => p.bold && p.text === name)!;
    const meals = texts[texts.indexOf(number) + 1]!;
    const box = textBox(meals, measure);
    const top = prims.find((p): p is Poly => p.t === 'poly' && p.fill === '#fdf3d8' && overlaps(poly(p), box));
    const within = !!top && box.kind === 'polygon' && box.points.every((q) => overlaps({ kind: 'circle', ...q, r: 1e-6 }, poly(top)));
    return { number, meals, within };
  };

  it('sits whole on the top where the top has room for it: under the number on a round table and a banquet at 20 pt a metre', () => {
    const prims = roomPage(planOf(hall(40, 20)), 'r1', false, null, measure).prims;
    for (const name of ['1', '13']) {
      const { number, meals, within } = writing(prims, name);
      expect(meals.text).toMatch(/^\d+ · V\d+ GF\d+$/);
      expect(within).toBe(true);
      expect(meals.y).toBeGreaterThan(number.y);
    }
  });

  it('on a banquet at 14 pt a metre (the demo’s scale), beside the number on one line, on the top', () => {
    const prims = roomPage(planOf(hall(56, 28)), 'r1', false, null, measure).prims;
    const { number, meals, within } = writing(prims, '13');
    expect(meals.text).toMatch(/^\d+ · V\d+ GF\d+$/);
    expect(within).toBe(true);
    expect(meals.y).toBeCloseTo(number.y);
    expect(meals.x).toBeGreaterThan(number.x);
  });
});
