import { describe, expect, it } from 'vitest';
import { nameKey } from './name-key.ts';

describe('a name as a reader sees it', () => {
  it('takes names that read alike for one name', () => {
    const olivia = nameKey('Olivia Owner');
    for (const alike of [
      ' olivia   owner ',
      'Ｏｌｉｖｉａ Ｏｗｎｅｒ', // fullwidth
      '\u041elivia Owner', // Cyrillic О
      'Oliv\u0456a \u041ewner', // Cyrillic і and О
      '\u039flivia \u039fwner', // Greek Ο
      '0livia Owner', // a zero
      'Olívia Ownér', // accents
      'Oli\u200bvia Owner', // a zero-width space
      'Olivia Own\u0435r', // Cyrillic е
    ])
      expect(nameKey(alike), alike).toBe(olivia);
    expect(nameKey('Seatfold')).toBe(nameKey('Ѕеаtfоld')); // Cyrillic Ѕ, е, а, о
  });

  it('keeps names apart that read differently', () => {
    const pairs: [string, string][] = [
      ['Olivia Owner', 'Olivia B. Owner'],
      ['Anna', 'Anne'],
      ['Дмитрий', 'Dmitry'],
      ['王芳', '王方'],
    ];
    for (const [a, b] of pairs) expect(nameKey(a), `${a} / ${b}`).not.toBe(nameKey(b));
  });
});
