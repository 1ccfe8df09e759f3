import { describe, expect, it } from 'vitest';
import { clientAddress, limitKey } from './address.ts';

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

describe('limitKey (what the limits per address count)', () => {
  it('counts an IPv6 address by its /64 network, so a fresh address from the same network meets the same limits', () => {
    expect(limitKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(limitKey('2001:db8:1:2::1')).toBe(limitKey('2001:0db8:0001:0002:ffff:0:0:9'));
    expect(limitKey('2001:db8:1:3::1')).not.toBe(limitKey('2001:db8:1:2::1'));
    expect(limitKey('fe80::1%eth0')).toBe('fe80::/64');
  });

  it('counts IPv4 as it is, seen directly or mapped into IPv6 by a dual-stack listener', () => {
    expect(limitKey('203.0.113.7')).toBe('203.0.113.7');
    expect(limitKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(limitKey('::FFFF:cb00:7107')).toBe('203.0.113.7');
  });

  it('keeps anything else as written, cut short', () => {
    expect(limitKey('unknown')).toBe('unknown');
    expect(limitKey('x'.repeat(500))).toBe('x'.repeat(100));
  });

  it('applies to the peer and to the trusted forwarded entry alike', () => {
    expect(clientAddress('2001:db8::5', undefined, 0)).toBe('2001:db8::/64');
    expect(clientAddress('::ffff:10.0.0.1', '2001:db8:0:0:1::7', 1)).toBe('2001:db8::/64');
  });
});
