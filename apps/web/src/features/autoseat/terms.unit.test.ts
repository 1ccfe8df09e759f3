import type { ScoreBreakdown } from '@seatfold/solver';
import { prepare, solve } from '@seatfold/solver';
import { generateInstance } from '@seatfold/solver/generate';
import { describe, expect, it } from 'vitest';
import { bestSoFarText, planTerms } from './terms.ts';

const breakdown = (more: Partial<ScoreBreakdown> = {}): ScoreBreakdown => ({
  total: 1234.5,
  hardViolations: 0,
  unseated: 0,
  lostSeats: 0,
  moved: 0,
  vipOffTable: 0,
  departmentPairs: 0,
  softRulePenalty: 0,
  rulesBroken: 0,
  wishes: 0,
  wishesBroken: 0,
  departments: 'ignore',
  balance: 0,
  fill: null,
  ...more,
});

describe('the preview in plain terms', () => {
  it('names what the solver weighs, never its raw total', () => {
    const before = breakdown({
      unseated: 5,
      hardViolations: 2,
      wishes: 4,
      wishesBroken: 3,
      fill: { tables: 10, fullest: { guests: 12, seats: 12 }, emptiest: { guests: 0, seats: 12 } },
    });
    const after = breakdown({
      moved: 7,
      wishes: 4,
      wishesBroken: 1,
      fill: { tables: 10, fullest: { guests: 10, seats: 12 }, emptiest: { guests: 9, seats: 12 } },
    });
    const terms = planTerms(before, after);
    expect(terms.map((t) => [t.id, t.now, t.proposal])).toEqual([
      ['no-seat', '5', '0'],
      ['hard', '2', '0'],
      ['wishes', '1 of 4', '3 of 4'],
      ['balance', 'fullest 12 of 12, emptiest 0 of 12', 'fullest 10 of 12, emptiest 9 of 12'],
      ['moved', '0', '7'],
    ]);
    expect(JSON.stringify(terms)).not.toContain('1234');
  });

  it('adds VIPs and departments only where they count, saying which way is better', () => {
    const terms = planTerms(
      breakdown({ vipOffTable: 2, departments: 'mix', departmentPairs: 40 }),
      breakdown({ departments: 'mix', departmentPairs: 12 }),
    );
    expect(terms.find((t) => t.id === 'vip')).toMatchObject({ now: '2', proposal: '0' });
    expect(terms.find((t) => t.id === 'departments')).toMatchObject({ now: '40', proposal: '12' });
    expect(terms.find((t) => t.id === 'departments')!.label).toContain('fewer is better');
    const group = planTerms(breakdown({ departments: 'group' }), breakdown({ departments: 'group' }));
    expect(group.find((t) => t.id === 'departments')!.label).toContain('more is better');
    expect(planTerms(breakdown(), breakdown()).map((t) => t.id)).toEqual(['no-seat', 'hard', 'wishes', 'balance', 'moved']);
    expect(planTerms(breakdown(), breakdown())[2]).toMatchObject({ now: 'none set', proposal: 'none set' });
  });

  it('says a real run in those words: 95 guests at 10 tables of 12 come out 9–10 a table', () => {
    const inst = generateInstance({
      seed: 1,
      guests: 95,
      tables: 10,
      fill: 95 / 120,
      rules: 0,
      locked: 0,
      vip: 0,
      needsAccessible: 0,
      departments: 0,
      maxParty: 3,
    });
    const r = solve(prepare({ ...inst, tables: inst.tables.map((t) => ({ ...t, capacity: 12 })) }), { seed: 1, iterations: 50_000 });
    expect(bestSoFarText(r.score)).toBe('Best plan so far: 0 without a seat, 0 must-haves broken, tables fullest 10 of 12, emptiest 9 of 12.');
  });
});
