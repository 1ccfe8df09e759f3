import { afterEach, describe, expect, it, vi } from 'vitest';
import { GuestNames } from './guest-names.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('guest names', () => {
  it('writes the first rename at once, then at most one per window: the last name asked for', async () => {
    vi.useFakeTimers();
    const writes: [string, string][] = [];
    const names = new GuestNames(
      async (id, name) => void writes.push([id, name]),
      () => {},
      10_000,
    );
    await names.rename('p1', 'Ann');
    expect(writes).toEqual([['p1', 'Ann']]);
    // a join a second under another name: nothing more is written within the window
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(400);
      await names.rename('p1', `Name ${i}`);
    }
    expect(writes).toHaveLength(1);
    // another person has a window of their own
    await names.rename('p2', 'Bob');
    expect(writes).toHaveLength(2);
    // the window ends: the last name asked for is written, once
    vi.advanceTimersByTime(2_000);
    expect(writes).toEqual([
      ['p1', 'Ann'],
      ['p2', 'Bob'],
      ['p1', 'Name 19'],
    ]);
    vi.advanceTimersByTime(60_000);
    expect(writes).toHaveLength(3);
    // after a quiet window a rename is written at once again
    await names.rename('p1', 'Ann again');
    expect(writes.at(-1)).toEqual(['p1', 'Ann again']);
  });

  it('drops a held name when the person chose one by other means', async () => {
    vi.useFakeTimers();
    const writes: string[] = [];
    const names = new GuestNames(
      async (_id, name) => void writes.push(name),
      () => {},
      1_000,
    );
    await names.rename('p', 'A');
    await names.rename('p', 'B');
    names.drop('p');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(writes).toEqual(['A']);
  });

  it('logs a held write that fails, and keeps working', async () => {
    vi.useFakeTimers();
    const logged: string[] = [];
    let fail = false;
    const names = new GuestNames(
      async () => {
        if (fail) throw new Error('database gone');
      },
      (m) => logged.push(m),
      1_000,
    );
    await names.rename('p', 'A');
    fail = true;
    await names.rename('p', 'B');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(logged).toEqual([expect.stringContaining('database gone')]);
    fail = false;
    await names.rename('p', 'C');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(logged).toHaveLength(1);
  });
});
