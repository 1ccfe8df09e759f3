/** Helpers for the print's tests: a room of tables to print, and the boxes printed texts take. Not used by the app. */
import type { Command, Footprint, TableShape } from '@seatfold/domain';
import type { PrintMeasure } from './print-fonts.ts';
import type { Prim } from './print-model.ts';

export type Text = Extract<Prim, { t: 'text' }>;
export type Poly = Extract<Prim, { t: 'poly' }>;

/** A printed text's box as the font writes it: a letter's height above the baseline, its descent below. */
export function textBox(p: Text, measure: PrintMeasure): Footprint {
  const w = measure(p.text, p.size);
  const left = p.x - w * { start: 0, middle: 0.5, end: 1 }[p.anchor];
  const [top, bottom] = [p.y - 0.76 * p.size, p.y + 0.24 * p.size];
  return {
    kind: 'polygon',
    points: [
      { x: left, y: top },
      { x: left + w, y: top },
      { x: left + w, y: bottom },
      { x: left, y: bottom },
    ],
  };
}

export const poly = (p: Poly): Footprint => ({ kind: 'polygon', points: p.points });
export const centre = (p: Poly) => ({
  x: p.points.reduce((s, q) => s + q.x, 0) / p.points.length,
  y: p.points.reduce((s, q) => s + q.y, 0) / p.points.length,
});

export interface TableSpec {
  seats: number;
  shape?: [TableShape, number, number];
  x: number;
  y: number;
  rotation?: number;
  /** the plan table's name (its number otherwise) */
  name?: string;
}

/** A sized room with the given tables placed, every chair taken by a guest (long names and short ones). */
export function roomWith(tables: TableSpec[], size: [number, number]): Command[] {
  const commands: Command[] = [
    { type: 'createPlan', name: 'Gala' },
    { type: 'addRoom', roomId: 'r1', name: 'Hall' },
    { type: 'setRoomSize', roomId: 'r1', widthM: size[0], depthM: size[1] },
  ];
  tables.forEach((t, n) => {
    commands.push(
      { type: 'addPhysicalTable', physicalTableId: `p${n}`, roomId: 'r1', label: `H-${n}`, capacity: t.seats },
      { type: 'addTable', tableId: `t${n}`, name: t.name ?? `${n + 1}`, capacity: t.seats },
      { type: 'mapTable', tableId: `t${n}`, physicalTableId: `p${n}` },
    );
    if (t.shape) commands.push({ type: 'shapePhysicalTable', physicalTableId: `p${n}`, shape: t.shape[0], widthM: t.shape[1], depthM: t.shape[2] });
    for (let i = 0; i < t.seats; i++)
      commands.push(
        { type: 'addGuest', guestId: `g${n}-${i}`, name: i % 3 === 2 ? `Li Wu ${n}${i}` : `Maximiliane Oberhuber-Lindqvist ${n}${i}` },
        { type: 'seatGuest', guestId: `g${n}-${i}`, tableId: `t${n}` },
      );
  });
  commands.push({
    type: 'arrangeFloor',
    roomId: 'r1',
    moves: tables.map((t, n) => ({ kind: 'table' as const, id: `p${n}`, x: t.x, y: t.y, rotation: t.rotation ?? 0 })),
  });
  return commands;
}
