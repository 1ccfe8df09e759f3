import { Resvg } from '@resvg/resvg-js';
import PDFDocument from 'pdfkit';
import { FONTS, hasUnicodeFont, printable, useFonts, type Face } from './print-fonts.ts';
import { visualWords } from './print-bidi.ts';
import { outline } from './print-outline.ts';
import type { PrintPage } from './print-model.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const n = (x: number) => Math.round(x * 100) / 100;

/** How strongly the background image shows under the plan (as in the view). */
const IMAGE_OPACITY = 0.55;
/** A dashed edge (an unmeasured room's): dash and gap in points. */
const DASH = [4, 3] as const;
const isPng = (b: Uint8Array) => b[0] === 0x89 && b[1] === 0x50;

/** A text element: in the page's family (DejaVu) unless the text needs another (printable). */
function svgText(p: Extract<PrintPage['prims'][number], { t: 'text' }>, faces: Set<Face>): string {
  const { text, face } = printable(p.text);
  const shaped = face.outlined || visualWords(text) ? outline(text, face, p.bold) : null;
  if (shaped) {
    // Its glyphs as fontkit places them (as in the PDF), scaled from font units (y up) to the page (y down)
    const s = p.size / shaped.unitsPerEm;
    const x = p.x - (p.anchor === 'middle' ? 0.5 : p.anchor === 'end' ? 1 : 0) * shaped.advance * s;
    const glyphs = shaped.glyphs.map((g) => `<path transform="translate(${n(g.x)} ${n(g.y)})" d="${g.d}"/>`).join('');
    return `<g transform="translate(${n(x)} ${n(p.y)}) scale(${s} ${-s})" fill="${p.color}"><title>${esc(text)}</title>${glyphs}</g>`;
  }
  if (face !== FONTS) faces.add(face);
  const family = face === FONTS ? '' : ` font-family="${face.family}"`;
  return `<text x="${n(p.x)}" y="${n(p.y)}" font-size="${p.size}"${p.bold ? ' font-weight="bold"' : ''}${family} text-anchor="${p.anchor}" fill="${p.color}">${esc(text)}</text>`;
}

export function toSvg(page: PrintPage, faces = new Set<Face>()): string {
  const body = page.prims
    .map((p, i) =>
      p.t === 'image'
        ? `<clipPath id="c${i}"><rect x="${n(p.clip.x)}" y="${n(p.clip.y)}" width="${n(p.clip.width)}" height="${n(p.clip.height)}"/></clipPath><image href="data:image/${isPng(p.bytes) ? 'png' : 'jpeg'};base64,${Buffer.from(p.bytes).toString('base64')}" x="${n(p.x)}" y="${n(p.y)}" width="${n(p.width)}" height="${n(p.height)}" preserveAspectRatio="none" opacity="${IMAGE_OPACITY}" clip-path="url(#c${i})"/>`
        : p.t === 'poly'
          ? `<polygon points="${p.points.map((q) => `${n(q.x)},${n(q.y)}`).join(' ')}" fill="${p.fill}" stroke="${p.stroke}" stroke-width="${p.width}"${p.dash ? ` stroke-dasharray="${DASH.join(' ')}"` : ''}/>`
          : svgText(p, faces),
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${page.width}" height="${page.height}" viewBox="0 0 ${page.width} ${page.height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif"><title>${esc(page.title)}</title><rect width="100%" height="100%" fill="#ffffff"/>${body}</svg>`;
}

/** The page as a PNG, twice the page's point size (about 144 dpi): sharp enough to print at A4. */
export function toPng(page: PrintPage): Buffer {
  // The font files the page uses, not a scan of every system font on each call (which costs more than the drawing):
  // DejaVu, and a fallback family (10 MB a file) only when a name on the page needs it.
  const faces = new Set<Face>();
  const svg = toSvg(page, faces);
  const font = hasUnicodeFont
    ? { loadSystemFonts: false, fontFiles: [FONTS, ...faces].flatMap((f) => [f.regular, f.bold]), defaultFontFamily: FONTS.family }
    : { loadSystemFonts: true };
  return new Resvg(svg, { fitTo: { mode: 'width', value: page.width * 2 }, font }).render().asPng();
}

/** The pages as one PDF, a page each. */
export function toPdf(pages: PrintPage[], title: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 0, autoFirstPage: false, info: { Title: title, Creator: 'Seatfold' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const font = useFonts(doc);
  for (const page of pages) {
    doc.addPage();
    for (const p of page.prims) {
      if (p.t === 'image') {
        doc.save();
        doc.rect(p.clip.x, p.clip.y, p.clip.width, p.clip.height).clip();
        doc.opacity(IMAGE_OPACITY);
        doc.image(Buffer.from(p.bytes), p.x, p.y, { width: p.width, height: p.height });
        doc.restore();
        continue;
      }
      if (p.t === 'poly') {
        const [first, ...rest] = p.points;
        doc.moveTo(first!.x, first!.y);
        for (const q of rest) doc.lineTo(q.x, q.y);
        if (p.dash) doc.dash(DASH[0], { space: DASH[1] });
        doc.closePath().lineWidth(p.width).fillAndStroke(p.fill, p.stroke);
        if (p.dash) doc.undash();
        continue;
      }
      const { text, face } = printable(p.text);
      doc.font(font(p.bold, face)).fontSize(p.size).fillColor(p.color);
      // the model's y is the text's baseline (as in SVG), whatever the face's ascent
      const at = { lineBreak: false, baseline: 'alphabetic' } as const;
      // a right-to-left text word by word, as its words stand on the line (print-bidi.ts)
      const words = visualWords(text);
      const w = p.anchor === 'start' ? 0 : doc.widthOfString(text);
      let x = p.x - (p.anchor === 'middle' ? w / 2 : p.anchor === 'end' ? w : 0);
      if (!words) doc.text(text, x, p.y, at);
      else
        for (const word of words) {
          if (word.trim() !== '') doc.text(word, x, p.y, at);
          x += doc.widthOfString(word);
        }
    }
  }
  doc.end();
  return done;
}
