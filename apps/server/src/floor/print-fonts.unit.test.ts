import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FALLBACKS, FONTS, hasUnicodeFont, printable, printMeasure } from './print-fonts.ts';

const text = (s: string) => printable(s).text;
const family = (s: string) => printable(s).face.family;

describe('the print font', () => {
  it('is the DejaVu of the dejavu-fonts-ttf dependency, whatever fonts the machine has', () => {
    expect(FONTS.regular).toMatch(/node_modules\/.*dejavu-fonts-ttf\/ttf\/DejaVuSans\.ttf$/);
    expect(existsSync(FONTS.bold)).toBe(true);
    expect(hasUnicodeFont).toBe(true);
  });

  it('prints what it has glyphs for and leaves out, whole, the clusters it has none for', () => {
    for (const name of ['Łukasz Żółć', 'Ayşe Yılmaz', 'Σοφία Παπαδοπούλου', 'Дмитрий Иванов', 'Zoë O’Brien – VIP ✓']) {
      expect(text(name)).toBe(name);
      expect(family(name)).toBe('DejaVu Sans');
    }
    expect(text('Bea 🐝')).toBe('Bea');
    expect(family('Bea 🐝')).toBe('DejaVu Sans'); // an emoji alone does not change the face
    expect(text('Jo 👩‍💻 Smith')).toBe('Jo Smith'); // a joined emoji goes whole, not half
    expect(text('🎉 Party ❤️ team')).toBe('Party ❤️ team'); // ❤ is in DejaVu; its variation selector stays with it
  });

  it('prints names of East, South and Southeast Asia and Ethiopia in a Noto family of the dependencies, Latin letters included', () => {
    expect(FALLBACKS).toHaveLength(15); // every family's files are installed
    for (const f of FALLBACKS) for (const file of [f.regular, f.bold]) expect(existsSync(file)).toBe(true);
    for (const name of ['王芳', '李 (Li) Wei', '山田 さくら', 'マイク・スミス']) {
      expect(text(name)).toBe(name);
      expect(family(name)).toBe('Noto Sans SC');
    }
    expect(text('김민수 Kim')).toBe('김민수 Kim');
    expect(family('김민수 Kim')).toBe('Noto Sans KR');
    expect(family('Priya प्रिया')).toBe('Noto Sans Devanagari');
    expect(family('สมชาย')).toBe('Noto Sans Thai');
    const names: [string, string][] = [
      ['অনিন্দিতা রায়', 'Bengali'],
      ['ਹਰਪ੍ਰੀਤ ਕੌਰ', 'Gurmukhi'],
      ['ભાવિકા પટેલ', 'Gujarati'],
      ['Kavya காவ்யா', 'Tamil'],
      ['శ్రీనివాస్', 'Telugu'],
      ['ಅನನ್ಯಾ', 'Kannada'],
      ['അഞ്ജലി', 'Malayalam'],
      ['නිමල් පෙරේරා', 'Sinhala'],

      ['សុភា', 'Khmer'],
      ['အောင်ကျော်', 'Myanmar'],
      ['መሰረት ደፋር', 'Ethiopic'],
    ];
    for (const [name, script] of names) {
      expect(family(name)).toBe(`Noto Sans ${script}`);
      expect(text(name)).toBe(name);
    }
    expect(family('ສົມພອນ')).toBe('DejaVu Sans'); // Lao: DejaVu has it
    expect(text('王芳 🐝')).toBe('王芳'); // still no emoji
    // a script no print font has (Tibetan): printed as it is, its boxes at least say a name is there
    expect(family('བཀྲ་ཤིས')).toBe('DejaVu Sans');
    expect(text('བཀྲ་ཤིས')).toBe('བཀྲ་ཤིས');
  });

  it('measures what it prints, in the face it prints it in', async () => {
    const measure = await printMeasure();
    expect(measure('Bea 🐝', 10)).toBe(measure('Bea', 10));
    expect(measure('Bea 🐝', 10)).toBeLessThan(measure('Bea X', 10));
    // full-width ideographs: about one em each (DejaVu's missing glyph would be narrower)
    expect(measure('王芳李伟', 10)).toBeCloseTo(40, 0);
  });
});
