import iconv from 'iconv-lite';

/**
 * Text as Excel and other tools save it: UTF-8 (with or without BOM), UTF-16 LE/BE with a BOM (Excel's
 * "Unicode text", tab-delimited), else Windows-1252 (Excel's "CSV" on Western machines). iconv-lite decodes
 * 0x80–0x9F as Windows-1252 does (€, Š, „ …), where Node's TextDecoder treats it as Latin-1 control characters.
 * Null when the bytes are not text (a NUL character after decoding).
 */
export function decodeText(data: Uint8Array): string | null {
  const text = decode(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  return text.includes('\0') ? null : text;
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
