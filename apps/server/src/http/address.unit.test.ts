import { describe, expect, it } from 'vitest';
import { clientAddress } from './address.ts';

describe('clientAddress', () => {
  it('is the TCP peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress('10.0.0.5', '1.2.3.4', 0)).toBe('10.0.0.5');
    expect(clientAddress(undefined, undefined, 0)).toBe('unknown');
  });

  it('behind one trusted proxy, is the address that proxy saw (the rightmost forwarded entry)', () => {
    expect(clientAddress('10.0.0.1', '203.0.113.7', 1)).toBe('203.0.113.7');
    // a client that forges its own X-Forwarded-For only adds entries to the left of what the proxy appended
    expect(clientAddress('10.0.0.1', '6.6.6.6, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.1', ['6.6.6.6', '203.0.113.7'], 1)).toBe('203.0.113.7');
  });

  it('behind two trusted proxies, skips both', () => {
    expect(clientAddress('10.0.0.1', '203.0.113.7, 10.0.0.9', 2)).toBe('203.0.113.7');
  });

  it('falls back to the leftmost entry when the chain is shorter than the trusted proxies', () => {
    expect(clientAddress('10.0.0.1', undefined, 1)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', '', 3)).toBe('10.0.0.1');
  });
});
