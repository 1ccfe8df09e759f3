import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import type { PrintPage } from './print-model.ts';
import { FALLBACKS, FONTS, printMeasure } from './print-fonts.ts';
import { outline, shapes } from './print-outline.ts';
import { toPdf, toPng, toSvg } from './print-render.ts';

/** A page with one line of text on it, as the print model makes them. */
const page = (...texts: string[]): PrintPage => ({
  title: 'Hall',
  width: 400,
  height: 200,
  prims: texts.map((text, i) => ({ t: 'text', x: 20, y: 40 + 30 * i, text, size: 14, anchor: 'start', color: '#111111' })),
});

describe('printing names in any script', () => {
  it('embeds the family a name needs in the PDF, and only then; its text reads back', async () => {
    const pdf = await toPdf([page('王芳', '김민수 Kim', 'Ada Lovelace')], 'Names');
    const body = Buffer.from(pdf).toString('latin1');
    expect(body).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
    expect(body).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansKR/);
    const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
    for (const name of ['王芳', '김민수 Kim', 'Ada Lovelace']) expect(text).toContain(name);

    const latin = Buffer.from(await toPdf([page('Ada Lovelace')], 'Names')).toString('latin1');
    expect(latin).not.toMatch(/NotoSans/);
    expect(latin).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
  });

  it('draws the glyphs in the PNG, not empty boxes: two different names draw differently', () => {
    expect(toSvg(page('王芳'))).toContain('font-family="Noto Sans SC"');
    expect(toSvg(page('Ada'))).not.toContain('Noto');
    // DejaVu has no glyph for either name: without the family both would be the same two boxes
    const one = toPng(page('王芳'));
    const other = toPng(page('李伟'));
    expect(Buffer.compare(one, other)).not.toBe(0);
    expect(Buffer.compare(toPng(page('김민수')), toPng(page('박서준')))).not.toBe(0);
  });
});

describe('printing names whose letters combine (South and Southeast Asian scripts)', () => {
  const face = (family: string) => FALLBACKS.find((f) => f.family === family)!;

  it('shapes the names fontkit used to throw on, so one name does not fail the whole print (patches/fontkit)', async () => {
    for (const [name, family] of [
      ['ਹਰਪ੍ਰੀਤ ਸਿੰਘ', 'Noto Sans Gurmukhi'],
      ['శ్రీనివాస్', 'Noto Sans Telugu'],
    ] as const) {
      expect(shapes(name, face(family))).toBe(true);
      const { text } = await extractText(new Uint8Array(await toPdf([page(name, 'Ada')], 'Names')), { mergePages: true });
      expect(text).toContain('Ada');
    }
  });

  it('draws them in the PNG as the PDF shapes them: outlines in the width the PDF measures', async () => {
    const name = 'Kavya காவ்யா';
    const svg = toSvg(page(name));
    expect(svg).not.toContain('<text'); // resvg would shape it itself, wrongly
    expect(svg).toContain(`<title>${name}</title>`);
    const shaped = outline(name, face('Noto Sans Tamil'))!;
    // word by word: the Tamil word is shaped as Tamil (as one run from "Kavya" on it would be shaped as Latin)
    const wordAlone = outline('காவ்யா', face('Noto Sans Tamil'))!;
    expect(shaped.glyphs.slice(-wordAlone.glyphs.length).map((g) => g.d)).toEqual(wordAlone.glyphs.map((g) => g.d));
    const measure = await printMeasure();
    expect((shaped.advance * 14) / shaped.unitsPerEm).toBeCloseTo(measure(name, 14), 0);
  });

  it('falls back instead of throwing when a face cannot be read or shaped', () => {
    const broken = { family: 'Broken', key: 'broken', regular: '/nonexistent.ttf', bold: '/nonexistent.ttf', outlined: true };
    expect(shapes('ਸਿੰਘ', broken)).toBe(false);
    expect(outline('ਸਿੰਘ', broken)).toBeNull();
  });
});

describe('printing right-to-left names (Arabic, Hebrew)', () => {
  // (a name mixing directions is left to print-bidi's tests: a PDF reader guesses a line's direction by its letters)
  const names = ['محمد علي', 'שרה כהן', 'فاطمة الزهراء بن علي'];

  it('prints them in the PDF as typed, words in their order and apart (a reader of the PDF gets the names back)', async () => {
    const { text } = await extractText(new Uint8Array(await toPdf([page(...names)], 'Names')), { mergePages: true });
    expect(text.split('\n')).toEqual(names);
  });

  it('draws them in the PNG word by word as they stand on the line, as the PDF does, in the width it measures', async () => {
    const svg = toSvg(page('محمد علي'));
    expect(svg).not.toContain('<text'); // resvg would set the words left to right as typed
    const whole = outline('محمد علي', FONTS)!;
    const [first, last] = [outline('علي', FONTS)!, outline('محمد', FONTS)!];
    const d = whole.glyphs.map((g) => g.d);
    // the word typed last stands at the left, the first at the right
    expect(d.slice(0, first.glyphs.length)).toEqual(first.glyphs.map((g) => g.d));
    expect(d.slice(-last.glyphs.length)).toEqual(last.glyphs.map((g) => g.d));
    expect(whole.glyphs.at(-1)!.x).toBeGreaterThan(first.advance);
    const measure = await printMeasure();
    expect((whole.advance * 14) / whole.unitsPerEm).toBeCloseTo(measure('محمد علي', 14), 0);
  });
});
