import * as fontkit from 'fontkit';
import { visualWords } from './print-bidi.ts';
import type { Face } from './print-fonts.ts';

/** A text shaped into glyph outlines: SVG path data per glyph in font units (y up), with where each glyph goes. */
export interface Outline {
  glyphs: { d: string; x: number; y: number }[];
  /** the text's advance width, in font units */
  advance: number;
  unitsPerEm: number;
}

const fonts = new Map<string, fontkit.Font>();
const fontOf = (file: string): fontkit.Font => {
  let font = fonts.get(file);
  if (!font) fonts.set(file, (font = fontkit.openSync(file) as fontkit.Font));
  return font;
};
const words = (text: string) => text.split(/(\s+)/).filter((w) => w !== '');

/** Texts fontkit could not shape in a face (a font or a shaper bug), so that neither the PDF nor the PNG tries again. */
const unshapeable = new Set<string>();
const checked = new Set<string>();

/**
 * Whether fontkit shapes a text in a face, regular and bold, without throwing: pdfkit shapes with it, and one name it
 * throws on would fail the whole print (a Gurmukhi "ਸਿੰਘ" did, before patches/fontkit@2.0.4.patch). Remembered.
 */
export function shapes(text: string, face: Face): boolean {
  const key = `${face.key}\n${text}`;
  if (checked.has(key)) return !unshapeable.has(key);
  if (checked.size >= MAX_PATHS) [checked, unshapeable].forEach((s) => s.clear());
  checked.add(key);
  try {
    for (const file of [face.regular, face.bold]) for (const w of words(text)) fontOf(file).layout(w);
    return true;
  } catch {
    unshapeable.add(key);
    return false;
  }
}
/** Glyph path data by font file and glyph id: a plan's names repeat their letters (bounded: one page of names). */
const paths = new Map<string, string>();
const MAX_PATHS = 50_000;

/**
 * A text laid out by fontkit in a face, as the PDF lays it out (pdfkit shapes with fontkit): for the PNG of texts whose
 * letters combine and of right-to-left texts, which resvg draws wrongly (Face.outlined, print-bidi.ts). Null when the
 * font cannot be read or shaping fails.
 */
export function outline(text: string, face: Face, bold = false): Outline | null {
  const file = bold ? face.bold : face.regular;
  try {
    const font = fontOf(file);
    const glyphs: Outline['glyphs'] = [];
    let x = 0;
    // Word by word, as pdfkit lays text out: fontkit shapes a run in the script it finds first ("Kavya காவ்யா" would
    // be shaped as Latin, its Tamil letters left unordered); a right-to-left text's words as they stand on the line.
    for (const word of visualWords(text) ?? words(text)) {
      const run = font.layout(word);
      for (let i = 0; i < run.glyphs.length; i++) {
        const g = run.glyphs[i]!;
        const at = run.positions[i]!;
        const key = `${file}\n${g.id}`;
        let d = paths.get(key);
        if (d === undefined) {
          if (paths.size >= MAX_PATHS) paths.clear();
          paths.set(key, (d = g.path.toSVG()));
        }
        if (d) glyphs.push({ d, x: x + at.xOffset, y: at.yOffset });
        x += at.xAdvance;
      }
    }
    return { glyphs, advance: x, unitsPerEm: font.unitsPerEm };
  } catch {
    return null;
  }
}
