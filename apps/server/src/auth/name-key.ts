/**
 * Letters of other scripts that read as Latin ones in most fonts (after lower-casing): Cyrillic and Greek look-alikes,
 * Latin variants NFKD keeps apart, and the digits read as letters. A short list of the common cases, not Unicode's
 * whole confusables table (UTS #39): that table is 6,000 lines, and the npm packages that carry it fold for English
 * profanity filters, not names.
 */
const LOOK_ALIKES: Record<string, string> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ј: 'j',
  һ: 'h',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  ү: 'y',
  ԍ: 'g',
  // Greek
  α: 'a',
  β: 'b',
  ε: 'e',
  ζ: 'z',
  η: 'n',
  ι: 'i',
  κ: 'k',
  μ: 'm',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ϲ: 'c',
  ϳ: 'j',
  // Latin variants and digits
  ı: 'i',
  ɑ: 'a',
  ɡ: 'g',
  ɩ: 'i',
  ʟ: 'l',
  '0': 'o',
  '1': 'l',
};
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'gu');

/**
 * A name as a reader sees it, for telling whether two names would be taken for one another: compatibility forms
 * folded (ｆｕｌｌｗｉｄｔｈ, ligatures), accents and other marks, invisible characters, spacing and case set aside, and
 * look-alike letters of other scripts read as the Latin ones ("Оlivia" with a Cyrillic О is "olivia"). Only for
 * comparing: never shown.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\p{Cf}\p{M}]/gu, '')
    .toLowerCase()
    .replace(LOOK_ALIKE, (c) => LOOK_ALIKES[c]!)
    .replace(/\s+/gu, ' ')
    .trim();
}
