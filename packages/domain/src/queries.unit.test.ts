import { describe, expect, it } from 'vitest';
import {
  emptyGuestFields,
  freeSeats,
  guestFilter,
  guestMatches,
  noCriteria,
  readDietary,
  tableMatches,
  criteriaActive,
  type Guest,
  type LogicalTable,
} from './index.ts';

const guest = (over: Partial<Guest>): Guest => ({ ...emptyGuestFields, id: 'g', tableId: null, name: 'Guest', ...over });
const table = (over: Partial<LogicalTable>): LogicalTable => ({
  id: 't',
  name: '1',
  capacity: 8,
  vip: false,
  locked: false,
  physicalTableId: null,
  guestIds: [],
  ...over,
});

describe('guestMatches', () => {
  it('finds guests by accessibility needs, notes and guest number, case- and accent-insensitively', () => {
    expect(guestMatches(guest({ accessibility: 'Wheelchair user' }), 'wheelchair')).toBe(true);
    expect(guestMatches(guest({ notes: 'Needs WHEELCHAIR access' }), 'wheelchair')).toBe(true);
    expect(guestMatches(guest({ ref: 'P-4711' }), 'p-4711')).toBe(true);
    expect(guestMatches(guest({ dietary: 'Végétarien' }), 'vegetarien')).toBe(true);
    expect(guestMatches(guest({ notes: 'near the stage' }), 'wheelchair')).toBe(false);
  });
  it('does not match across two fields', () => {
    expect(guestMatches(guest({ name: 'Ann', email: 'x@y' }), 'annx')).toBe(false);
  });
  it('finds a guest by their words in any order, as lists write them ("Schmidt, Anna")', () => {
    const anna = guest({ name: 'Anna Schmidt', department: 'Sales' });
    expect(guestMatches(anna, 'Schmidt Anna')).toBe(true);
    expect(guestMatches(anna, 'schmidt, anna')).toBe(true);
    expect(guestMatches(anna, '  anna   schmidt ')).toBe(true);
    expect(guestMatches(anna, 'anna sales')).toBe(true); // words may match different fields
    expect(guestMatches(anna, 'anna weber')).toBe(false); // every word must match
  });
  it('finds German umlauts and ß written out (Mueller, Strasse) and the other way round', () => {
    expect(guestMatches(guest({ name: 'Hans Müller' }), 'Mueller')).toBe(true);
    expect(guestMatches(guest({ name: 'Hans Müller' }), 'muller')).toBe(true);
    expect(guestMatches(guest({ name: 'Hans Mueller' }), 'Müller')).toBe(true);
    expect(guestMatches(guest({ name: 'Jörg Weiß' }), 'joerg weiss')).toBe(true);
    expect(guestMatches(guest({ name: 'Hans Müller' }), 'Moeller')).toBe(false);
  });
  it('finds letters that carry their mark in themselves typed plain (ł, ð, ø, æ, ı)', () => {
    expect(guestMatches(guest({ name: 'Łukasz Żółć' }), 'lukasz zolc')).toBe(true);
    expect(guestMatches(guest({ name: 'Björk Guðmundsdóttir' }), 'gudmunds')).toBe(true);
    expect(guestMatches(guest({ name: 'Søren Ærø' }), 'soren aero')).toBe(true);
    expect(guestMatches(guest({ name: 'Elif Yılmaz' }), 'yilmaz')).toBe(true);
    expect(guestMatches(guest({ name: 'Łukasz Żółć' }), 'Łukasz')).toBe(true); // as written, still
    expect(guestMatches(guest({ name: 'Łukasz Żółć' }), 'lucas')).toBe(false);
  });
  it('finds a guest by the meal the catering count reads their dietary text as, in any language it reads', () => {
    const vegetarisch = guest({ name: 'Eva Klein', dietary: 'vegetarisch' });
    expect(readDietary(vegetarisch.dietary).categories).toEqual(['vegetarian']); // as the catering count has it
    expect(guestMatches(vegetarisch, 'vegetarian')).toBe(true);
    expect(guestMatches(vegetarisch, 'eva vegetarian')).toBe(true);
    expect(guestMatches(guest({ dietary: 'Vegane Kost' }), 'vegan')).toBe(true);
    expect(guestMatches(guest({ dietary: 'Glutenfrei, keine Nüsse' }), 'gluten-free')).toBe(true);
    expect(guestMatches(guest({ dietary: 'Glutenfrei, keine Nüsse' }), 'no nuts')).toBe(true);
    expect(guestMatches(guest({ dietary: 'koscher' }), 'kosher')).toBe(true);
    // Only what the count reads: a vegan meal is not a vegetarian one there, nor a need it reads as no category.
    expect(guestMatches(guest({ dietary: 'Vegane Kost' }), 'vegetarian')).toBe(false);
    expect(guestMatches(guest({ dietary: 'kein Schweinefleisch' }), 'halal')).toBe(false);
  });
  it('reads the meal again when the dietary text of a guest changed in place (as the server folds)', () => {
    const g = guest({ dietary: 'vegetarisch' });
    expect(guestMatches(g, 'vegetarian')).toBe(true);
    g.dietary = 'halal';
    expect(guestMatches(g, 'vegetarian')).toBe(false);
    expect(guestMatches(g, 'halal')).toBe(true);
  });
});

describe('tableMatches', () => {
  it('finds a table by its number exactly, with or without "table"', () => {
    expect(tableMatches(table({ name: '12' }), '12')).toBe(true);
    expect(tableMatches(table({ name: 'Table 12' }), 'table 12')).toBe(true);
    expect(tableMatches(table({ name: '112' }), '12')).toBe(false);
    expect(tableMatches(table({ name: '5' }), '#5')).toBe(true);
  });
  it('finds a table by name or by the label of the physical table under it', () => {
    expect(tableMatches(table({ name: 'Board' }), 'boa')).toBe(true);
    expect(tableMatches(table({ name: '7' }), 'b-01', 'B-01')).toBe(true);
    expect(tableMatches(table({ name: '7' }), '1', 'B-01')).toBe(true);
    expect(tableMatches(table({ name: 'Board' }), '')).toBe(false);
  });
});

describe('freeSeats', () => {
  it('counts against the smaller of the table and its physical table', () => {
    expect(freeSeats(table({ capacity: 8, guestIds: ['a', 'b'] }))).toBe(6);
    expect(freeSeats(table({ capacity: 8, guestIds: ['a', 'b'] }), 4)).toBe(2);
    expect(freeSeats(table({ capacity: 2, guestIds: ['a', 'b'] }), 4)).toBe(0);
  });
});

describe('guestFilter', () => {
  const ann = guest({ id: 'ann', name: 'Ann', department: 'Sales', party: 'P1', dietary: 'vegan', vip: true, tableId: 't1' });
  const ben = guest({ id: 'ben', name: 'Ben', department: 'IT', accessibility: 'wheelchair' });
  const cem = guest({ id: 'cem', name: 'Cem', department: 'Sales', dietary: 'no pork', notes: 'arrives late' });
  const all = [ann, ben, cem];
  const ids = (c: Partial<typeof noCriteria>) => all.filter(guestFilter({ ...noCriteria, ...c })).map((g) => g.id);

  it('with no criteria keeps everybody and says it is not active', () => {
    expect(ids({})).toEqual(['ann', 'ben', 'cem']);
    expect(criteriaActive(noCriteria)).toBe(false);
    expect(criteriaActive({ ...noCriteria, text: '  ' })).toBe(false);
    expect(criteriaActive({ ...noCriteria, vip: true })).toBe(true);
  });
  it('filters by department, party, VIP, seated, needs and dietary category, all together', () => {
    expect(ids({ department: 'Sales' })).toEqual(['ann', 'cem']);
    expect(ids({ party: 'P1' })).toEqual(['ann']);
    expect(ids({ party: 'p' })).toEqual(['ann']);
    expect(ids({ vip: true })).toEqual(['ann']);
    expect(ids({ seated: 'unseated' })).toEqual(['ben', 'cem']);
    expect(ids({ accessibility: true })).toEqual(['ben']);
    expect(ids({ needs: true })).toEqual(['ann', 'ben', 'cem']);
    expect(ids({ dietary: 'vegan' })).toEqual(['ann']);
    expect(ids({ dietary: 'standard' })).toEqual(['ben']);
    expect(ids({ dietary: 'other' })).toEqual(['cem']);
    expect(ids({ department: 'Sales', text: 'late' })).toEqual(['cem']);
    expect(ids({ department: 'Sales', seated: 'seated', dietary: 'halal' })).toEqual([]);
  });
});
