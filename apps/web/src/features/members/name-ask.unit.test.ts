import { personNameSchema } from '@seatfold/domain/validation';
import { describe, expect, it } from 'vitest';
import { checkName, shouldAskName } from './name-ask.ts';

describe('asking a guest of an open link for their name', () => {
  it('asks a guest who goes by a made-up name, once; never a member, nor a guest who chose a name', () => {
    expect(shouldAskName('Planner 4821', false, false)).toBe(true);
    expect(shouldAskName('Planner 4821', false, true)).toBe(false); // answered or skipped before
    expect(shouldAskName('Planner 4821', true, false)).toBe(false);
    expect(shouldAskName('Planner 4821', undefined, false)).toBe(false); // the links (who you are) not read yet
    expect(shouldAskName('Lena Vogel', false, false)).toBe(false);
  });

  it('checks the name by the server’s rules, in Seatfold’s sentences, and gives the clean name', () => {
    expect(checkName('  Lena Vogel ', personNameSchema, 'Planner 4821')).toEqual({ ok: true, name: 'Lena Vogel' });
    expect(checkName('   ', personNameSchema, 'Planner 4821')).toEqual({ ok: false, message: 'Type your name, or keep “Planner 4821”.' });
    expect(checkName('Eve\u202Emallory', personNameSchema, 'Planner 4821')).toEqual({
      ok: false,
      message: 'Names cannot contain invisible or control characters (found U+202E).',
    });
    expect(checkName('a'.repeat(201), personNameSchema, 'Planner 4821')).toEqual({ ok: false, message: 'Names are at most 200 characters.' });
  });
});
