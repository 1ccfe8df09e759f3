import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import type { PrintPage } from './print-model.ts';
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
