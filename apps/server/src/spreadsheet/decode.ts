import iconv from 'iconv-lite';

/**
 * Text as Excel and other tools save it: UTF-8 (with or without BOM), UTF-16 LE/BE with a BOM (Excel's
 * "Unicode text", tab-delimited), else Windows-1252 (Excel's "CSV" on Western machines). iconv-lite decodes
 * 0x80–0x9F as Windows-1252 does (€, Š, „ …), where Node's TextDecoder treats it as Latin-1 control characters.
 * A file whose lines are partly UTF-8 and partly not (two lists pasted together) is read line by line, each line
 * in its own encoding, and `mixedLines` says which lines were read as Windows-1252.
 * Null when the bytes are not text (see looksLikeText).
 */
export function decodeText(data: Uint8Array): { text: string; mixedLines: number[] } | null {
  const decoded = decode(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  return looksLikeText(decoded) ? { text: decoded.text, mixedLines: decoded.mixedLines } : null;
}

/**
 * The text; whether it was read as Windows-1252 (the guess for bytes that are neither UTF-8 nor marked); and the
 * lines (numbered from 1) read as Windows-1252 in a file whose other lines are UTF-8.
 */
interface Decoded {
  text: string;
  guessed: boolean;
  mixedLines: number[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(data: Buffer): Decoded {
  const known = (text: string): Decoded => ({ text, guessed: false, mixedLines: [] });
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return known(iconv.decode(data.subarray(3), 'utf8'));
  if (data[0] === 0xff && data[1] === 0xfe) return known(iconv.decode(data.subarray(2), 'utf16le'));
  if (data[0] === 0xfe && data[1] === 0xff) return known(iconv.decode(data.subarray(2), 'utf16be'));
  try {
    return known(utf8.decode(data));
  } catch {
    return byLine(data) ?? { text: iconv.decode(data, 'windows-1252'), guessed: true, mixedLines: [] };
  }
}

/**
 * A file that is not UTF-8 as a whole, read line by line when some of its lines are UTF-8 with letters beyond ASCII
 * and others are not UTF-8 at all: read as Windows-1252 whole, its UTF-8 names would be garbled ("JÃ¼rgen"); read
 * line by line, only a line that is both valid UTF-8 and meant as Windows-1252 is misread, which takes two or more
 * accented capitals or symbols in a row ("Ã©"), rare in names. Null when the file is not such a mix.
 */
function byLine(data: Buffer): Decoded | null {
  const lines: { text: string; latin: boolean }[] = [];
  let utf8Beyond = false;
  let start = 0;
  while (start <= data.length) {
    let end = data.indexOf(0x0a, start);
    if (end < 0) end = data.length;
    const line = data.subarray(start, end < data.length ? end + 1 : end);
    try {
      const text = utf8.decode(line);
      if (!utf8Beyond && line.some((b) => b >= 0x80)) utf8Beyond = true;
      lines.push({ text, latin: false });
    } catch {
      lines.push({ text: iconv.decode(line, 'windows-1252'), latin: true });
    }
    start = end + 1;
  }
  if (!utf8Beyond) return null;
  const mixedLines: number[] = [];
  lines.forEach((l, i) => l.latin && mixedLines.push(i + 1));
  return { text: lines.map((l) => l.text).join(''), guessed: true, mixedLines };
}

/** How much of the decoded text is sampled: enough to judge, and a text file's first lines are its headers. */
const SAMPLE_CHARS = 4096;
/** Control characters other than tab and line breaks, unpaired surrogates, private-use and unassigned code points. */
const NOT_TEXT = /(?![\t\n\r])[\p{Cc}\p{Cs}\p{Co}\p{Cn}]/gu;
/** Shorter than this, a few odd characters are much of a file: it is judged by the stricter rule for small files. */
const SMALL_CHARS = 256;
/** The least share of ASCII in a small file read as Windows-1252 (random bytes: a half; a name list: nearly all). */
const SMALL_ASCII = 0.75;

/**
 * Any bytes decode to something (as Windows-1252 nearly every byte is a character), so binary data is told apart
 * by what it decodes to: a NUL anywhere, or more than a few odd characters (two, or 1 in 50) in the first few KB.
 * Random bytes give about 1 in 8, as Windows-1252 and as UTF-16 alike; a text file a stray form feed, or a Ctrl-Z
 * end-of-file mark (at the end: not counted). Replacement characters do not count: Windows-1250 text (ť, Ź) read
 * as Windows-1252 gives some.
 *
 * Two odd characters are most of what a few dozen random bytes hold, so a small file may have one at most (a
 * stray form feed), and — read as Windows-1252 — must be three quarters ASCII, as a short list is even with
 * accents ("Jürgen Groß") and random bytes are not (half of them are 0x80–0xFF): of random files of 10–70 bytes
 * without a NUL, about a third passed the old rule; under this one, a few in a thousand of the shortest.
 */
function looksLikeText({ text, guessed }: Decoded): boolean {
  if (text.includes('\0')) return false;
  // eslint-disable-next-line no-control-regex -- a Ctrl-Z end-of-file mark is what is looked for
  const sample = text.slice(0, SAMPLE_CHARS).replace(/\x1a+$/, '');
  const odd = sample.match(NOT_TEXT)?.length ?? 0;
  if (text.length >= SMALL_CHARS) return odd <= Math.max(2, sample.length / 50);
  // eslint-disable-next-line no-control-regex -- counting ASCII is the point
  const ascii = sample.match(/[\x00-\x7f]/g)?.length ?? 0;
  return odd <= 1 && (!guessed || ascii >= SMALL_ASCII * sample.length);
}
