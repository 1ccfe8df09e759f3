import { describe, expect, it } from 'vitest';
import { toSheet } from './sheet.ts';

const raw = (...rows: string[][]) => rows.map((cells, i) => ({ rowNumber: i + 1, cells }));

describe('toSheet: finding the header row', () => {
  it('is not fooled by a note typed to the right of a row', () => {
    const s = toSheet('S', raw(['Name', 'Vorname', 'Tisch'], ['Müller', 'Anna', '5', 'kommt später, bitte Platz freihalten'], ['Koch', 'Ben', '1']));
    expect(s.headers).toEqual(['Name', 'Vorname', 'Tisch', 'Column D']);
    expect(s.rows.map((r) => r.rowNumber)).toEqual([2, 3]);
    const beside = toSheet(
      'S',
      raw(
        ['Gästeliste 2026', '', '', '', 'Stand: 1.12., Änderungen an Eva'],
        ['Nr.', 'Name', 'Vorname', 'Tisch', 'Notiz: Tische 1–3 sind VIP'],
        ['1', 'Müller', 'Anna', '5'],
      ),
    );
    expect(beside.headers.slice(0, 4)).toEqual(['Nr.', 'Name', 'Vorname', 'Tisch']);
    expect(beside.rows).toHaveLength(1);
  });

  it('without known words, takes the top row with the most labels (numbers and addresses are data)', () => {
    const s = toSheet('S', raw(['Liste'], ['Wer', 'Kontakt', 'Platzwunsch'], ['A', 'a@x.de', '3']));
    expect(s.headers).toEqual(['Wer', 'Kontakt', 'Platzwunsch']);
  });
});
