import { describe, expect, it } from 'vitest';
import { MeterMap, SharedBudget, TokenBucket } from './buckets.ts';

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

describe('SharedBudget', () => {
  it('past its budget, lets an address that has drawn nothing for a while through from a reserve as large again', () => {
    let now = 0;
    const b = new SharedBudget({ perSecond: 1, burst: 2 }, () => now, 10_000);
    for (const key of ['a', 'a']) {
      expect(b.owing(key)).toBe(0);
      b.spend(key, 1);
    }
    // the budget is spent: the address that spent it waits until it refills
    expect(b.owing('a')).toBe(1_000);
    // another address, quiet so far, draws on the reserve, once
    expect(b.owing('b')).toBe(0);
    b.spend('b', 1);
    expect(b.owing('b')).toBeGreaterThan(0);
    expect(b.owing('c')).toBe(0);
    b.spend('c', 1);
    // the reserve spent too (its 2 drawn), a quiet address waits for the sooner of the two to refill
    expect(b.owing('d')).toBeGreaterThan(0);
    expect(b.owing('d')).toBeLessThanOrEqual(b.owing('a'));
    // once paid off, everybody draws again; 'a' is no longer recent after quietMs
    now += 10_000;
    expect(b.owing('a')).toBe(0);
  });

  it('forgets the addresses that drew long ago', () => {
    let now = 0;
    const b = new SharedBudget({ perSecond: 1_000, burst: 1_000 }, () => now, 10_000);
    for (let i = 0; i < 100; i++) b.spend(`k${i}`, 1);
    expect(b.size).toBe(100);
    now += 10_001;
    b.spend('late', 1);
    expect(b.size).toBe(1);
  });
});
