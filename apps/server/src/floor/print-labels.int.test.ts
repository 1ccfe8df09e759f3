import { overlaps, type Command } from '@seatfold/domain';
import { planOf } from '@seatfold/domain/testing';
import { describe, expect, it } from 'vitest';
import { printMeasure } from './print-fonts.ts';
import { roomPage } from './print-model.ts';
import { roomWith, textBox, type Text } from './print-testing.ts';

/** Integration: measures with the print font read from its file (bold for table numbers). */
describe('guests’ names next to table numbers and fixture labels on a printed floor plan', () => {
  // A hall of 40 × 25 m (18 pt a metre, names in 3.5 pt): two round tables of eight 4 m apart (a chair due east and west of each), the first with a long
  // name for its number, and a bar to the east of the second whose label is wider than the bar.
  const commands: Command[] = [
    ...roomWith(
      [
        { seats: 8, x: 5, y: 5, name: 'Family of the bride and groom' },
        { seats: 8, x: 9, y: 5 },
      ],
      [40, 25],
    ),
    {
      type: 'addFixture',
      fixtureId: 'bar',
      roomId: 'r1',
      kind: 'bar',
      label: 'Cocktails and espresso',
      x: 14,
      y: 5,
      widthM: 1,
      depthM: 1.5,
      rotation: 0,
    },
  ];
  const plan = planOf(commands);

  it('are never written over a table’s number, its meal line or a fixture’s label, as the print font writes them', async () => {
    const measure = await printMeasure();
    const prims = roomPage(plan, 'r1', true, null, measure).prims;
    const texts = prims.filter((p): p is Text => p.t === 'text');
    const names = texts.filter((p) => p.color === '#222222');
    const others = texts.filter((p) => p.color !== '#222222');
    expect(names).toHaveLength(16);

    const clashes = names.flatMap((n) =>
      others.filter((o) => overlaps(textBox(n, measure), textBox(o, measure))).map((o) => `${n.text} / ${o.text}`),
    );
    expect(clashes).toEqual([]);
    // the bar's label is whole; the names before it are cut, not dropped
    expect(others.some((o) => o.text === 'Cocktails and espresso')).toBe(true);
    expect(names.every((n) => n.text.startsWith('M') || n.text.startsWith('L'))).toBe(true);
    // a table's long name is cut to the table with its chairs (2.8 m) rather than run over its neighbour
    const number = others.find((o) => o.text.startsWith('Family'))!;
    expect(number.text.endsWith('…')).toBe(true);
    expect(measure(number.text, number.size, true)).toBeLessThanOrEqual(2.3 * 17.9);
  });
});
