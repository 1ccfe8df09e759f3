import { describe, expect, it } from 'vitest';
import { initials } from './Header.tsx';

describe('initials', () => {
  it('takes whole characters: an emoji or a combined letter is never cut in half', () => {
    expect(initials('Anna Müller')).toBe('AM');
    expect(initials('Bea 🐝')).toBe('B🐝');
    expect(initials('👩‍👩‍👧 family')).toBe('👩‍👩‍👧F');
    expect(initials('e\u0301mile zola')).toBe('E\u0301Z');
    expect(initials('  ')).toBe('?');
  });
});
