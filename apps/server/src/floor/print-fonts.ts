import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import type PDFDocument from 'pdfkit';

const SYSTEM = '/usr/share/fonts/truetype/dejavu';
/** A DejaVu file: from the dejavu-fonts-ttf package (a dependency, so a machine with no fonts prints too), else the system's. */
function dejavu(file: string): string {
  try {
    return createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${file}`);
  } catch {
    return `${SYSTEM}/${file}`;
  }
}

/**
 * The print's fonts, one home for both renderers and the page model's measuring: DejaVu Sans for names in any
 * script (the PDF standard fonts know Latin-1 only); Helvetica (pdfkit's built-in metrics) only if its files are gone.
 */
export const FONTS = { regular: dejavu('DejaVuSans.ttf'), bold: dejavu('DejaVuSans-Bold.ttf') };
export const hasUnicodeFont = existsSync(FONTS.regular) && existsSync(FONTS.bold);

/** Registers the fonts with a pdfkit document; the name to pass to `doc.font` for regular or bold text. */
export function useFonts(doc: PDFKit.PDFDocument): (bold?: boolean) => string {
  if (hasUnicodeFont) {
    doc.registerFont('regular', FONTS.regular);
    doc.registerFont('bold', FONTS.bold);
  }
  return (bold) => (hasUnicodeFont ? (bold ? 'bold' : 'regular') : bold ? 'Helvetica-Bold' : 'Helvetica');
}

let drawable: ((codePoint: number) => boolean) | null | undefined;
const clusters = new Intl.Segmenter();
/** what a character cluster may hold that is no glyph of its own: the zero-width joiner, variation selectors */
const joining = (cp: number) => cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f);

/**
 * A text as the print font can draw it: a character it has no glyph for (most emoji, some scripts) is left out,
 * whole with its cluster, rather than printed as an empty box ("Bea 🐝" prints "Bea"); a text left with nothing is
 * printed as it is. Both renderers and the measuring print this, so what is measured is what is drawn.
 */
export function printable(text: string): string {
  // Latin, Greek, Cyrillic and their marks: DejaVu has them all (the common case, at no cost).
  if (!/[^ -\u04ff]/.test(text) || !hasUnicodeFont) return text;
  if (drawable === undefined) {
    try {
      const font = fontkit.openSync(FONTS.regular) as fontkit.Font;
      drawable = (cp) => font.hasGlyphForCodePoint(cp);
    } catch {
      drawable = null;
    }
  }
  if (!drawable) return text;
  let out = '';
  for (const { segment } of clusters.segment(text)) {
    if ([...segment].every((ch) => joining(ch.codePointAt(0)!) || drawable!(ch.codePointAt(0)!))) out += segment;
  }
  // Nothing left (a name all in a script the font lacks, CJK say): its boxes at least show a name is there.
  const kept = out.replace(/\s{2,}/g, ' ').trim();
  return out === text || kept === '' ? text : kept;
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
    return (text, size, bold) => doc.font(font(bold)).fontSize(size).widthOfString(printable(text));
  });
  return measure;
}
