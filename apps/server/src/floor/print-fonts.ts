import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import type PDFDocument from 'pdfkit';
import { shapes } from './print-outline.ts';

const SYSTEM = '/usr/share/fonts/truetype/dejavu';
const resolver = createRequire(import.meta.url);
/** A font file of a dependency, or null when it is not installed. */
function installed(file: string): string | null {
  try {
    return resolver.resolve(file);
  } catch {
    return null;
  }
}

/** A family the print can use: its name (for SVG), the key pdfkit registers it under, and its two files. */
export interface Face {
  family: string;
  key: string;
  regular: string;
  bold: string;
  /**
   * its letters combine (conjuncts, marks placed on a base): the PNG draws its texts as outlines shaped by fontkit, as
   * the PDF is, because resvg 2.6 shapes them wrongly (clusters drawn over each other, spaces lost)
   */
  outlined?: boolean;
}

/**
 * DejaVu Sans: names in Latin, Greek, Cyrillic, Arabic, Hebrew and more (the PDF standard fonts know Latin-1 only),
 * from the dejavu-fonts-ttf dependency, so a machine with no fonts prints too; else the system's.
 */
export const FONTS: Face = {
  family: 'DejaVu Sans',
  key: 'dejavu',
  regular: installed('dejavu-fonts-ttf/ttf/DejaVuSans.ttf') ?? `${SYSTEM}/DejaVuSans.ttf`,
  bold: installed('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf') ?? `${SYSTEM}/DejaVuSans-Bold.ttf`,
};
export const hasUnicodeFont = existsSync(FONTS.regular) && existsSync(FONTS.bold);

/** A Noto family of Google Fonts' npm packages (`@expo-google-fonts/noto-sans-<pkg>`), if both its files are installed. */
function noto(family: string, key: string, pkg: string, outlined = true): Face[] {
  const file = (weight: string) => installed(`@expo-google-fonts/noto-sans-${pkg}/${weight}/${family.replaceAll(' ', '')}_${weight}.ttf`);
  const [regular, bold] = [file('400Regular'), file('700Bold')];
  return regular && bold ? [{ family, key, regular, bold, outlined }] : [];
}
/**
 * Families for the names DejaVu has no glyphs for, from Google Fonts' npm packages (SIL Open Font License): Noto Sans
 * SC (Chinese, Japanese kana and kanji), KR (Hangul), the scripts of South Asia (Devanagari, Bengali, Gurmukhi,
 * Gujarati, Tamil, Telugu, Kannada, Malayalam, Sinhala), of mainland Southeast Asia (Thai, Khmer, Myanmar) and
 * Ethiopic. DejaVu itself has Latin, Greek, Cyrillic, Armenian, Georgian, Arabic, Hebrew and Lao. Only regular and bold
 * are read, and only when a name needs them; a name in two of these scripts at once takes the family with the most
 * of its letters. The two CJK families are ~150 MB of node_modules, the twelve others ~30 MB.
 */
export const FALLBACKS: Face[] = [
  ...noto('Noto Sans SC', 'sc', 'sc', false),
  ...noto('Noto Sans KR', 'kr', 'kr', false),
  ...noto('Noto Sans Devanagari', 'deva', 'devanagari'),
  ...noto('Noto Sans Bengali', 'beng', 'bengali'),
  ...noto('Noto Sans Gurmukhi', 'guru', 'gurmukhi'),
  ...noto('Noto Sans Gujarati', 'gujr', 'gujarati'),
  ...noto('Noto Sans Tamil', 'taml', 'tamil'),
  ...noto('Noto Sans Telugu', 'telu', 'telugu'),
  ...noto('Noto Sans Kannada', 'knda', 'kannada'),
  ...noto('Noto Sans Malayalam', 'mlym', 'malayalam'),
  ...noto('Noto Sans Sinhala', 'sinh', 'sinhala'),
  ...noto('Noto Sans Thai', 'thai', 'thai'),
  ...noto('Noto Sans Khmer', 'khmr', 'khmer'),
  ...noto('Noto Sans Myanmar', 'mymr', 'myanmar'),
  ...noto('Noto Sans Ethiopic', 'ethi', 'ethiopic'),
];

/** Registers the fonts with a pdfkit document (read from their files on first use); the name to pass to `doc.font`. */
export function useFonts(doc: PDFKit.PDFDocument): (bold?: boolean, face?: Face) => string {
  if (hasUnicodeFont) {
    for (const f of [FONTS, ...FALLBACKS]) {
      doc.registerFont(`${f.key}-regular`, f.regular);
      doc.registerFont(`${f.key}-bold`, f.bold);
    }
  }
  return (bold, face = FONTS) => (hasUnicodeFont ? `${face.key}-${bold ? 'bold' : 'regular'}` : bold ? 'Helvetica-Bold' : 'Helvetica');
}

/** Whether a face has a glyph for a code point: each font file opened once, when first asked. */
const glyphs = new Map<Face, ((codePoint: number) => boolean) | null>();
function drawable(face: Face): ((codePoint: number) => boolean) | null {
  if (!glyphs.has(face)) {
    try {
      const font = fontkit.openSync(face.regular) as fontkit.Font;
      glyphs.set(face, (cp) => font.hasGlyphForCodePoint(cp));
    } catch {
      glyphs.set(face, null);
    }
  }
  return glyphs.get(face)!;
}

const clusters = new Intl.Segmenter();
/** what a character cluster may hold that is no glyph of its own: the zero-width joiner, variation selectors */
const joining = (cp: number) => cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f);

/** A text as the print draws it: in which face, and with what is left of it. */
export interface Printed {
  text: string;
  face: Face;
}

/**
 * A text as the print fonts can draw it. DejaVu when it has every glyph; else the fallback family with the most of
 * the clusters DejaVu lacks (a Chinese or Korean name: its Latin letters are in those families too). A cluster the
 * chosen face has no glyph for (most emoji) is left out whole rather than printed as an empty box ("Bea 🐝" prints
 * "Bea"); a text left with nothing is printed as it is. Both renderers and the measuring print this, so what is
 * measured is what is drawn.
 */
export function printable(text: string): Printed {
  // Latin, Greek, Cyrillic and their marks: DejaVu has them all (the common case, at no cost).
  if (!/[^ -\u04ff]/.test(text) || !hasUnicodeFont) return { text, face: FONTS };
  const base = drawable(FONTS);
  if (!base) return { text, face: FONTS };
  const parts = [...clusters.segment(text)].map(({ segment }) => segment);
  const draws = (has: (cp: number) => boolean, segment: string) => [...segment].every((ch) => joining(ch.codePointAt(0)!) || has(ch.codePointAt(0)!));
  const missing = parts.filter((s) => !draws(base, s));
  if (missing.length === 0) return { text, face: FONTS };
  // Only clusters that are letters send a text to another family: an emoji alone leaves it in DejaVu.
  let face = FONTS;
  let best = 0;
  for (const f of FALLBACKS) {
    const has = drawable(f);
    const covered = has ? missing.filter((s) => /\p{L}/u.test(s) && draws(has, s)).length : 0;
    if (covered > best) [face, best] = [f, covered];
  }
  const has = face === FONTS ? base : drawable(face)!;
  const out = parts.filter((s) => draws(has, s)).join('');
  // Nothing left (a name all in a script no print font has): its boxes at least show a name is there.
  const kept = out.replace(/\s{2,}/g, ' ').trim();
  const printed = { text: out === text || kept === '' ? text : kept, face };
  // A text the shaper throws on would fail the whole print: it is printed as DejaVu draws it (boxes, at worst).
  return face === FONTS || shapes(printed.text, face) ? printed : { text, face: FONTS };
}

/** How wide a text is printed at a size, in points, regular weight or bold. */
export type PrintMeasure = (text: string, size: number, bold?: boolean) => number;

let measure: Promise<PrintMeasure> | undefined;

/**
 * The print font's real advance widths (kerning included), read by pdfkit from the font file the PDF embeds and
 * the PNG's renderer loads. pdfkit is loaded on the first print, not when the server starts; one document that is
 * never written measures every print.
 */
export function printMeasure(): Promise<PrintMeasure> {
  measure ??= import('pdfkit').then(({ default: PDF }: { default: typeof PDFDocument }) => {
    const doc = new PDF({ autoFirstPage: false });
    const font = useFonts(doc);
    return (text, size, bold) => {
      const printed = printable(text);
      return doc.font(font(bold, printed.face)).fontSize(size).widthOfString(printed.text);
    };
  });
  return measure;
}
