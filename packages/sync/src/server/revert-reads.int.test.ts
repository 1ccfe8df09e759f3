import { type Command } from '@seatfold/domain';
import { openMemoryStore } from '@seatfold/store/testing';
import { type EventStore } from '@seatfold/store';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CommandReply } from '../protocol.ts';
import { SyncHub } from './hub.ts';
import { planOnHub, testId } from './plan-fixture.ts';

/**
 * A revert reads its target batch and everything after it from the store a page at a time: on PGlite each read runs
 * in the server's own thread, and reading a 20,000-event import in one statement held every other plan ~0.4 s for
 * each preview an organiser asked for (a probe).
 */
let store: EventStore;
beforeAll(async () => {
  store = await openMemoryStore();
});
afterAll(async () => {
  await store?.close();
});

/** The store's page for a take-back's reads (revert.ts LATER_PAGE). */
const PAGE = 5_000;
const id = testId;

/** Stops each test's count of the event loop's turns. */
const watchers: (() => void)[] = [];
afterEach(() => {
  for (const stop of watchers.splice(0)) stop();
});

/**
 * The real store, its reads of events seen on the way: how many events each asked for at most, and how many turns
 * the event loop had taken before it (PGlite answers within microtasks: pages read without a turn between them
 * hold the thread as one read would).
 */
function watchReads() {
  const reads: { kind: 'stream' | 'batch'; limit: number; turn: number }[] = [];
  const loop = { turns: 0 };
  const tick = () => {
    loop.turns++;
    if (!stopped) setImmediate(tick);
  };
  let stopped = false;
  setImmediate(tick);
  watchers.push(() => (stopped = true));
  const watched = new Proxy(store, {
    get(target, key) {
      if (key === 'readStream') {
        return (...args: Parameters<EventStore['readStream']>) => {
          reads.push({ kind: 'stream', limit: args[2] ?? Infinity, turn: loop.turns });
          return target.readStream(...args);
        };
      }
      if (key === 'readBatch') {
        return (...args: Parameters<EventStore['readBatch']>) => {
          reads.push({ kind: 'batch', limit: Infinity, turn: loop.turns });
          return target.readBatch(...args);
        };
      }
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { reads, watched };
}

/** A hub whose decide budgets are out of the way (a loaded machine must not turn these reads into ServerBusy). */
const lots = { perSecond: 1e9, burst: 1e9 };
const hubOn = (watched: EventStore) =>
  new SyncHub({ store: watched, limits: { batchDecideMs: 600_000, decideMsPerPlan: lots, decideMsPerSocket: lots } });

const adds = (count: number) => Array.from({ length: count }, (_, i): Command => ({ type: 'addGuest', guestId: `g-${i}`, name: `Guest ${i}` }));

describe('a revert or undo of a batch larger than a page', () => {
  it('reads the batch a page at a time, and previews and reverts all of it', async () => {
    const { reads, watched } = watchReads();
    const hub = hubOn(watched);
    const p = await planOnHub(watched, hub);
    const ann = await p.join('Ann');
    const batchId = id('batch');
    const count = PAGE + 1_200;
    const made = (await ann.handle('batch', {
      commandId: id('b'),
      batchId,
      kind: 'import',
      label: 'Many guests',
      commands: adds(count),
    })) as CommandReply;
    expect(made.status).toBe('accepted');

    reads.length = 0;
    const preview = (await ann.handle('revert', { commandId: id('r'), batchId: id('rb'), targetBatchId: batchId, preview: true })) as CommandReply;
    expect(preview).toMatchObject({ status: 'accepted', detail: { changeCount: count, conflicts: [] } });
    expect(reads.length).toBeGreaterThan(1);
    expect(reads.every((r) => r.kind === 'stream' && r.limit <= PAGE)).toBe(true);
    // and the other plans' work had a turn between two pages
    expect(reads.slice(1).every((r, i) => r.turn > reads[i]!.turn)).toBe(true);

    const reverted = (await ann.handle('revert', { commandId: id('r'), batchId: id('rb'), targetBatchId: batchId })) as CommandReply;
    expect(reverted).toMatchObject({ status: 'accepted', events: count });
    expect(Object.keys((await p.room.snapshot()).guests)).toHaveLength(0);
  }, 60_000);

  it('reads a big change a page at a time to undo it, and undoes all of it', async () => {
    const { reads, watched } = watchReads();
    const hub = hubOn(watched);
    const p = await planOnHub(watched, hub);
    const ann = await p.join('Ann');
    const commandId = id('b');
    const count = PAGE + 700;
    const made = (await ann.handle('batch', {
      commandId,
      batchId: id('batch'),
      kind: 'bulk',
      label: 'Many guests',
      commands: adds(count),
    })) as CommandReply;
    expect(made.status).toBe('accepted');

    reads.length = 0;
    const undone = (await ann.handle('undo', { commandId: id('u'), targetCommandId: commandId })) as CommandReply;
    expect(undone).toMatchObject({ status: 'accepted', events: count });
    expect(reads.every((r) => r.kind === 'stream' && r.limit <= PAGE)).toBe(true);
    expect(Object.keys((await p.room.snapshot()).guests)).toHaveLength(0);
  }, 60_000);

  it('refuses a revert with nothing left to do, counting what changed since, with its reads a page at a time too', async () => {
    const { reads, watched } = watchReads();
    const hub = hubOn(watched);
    const p = await planOnHub(watched, hub);
    const ann = await p.join('Ann');
    const batchId = id('batch');
    const count = PAGE + 300;
    await ann.handle('batch', { commandId: id('b'), batchId, kind: 'import', label: 'Many guests', commands: adds(count) });
    const removed = (await ann.handle('batch', {
      commandId: id('b'),
      batchId: id('batch'),
      kind: 'bulk',
      label: 'Remove them',
      commands: adds(count).map((c): Command => ({ type: 'removeGuest', guestId: (c as { guestId: string }).guestId })),
    })) as CommandReply;
    expect(removed.status).toBe('accepted');

    reads.length = 0;
    const refused = (await ann.handle('revert', { commandId: id('r'), batchId: id('rb'), targetBatchId: batchId, preview: true })) as CommandReply;
    expect(refused).toMatchObject({ status: 'rejected', error: { code: 'NothingToDo' } });
    expect(refused.status === 'rejected' && refused.error.message).toContain(`(${count} changes)`);
    expect(reads.every((r) => r.kind === 'stream' && r.limit <= PAGE)).toBe(true);
  }, 60_000);
});

describe('a revert preview asked again of an unchanged plan', () => {
  it('is answered without reading the store again, and worked out anew once the plan has changed', async () => {
    const { reads, watched } = watchReads();
    const hub = hubOn(watched);
    const p = await planOnHub(watched, hub);
    const [ann, bob] = [await p.join('Ann'), await p.join('Bob')];
    const batchId = id('batch');
    await ann.handle('batch', { commandId: id('b'), batchId, kind: 'import', label: 'Three guests', commands: adds(3) });
    const preview = () => ann.handle('revert', { commandId: id('r'), batchId: id('rb'), targetBatchId: batchId, preview: true });

    reads.length = 0;
    const first = (await preview()) as CommandReply;
    expect(first).toMatchObject({ status: 'accepted', detail: { changeCount: 3, conflicts: [] } });
    expect(reads.length).toBeGreaterThan(0);
    reads.length = 0;
    // the same answer, from another organiser too, with no read of the store
    expect(await preview()).toEqual({ ...first, commandId: expect.any(String) as string });
    expect(await bob.handle('revert', { commandId: id('r'), batchId: id('rb'), targetBatchId: batchId, preview: true })).toMatchObject({
      status: 'accepted',
      detail: { changeCount: 3 },
    });
    expect(reads).toEqual([]);

    // Bob renames one of the guests: the preview now leaves that change as it is
    await bob.handle('command', { commandId: id('c'), command: { type: 'editGuest', guestId: 'g-0', changes: { name: 'Gia' } } });
    const after = (await preview()) as CommandReply;
    expect(reads.length).toBeGreaterThan(0);
    expect(after.status === 'accepted' && after.detail?.conflicts.map((c) => c.laterActor)).toEqual(['Bob']);
  });
});
