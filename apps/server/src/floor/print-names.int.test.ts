import { bounds, demoPlanCommands, overlaps, type Command } from '@seatfold/domain';
import { planOf } from '@seatfold/domain/testing';
import { describe, expect, it } from 'vitest';
import { printMeasure } from './print-fonts.ts';
import { roomPage, type Prim } from './print-model.ts';
import { poly, textBox, type Poly, type Text } from './print-testing.ts';

/** Integration: measures with the print font read from its file. */
describe('guests’ names on a printed floor plan', () => {
  // Two round tables of ten side by side (the room's automatic grid), the guests with long names, as planners have.
  const commands: Command[] = [
    { type: 'createPlan', name: 'Gala' },
    { type: 'addRoom', roomId: 'r1', name: 'Hall' },
    // a hall of 40 × 25 m: the page draws it at 18 pt a metre, the names in 3.5 pt
    { type: 'setRoomSize', roomId: 'r1', widthM: 40, depthM: 25 },
  ];
  for (const t of [1, 2]) {
    commands.push(
      { type: 'addPhysicalTable', physicalTableId: `p${t}`, roomId: 'r1', label: `H-${t}`, capacity: 10 },
      { type: 'addTable', tableId: `t${t}`, name: `${t}`, capacity: 10 },
      { type: 'mapTable', tableId: `t${t}`, physicalTableId: `p${t}` },
    );
    for (let i = 0; i < 10; i++)
      commands.push(
        { type: 'addGuest', guestId: `g${t}-${i}`, name: `Maximiliane Oberhuber-Lindqvist ${t}${i}` },
        { type: 'seatGuest', guestId: `g${t}-${i}`, tableId: `t${t}` },
      );
  }
  const plan = planOf(commands);

  it('are each cut to the room before the next name on their line, as the print font writes them', async () => {
    const measure = await printMeasure();
    const names = roomPage(plan, 'r1', true, null, measure).prims.filter(
      (p): p is Extract<Prim, { t: 'text' }> => p.t === 'text' && p.color === '#222222',
    );
    expect(names).toHaveLength(20);
    const clashes: string[] = [];
    for (const [i, a] of names.entries())
      for (const b of names.slice(i + 1)) if (overlaps(textBox(a, measure), textBox(b, measure))) clashes.push(`${a.text} / ${b.text}`);
    expect(clashes).toEqual([]);
    // cut with an ellipsis, keeping their start; as long as the room allows (the chairs at the sides have more)
    expect(names.every((n) => n.text.startsWith('Ma') && n.text.endsWith('…'))).toBe(true);
    expect(Math.max(...names.map((n) => n.text.length))).toBeGreaterThan(12);
  });

  it('of an unsized room are not cut at its west side while the page has room beside it (its outline is no wall)', async () => {
    const measure = await printMeasure();
    const unsized: Command[] = [
      { type: 'createPlan', name: 'Gala' },
      { type: 'addRoom', roomId: 'r1', name: 'Hall' },
      { type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'r1', label: 'H-1', capacity: 10 },
      { type: 'addTable', tableId: 't1', name: '1', capacity: 10 },
      { type: 'mapTable', tableId: 't1', physicalTableId: 'p1' },
    ];
    for (let i = 0; i < 10; i++)
      unsized.push(
        { type: 'addGuest', guestId: `g${i}`, name: `Maximiliane Oberhuber-Lindqvist ${i}` },
        { type: 'seatGuest', guestId: `g${i}`, tableId: 't1' },
      );
    const page = roomPage(planOf(unsized), 'r1', true, null, measure);
    const names = page.prims.filter((p): p is Text => p.t === 'text' && p.color === '#222222');
    expect(names).toHaveLength(10);
    // one table on a landscape page: room to spare on both sides, so every name is written whole
    expect(names.filter((n) => n.text.endsWith('…')).map((n) => n.text)).toEqual([]);
    // and none outside the dashed outline
    const outline = page.prims.find((p): p is Poly => p.t === 'poly' && p.stroke === '#777777')!;
    const xs = outline.points.map((q) => q.x);
    const outside = names.filter((n) => bounds(textBox(n, measure)).minX < Math.min(...xs) || bounds(textBox(n, measure)).maxX > Math.max(...xs));
    expect(outside.map((n) => n.text)).toEqual([]);
  });

  it('keep six letters or more at the demo plan’s banquet rows and crowded round tables, clear of each other, tops and chairs', async () => {
    // The demo's rooms print at 5 mm a metre, names 3.5 pt: along a banquet's side a chair every 8.5 pt.
    const measure = await printMeasure();
    const demo = planOf(demoPlanCommands());
    for (const roomId of Object.keys(demo.rooms)) {
      const page = roomPage(demo, roomId, true, null, measure);
      const names = page.prims.filter((p): p is Text => p.t === 'text' && p.color === '#222222');
      expect(names.length).toBeGreaterThan(300);
      const short = names.filter((n) => n.text.endsWith('…') && [...n.text].length - 1 < 6).map((n) => n.text);
      expect(short).toEqual([]);
      const boxes = names.map((n) => textBox(n, measure));
      const clashes = boxes.flatMap((a, i) =>
        boxes.slice(i + 1).flatMap((b, j) => (overlaps(a, b) ? [`${names[i]!.text} / ${names[i + 1 + j]!.text}`] : [])),
      );
      expect(clashes).toEqual([]);
      const drawn = page.prims.filter((p): p is Poly => p.t === 'poly' && p.stroke === '#8a6d1f').map(poly);
      expect(names.filter((_, i) => drawn.some((d) => overlaps(boxes[i]!, d))).map((n) => n.text)).toEqual([]);
    }
  });
});
