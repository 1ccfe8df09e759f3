import { describe, expect, it } from 'vitest';
import { chosenInMenu, inPlannersWords } from './parties.ts';

const stale = (commandId: string) => ({ commandId, error: { code: 'Stale' as const, message: 'unused here' } });

describe('a refusal in the planner’s words', () => {
  it('tells a planner whose move chosen in the menu of tables went stale to choose again there, not to drop again', () => {
    chosenInMenu('menu-1');
    expect(inPlannersWords(stale('menu-1'), 'Bea just moved Lena Vogel to table “9” — drop again if you still want to move them.')).toBe(
      'Bea just moved Lena Vogel to table “9” — choose again in their menu of tables (T) if you still want to move them.',
    );
    // the plan's own sentence, when who made the change is not known
    expect(inPlannersWords(stale('menu-1'), 'Lena Vogel was just taken off table “9” — drop again if you still want to seat them.')).toBe(
      'Lena Vogel was just taken off table “9” — choose again in their menu of tables (T) if you still want to seat them.',
    );
  });

  it('leaves a drop’s refusal, and any other refusal of a menu move, as it is', () => {
    const dropped = 'Bea just moved Lena Vogel to table “9” — drop again if you still want to move them.';
    expect(inPlannersWords(stale('drag-1'), dropped)).toBe(dropped);
    chosenInMenu('menu-2');
    const full = { commandId: 'menu-2', error: { code: 'TableFull' as const, message: 'Table “9” is full (8 of 8 seats taken).' } };
    expect(inPlannersWords(full, full.error.message)).toBe(full.error.message);
  });
});
