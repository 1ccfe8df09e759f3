import { existsSync } from 'node:fs';
import type PDFDocument from 'pdfkit';

/**
 * The print's fonts, one home for both renderers and the page model's measuring: DejaVu Sans for names in any
 * script (the PDF standard fonts know Latin-1 only); Helvetica (pdfkit's built-in metrics) when it is absent.
 */
export const FONTS = { regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf' };
export const hasUnicodeFont = existsSync(FONTS.regular) && existsSync(FONTS.bold);

/** Registers the fonts with a pdfkit document; the name to pass to `doc.font` for regular or bold text. */
export function useFonts(doc: PDFKit.PDFDocument): (bold?: boolean) => string {
  if (hasUnicodeFont) {
    doc.registerFont('regular', FONTS.regular);
    doc.registerFont('bold', FONTS.bold);
  }
  return (bold) => (hasUnicodeFont ? (bold ? 'bold' : 'regular') : bold ? 'Helvetica-Bold' : 'Helvetica');
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
    return (text, size, bold) => doc.font(font(bold)).fontSize(size).widthOfString(text);
  });
  return measure;
}
