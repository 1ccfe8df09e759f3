import { afterEach, describe, expect, it, vi } from 'vitest';
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

describe('moves chosen in the menu, across a reload', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a move made in the menu before a reload (pending, refused after it) still says to choose again in the menu', async () => {
    const kept = new Map<string, string>();
    vi.stubGlobal('localStorage', { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v) });
    (await import('./parties.ts')).chosenInMenu('menu-before-reload');
    vi.resetModules(); // the page loaded again: nothing in memory
    const reloaded = await import('./parties.ts');
    expect(
      reloaded.inPlannersWords(stale('menu-before-reload'), 'Bea just moved Lena Vogel to table “9” — drop again if you still want to move them.'),
    ).toBe('Bea just moved Lena Vogel to table “9” — choose again in their menu of tables (T) if you still want to move them.');
  });

  it('keeps the latest 200 and reads nothing it did not write', async () => {
    const kept = new Map<string, string>([['seatfold:menuMoves', '{"not":"a list"}']]);
    vi.stubGlobal('localStorage', { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v) });
    vi.resetModules();
    const parties = await import('./parties.ts');
    for (let i = 0; i < 205; i++) parties.chosenInMenu(`m-${i}`);
    const ids = JSON.parse(kept.get('seatfold:menuMoves')!) as string[];
    expect(ids).toHaveLength(200);
    expect(ids[0]).toBe('m-5');
    expect(ids.at(-1)).toBe('m-204');
  });
});
