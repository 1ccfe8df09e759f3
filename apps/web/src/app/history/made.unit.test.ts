import { initialState, type PlanEvent } from '@seatfold/domain/core';
import type { WireEvent } from '@seatfold/sync';
import { describe, expect, it } from 'vitest';
import { MadeWatch } from './made.ts';

const wire = (version: number, commandId: string, event: PlanEvent): WireEvent => ({
  version,
  event,
  meta: { actor: 'Ann', actorId: 'a1', commandId, batchId: null, at: 1_000 },
});
const created = (v: number, id: string) => wire(v, id, { type: 'PlanCreated', v: 1, name: 'Gala' });

/** Whether the promise has settled by now (after pending microtasks), and with what. */
async function settled<T>(p: Promise<T>): Promise<{ value: T } | 'pending'> {
  return Promise.race([p.then((value) => ({ value })), new Promise<'pending'>((r) => setTimeout(() => r('pending'), 0))]);
}

describe('MadeWatch: an undo waiting for its events', () => {
  it('is given its own events and the plan right before them when they arrive one by one', async () => {
    const watch = new MadeWatch();
    const w = watch.wait('undo-1', 60_000);
    watch.replied('undo-1', 2, 0);
    expect(await settled(w.made)).toBe('pending');
    watch.saw([created(1, 'other'), created(2, 'undo-1')], initialState(), 2);
    const got = await settled(w.made);
    expect(got).not.toBe('pending');
    const made = (got as { value: { events: WireEvent[]; before: { version: number } } | null }).value;
    expect(made?.events.map((e) => e.version)).toEqual([2]);
  });

  it('gives up at once when the reply comes after a snapshot that already holds its events', async () => {
    const watch = new MadeWatch();
    const w = watch.wait('undo-1', 60_000);
    // a reconnect joined from a snapshot at version 10 while the undo was in flight: its events were never seen
    watch.saw([], null, 10);
    expect(await settled(w.made)).toBe('pending');
    watch.replied('undo-1', 8, 10);
    expect(await settled(w.made)).toEqual({ value: null });
  });

  it('gives up at once when a snapshot past its last version arrives after the reply, not before', async () => {
    const watch = new MadeWatch();
    const w = watch.wait('undo-1', 60_000);
    watch.replied('undo-1', 8, 5);
    watch.saw([], null, 7);
    expect(await settled(w.made)).toBe('pending');
    watch.saw([], null, 9);
    expect(await settled(w.made)).toEqual({ value: null });
  });
});
