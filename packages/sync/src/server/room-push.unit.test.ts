import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WireEvent } from '../protocol.ts';
import { EventPush } from './room-push.ts';

const ev = (version: number): WireEvent => ({
  version,
  event: { type: 'GuestSeated', v: 1, guestId: 'g', tableId: 't' } as unknown as WireEvent['event'],
  meta: { actor: 'A', actorId: 'a', commandId: `c${version}`, batchId: null, at: 0 },
});
const versions = (sent: WireEvent[][]) => sent.map((p) => p.map((e) => e.version));

describe('EventPush', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('pushes a commit after a quiet spell at once, and the commits within the window together at its end, in order', () => {
    const sent: WireEvent[][] = [];
    const push = new EventPush(5, (e) => sent.push(e));
    push.push([ev(1)]);
    expect(versions(sent)).toEqual([[1]]);
    push.push([ev(2), ev(3)]);
    vi.advanceTimersByTime(2);
    push.push([ev(4)]);
    expect(versions(sent)).toEqual([[1]]);
    vi.advanceTimersByTime(3);
    expect(versions(sent)).toEqual([[1], [2, 3, 4]]);
    vi.advanceTimersByTime(20);
    push.push([ev(5)]);
    expect(versions(sent)).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('flush sends what is held at once and nothing twice; an empty flush or push sends nothing', () => {
    const sent: WireEvent[][] = [];
    const push = new EventPush(50, (e) => sent.push(e));
    push.push([ev(1)]);
    push.push([ev(2)]);
    push.flush();
    expect(versions(sent)).toEqual([[1], [2]]);
    push.flush();
    push.push([]);
    vi.advanceTimersByTime(100);
    expect(versions(sent)).toEqual([[1], [2]]);
  });

  it('with a window of 0 pushes every commit as it lands', () => {
    const sent: WireEvent[][] = [];
    const push = new EventPush(0, (e) => sent.push(e));
    for (let v = 1; v <= 3; v++) push.push([ev(v)]);
    expect(versions(sent)).toEqual([[1], [2], [3]]);
  });
});

describe('EventPush after the acks', () => {
  it('sends a due push from a setImmediate, after the microtasks queued with it, and a join flush sends it at once', async () => {
    const order: string[] = [];
    const push = new EventPush(0, (e) => order.push(`push ${e.map((x) => x.version).join(',')}`), true);
    push.push([ev(1)]);
    push.push([ev(2)]);
    void Promise.resolve()
      .then(() => undefined)
      .then(() => order.push('ack'));
    expect(order).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['ack', 'push 1,2']);
    push.push([ev(3)]);
    push.flush();
    expect(order).toEqual(['ack', 'push 1,2', 'push 3']);
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['ack', 'push 1,2', 'push 3']);
  });
});
