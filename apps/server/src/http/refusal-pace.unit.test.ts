import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefusalPacer } from './refusal-pace.ts';

describe('RefusalPacer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const limits = { perSecond: 2, burst: 3, holdMs: 500, heldPerAddress: 2, heldTotal: 3 };
  /** admit's answer, or 'pending' while it is held */
  const state = async (p: Promise<boolean>) => Promise.race([p, Promise.resolve('pending' as const)]);

  it('admits at once within the budget, holds past it, and refuses what is held beyond the cap', async () => {
    const pacer = new RefusalPacer(limits, () => Date.now());
    for (let i = 0; i < 3; i++) {
      expect(await pacer.admit('a')).toBe(true);
      pacer.refused('a');
    }
    const first = pacer.admit('a');
    const second = pacer.admit('a');
    expect(await state(first)).toBe('pending');
    expect(await state(second)).toBe('pending');
    // a third at once: the address already has as many held as it may
    expect(await pacer.admit('a')).toBe(false);
    // another address is not held for it
    expect(await pacer.admit('b')).toBe(true);
    await vi.advanceTimersByTimeAsync(499);
    expect(await state(first)).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(await first).toBe(true);
    expect(await second).toBe(true);
  });

  it('bounds held requests over all addresses, and lets an address that waits as told back in', async () => {
    const pacer = new RefusalPacer(limits, () => Date.now());
    for (const a of ['a', 'b']) for (let i = 0; i < 3; i++) pacer.refused(a);
    const held = [pacer.admit('a'), pacer.admit('a'), pacer.admit('b')];
    expect(await pacer.admit('b')).toBe(false); // heldTotal 3
    await vi.advanceTimersByTimeAsync(500);
    expect(await Promise.all(held)).toEqual([true, true, true]);
    // half a second refilled one refusal's worth: admitted at once again
    expect(await state(pacer.admit('a'))).toBe(true);
  });
});
