import { describe, expect, it } from 'vitest';
import { chairNumberSize, LEAST_LETTERS, leastOf, namesAtChairs } from './name-key.ts';

// A letter and the ellipsis 0.12 wide, as an estimate of a font.
const measure = (t: string) => [...t].length * 0.12;

describe('a name at its chair: written, or numbered for the key', () => {
  it('is written whole where it fits, cut where it keeps at least four letters', () => {
    expect(LEAST_LETTERS).toBe(4);
    expect(namesAtChairs(['Ann Lee', 'Maximiliane'], [10, measure('Maxim…')], measure)).toEqual([{ shown: 'Ann Lee' }, { shown: 'Maxim…' }]);
    expect(namesAtChairs(['Maximiliane'], [measure('Maxi…')], measure)).toEqual([{ shown: 'Maxi…' }]);
  });

  it('is numbered where it would keep fewer letters, 1, 2, … in order, never cut to a stub', () => {
    const room = [measure('Max…'), 10, 0, measure('Li'), measure('L')];
    expect(namesAtChairs(['Maximiliane', 'Ann Lee', 'Oberhuber', 'Li', 'Lu'], room, measure)).toEqual([
      { key: 1 },
      { shown: 'Ann Lee' },
      { key: 2 },
      { shown: 'Li' }, // a short name is written whole where it fits whole
      { key: 3 },
    ]);
  });

  it('the least a name is cut to keeps no space before the ellipsis', () => {
    expect(leastOf('Li Wu')).toBe('Li W…');
    expect(leastOf('Ann Lee')).toBe('Ann…');
    expect(leastOf('Anna')).toBe('Anna');
  });

  it('a chair’s number is as big as a name, smaller where it would be wider than the chair', () => {
    expect(chairNumberSize(0.18, 0.12, 0.22)).toBe(0.18);
    const size = chairNumberSize(0.18, 0.36, 0.22);
    expect(size).toBeLessThan(0.18);
    expect((0.36 * size) / 0.18).toBeCloseTo(1.6 * 0.22);
  });
});
