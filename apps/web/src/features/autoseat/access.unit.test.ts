import { decide, evolve, initialState, type Command, type PlanState } from '@seatfold/domain';
import { describe, expect, it } from 'vitest';
import { unmarkedAccessNote } from './access.ts';

function planOf(commands: Command[]): PlanState {
  const state = initialState();
  for (const c of [{ type: 'createPlan', name: 'Gala' } as Command, ...commands]) {
    const d = decide(state, c);
    if (!d.ok) throw new Error(`${c.type}: ${d.error.message}`);
    for (const e of d.events) evolve(state, e);
  }
  return state;
}

const floor: Command[] = [
  { type: 'addRoom', roomId: 'r1', name: 'Hall' },
  { type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'r1', label: 'A-01', capacity: 8 },
  { type: 'addTable', tableId: 't1', name: '1', capacity: 8 },
  { type: 'mapTable', tableId: 't1', physicalTableId: 'p1', expectedPhysicalTableId: null },
];
const wheelchair = (guestId: string, name: string): Command => ({ type: 'addGuest', guestId, name, accessibility: 'wheelchair' });

describe('the autoseat panel on accessibility needs without accessible tables', () => {
  it('says how many guests need access and how to mark a table, while no table is marked', () => {
    expect(unmarkedAccessNote(planOf([...floor, wheelchair('g1', 'Ann')]))).toBe(
      '1 guest has accessibility needs, but no table is marked accessible, so automatic seating may seat them at any table. ' +
        'To keep them to step-free tables, edit a table placed in a room (the pencil on its card) and tick “Accessible”.',
    );
    const many = planOf([...floor, ...Array.from({ length: 1200 }, (_, i) => wheelchair(`g${i}`, `Guest ${i}`))]);
    expect(unmarkedAccessNote(many)).toMatch(/^1,200 guests have accessibility needs, but no table is marked accessible/);
  });

  it('says nothing once a table is marked, or when nobody needs one (blank needs count as none)', () => {
    expect(
      unmarkedAccessNote(planOf([...floor, wheelchair('g1', 'Ann'), { type: 'markTableAccessible', physicalTableId: 'p1', accessible: true }])),
    ).toBeNull();
    expect(unmarkedAccessNote(planOf([...floor, { type: 'addGuest', guestId: 'g1', name: 'Ann' }]))).toBeNull();
    expect(unmarkedAccessNote(planOf([...floor, { type: 'addGuest', guestId: 'g1', name: 'Ann', accessibility: '   ' }]))).toBeNull();
  });
});
