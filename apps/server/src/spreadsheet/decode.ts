import iconv from 'iconv-lite';

/**
 * Text as Excel and other tools save it: UTF-8 (with or without BOM), UTF-16 LE/BE with a BOM (Excel's
 * "Unicode text", tab-delimited), else Windows-1252 (Excel's "CSV" on Western machines). iconv-lite decodes
 * 0x80–0x9F as Windows-1252 does (€, Š, „ …), where Node's TextDecoder treats it as Latin-1 control characters.
 * Null when the bytes are not text (see looksLikeText).
 */
export function decodeText(data: Uint8Array): string | null {
  const text = decode(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  return looksLikeText(text) ? text : null;
}

function decode(data: Buffer): string {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return iconv.decode(data.subarray(3), 'utf8');
  if (data[0] === 0xff && data[1] === 0xfe) return iconv.decode(data.subarray(2), 'utf16le');
  if (data[0] === 0xfe && data[1] === 0xff) return iconv.decode(data.subarray(2), 'utf16be');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return iconv.decode(data, 'windows-1252');
  }
}

/** How much of the decoded text is sampled: enough to judge, and a text file's first lines are its headers. */
const SAMPLE_CHARS = 4096;
/** Control characters other than tab and line breaks, unpaired surrogates, private-use and unassigned code points. */
const NOT_TEXT = /(?![\t\n\r])[\p{Cc}\p{Cs}\p{Co}\p{Cn}]/gu;

/**
 * Any bytes decode to something (as Windows-1252 nearly every byte is a character), so binary data is told apart
 * by what it decodes to: a NUL anywhere, or more than a few odd characters (two, or 1 in 50) in the first few KB.
 * Random bytes give about 1 in 8, as Windows-1252 and as UTF-16 alike; a text file a stray form feed or a Ctrl-Z
 * end-of-file mark. Replacement characters do not count: Windows-1250 text (ť, Ź) read as Windows-1252 gives some.
 */
function looksLikeText(text: string): boolean {
  if (text.includes('\0')) return false;
  const sample = text.slice(0, SAMPLE_CHARS);
  const odd = sample.match(NOT_TEXT)?.length ?? 0;
  return odd <= Math.max(2, sample.length / 50);
}
