import { describe, expect, it } from 'vitest';
import { Counter, DEFAULT_LIMITS, Gate, limitsWith, SocketLimiter, waitText } from './limits.ts';

describe('history budget', () => {
  it('charges a socket the events its pages can return: a flood of big pages is refused, small ones still pass', () => {
    let now = 0;
    const l = new SocketLimiter(limitsWith({ historyEventsPerSocket: { perSecond: 10_000, burst: 20_000 } }), () => now);
    const pages = Array.from({ length: 6 }, () => l.chargeHistory(5_000));
    expect(pages.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(pages[4]).toBe(500);
    now += 500;
    expect(l.chargeHistory(5_000)).toBe(0);
    expect(l.chargeHistory(10)).toBe(1);
  });
});

describe('decide time budget', () => {
  it('lets a socket run into debt once, refuses its commands and batches until the debt is paid, and leaves other requests alone', () => {
    let now = 0;
    const l = new SocketLimiter(limitsWith({ decideMsPerSocket: { perSecond: 250, burst: 1_000 } }), () => now);
    expect(l.work.owing()).toBe(0);
    l.work.spend(900);
    expect(l.work.owing()).toBe(0); // 100 ms left: the next command is decided
    l.work.spend(600); // one expensive decision takes it 500 ms into debt
    expect(l.work.owing()).toBe(2_004); // paid off at 250 ms a second, until a whole ms is there again
    for (const kind of ['command', 'batch', 'revert', 'undo']) {
      const refused = l.admit(kind);
      expect(refused, kind).toMatchObject({ error: { code: 'ServerBusy', retryAfterMs: 2_004 } });
      expect('error' in refused && refused.error.message).toBe(
        "The server is busy checking this plan's recent changes. Yours will be sent again in a moment.",
      );
    }
    expect('release' in l.admit('history')).toBe(true);
    now += 2_004;
    expect(l.work.owing()).toBe(0);
    expect('release' in l.admit('command')).toBe(true);
    now += 60_000; // refills to the burst, never beyond
    l.work.spend(1_000);
    expect(l.work.owing()).toBe(4);
  });
});

describe('SocketLimiter', () => {
  it('bounds requests in flight, commands separately and more generously', () => {
    const l = new SocketLimiter(limitsWith({ inFlight: 2, commandsInFlight: 3 }), () => 0);
    const a = l.admit('history');
    const b = l.admit('batches');
    expect('release' in a && 'release' in b).toBe(true);
    const c = l.admit('history');
    expect(c).toEqual({ error: { code: 'ServerBusy', message: expect.stringMatching(/at most 2/), retryAfterMs: 250 } });
    const cmds = [l.admit('command'), l.admit('command'), l.admit('command'), l.admit('command')];
    expect(cmds.map((x) => 'release' in x)).toEqual([true, true, true, false]);
    if ('release' in a) {
      a.release();
      a.release(); // twice is harmless
    }
    expect('release' in l.admit('history')).toBe(true);
    expect('release' in l.admit('history')).toBe(false);
  });

  it('rates each kind on its own bucket; unknown kinds share one', () => {
    let now = 0;
    const l = new SocketLimiter(limitsWith({ rates: { join: { perSecond: 2, burst: 2 }, malformed: { perSecond: 1, burst: 1 } } }), () => now);
    const take = (kind: string) => {
      const r = l.admit(kind);
      if ('release' in r) r.release();
      return 'error' in r ? r.error : null;
    };
    expect([take('join'), take('join')]).toEqual([null, null]);
    expect(take('join')).toEqual({ code: 'ServerBusy', message: expect.stringMatching(/join/), retryAfterMs: 500 });
    expect(take('history')).toBeNull(); // its own bucket
    expect(take('nonsense')).toBeNull();
    expect(take('other-nonsense')).toMatchObject({ code: 'ServerBusy', retryAfterMs: 1000 });
    now += 500;
    expect(take('join')).toBeNull();
  });

  it('has the documented defaults in one place', () => {
    expect(DEFAULT_LIMITS).toMatchObject({
      inFlight: 8,
      socketsPerPlan: 300,
      socketsPerAddress: 50,
      rates: { history: { perSecond: 20, burst: 40 }, command: { perSecond: 500 } },
    });
  });
});

describe('Gate', () => {
  it('runs at most N at once, queues at most M, refuses the rest at once, and hands slots over in order', async () => {
    const gate = new Gate(2, 1);
    const releases: (() => void)[] = [];
    const order: number[] = [];
    const task = (i: number) => () =>
      new Promise<number>((resolve) => {
        order.push(i);
        releases.push(() => resolve(i));
      });
    const runs = [0, 1, 2, 3].map((i) => gate.run(task(i)));
    expect(await runs[3]).toBeNull(); // refused without waiting
    expect(gate.load).toEqual({ active: 2, waiting: 1 });
    expect(order).toEqual([0, 1]);
    releases[0]!();
    expect(await runs[0]).toEqual({ value: 0 });
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual([0, 1, 2]);
    releases[1]!();
    releases[2]!();
    expect(await Promise.all(runs.slice(1, 3))).toEqual([{ value: 1 }, { value: 2 }]);
    expect(gate.load).toEqual({ active: 0, waiting: 0 });
  });

  it('frees the slot when a task throws', async () => {
    const gate = new Gate(1, 0);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(() => Promise.resolve(1))).toEqual({ value: 1 });
  });
});

describe('Counter', () => {
  it('caps members per key and frees on remove', () => {
    const c = new Counter<string>(2);
    expect([c.tryAdd('a'), c.tryAdd('a'), c.tryAdd('a'), c.tryAdd('b')]).toEqual([true, true, false, true]);
    c.remove('a');
    expect(c.tryAdd('a')).toBe(true);
    c.remove('x'); // unknown: harmless
    expect(c.count('x')).toBe(0);
  });
});

describe('waitText', () => {
  it('says a wait as a planner reads it', () => {
    expect([waitText(1), waitText(9_999), waitText(10_000), waitText(89_000), waitText(90_000), waitText(3_600_000)]).toEqual([
      'a moment',
      'a moment',
      'about 10 seconds',
      'about 89 seconds',
      'about 2 minutes',
      'about 60 minutes',
    ]);
  });
});
