import { demoPlanCommands, overlaps } from '@seatfold/domain';
import { planOf } from '@seatfold/domain/testing';
import { describe, expect, it } from 'vitest';
import { printMeasure } from './print-fonts.ts';
import { roomPage } from './print-model.ts';
import { MEAL_COLOR } from './print-table-text.ts';
import { poly, textBox, type Poly, type Text } from './print-testing.ts';

/** Integration: measures with the print font read from its file. */
describe('meal lines on the demo plan’s printed rooms', () => {
  it('are written clear of every chair, the banquets’ too, and keep the table’s guest count', async () => {
    const measure = await printMeasure();
    const demo = planOf(demoPlanCommands());
    for (const roomId of Object.keys(demo.rooms)) {
      const prims = roomPage(demo, roomId, true, null, measure).prims;
      const meals = prims.filter((p): p is Text => p.t === 'text' && p.color === MEAL_COLOR);
      expect(meals.length).toBeGreaterThan(30);
      for (const m of meals) expect(m.text).toMatch(/^\d+/);
      const chairs = prims.filter((p): p is Poly => p.t === 'poly' && p.width === 0.5).map(poly);
      const over = meals
        .filter((m) => chairs.some((c) => overlaps(textBox(m, measure), c)))
        .map((m) => `${m.text} at ${Math.round(m.x)}, ${Math.round(m.y)}`);
      expect({ room: demo.rooms[roomId]!.name, over }).toEqual({ room: demo.rooms[roomId]!.name, over: [] });
    }
  });
});
