import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GhostBook, GhostThrottle } from './ghosts.ts';
import type { Ghost } from './protocol.ts';

const g = (x: number): Ghost => ({ roomId: 'r', items: [{ kind: 'table', id: 'p1', x, y: 1, rotation: 0 }] });

describe('ghosts on the client', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('keeps ghosts by clientId, drops one not refreshed for 3 s, and tells its subscribers', () => {
    const book = new GhostBook(() => Date.now());
    const seen: number[] = [];
    book.subscribe(() => seen.push(book.getSnapshot().size));
    book.receive({ clientId: 'a', userName: 'Ann', ghost: g(1) });
    vi.advanceTimersByTime(2000);
    book.receive({ clientId: 'b', userName: 'Bob', ghost: g(2) });
    const snap = book.getSnapshot();
    expect(book.getSnapshot()).toBe(snap); // unchanged: the same snapshot
    vi.advanceTimersByTime(1100);
    expect([...book.getSnapshot().keys()]).toEqual(['b']);
    book.receive({ clientId: 'b', userName: 'Bob', ghost: g(3) }); // refreshed
    vi.advanceTimersByTime(2900);
    expect(book.getSnapshot().get('b')?.items[0]!.x).toBe(3);
    book.receive({ clientId: 'b', userName: 'Bob', ghost: null });
    expect(book.getSnapshot().size).toBe(0);
    expect(seen).toEqual([1, 2, 1, 1, 0]);
    book.stop();
  });

  it('samples a fast drag below the rate limit, never losing the last position or the end', () => {
    const sent: Ghost[] = [];
    const t = new GhostThrottle(
      (x) => sent.push(x),
      40,
      () => Date.now(),
    );
    for (let i = 0; i < 100; i++) {
      t.push(g(i));
      vi.advanceTimersByTime(4); // 250 moves a second
    }
    t.push(null);
    vi.advanceTimersByTime(100);
    expect(sent.length).toBeLessThanOrEqual(12);
    expect(sent.at(-2)?.items[0]!.x).toBeGreaterThan(90);
    expect(sent.at(-1)).toBeNull();
    t.push(null); // a second end is not sent again
    vi.advanceTimersByTime(100);
    expect(sent.filter((x) => x === null)).toHaveLength(1);
  });
});
