import { describe, expect, it } from 'vitest';
import { DuplicateCommandError, VersionConflictError } from './errors.ts';
import type { BatchRecord, EventStore } from './types.ts';
import { command, events, newPlan, rejects, uniqueId } from './contract-fixtures.ts';

// Parts of the EventStore contract (describeStoreContract in contract.ts) for what a store keeps beside the event
// stream: snapshots, batch records and images. `store` gives the suite's shared store once it is open.

/** Snapshots: the latest one per evolveVersion, any JSON state. */
export function describeSnapshotContract(store: () => EventStore): void {
  describe('snapshots', () => {
    it('loads the latest snapshot of the matching evolveVersion', async () => {
      const planId = uniqueId('plan');
      expect(await store().loadSnapshot(planId, 1)).toBeNull();
      await store().saveSnapshot(planId, 10, 1, { guests: ['a'], n: 10 });
      await store().saveSnapshot(planId, 30, 1, { guests: ['a', 'b'], n: 30 });
      await store().saveSnapshot(planId, 20, 1, { guests: [], n: 20 });
      await store().saveSnapshot(planId, 50, 2, { other: true });
      expect(await store().loadSnapshot(planId, 1)).toEqual({ version: 30, state: { guests: ['a', 'b'], n: 30 } });
      expect(await store().loadSnapshot(planId, 2)).toEqual({ version: 50, state: { other: true } });
      expect(await store().loadSnapshot(planId, 3)).toBeNull();
      expect(await store().loadSnapshot(uniqueId('plan'), 1)).toBeNull();
    });

    it('stores the state as it was when saveSnapshot was called: a change made while it is written is not in it', async () => {
      const planId = uniqueId('plan');
      const state = { version: 7, guests: { g1: { tableId: 't1' } as { tableId: string | null } } };
      const saving = store().saveSnapshot(planId, 7, 1, state);
      state.version = 8;
      state.guests.g1.tableId = null;
      await saving;
      expect(await store().loadSnapshot(planId, 1)).toEqual({ version: 7, state: { version: 7, guests: { g1: { tableId: 't1' } } } });
    });

    it('gives the state back with its keys in the order they were written (a reloaded plan lists as it did)', async () => {
      const planId = uniqueId('plan');
      await store().saveSnapshot(planId, 3, 1, { zeta: 1, b: 2, guests: { g9: 'x', g10: 'y', a: 'z' } });
      const loaded = await store().loadSnapshot<{ guests: object }>(planId, 1);
      expect(Object.keys(loaded!.state)).toEqual(['zeta', 'b', 'guests']);
      expect(Object.keys(loaded!.state.guests)).toEqual(['g9', 'g10', 'a']);
    });

    it('stores any JSON state and overwrites a snapshot saved again', async () => {
      const planId = uniqueId('plan');
      await store().saveSnapshot(planId, 5, 1, [1, 'two', null]);
      expect(await store().loadSnapshot(planId, 1)).toEqual({ version: 5, state: [1, 'two', null] });
      await store().saveSnapshot(planId, 5, 1, 'text');
      expect(await store().loadSnapshot(planId, 1)).toEqual({ version: 5, state: 'text' });
    });
  });
}

/** Batch records: written with their events in one append, or not at all. */
export function describeBatchContract(store: () => EventStore): void {
  describe('batches', () => {
    const batch = (batchId: string, extra: Partial<BatchRecord> = {}): BatchRecord => ({
      batchId,
      kind: 'guest-import',
      actor: 'alice',
      actorId: 'id-alice',
      at: 1_700_000_002_000,
      label: 'Guest import: guests.xlsx',
      fileName: 'guests.xlsx',
      fileHash: 'ab'.repeat(32),
      summary: { added: 2, rows: [1, 2] },
      reverts: null,
      ...extra,
    });

    it('records a batch with its events in the same append, and lists and reads it back', async () => {
      const plan = newPlan();
      await store().createPlan(plan);
      await store().append(plan.id, 0, [command(events(2))]);
      const id = uniqueId('batch');
      await store().append(plan.id, 2, [command(events(2), { batchId: id }), command(events(1), { batchId: id })], batch(id));
      await store().append(plan.id, 5, [command(events(1))]);
      const [info] = await store().listBatches(plan.id);
      expect(info).toMatchObject({
        batchId: id,
        kind: 'guest-import',
        actor: 'alice',
        actorId: 'id-alice',
        firstVersion: 3,
        lastVersion: 5,
        eventCount: 3,
        fileName: 'guests.xlsx',
        reverts: null,
      });
      expect(info!.summary).toEqual({ added: 2, rows: [1, 2] });
      expect(typeof info!.at).toBe('number');
      const read = await store().readBatch(plan.id, id);
      expect(read!.events.map((e) => e.version)).toEqual([3, 4, 5]);
      expect(read!.events.every((e) => e.meta.batchId === id)).toBe(true);
      expect(await store().readBatch(plan.id, 'nope')).toBeNull();
      expect(await store().batchInfo(plan.id, id)).toEqual(info);
      expect(await store().batchInfo(plan.id, 'nope')).toBeNull();
      expect(await store().listBatches(newPlan().id)).toEqual([]);
    });

    it('refuses a batch id twice and writes nothing; a batch with no events has no version range', async () => {
      const plan = newPlan();
      await store().createPlan(plan);
      const id = uniqueId('batch');
      await store().append(plan.id, 0, [command([], { batchId: id })], batch(id, { kind: 'revert', reverts: 'b0' }));
      const [info] = await store().listBatches(plan.id);
      expect(info).toMatchObject({ firstVersion: null, lastVersion: null, eventCount: 0, reverts: 'b0' });
      await rejects(store().append(plan.id, 0, [command(events(1), { batchId: id })], batch(id)), DuplicateCommandError);
      expect(await store().streamVersion(plan.id)).toBe(0);
      expect(await store().listBatches(plan.id)).toHaveLength(1);
    });

    it('lists a batch without an actor id (legacy) with actorId null', async () => {
      const plan = newPlan();
      await store().createPlan(plan);
      const id = uniqueId('batch');
      await store().append(plan.id, 0, [command(events(1), { batchId: id, actorId: null })], batch(id, { actorId: null }));
      const [info] = await store().listBatches(plan.id);
      expect(info).toMatchObject({ batchId: id, actor: 'alice', actorId: null });
      expect((await store().readBatch(plan.id, id))!.events[0]!.meta.actorId).toBeNull();
    });

    it('writes no batch row when the append conflicts', async () => {
      const plan = newPlan();
      await store().createPlan(plan);
      await store().append(plan.id, 0, [command(events(1))]);
      await rejects(store().append(plan.id, 0, [command(events(1))], batch(uniqueId('batch'))), VersionConflictError);
      expect(await store().listBatches(plan.id)).toEqual([]);
    });
  });
}

/** Images: stored once per plan, within the limits given. */
export function describeImageContract(store: () => EventStore): void {
  describe('images', () => {
    const image = (n: number, size = 10) => ({
      imageId: n.toString(16).padStart(64, '0'),
      contentType: 'image/png',
      width: 3,
      height: 2,
      bytes: new Uint8Array(size).fill(n),
    });
    it('stores an image per plan once, gives back its bytes, and refuses one past the limits without writing it', async () => {
      const plan = newPlan();
      const other = newPlan();
      const limits = { maxImages: 2, maxBytes: 25 };
      expect(await store().saveImage(plan.id, image(1), limits)).toBe('stored');
      expect(await store().saveImage(plan.id, image(1), limits)).toBe('exists');
      expect(await store().loadImage(plan.id, image(1).imageId)).toEqual(image(1));
      // another plan does not see it
      expect(await store().loadImage(other.id, image(1).imageId)).toBeNull();
      expect(await store().saveImage(plan.id, image(2, 16), limits)).toBe('full'); // 26 bytes > 25
      expect(await store().saveImage(plan.id, image(2), limits)).toBe('stored');
      expect(await store().saveImage(plan.id, image(3, 1), limits)).toBe('full'); // a third image
      expect(await store().loadImage(plan.id, image(3).imageId)).toBeNull();
    });
  });
}
