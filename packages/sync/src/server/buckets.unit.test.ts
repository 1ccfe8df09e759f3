import { describe, expect, it } from 'vitest';
import { MeterMap, TokenBucket } from './buckets.ts';

describe('TokenBucket', () => {
  it('lets a burst through, then one per 1/rate seconds, and says how long to wait', () => {
    let now = 1_000;
    const b = new TokenBucket(2, 3, now);
    expect([b.take(now), b.take(now), b.take(now)]).toEqual([0, 0, 0]);
    expect(b.take(now)).toBe(500);
    now += 250;
    expect(b.take(now)).toBe(250);
    now += 250;
    expect(b.take(now)).toBe(0);
    now += 60_000; // refills to the burst, never beyond
    expect([b.take(now), b.take(now), b.take(now), b.take(now)]).toEqual([0, 0, 0, 500]);
  });
});

describe('MeterMap', () => {
  it('keeps one budget per key, shared by every meter asked for it, and forgets keys whose budget has refilled', () => {
    let now = 0;
    const m = new MeterMap({ perSecond: 100, burst: 1_000 }, () => now);
    m.for('10.0.0.1').spend(1_500); // 500 in debt: 5 s to pay off, plus one byte
    expect(m.for('10.0.0.1').owing()).toBe(5_010);
    expect(m.for('10.0.0.2').owing()).toBe(0);
    expect(m.size).toBe(1); // asking made no bucket
    m.for('10.0.0.2').spend(1);
    now += 5_010;
    expect(m.for('10.0.0.1').owing()).toBe(0);
    expect(m.size).toBe(2);
    now += 70_000; // both full again: swept at the next spend, and a fresh one behaves the same
    m.for('10.0.0.3').spend(1);
    expect(m.size).toBe(1);
    const held = m.for('10.0.0.1');
    held.spend(2_000);
    expect(m.for('10.0.0.1').owing()).toBeGreaterThan(10_000);
  });
});

describe('TokenBucket with a cost', () => {
  it('takes many tokens at once, waits for the missing ones, and never asks for more than the burst', () => {
    let now = 0;
    const b = new TokenBucket(1_000, 5_000, now);
    expect(b.take(now, 5_000)).toBe(0);
    expect(b.take(now, 2_000)).toBe(2_000); // 2,000 missing at 1,000/s
    now += 1_000;
    expect(b.take(now, 1_000)).toBe(0);
    expect(b.take(now, 0)).toBe(0);
    // a cost above the burst counts as the burst: a request is never refused for ever
    now += 60_000;
    expect(b.take(now, 1_000_000)).toBe(0);
  });
});
