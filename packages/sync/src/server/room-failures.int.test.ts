/**
 * The room when the store fails: its state never runs ahead of the store (finding 4), and one bad command never
 * fails the others (finding 5). Real PGlite underneath; the wrapper only injects failures.
 */
import { evolve, initialState, stateHash, type Command, type PlanEvent, type PlanState } from '@seatfold/domain';
import { openMemoryStore, refuseEventsOf } from '@seatfold/store/testing';
import { StoreUnavailableError, type EventStore } from '@seatfold/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandReply } from '../protocol.ts';
import { PlanRoom, type Submission } from './room.ts';

let store: EventStore;
beforeAll(async () => {
  store = await openMemoryStore();
}, 120_000);
afterAll(async () => {
  await store?.close();
});

const newPlanId = () => `room-fail-${Math.random().toString(36).slice(2, 10)}`;
const sub = (commandId: string, command: Command, over: Partial<Submission> = {}): Submission => ({
  commandId,
  command,
  batchId: null,
  actor: { id: 'name:A', name: 'A' },
  resent: false,
  ...over,
});
const guest = (i: number, name = `Guest ${i}`): Command => ({ type: 'addGuest', guestId: `G${i}`, name });
const lost = () => new StoreUnavailableError(new Error('connection lost (simulated)'));

/** Real store; `mode` says what fails: nothing, appends (before or after they commit), or appends and reads. */
function flakyStore(inner: EventStore) {
  const f = { append: 'ok' as 'ok' | 'before' | 'after', reads: true };
  const wrapped: EventStore = {
    ...inner,
    kind: inner.kind,
    append: async (planId, expected, records, batch) => {
      if (f.append === 'before') throw lost();
      const r = await inner.append(planId, expected, records, batch);
      if (f.append === 'after') throw lost(); // committed, but the answer was lost with the connection
      return r;
    },
    readStream: (planId, after, limit) => (f.reads ? inner.readStream(planId, after, limit) : Promise.reject(lost())),
    loadSnapshot: (planId, v) => (f.reads ? inner.loadSnapshot(planId, v) : Promise.reject(lost())),
    findCommandOutcomes: (planId, ids) => (f.reads ? inner.findCommandOutcomes(planId, ids) : Promise.reject(lost())),
  };
  return { store: wrapped, f };
}

async function foldStored(planId: string): Promise<PlanState> {
  const s = initialState();
  for (const e of await store.readStream<PlanEvent>(planId)) evolve(s, e.event);
  return s;
}

/** Nothing the room serves is ahead of the store; when it can serve, it serves exactly the store's state. */
async function expectInStep(room: PlanRoom, planId: string) {
  const stored = await store.streamVersion(planId);
  // The synchronous version may lag behind a commit whose answer was lost (until the next rebuild), never lead.
  expect(room.version).toBeLessThanOrEqual(stored);
  for (const read of [
    () => room.catchUp(0),
    () => room.catchUp(stored - 1 > 0 ? stored - 1 : 0),
    () => room.snapshot(),
    () => room.read((s) => s.version),
  ]) {
    const served = await read().then(
      (r) => r,
      (err: unknown) => {
        expect(err).toBeInstanceOf(StoreUnavailableError); // refused, never stale
        return null;
      },
    );
    if (served === null) continue;
    const version = typeof served === 'number' ? served : 'version' in served ? served.version : null;
    expect(version).toBe(stored);
    if (typeof served === 'object' && 'guests' in served) expect(stateHash(served)).toBe(stateHash(await foldStored(planId)));
    if (typeof served === 'object' && 'snapshot' in served && served.snapshot)
      expect(stateHash(served.snapshot)).toBe(stateHash(await foldStored(planId)));
  }
}

describe('PlanRoom when the store fails (finding 4)', () => {
  it('never serves or reuses an unstored version, whatever fails: the append, the reload, or only the answer', async () => {
    const planId = newPlanId();
    const flaky = flakyStore(store);
    const room = await PlanRoom.load({ store: flaky.store, planId, publish: () => {}, log: () => {} });
    expect((await room.submit(sub('c0', { type: 'createPlan', name: 'P' }))).status).toBe('accepted');
    await expectInStep(room, planId);

    // 1. The append fails: refused as retryable, nothing kept.
    flaky.f.append = 'before';
    const r1 = await Promise.all([room.submit(sub('a1', guest(1))), room.submit(sub('a2', guest(2)))]);
    for (const r of r1) expect(r.status).toBe('rejected');
    await expectInStep(room, planId);
    for (const r of r1) expect(r).toMatchObject({ error: { code: 'Unavailable' } });

    // 2. The append fails and so does every read (the database is down): joins, reads and commands are refused.
    flaky.f.reads = false;
    const r3 = await room.submit(sub('a3', guest(3)));
    expect(r3.status).toBe('rejected');
    await expectInStep(room, planId);
    expect(r3).toMatchObject({ error: { code: 'Unavailable' } });
    expect(await room.submit(sub('a4', guest(4)))).toMatchObject({ status: 'rejected', error: { code: 'Unavailable' } });
    await expectInStep(room, planId);

    // 3. The database is back; the next command takes the next free version, never a reused one.
    flaky.f.append = 'ok';
    flaky.f.reads = true;
    const before = await store.streamVersion(planId);
    expect(await room.submit(sub('a5', guest(5)))).toEqual({ commandId: 'a5', status: 'accepted', version: before + 1, events: 1 });
    await expectInStep(room, planId);

    // 4. The append commits but its answer is lost: retryable; the resend is answered from the store, stored once.
    flaky.f.append = 'after';
    expect(await room.submit(sub('a6', guest(6)))).toMatchObject({ status: 'rejected', error: { code: 'Unavailable' } });
    flaky.f.append = 'ok';
    await expectInStep(room, planId);
    expect(await room.submit(sub('a6', guest(6), { resent: true }))).toEqual({ commandId: 'a6', status: 'accepted', version: before + 2, events: 1 });
    expect((await store.readStream(planId)).filter((e) => e.meta.commandId === 'a6')).toHaveLength(1);

    // 5. The refused ones can be resent and land exactly once.
    const again = await Promise.all(['a1', 'a2', 'a3', 'a4'].map((id, i) => room.submit(sub(id, guest(i + 1), { resent: true }))));
    for (const r of again) expect(r.status).toBe('accepted');
    await expectInStep(room, planId);
    const versions = (await store.readStream(planId)).map((e) => e.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
  }, 120_000);

  it('when the database says its disk is full, refuses as retryable with a longer wait, and the resend lands once', async () => {
    const planId = newPlanId();
    const room = await PlanRoom.load({ store, planId, publish: () => {}, log: () => {} });
    expect((await room.submit(sub('c0', { type: 'createPlan', name: 'P' }))).status).toBe('accepted');
    // The database itself refuses this plan's inserts as PostgreSQL does on a full disk (SQLSTATE 53100).
    const allow = await refuseEventsOf(store, planId, '53100');
    try {
      const refused = await Promise.all([room.submit(sub('d1', guest(1))), room.submit(sub('d2', guest(2)))]);
      for (const r of refused) {
        expect(r).toMatchObject({ status: 'rejected', error: { code: 'Unavailable', message: expect.stringMatching(/run out of room/) } });
        expect((r as { error: { retryAfterMs: number } }).error.retryAfterMs).toBeGreaterThanOrEqual(10_000);
      }
      await expectInStep(room, planId);
      expect(store.health().ok).toBe(true); // the database answered: a full disk is no lost connection
    } finally {
      await allow();
    }
    const again = await Promise.all(['d1', 'd2'].map((id, i) => room.submit(sub(id, guest(i + 1), { resent: true }))));
    for (const r of again) expect(r.status).toBe('accepted');
    await expectInStep(room, planId);
    expect((await store.readStream(planId)).map((e) => e.meta.commandId).sort()).toEqual(['c0', 'd1', 'd2']);
  }, 120_000);

  it('a batch whose append fails leaves nothing behind and is refused as retryable', async () => {
    const planId = newPlanId();
    const flaky = flakyStore(store);
    const room = await PlanRoom.load({ store: flaky.store, planId, publish: () => {}, log: () => {} });
    await room.submit(sub('c0', { type: 'createPlan', name: 'P' }));
    flaky.f.append = 'before';
    flaky.f.reads = false;
    const batch = {
      commandId: 'b1',
      batchId: 'B1',
      actor: { id: 'name:A', name: 'A' },
      resent: false,
      kind: 'guest-import',
      label: 'Import',
      fileName: null,
      fileHash: null,
      summary: null,
      reverts: null,
      build: () => ({ commands: [guest(1), guest(2)] }),
    };
    expect(await room.submitBatch(batch)).toMatchObject({ status: 'rejected', error: { code: 'Unavailable' } });
    await expectInStep(room, planId);
    flaky.f.append = 'ok';
    flaky.f.reads = true;
    expect(await room.submitBatch({ ...batch, resent: true })).toMatchObject({ status: 'accepted', version: 3 });
    await expectInStep(room, planId);
  }, 120_000);
});

describe('PlanRoom: each command on its own merits (finding 5)', () => {
  it("300 concurrent commands of one organiser all land while another's commands throw or carry what the store refuses", async () => {
    const planId = newPlanId();
    const published: number[] = [];
    const room = await PlanRoom.load({ store, planId, publish: (ev) => published.push(...ev.map((e) => e.version)), log: () => {} });
    expect((await room.submit(sub('c0', { type: 'createPlan', name: 'P' }))).status).toBe('accepted');
    const throwing = {
      type: 'addGuest',
      get guestId(): string {
        throw new Error('a bug in decide (simulated)');
      },
    } as unknown as Command;
    const replies: Promise<CommandReply>[] = [];
    const bad: string[] = [];
    for (let i = 1; i <= 300; i++) {
      replies.push(room.submit(sub(`a${i}`, guest(i))));
      if (i % 60 === 0) {
        // PostgreSQL (and PGlite) refuse a NUL character inside jsonb: the group's append fails for this one command.
        bad.push(`nul${i}`, `throw${i}`);
        replies.push(room.submit(sub(`nul${i}`, guest(1000 + i, 'bad\u0000name'), { actor: { id: 'name:B', name: 'B' } })));
        replies.push(room.submit(sub(`throw${i}`, throwing, { actor: { id: 'name:B', name: 'B' } })));
      }
    }
    const answers = await Promise.all(replies);
    for (const r of answers) {
      if (bad.includes(r.commandId)) expect(r).toMatchObject({ status: 'rejected', error: { code: 'Unprocessable' } });
      else expect(r).toMatchObject({ status: 'accepted' });
    }
    const stored = await store.readStream<PlanEvent>(planId);
    expect(stored.map((e) => e.version)).toEqual(stored.map((_, i) => i + 1));
    expect(stored).toHaveLength(301);
    expect(published).toEqual(stored.map((e) => e.version));
    expect(stateHash(await room.snapshot())).toBe(stateHash(await foldStored(planId)));
    // The refusals are stored: a resend gets the same answer, and nothing was applied.
    expect(await room.submit(sub('nul60', guest(1060, 'bad\u0000name'), { resent: true, actor: { id: 'name:B', name: 'B' } }))).toMatchObject({
      status: 'rejected',
      error: { code: 'Unprocessable' },
    });
    expect(await store.streamVersion(planId)).toBe(301);
  }, 180_000);
});
