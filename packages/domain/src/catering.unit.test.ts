import { describe, expect, it } from 'vitest';
import {
  combinedNeedsText,
  countMeals,
  cateringSummary,
  otherNeedsText,
  readDietary,
  initialState,
  seatingModel,
  type Command,
  type PlanState,
} from './index.ts';
import { planOf } from './testing/index.ts';

const plan = (commands: Command[]): PlanState => planOf(commands);

describe('readDietary', () => {
  it('reads known categories case- and accent-insensitively, in several languages', () => {
    expect(readDietary('Vegetarian').categories).toEqual(['vegetarian']);
    expect(readDietary('VÉGÉTARIEN').categories).toEqual(['vegetarian']);
    expect(readDietary('vegetarisch').categories).toEqual(['vegetarian']);
    expect(readDietary('veggie').categories).toEqual(['vegetarian']);
    expect(readDietary('Vegan').categories).toEqual(['vegan']);
    expect(readDietary('glutenfrei').categories).toEqual(['gluten-free']);
    expect(readDietary('coeliac').categories).toEqual(['gluten-free']);
    expect(readDietary('nut allergy').categories).toEqual(['no-nuts']);
    expect(readDietary('Erdnussallergie').categories).toEqual(['no-nuts']);
    expect(readDietary('no dairy').categories).toEqual(['lactose-free']);
    expect(readDietary('Halal').categories).toEqual(['halal']);
    expect(readDietary('koscher').categories).toEqual(['kosher']);
  });

  it('splits several needs and keeps what it cannot name as written', () => {
    expect(readDietary('Vegan, gluten-free')).toEqual({ categories: ['vegan', 'gluten-free'], other: [] });
    expect(readDietary('halal and no nuts')).toEqual({ categories: ['no-nuts', 'halal'], other: [] });
    expect(readDietary('vegetarian; no pork')).toEqual({ categories: ['vegetarian'], other: ['no pork'] });
    expect(readDietary('vegetarian or vegan')).toEqual({ categories: ['vegan'], other: [] });
  });

  it('reads empty text and "none" as a standard meal', () => {
    for (const t of ['', '  ', 'none', 'Keine', '-', 'standard']) expect(readDietary(t)).toEqual({ categories: [], other: [] });
  });
});

describe('countMeals', () => {
  it('counts standard meals, categories and free text lines (free text merged case-insensitively)', () => {
    const c = countMeals([
      { dietary: '' },
      { dietary: 'vegan' },
      { dietary: 'Vegan, gluten-free' },
      { dietary: 'No pork' },
      { dietary: 'no pork' },
      { dietary: 'low salt' },
      { dietary: 'none' },
    ]);
    expect(c.guests).toBe(7);
    expect(c.standard).toBe(2);
    expect(c.categories.vegan).toBe(2);
    expect(c.categories['gluten-free']).toBe(1);
    expect(c.categories.vegetarian).toBe(0);
    expect(c.other).toEqual([
      { label: 'No pork', count: 2 },
      { label: 'low salt', count: 1 },
    ]);
    expect(otherNeedsText(c)).toBe('2× No pork, 1× low salt');
    expect(c.combined).toEqual([{ label: 'Vegan + Gluten-free', count: 1 }]);
  });

  it('says which needs one guest combines: each counts under every need, and is one meal', () => {
    const c = countMeals([
      { dietary: 'gluten-free, vegan' },
      { dietary: 'Vegan and glutenfrei' },
      { dietary: 'halal; No Pork' },
      { dietary: 'halal, no pork' },
      { dietary: 'halal' },
      { dietary: 'low salt / no pork' },
    ]);
    expect(c.categories).toMatchObject({ vegan: 2, 'gluten-free': 2, halal: 3 });
    // categories in their fixed order whatever the planner typed first, free text merged as the other-needs lines are
    expect(c.combined).toEqual([
      { label: 'Halal + No Pork', count: 2 },
      { label: 'Vegan + Gluten-free', count: 2 },
      { label: 'low salt + no pork', count: 1 },
    ]);
    expect(combinedNeedsText(c)).toBe('2× Halal + No Pork, 2× Vegan + Gluten-free, 1× low salt + no pork');
    expect(countMeals([{ dietary: 'vegan' }, { dietary: 'vegetarian or vegan' }]).combined).toEqual([]);
  });
});

describe('cateringSummary', () => {
  it('counts per table in print order, unseated guests apart, and in total', () => {
    const s = plan([
      { type: 'createPlan', name: 'Gala' },
      { type: 'addRoom', roomId: 'r1', name: 'Hall' },
      { type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'r1', label: 'H-01', capacity: 8 },
      { type: 'addTable', tableId: 't2', name: '2', capacity: 8 },
      { type: 'addTable', tableId: 't1', name: '1', capacity: 8 },
      { type: 'mapTable', tableId: 't2', physicalTableId: 'p1' },
      { type: 'addGuest', guestId: 'g1', name: 'Ann', dietary: 'vegan' },
      { type: 'addGuest', guestId: 'g2', name: 'Ben', dietary: '' },
      { type: 'addGuest', guestId: 'g3', name: 'Cem', dietary: 'Halal' },
      { type: 'addGuest', guestId: 'g4', name: 'Dora', dietary: 'vegan' },
      { type: 'seatGuest', guestId: 'g1', tableId: 't2' },
      { type: 'seatGuest', guestId: 'g2', tableId: 't2' },
      { type: 'seatGuest', guestId: 'g3', tableId: 't1' },
    ]);
    const c = cateringSummary(seatingModel(s, 'Gala'));
    expect(
      c.tables.map((t) => [t.name, t.physical, t.counts.guests, t.counts.standard, t.counts.categories.vegan, t.counts.categories.halal]),
    ).toEqual([
      ['2', 'H-01', 2, 1, 1, 0],
      ['1', null, 1, 0, 0, 1],
    ]);
    expect(c.unseated.guests).toBe(1);
    expect(c.unseated.categories.vegan).toBe(1);
    expect(c.total.guests).toBe(4);
    expect(c.total.categories.vegan).toBe(2);
    expect(c.used).toEqual(['vegan', 'halal']);
  });

  it('an empty plan has nothing to cook', () => {
    const c = cateringSummary(seatingModel(initialState(), ''));
    expect(c.total).toMatchObject({ guests: 0, standard: 0, other: [] });
    expect(c.tables).toEqual([]);
    expect(c.used).toEqual([]);
  });
});
