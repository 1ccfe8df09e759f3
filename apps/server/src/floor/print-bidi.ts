import bidiFactory from 'bidi-js';

/**
 * Right-to-left names on a print. Neither renderer orders their words: pdfkit shapes a line as one fontkit run, which
 * reverses an Arabic or Hebrew line's glyphs whole and loses its spaces ("محمد علي" printed "عليمحمد"), and resvg
 * shapes each word but sets the words left to right in the order they were typed (the surname first, to a reader).
 * So both draw such a text word by word, in the order the Unicode Bidirectional Algorithm (bidi-js) puts them on the
 * line; each word stays in its typed order, as fontkit shapes it (and reverses it itself when it is right-to-left).
 */
const bidi = bidiFactory();

/** Hebrew, Arabic, Syriac, Thaana, N'Ko and the rest up to U+08FF, their presentation forms, and the RTL planes' blocks. */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/**
 * The text's words and the spaces between them in the order they stand on the line, left to right, each in its
 * typed order; null for a text with no right-to-left letter (drawn as it is, the common case).
 */
export function visualWords(text: string): string[] | null {
  if (!RIGHT_TO_LEFT.test(text)) return null;
  const { levels } = bidi.getEmbeddingLevels(text);
  // Brackets and the like in a right-to-left stretch are drawn mirrored (rule L4): "(2)" after a Hebrew name. fontkit
  // mirrors none, and reverses only a piece with right-to-left letters in it (which keeps its own, as typed).
  const mirrored = bidi.getMirroredCharactersMap(text, levels);
  // Pieces of one level that are all spaces or all not, in typed order (a word of one direction is one level).
  const pieces: { text: string; level: number }[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i < text.length && levels[i] === levels[start] && /\s/.test(text[i]!) === /\s/.test(text[start]!)) continue;
    let piece = text.slice(start, i);
    if (!RIGHT_TO_LEFT.test(piece)) piece = Array.from({ length: piece.length }, (_, k) => mirrored.get(start + k) ?? text[start + k]).join('');
    pieces.push({ text: piece, level: levels[start]! });
    start = i;
  }
  // Rule L2, piece by piece: from the highest level down to the lowest odd one, every run of pieces at that level or
  // above is reversed.
  const highest = Math.max(...pieces.map((p) => p.level));
  const lowestOdd = Math.min(...pieces.map((p) => (p.level % 2 === 1 ? p.level : Infinity)));
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < pieces.length;) {
      if (pieces[i]!.level < level) {
        i++;
        continue;
      }
      let end = i;
      while (end < pieces.length && pieces[end]!.level >= level) end++;
      pieces.splice(i, end - i, ...pieces.slice(i, end).reverse());
      i = end;
    }
  }
  return pieces.map((p) => p.text);
}
