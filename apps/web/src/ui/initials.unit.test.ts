import { describe, expect, it } from 'vitest';
import { initials, statusText } from './Header.tsx';

describe('initials', () => {
  it('takes whole characters: an emoji or a combined letter is never cut in half', () => {
    expect(initials('Anna Müller')).toBe('AM');
    expect(initials('Bea 🐝')).toBe('B🐝');
    expect(initials('👩‍👩‍👧 family')).toBe('👩‍👩‍👧F');
    expect(initials('e\u0301mile zola')).toBe('E\u0301Z');
    expect(initials('  ')).toBe('?');
  });
  it('passes over brackets and marks', () => {
    expect(initials('Anna (A)')).toBe('AA');
    expect(initials('Pia (phone)')).toBe('PP');
    expect(initials('Ben – Braun')).toBe('BB');
    expect(initials('(…)')).toBe('?');
  });
});

describe('the connection pill', () => {
  it('says the browser is offline only when its network is down; a server away reads as reconnecting', () => {
    expect(statusText('offline', null, false)).toBe('Offline — changes will sync when back');
    expect(statusText('offline', null, true)).toBe('Reconnecting — changes will sync when back');
    expect(statusText('live', null, true)).toBe('Connected');
    // beside the count of changes waiting, which says they will sync, a word is enough
    expect(statusText('offline', null, false, true)).toBe('Offline');
    expect(statusText('offline', null, true, true)).toBe('Reconnecting');
  });
});
