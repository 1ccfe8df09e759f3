import { describe, expect, it } from 'vitest';
import { fitText, nameRoom } from './names.ts';

describe('names at chairs', () => {
  const lines = { lineHeight: 1, gap: 0.5, max: 10 };

  it('a name may take the distance to the nearest name on its line, less the gap; other lines do not count', () => {
    const spots = [
      { x: 0, y: 0 },
      { x: 4, y: 0.5 }, // on the same line as the first (less than a line apart)
      { x: 1, y: 3 }, // alone on its line
      { x: 20, y: 0.2 },
    ];
    expect(nameRoom(spots, lines)).toEqual([3.5, 3.5, 10, 10]);
  });

  it('is cut to the longest start that fits with its ellipsis, no space before it, at least a letter', () => {
    const measure = (t: string) => t.length; // a letter is 1 wide, the ellipsis too
    expect(fitText('Ann Lee', 7, measure)).toBe('Ann Lee');
    expect(fitText('Ann Lee', 6, measure)).toBe('Ann L…');
    expect(fitText('Ann Lee', 5, measure)).toBe('Ann…'); // never "Ann …"
    expect(fitText('Maximiliane', 5, measure)).toBe('Maxi…');
    expect(fitText('Maximiliane', 0, measure)).toBe('M…');
    expect(fitText('M', 0, measure)).toBe('M');
  });
});
