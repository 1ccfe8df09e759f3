/** Crafted .xlsx and zip files for the upload tests, written here with fflate (not by the reader under test). */
import { zipSync } from 'fflate';

const enc = (s: string) => new TextEncoder().encode(s);

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Guests" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const sharedStrings = (text: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>${text}</t></si></sst>`;

const col = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));

/**
 * A one-sheet workbook of `rows` × `cols` inline-text cells (row 1 is the header "Name", "Column 2", …).
 * `sameRows`: every data row holds the same numbers 0, 1, 2, … (quick to build, compresses very well).
 * `sharedText`: every data cell refers to this one shared string (the file stays small, its text does not).
 */
export function workbook(
  rows: number,
  cols: number,
  o: { extra?: Record<string, Uint8Array>; sameRows?: boolean; sharedText?: string } = {},
): Uint8Array {
  const cell = (r: number, c: number, text: string) => `<c r="${col(c)}${r}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const lines = [`<row r="1">${Array.from({ length: cols }, (_, c) => cell(1, c, c === 0 ? 'Name' : `Column ${c + 1}`)).join('')}</row>`];
  const same = (r: number) =>
    Array.from({ length: cols }, (_, c) => (o.sharedText ? `<c r="${col(c)}${r}" t="s"><v>0</v></c>` : `<c r="${col(c)}${r}"><v>${c}</v></c>`)).join(
      '',
    );
  if (o.sameRows || o.sharedText) for (let r = 2; r <= rows; r++) lines.push(`<row r="${r}">${same(r)}</row>`);
  else for (let r = 2; r <= rows; r++) lines.push(`<row r="${r}">${Array.from({ length: cols }, (_, c) => cell(r, c, `g${r}-${c}`)).join('')}</row>`);
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${lines.join('')}</sheetData></worksheet>`;
  return zipSync({
    '[Content_Types].xml': enc(CONTENT_TYPES),
    '_rels/.rels': enc(RELS),
    'xl/workbook.xml': enc(WORKBOOK),
    'xl/_rels/workbook.xml.rels': enc(WORKBOOK_RELS),
    'xl/worksheets/sheet1.xml': enc(sheet),
    'xl/sharedStrings.xml': enc(sharedStrings(o.sharedText ?? 'unused')),
    ...o.extra,
  });
}

/**
 * A zip whose every entry declares `declared` bytes unpacked (in the local and the central header) while it
 * really inflates to `size` bytes of zeros: the sizes lie, as a zip bomb's do.
 */
export function lyingBomb(size: number, declared = 1024, name = 'xl/media/image1.png'): Uint8Array {
  const zip = workbook(2, 2, { extra: { [name]: new Uint8Array(size) } });
  return forgeSizes(zip, name, declared);
}

/** Rewrites the uncompressed-size fields of entry `name` in both its local and central headers. */
export function forgeSizes(zip: Uint8Array, name: string, declared: number): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer);
  const target = enc(name);
  const nameAt = (at: number, len: number) => len === target.length && target.every((b, i) => out[at + i] === b);
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50 && nameAt(i + 30, view.getUint16(i + 26, true))) view.setUint32(i + 22, declared, true);
    if (sig === 0x02014b50 && nameAt(i + 46, view.getUint16(i + 28, true))) view.setUint32(i + 24, declared, true);
  }
  return out;
}

/** `n` bytes that do not compress, to make a file heavy enough that its ratio looks honest. */
export function noise(n: number, seed = 7): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) out[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
  return out;
}

/**
 * `n` bytes of noise with no NUL byte (a NUL alone already marks a file binary): what a photo or a compressed
 * file holds. `prefix` goes in front, e.g. a UTF-16 byte order mark.
 */
export const binaryWithoutNul = (n: number, prefix: number[] = []): Uint8Array => Uint8Array.from([...prefix, ...noise(n).map((b) => b || 1)]);
