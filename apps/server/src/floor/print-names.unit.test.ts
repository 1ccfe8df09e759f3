import { spotsBeside, type Point } from '@seatfold/domain';
import { describe, expect, it } from 'vitest';
import { keyLines, PAGE } from './print-model.ts';
import { KEY_COLOR, NAME_COLOR, printNames, type NameSpec } from './print-names.ts';

/** An estimate of the print font's widths (the real ones are read from its file in the integration tests). */
const measure = (text: string, size: number) => [...text].length * size * 0.6;
const SIZE = 4;
const GAP = 1.6;
const R = 3;

/** A chair at (x, y) whose name goes east of it. */
const eastChair = (x: number, y: number, text: string): NameSpec => ({
  spots: spotsBeside({ x, y }, { x: 1, y: 0 }, R + GAP, SIZE, GAP),
  chair: { x, y, r: R },
  text,
});
const square = (l: number, t: number, r: number, b: number): Point[] => [
  { x: l, y: t },
  { x: r, y: t },
  { x: r, y: b },
  { x: l, y: b },
];

describe('a printed name with no room beside its chair', () => {
  it('is not written over what covers its spots: its chair shows a number and the page’s key gives the name', () => {
    // the second chair stands in a nook: a stage covers every spot beside it, from just past its back on
    const names = [eastChair(100, 100, 'Li Wu'), eastChair(100, 300, 'Anna Schmidt')];
    const stage = square(100 + R + 1, 250, 400, 350);
    const { texts, key } = printNames(names, [stage], [], measure, { size: SIZE, gap: GAP, max: 60 });

    expect(texts.filter((t) => t.color === NAME_COLOR).map((t) => t.text)).toEqual(['Li Wu']);
    expect(key).toEqual(['Anna Schmidt']);
    const number = texts.find((t) => t.color === KEY_COLOR)!;
    expect(number).toMatchObject({ text: '1', x: 100, anchor: 'middle' });
    // on the chair: its line within the chair's circle
    expect(measure('1', number.size)).toBeLessThanOrEqual(2 * R);
    expect(Math.abs(number.y - 0.36 * number.size - 300)).toBeLessThan(R);
  });

  it('is listed in the legend by its number; a key too long for the page ends with how many more', () => {
    expect(keyLines([], 4, measure)).toEqual([]);
    expect(keyLines(['Anna Schmidt', 'Li Wu'], 4, measure)).toEqual(['Numbered chairs (no room beside them): 1 Anna Schmidt · 2 Li Wu']);

    const many = Array.from({ length: 200 }, (_, i) => `Maximiliane Oberhuber ${i}`);
    const lines = keyLines(many, 4, measure);
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(lines.every((l) => measure(l, 7.5) <= PAGE.width - 2 * PAGE.margin)).toBe(true);
    expect(lines[0]).toMatch(/^Numbered chairs \(no room beside them\): 1 Maximiliane Oberhuber 0 · 2 /);
    expect(lines.at(-1)).toMatch(/ · and \d+ more \(see the table lists\)$/);
    // every name is either listed or counted
    const listed = lines.join(' · ').match(/\b\d+ Maximiliane/g)!.length;
    expect(listed + Number(/and (\d+) more/.exec(lines.at(-1)!)![1])).toBe(200);
  });

  it('a key of thousands costs the legend’s few lines of measuring, and says what the full search would', () => {
    // The search it replaces (every count from all down, each wrapping every entry): its answers are the reference.
    const reference = (key: string[], used: number) => {
      const fits = (t: string) => measure(t, 7.5) <= PAGE.width - 2 * PAGE.margin;
      const wrap = (entries: string[]) =>
        entries.reduce(
          (lines, entry) => {
            const last = lines[lines.length - 1]!;
            const longer = last.endsWith(':') ? `${last} ${entry}` : `${last} · ${entry}`;
            return fits(longer) ? [...lines.slice(0, -1), longer] : [...lines, entry];
          },
          ['Numbered chairs (no room beside them):'],
        );
      const entries = key.map((name, i) => `${i + 1} ${name}`);
      for (let n = entries.length; n > 0; n--) {
        const lines = wrap(n === entries.length ? entries : [...entries.slice(0, n), `and ${entries.length - n} more (see the table lists)`]);
        if (lines.length <= Math.max(1, 7 - used)) return lines;
      }
      return key.length ? [`Numbered chairs (no room beside them): ${key.length} (see the table lists)`] : [];
    };
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let run = 0; run < 60; run++) {
      // names of every length, some wider than a line by themselves
      const key = Array.from({ length: Math.floor(random() * 120) }, (_, i) => 'x'.repeat(1 + Math.floor(random() ** 3 * 220)) + i);
      const used = Math.floor(random() * 8);
      expect(keyLines(key, used, measure)).toEqual(reference(key, used));
    }

    let measured = 0;
    const counting = (text: string, size: number) => (measured++, measure(text, size));
    const lines = keyLines(
      Array.from({ length: 20_000 }, (_, i) => `Guest ${i}`),
      2,
      counting,
    );
    expect(lines.at(-1)).toMatch(/and \d+ more/);
    expect(measured).toBeLessThan(2_000);
  });
});
