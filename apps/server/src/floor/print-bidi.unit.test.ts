import { describe, expect, it } from 'vitest';
import { visualWords } from './print-bidi.ts';

describe('the words of a right-to-left name, as they stand on a printed line', () => {
  it('leaves a text without right-to-left letters alone', () => {
    for (const name of ['Ada Lovelace', 'Zoë Ångström', '王芳', 'Kavya காவ்யா', '']) expect(visualWords(name)).toBeNull();
  });

  it('puts the first word typed at the right of an Arabic or Hebrew name, each word kept as typed', () => {
    expect(visualWords('محمد علي')).toEqual(['علي', ' ', 'محمد']);
    expect(visualWords('فاطمة الزهراء بن علي')).toEqual(['علي', ' ', 'بن', ' ', 'الزهراء', ' ', 'فاطمة']);
    expect(visualWords('שרה כהן')).toEqual(['כהן', ' ', 'שרה']);
  });

  it('keeps a left-to-right stretch in its order, where the name’s first letter puts it', () => {
    expect(visualWords('Anna محمد')).toEqual(['Anna', ' ', 'محمد']);
    // a name that starts right-to-left reads from the right: the Latin words stand left of it, in their own order
    expect(visualWords('محمد Anna Maria')).toEqual(['Anna', ' ', 'Maria', ' ', 'محمد']);
  });

  it('mirrors brackets in a right-to-left stretch, as a reader of it expects them', () => {
    expect(visualWords('עמית (2)')).toEqual(['(', '2', ')', ' ', 'עמית']);
  });
});
