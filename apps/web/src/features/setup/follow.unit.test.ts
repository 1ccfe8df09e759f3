import { describe, expect, it } from 'vitest';
import { follow } from './follow.ts';

describe('an edit form following its record', () => {
  const base = { name: 'Li Xiaolong', dietary: '', vip: false };

  it('takes a colleague’s change to a field the planner has not touched', () => {
    const mine = { ...base, name: 'Bruce Lee' };
    const theirs = { ...base, dietary: 'halal' };
    expect(follow(base, mine, theirs)).toEqual({ values: { name: 'Bruce Lee', dietary: 'halal', vip: false }, clashes: [] });
  });

  it('keeps the planner’s value where both changed a field, and names it', () => {
    const mine = { ...base, name: 'Bruce Lee' };
    const theirs = { ...base, name: 'Li Xiaolong (A)', vip: true };
    expect(follow(base, mine, theirs)).toEqual({ values: { name: 'Bruce Lee', dietary: '', vip: true }, clashes: ['name'] });
    // The same value from both sides is no clash.
    expect(follow(base, mine, { ...base, name: 'Bruce Lee' }).clashes).toEqual([]);
  });
});
