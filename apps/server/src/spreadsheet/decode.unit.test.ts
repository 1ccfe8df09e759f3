import { describe, expect, it } from 'vitest';
import { parseSpreadsheet } from '../spreadsheet.ts';
import { binaryWithoutNul, noise } from '../upload-fixtures.ts';
import { decodeText } from './decode.ts';

/** Windows-1252 0x80–0x9F as Windows maps them; the five bytes it leaves undefined read as U+FFFD, never as a control character. */
const CP1252 = '€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ';

const rowsOf = async (data: Buffer, name = 'guests.csv') => (await parseSpreadsheet(data, name)).sheets[0];

describe('decoding text uploads', () => {
  it('reads every byte 0x80–0x9F of a Windows-1252 CSV as Windows-1252 (€ Š Ž œ „ “ –, not C1 control characters)', async () => {
    const bytes: number[] = [...Buffer.from('Name;Code\r\n')];
    for (let b = 0x80; b <= 0x9f; b++) bytes.push(...Buffer.from('x'), b, ...Buffer.from(`y;${b.toString(16)}\r\n`));
    const sheet = await rowsOf(Buffer.from(bytes));
    expect(sheet!.rows).toHaveLength(32);
    for (const [i, row] of sheet!.rows.entries()) {
      expect(row.cells[1]).toBe((0x80 + i).toString(16));
      expect(row.cells[0], `byte 0x${(0x80 + i).toString(16)}`).toBe(`x${CP1252[i]}y`);
      expect(row.cells[0]).not.toMatch(/\p{Cc}/u);
    }
  });

  it('reads a German name list in Windows-1252 with the letters that differ from Latin-1', async () => {
    // the Windows-1252 bytes of – „ “ Œ Š Ž beside Latin-1 letters (ř is not in Windows-1252: Excel writes '?')
    const text = 'Name\r\nJürgen Groß \x96 Müller\r\n\x84\x8Cuvre\x93 \x8Aimi\xe6\r\n\x8Eofie Dvo?\xe1k\r\n';
    const sheet = await rowsOf(Buffer.from(text, 'latin1'));
    expect(sheet!.rows.map((r) => r.cells[0])).toEqual(['Jürgen Groß – Müller', '„Œuvre“ Šimiæ', 'Žofie Dvo?ák']);
  });

  it('reads a list pasted together from a UTF-8 and a Windows-1252 file line by line, and says which rows to check', async () => {
    const utf8 = Buffer.from('Name;Tisch\r\nJürgen Groß;1\r\nZoë Ünal;2\r\n', 'utf8');
    const cp1252 = Buffer.from('Bjørn Müller;3\r\n"Åsa\r\nÉlise";4\r\nPlain Ascii;5\r\nRenée Faßbender;6\r\n', 'latin1');
    const parsed = await parseSpreadsheet(Buffer.concat([utf8, cp1252]), 'merged.csv');
    expect(parsed.sheets[0]!.rows.map((r) => r.cells[0])).toEqual([
      'Jürgen Groß',
      'Zoë Ünal',
      'Bjørn Müller',
      'Åsa\r\nÉlise',
      'Plain Ascii',
      'Renée Faßbender',
    ]);
    // rows by their first line: the quoted cell's row (line 5) is named once, for either of its lines
    expect(parsed.notice).toBe(
      'This file mixes two text encodings: 3 rows (4, 5, 8) were read as Windows-1252 (Excel\u2019s “CSV”), the others as UTF-8. Check the names and accents in those rows below. Saving the whole list again as “CSV UTF-8” or .xlsx avoids this.',
    );
    // a file in one encoding has no notice; one whose lines are ASCII besides its Windows-1252 ones is read whole
    expect((await parseSpreadsheet(utf8, 'a.csv')).notice).toBeUndefined();
    expect((await parseSpreadsheet(Buffer.concat([Buffer.from('Name\r\nAnn\r\n'), cp1252]), 'b.csv')).notice).toBeUndefined();
    expect(decodeText(Buffer.concat([Buffer.from('Name\r\nAnn\r\n'), cp1252]))).toMatchObject({ mixedLines: [] });
  });

  it('reads Excel\u2019s "Unicode text" (UTF-16 LE with BOM, tab-delimited)', async () => {
    const text = '\uFEFFName\tE-Mail\tTisch\r\nZoë Ünal\tzoe@example.org\t12\r\n李 雷\tli@example.org\t13\r\n';
    const sheet = await rowsOf(Buffer.from(text, 'utf16le'), 'guests.txt');
    expect(sheet!.headers).toEqual(['Name', 'E-Mail', 'Tisch']);
    expect(sheet!.rows.map((r) => r.cells)).toEqual([
      ['Zoë Ünal', 'zoe@example.org', '12'],
      ['李 雷', 'li@example.org', '13'],
    ]);
  });

  it('reads UTF-16 BE with BOM, and UTF-8 with and without BOM', async () => {
    const be = Buffer.from('\uFEFFName,Tisch\nÅsa,1\n', 'utf16le').swap16();
    expect((await rowsOf(be))!.rows[0]!.cells).toEqual(['Åsa', '1']);
    for (const bom of ['\uFEFF', '']) {
      const sheet = await rowsOf(Buffer.from(`${bom}Name,Tisch\n€ Œ “x”,2\n`, 'utf8'));
      expect(sheet!.headers).toEqual(['Name', 'Tisch']);
      expect(sheet!.rows[0]!.cells).toEqual(['€ Œ “x”', '2']);
    }
  });

  it('still refuses binary data as not a text file', async () => {
    await expect(parseSpreadsheet(Buffer.from([0x41, 0x00, 0x42, 0x00, 0x00, 0x00]), 'x.csv')).rejects.toThrow(/not text and not an Excel workbook/);
  });

  it('refuses binary data without a NUL byte, also behind a UTF-16 byte order mark, with what to do instead', async () => {
    for (const data of [
      binaryWithoutNul(100),
      binaryWithoutNul(5000),
      binaryWithoutNul(5000, [0xff, 0xfe]),
      binaryWithoutNul(5000, [0xfe, 0xff]),
      binaryWithoutNul(5000, [0xef, 0xbb, 0xbf]),
    ]) {
      await expect(parseSpreadsheet(data, 'photo.csv')).rejects.toThrow(/not text .* Save the list as \.xlsx or \.csv and upload that\./);
    }
  });

  it('reads text with a stray control character: a Ctrl-Z end-of-file mark, a form feed in a note', async () => {
    const sheet = await rowsOf(Buffer.from('Name,Note\r\nAnna,page\fbreak\r\nBen,\r\n\x1a', 'latin1'));
    expect(sheet!.rows[0]!.cells).toEqual(['Anna', 'page\fbreak']);
    expect(sheet!.rows[1]!.cells[0]).toBe('Ben');
  });

  it('refuses small binary files too: a few dozen random bytes without a NUL are not taken for a list', () => {
    // random files of 10–69 bytes (no NUL), five thousand of them: about a fifth passed as text before
    let passed = 0;
    for (let n = 10; n < 70; n++) for (let seed = 1; seed <= 84; seed++) if (decodeText(noise(n, seed).map((b) => b || 1)) !== null) passed++;
    expect(passed).toBeLessThan(25); // under 0.5 %, all among the shortest
    for (const n of [20, 30, 45, 69]) expect(decodeText(binaryWithoutNul(n)), `${n} bytes`).toBeNull();
  });

  it('reads real short lists, a header and a row with accents, in Windows-1252, UTF-8 or UTF-16', async () => {
    const lists = [
      'Name;E-Mail\r\nJürgen Groß;j@example.de\r\n',
      'Name\r\nÞórður Ægisdóttir\r\n',
      'Name,Tisch\nZoë,1\n',
      'Name\r\n',
      'Vorname;Nachname\r\nRenée;Möller-Çelik\r\n\x1a',
    ];
    for (const text of lists) {
      for (const bytes of [Buffer.from(text, 'latin1'), Buffer.from(text, 'utf8'), Buffer.from(`\uFEFF${text}`, 'utf16le')])
        expect(decodeText(bytes)?.text, JSON.stringify(text)).toBe(text);
    }
    expect((await rowsOf(Buffer.from('Name;E-Mail\r\nJürgen Groß;j@example.de\r\n', 'latin1')))!.rows[0]!.cells).toEqual([
      'Jürgen Groß',
      'j@example.de',
    ]);
  });

  it('reads a long list with stray form feeds (a note pasted from a printout)', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `Gast ${i},Notiz ${i % 10 === 0 ? 'Seite\f2' : 'keine'}`);
    const text = `Name,Notiz\r\n${rows.join('\r\n')}\r\n`;
    expect(text.length).toBeGreaterThan(256);
    expect(decodeText(Buffer.from(text, 'latin1'))?.text).toBe(text);
  });
});
