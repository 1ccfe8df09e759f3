import { overlaps, type Command } from '@seatfold/domain';
import { planOf } from '@seatfold/domain/testing';
import { describe, expect, it } from 'vitest';
import { printMeasure } from './print-fonts.ts';
import { roomPage } from './print-model.ts';
import { KEY_COLOR, NAME_COLOR } from './print-names.ts';
import { poly, roomWith, textBox, type Poly, type Text } from './print-testing.ts';

/** Integration: measures with the print font read from its file. */
describe('guests’ names at a stage and at the walls on a printed floor plan', () => {
  // A hall of 12 × 8 m (56 pt a metre, names in 6 pt): a round table of ten 1 m from the west wall (its western
  // chair 0.6 m from it) and a stage 4–6 m east, nearer than a long name beside the table's eastern chair runs.
  const commands: Command[] = [
    ...roomWith([{ seats: 10, x: 2, y: 4 }], [12, 8]),
    { type: 'addFixture', fixtureId: 'stage', roomId: 'r1', kind: 'stage', label: 'Band', x: 5, y: 4, widthM: 2, depthM: 3, rotation: 0 },
  ];
  const plan = planOf(commands);

  it('are never written over a fixture nor past the room’s walls; a name with no room there is keyed, not lost', async () => {
    const measure = await printMeasure();
    const prims = roomPage(plan, 'r1', true, null, measure).prims;
    const names = prims.filter((p): p is Text => p.t === 'text' && p.color === NAME_COLOR);
    const numbers = prims.filter((p): p is Text => p.t === 'text' && p.color === KEY_COLOR);
    expect(names.length + numbers.length).toBe(10);

    const boxes = names.map((n) => textBox(n, measure));
    const stage = prims.find((p): p is Poly => p.t === 'poly' && p.stroke === '#6b6395')!;
    expect(names.filter((_, i) => overlaps(boxes[i]!, poly(stage))).map((n) => n.text)).toEqual([]);

    const walls = prims.find((p): p is Poly => p.t === 'poly')!.points;
    const [west, east] = [Math.min(...walls.map((q) => q.x)), Math.max(...walls.map((q) => q.x))];
    const outside = names.filter((_, i) => {
      const xs = boxes[i]!.kind === 'polygon' ? boxes[i]!.points.map((q) => q.x) : [];
      return Math.min(...xs) < west || Math.max(...xs) > east;
    });
    expect(outside.map((n) => n.text)).toEqual([]);
    // the names beside the stage and the wall are cut short of them, not dropped
    expect(names.filter((n) => n.text.endsWith('…')).length).toBeGreaterThan(0);
  });
});
