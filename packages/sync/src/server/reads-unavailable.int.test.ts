import { openMemoryStore } from '@seatfold/store/testing';
import { StoreUnavailableError, type EventStore } from '@seatfold/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandReply } from '../protocol.ts';
import { SyncHub } from './hub.ts';
import { planOnHub, testId } from './plan-fixture.ts';

/**
 * A request that changes nothing (a history page, the batch list, the preview of a revert or undo) refused while the
 * database is unreachable says so, retryably — not "Your change is kept and will be sent again automatically", which
 * the Batches list showed a planner when its page could not be read (a probe stopping PostgreSQL under a server).
 */
let store: EventStore;
beforeAll(async () => {
  store = await openMemoryStore();
});
afterAll(async () => {
  await store?.close();
});

/** The real store, its reads failing as a lost connection fails them while `down` is true. */
function withReadsDown() {
  const state = { down: false };
  const reads = new Set<PropertyKey>(['readStream', 'readBatch', 'listBatches', 'batchInfo', 'findCommandOutcomes']);
  const wrapped = new Proxy(store, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (typeof value !== 'function') return value;
      const bound = (value as (...a: unknown[]) => unknown).bind(target);
      if (!reads.has(key)) return bound;
      return (...args: unknown[]) =>
        state.down ? Promise.reject(new StoreUnavailableError(new Error('connection lost (simulated)'))) : bound(...args);
    },
  });
  return { state, wrapped };
}

describe('reads refused while the database is unreachable', () => {
  it('say nothing was changed and may be asked again, and are answered once it is back', async () => {
    const { state, wrapped } = withReadsDown();
    const hub = new SyncHub({ store: wrapped });
    const p = await planOnHub(wrapped, hub);
    const ann = await p.join('Ann');
    const batchId = testId('batch');
    const commandId = testId('c');
    const made = (await ann.handle('batch', {
      commandId,
      batchId,
      kind: 'paste',
      label: 'Two guests',
      commands: [
        { type: 'addGuest', guestId: 'g1', name: 'Ada' },
        { type: 'addGuest', guestId: 'g2', name: 'Bo' },
      ],
    })) as CommandReply;
    expect(made.status).toBe('accepted');

    const asks = {
      history: () => ann.handle('history', { afterVersion: 0, limit: 100 }),
      batches: () => ann.handle('batches', { limit: 10 }),
      revertPreview: () => ann.handle('revert', { commandId: testId('r'), batchId: testId('rb'), targetBatchId: batchId, preview: true }),
      undoPreview: () => ann.handle('undo', { commandId: testId('u'), targetCommandId: commandId, preview: true }),
    };
    state.down = true;
    for (const [name, ask] of Object.entries(asks)) {
      const reply = (await ask()) as { error?: { code: string; message: string; retryAfterMs?: number } };
      expect(reply.error, name).toMatchObject({ code: 'Unavailable', retryAfterMs: expect.any(Number) });
      expect(reply.error!.message, name).toMatch(/Nothing was changed/);
      expect(reply.error!.message, name).not.toMatch(/kept|sent again/);
    }
    state.down = false;
    for (const [name, ask] of Object.entries(asks)) {
      const reply = (await ask()) as { ok?: boolean; status?: string };
      expect(reply.ok === true || reply.status === 'accepted', `${name}: ${JSON.stringify(reply).slice(0, 200)}`).toBe(true);
    }
  });
});
