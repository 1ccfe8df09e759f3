import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FONTS, hasUnicodeFont, printable, printMeasure } from './print-fonts.ts';

describe('the print font', () => {
  it('is the DejaVu of the dejavu-fonts-ttf dependency, whatever fonts the machine has', () => {
    expect(FONTS.regular).toMatch(/node_modules\/.*dejavu-fonts-ttf\/ttf\/DejaVuSans\.ttf$/);
    expect(existsSync(FONTS.bold)).toBe(true);
    expect(hasUnicodeFont).toBe(true);
  });

  it('prints what it has glyphs for and leaves out, whole, the clusters it has none for', () => {
    for (const name of ['Łukasz Żółć', 'Ayşe Yılmaz', 'Σοφία Παπαδοπούλου', 'Дмитрий Иванов', 'Zoë O’Brien – VIP ✓'])
      expect(printable(name)).toBe(name);
    expect(printable('Bea 🐝')).toBe('Bea');
    expect(printable('Jo 👩‍💻 Smith')).toBe('Jo Smith'); // a joined emoji goes whole, not half
    expect(printable('🎉 Party ❤️ team')).toBe('Party ❤️ team'); // ❤ is in DejaVu; its variation selector stays with it
    // Nothing drawable left: printed as it is (its boxes at least say a name is there).
    expect(printable('山田太郎')).toBe('山田太郎');
  });

  it('measures what it prints', async () => {
    const measure = await printMeasure();
    expect(measure('Bea 🐝', 10)).toBe(measure('Bea', 10));
    expect(measure('Bea 🐝', 10)).toBeLessThan(measure('Bea X', 10));
  });
});
