import { describe, expect, it } from 'vitest';
import { BULK_MAX, duplicateLabels, expandLabel, expandLabels, firstFreeNumber, patternOf, physicalTablesBulk, tablesBulk } from './bulk.ts';
import { commandSchema } from './commands.ts';
import { decide } from './decide.ts';
import { foldInto } from './evolve.ts';
import { initialState } from './model.ts';

const counter = () => {
  let n = 0;
  return () => `id-${++n}`;
};

describe('label patterns', () => {
  it('pads {01} and {001}, keeps {1} plain, appends without braces', () => {
    expect(expandLabel('G-{01}', 7)).toBe('G-07');
    expect(expandLabel('G-{01}', 12)).toBe('G-12');
    expect(expandLabel('Hall {001}', 5)).toBe('Hall 005');
    expect(expandLabel('{1}', 40)).toBe('40');
    expect(expandLabel('Table ', 3)).toBe('Table 3');
    // without braces, a pattern ending in a letter or digit is set apart from the number
    expect(expandLabel('Table', 21)).toBe('Table 21');
    expect(expandLabel('Tisch A1', 7)).toBe('Tisch A1 7');
    expect(expandLabel('T-', 7)).toBe('T-7');
    expect(expandLabels('G-{01}', 3, 9)).toEqual(['G-09', 'G-10', 'G-11']);
  });

  it('takes one label without braces as typed, unless it is a prefix', () => {
    expect(expandLabels('Riesentisch aus Köln', 1)).toEqual(['Riesentisch aus Köln']);
    expect(expandLabels(' Tisch A1 ', 1, 4)).toEqual(['Tisch A1']);
    expect(expandLabels('T-', 1, 4)).toEqual(['T-4']);
    expect(expandLabels('G-{01}', 1, 4)).toEqual(['G-04']);
    expect(expandLabels('Riesentisch', 2)).toEqual(['Riesentisch 1', 'Riesentisch 2']);
  });

  it('finds duplicates within the batch and against existing labels, ignoring case and spaces', () => {
    expect(duplicateLabels(['G-01', 'G-02', 'g-02 '], ['X'])).toEqual(['g-02 ']);
    expect(duplicateLabels(['G-01', 'G-02'], [' g-01'])).toEqual(['G-01']);
  });
});

describe('firstFreeNumber', () => {
  it('continues after the labels that exist, as they are compared', () => {
    expect(firstFreeNumber('T-{01}', 10, [])).toBe(1);
    expect(firstFreeNumber('T-{01}', 10, expandLabels('T-{01}', 10))).toBe(11);
    // compared case- and space-insensitively, like duplicateLabels; other patterns' labels take no number
    expect(firstFreeNumber('T-{01}', 3, [' t-01', 'T-02', 'G-03'])).toBe(3);
    expect(firstFreeNumber('{1}', 5, ['1', '2', '3'])).toBe(4);
  });

  it('skips a gap too short for the whole range', () => {
    // 4 and 5 are free, but three in a row start only at 7
    expect(firstFreeNumber('{1}', 3, ['1', '2', '3', '6'])).toBe(7);
    expect(firstFreeNumber('{1}', 2, ['1', '2', '3', '6'])).toBe(4);
    // numbers start where asked (a plan may number from 0)
    expect(firstFreeNumber('{1}', 2, ['0', '1'], 0)).toBe(2);
  });

  it('gives the start back when no free run is found within the limit', () => {
    expect(firstFreeNumber('{1}', 2, ['1', '3', '5', '7'], 1, 6)).toBe(1);
    expect(firstFreeNumber('{1}', 2, ['1', '3', '5', '7'])).toBe(8);
  });
});

describe('patternOf', () => {
  it('reads the pattern most labels follow, padded where a number is written with leading zeros', () => {
    expect(patternOf(expandLabels('G-{01}', 46))).toBe('G-{01}');
    expect(patternOf(['Table 7', 'Table 12', 'Bar'])).toBe('Table {1}');
    expect(patternOf(['B-001', 'B-002', 'X-1'])).toBe('B-{001}');
    expect(patternOf(['T-1', 'T-2', 'G-01'])).toBe('T-{1}');
    expect(patternOf(['12', '13'])).toBe('{1}');
    // braces in a label are not read as a placeholder
    expect(patternOf(['A{1}-3'])).toBe('A1-{1}');
  });

  it('gives null where no label ends in a number', () => {
    expect(patternOf([])).toBeNull();
    expect(patternOf(['Head table', 'Bar'])).toBeNull();
  });

  it('continues a room with the next free number of its own pattern', () => {
    const room = expandLabels('G-{01}', 46);
    expect(firstFreeNumber(patternOf(room)!, 10, [...room, 'T-01'])).toBe(47);
  });
});

describe('physicalTablesBulk', () => {
  it('makes 20 tables of 10 seats labelled G-01…G-20 in one room, each a valid command', () => {
    const cmds = physicalTablesBulk({ count: 20, seats: 10, labelPattern: 'G-{01}', roomId: 'hall' }, counter());
    expect(cmds).toHaveLength(20);
    expect(cmds[0]).toEqual({ type: 'addPhysicalTable', physicalTableId: 'id-1', roomId: 'hall', label: 'G-01', capacity: 10 });
    expect(cmds[19]!.label).toBe('G-20');
    expect(new Set(cmds.map((c) => c.physicalTableId)).size).toBe(20);
    for (const c of cmds) expect(commandSchema.safeParse(c).success).toBe(true);
  });

  it('applies cleanly to a plan with that room, and is refused by decide when the room is missing', () => {
    const s = initialState();
    foldInto(s, [
      { type: 'PlanCreated', v: 1, name: 'Party' },
      { type: 'RoomAdded', v: 1, roomId: 'hall', name: 'Hall' },
    ]);
    for (const c of physicalTablesBulk({ count: 3, seats: 8, labelPattern: 'A{1}', roomId: 'hall' }, counter())) {
      const d = decide(s, c);
      expect(d.ok).toBe(true);
      if (d.ok) foldInto(s, d.events);
    }
    expect(
      Object.values(s.physicalTables)
        .map((p) => p.label)
        .sort(),
    ).toEqual(['A1', 'A2', 'A3']);
    const [orphan] = physicalTablesBulk({ count: 1, seats: 8, labelPattern: 'B', roomId: 'nowhere' }, () => 'p-x');
    expect(decide(s, orphan!).ok).toBe(false);
  });

  it('refuses counts out of range with a sentence a planner can act on', () => {
    expect(() => physicalTablesBulk({ count: 0, seats: 10, labelPattern: 'G', roomId: 'r' }, counter())).toThrow(/at least 1/);
    expect(() => physicalTablesBulk({ count: BULK_MAX + 1, seats: 10, labelPattern: 'G', roomId: 'r' }, counter())).toThrow(/At most/);
    expect(() => physicalTablesBulk({ count: 2.5, seats: 10, labelPattern: 'G', roomId: 'r' }, counter())).toThrow(/whole number/);
  });
});

describe('tablesBulk', () => {
  it('makes tables 1–40 of 10 seats, VIP only when asked', () => {
    const cmds = tablesBulk({ count: 40, seats: 10, namePattern: '{1}' }, counter());
    expect(cmds.map((c) => c.name)).toEqual(Array.from({ length: 40 }, (_, i) => String(i + 1)));
    expect(cmds.every((c) => c.capacity === 10 && !('vip' in c))).toBe(true);
    const vip = tablesBulk({ count: 2, seats: 6, namePattern: 'VIP {1}', from: 5, vip: true }, counter());
    expect(vip.map((c) => [c.name, c.vip])).toEqual([
      ['VIP 5', true],
      ['VIP 6', true],
    ]);
    for (const c of [...cmds, ...vip]) expect(commandSchema.safeParse(c).success).toBe(true);
  });
});
