import { describe, expect, it } from 'vitest';
import { doorOrder } from './door-list.ts';

const names = (list: { guest: { name: string } }[]) => list.map((e) => e.guest.name);

describe('doorOrder', () => {
  it('lists a table’s guests alphabetically, each with the seat they sit on in seating order', () => {
    const seated = [{ name: 'Zoe Kim' }, { name: 'Anna Schmidt' }, { name: 'Mia Berg' }];
    expect(doorOrder(seated, 'en')).toEqual([
      { guest: { name: 'Anna Schmidt' }, seat: 2 },
      { guest: { name: 'Mia Berg' }, seat: 3 },
      { guest: { name: 'Zoe Kim' }, seat: 1 },
    ]);
  });

  it('collates by the locale: accents and case beside their letter, numbers by value, not by code point', () => {
    const seated = [
      { name: 'Zoltan' },
      { name: 'Émile' },
      { name: 'edda' },
      { name: 'Gast 10' },
      { name: 'Gast 2' },
      { name: 'Ölaf' },
      { name: 'Olga' },
    ];
    // by code point "Émile" and "Ölaf" would come after "Zoltan", "edda" after every capital, "Gast 10" before "Gast 2"
    expect(names(doorOrder(seated, 'de'))).toEqual(['edda', 'Émile', 'Gast 2', 'Gast 10', 'Ölaf', 'Olga', 'Zoltan']);
  });

  it('keeps guests of one name in seat order and leaves the input as it was', () => {
    const seated = [
      { name: 'Kim Doe', id: 'a' },
      { name: 'Al Bo', id: 'b' },
      { name: 'kim doe', id: 'c' },
    ];
    const list = doorOrder(seated, 'en');
    expect(list.map((e) => [e.guest.id, e.seat])).toEqual([
      ['b', 2],
      ['a', 1],
      ['c', 3],
    ]);
    expect(seated.map((g) => g.id)).toEqual(['a', 'b', 'c']);
  });
});
