import { EVOLVE_VERSION, evolve, initialState, stateHash, type Command, type PlanEvent, type PlanState } from '@seatfold/domain';
import { openMemoryStore } from '@seatfold/store/testing';
import { StoreUnavailableError, type EventStore } from '@seatfold/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeState, type CommandReply, type WireEvent } from '../protocol.ts';
import { SyncHub } from './hub.ts';
import { PlanRoom, type RoomOptions, type Submission } from './room.ts';

let store: EventStore;
beforeAll(async () => {
  store = await openMemoryStore();
});
afterAll(async () => {
  await store?.close();
});

let planCounter = 0;
const newPlanId = () => `room-test-${++planCounter}-${Math.random().toString(36).slice(2, 8)}`;

/** The store, with every append recorded (how many commands each transaction carried, and whether it threw). */
function countingStore(inner: EventStore, opts: { failNext?: () => boolean } = {}) {
  const appends: { records: number; failed: boolean }[] = [];
  const wrapped: EventStore = {
    ...inner,
    kind: inner.kind,
    append: async (planId, expected, records) => {
      if (opts.failNext?.()) {
        appends.push({ records: records.length, failed: true });
        throw new StoreUnavailableError(new Error('connection lost (simulated)'));
      }
      try {
        const r = await inner.append(planId, expected, records);
        appends.push({ records: records.length, failed: false });
        return r;
      } catch (err) {
        appends.push({ records: records.length, failed: true });
        throw err;
      }
    },
  };
  return { store: wrapped, appends };
}

/**
 * A room as the hub opens one, except that a group is never cut short by time: how commands group into appends is
 * what these tests check, and on a loaded machine a 10 ms slice (decideSliceMs, tested in decide-budget.int.test.ts)
 * may end a group of five.
 */
async function openRoom(planId: string, over: Partial<RoomOptions> = {}) {
  const published: WireEvent[][] = [];
  const room = await PlanRoom.load({ store, planId, publish: (e) => published.push(e), decideSliceMs: Infinity, ...over });
  return { room, published };
}

const sub = (commandId: string, command: Command, over: Partial<Submission> = {}): Submission => ({
  commandId,
  command,
  batchId: null,
  actor: { id: 'name:Tester', name: 'Tester' },
  resent: false,
  ...over,
});

async function foldStored(planId: string): Promise<PlanState> {
  const s = initialState();
  for (const e of await store.readStream<PlanEvent>(planId)) evolve(s, e.event);
  return s;
}

async function newPlan(room: PlanRoom, tables = 2, capacity = 2) {
  const replies = await Promise.all([
    room.submit(sub('setup-plan', { type: 'createPlan', name: 'Test' })),
    ...Array.from({ length: tables }, (_, i) => room.submit(sub(`setup-t${i}`, { type: 'addTable', tableId: `T${i}`, name: String(i), capacity }))),
  ]);
  for (const r of replies) expect(r.status).toBe('accepted');
}

const guest = (i: number): Command => ({ type: 'addGuest', guestId: `G${i}`, name: `Guest ${i}` });

describe('PlanRoom group commit', () => {
  it('appends commands queued while a commit is in flight in few transactions, acked in order with consecutive versions', async () => {
    const planId = newPlanId();
    const counting = countingStore(store);
    const { room, published } = await openRoom(planId, { store: counting.store });
    const first = room.submit(sub('c0', { type: 'createPlan', name: 'Group' }));
    const order: number[] = [];
    const rest = Array.from({ length: 60 }, (_, i) =>
      room.submit(sub(`c${i + 1}`, guest(i + 1))).then((r) => {
        order.push(i + 1);
        return r;
      }),
    );
    const replies = [await first, ...(await Promise.all(rest))];
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 'accepted'));
    expect(replies.map((r) => (r.status === 'accepted' ? r.version : -1))).toEqual(replies.map((_, i) => i + 1));
    expect(order).toEqual(rest.map((_, i) => i + 1));
    // 61 commands: the first alone, the 60 that queued behind it together.
    expect(counting.appends.length).toBeLessThanOrEqual(3);
    expect(counting.appends.every((a) => !a.failed)).toBe(true);
    expect(counting.appends.reduce((n, a) => n + a.records, 0)).toBe(61);
    // Published once per commit, in order, without gaps.
    expect(published.length).toBe(counting.appends.length);
    expect(published.flat().map((e) => e.version)).toEqual(replies.map((_, i) => i + 1));
    expect(await store.streamVersion(planId)).toBe(61);
    expect(stateHash(await room.snapshot())).toBe(stateHash(await foldStored(planId)));
  });

  it('rejects a refused command inside a group without dragging the others down', async () => {
    const planId = newPlanId();
    const counting = countingStore(store);
    const { room } = await openRoom(planId, { store: counting.store });
    await newPlan(room, 2, 1);
    await room.submit(sub('g1', guest(1)));
    await room.submit(sub('g2', guest(2)));
    const before = counting.appends.length;
    const replies = await Promise.all([
      room.submit(sub('a', { type: 'seatGuest', guestId: 'G1', tableId: 'T0' })),
      room.submit(sub('b', { type: 'seatGuest', guestId: 'nobody', tableId: 'T0' })), // unknown guest
      room.submit(sub('c', { type: 'seatGuest', guestId: 'G2', tableId: 'T0' })), // T0 (1 seat) was filled by a
      room.submit(sub('d', { type: 'seatGuest', guestId: 'G2', tableId: 'T1' })),
      room.submit(sub('e', { type: 'seatGuest', guestId: 'G1', tableId: 'T1' })), // already seated by a
    ]);
    const v = (await store.streamVersion(planId)) - 2;
    expect(replies).toEqual([
      { commandId: 'a', status: 'accepted', version: v + 1, events: 1 },
      { commandId: 'b', status: 'rejected', error: expect.objectContaining({ code: 'UnknownGuest' }) },
      { commandId: 'c', status: 'rejected', error: expect.objectContaining({ code: 'TableFull' }) },
      { commandId: 'd', status: 'accepted', version: v + 2, events: 1 },
      { commandId: 'e', status: 'rejected', error: expect.objectContaining({ code: 'GuestAlreadySeated' }) },
    ]);
    expect(counting.appends.length - before).toBe(1);
    // Rejected commands are stored too (so a resend gets the same answer) but own no events.
    const outcomes = await store.findCommandOutcomes(planId, ['a', 'b', 'c', 'd', 'e']);
    expect(outcomes.get('b')).toMatchObject({ status: 'rejected', error: { code: 'UnknownGuest' } });
    expect(outcomes.get('d')).toEqual({ status: 'accepted', firstVersion: v + 2, lastVersion: v + 2, eventCount: 1 });
    expect(stateHash(await room.snapshot())).toBe(stateHash(await foldStored(planId)));
  });
});

describe('PlanRoom asks again, when a change’s turn comes, whether its sender may still write', () => {
  it('refuses a command or a batch whose sender was downgraded after sending it, and applies nothing of it', async () => {
    const { room } = await openRoom(newPlanId());
    await newPlan(room);
    const version = room.version;
    let organiser = true;
    const mayWrite = () => organiser;
    organiser = false; // the owner's downgrade lands while the change waits in the queue
    expect(await room.submit(sub('late-1', guest(1), { mayWrite }))).toMatchObject({ status: 'rejected', error: { code: 'Forbidden' } });
    // a batch: downgraded while it was being built (other work ran between its slices)
    organiser = true;
    const reply = await room.submitBatch({
      commandId: 'late-b',
      batchId: 'late-B',
      actor: { id: 'name:Tester', name: 'Tester' },
      resent: false,
      kind: 'bulk',
      label: 'Batch',
      fileName: null,
      fileHash: null,
      summary: null,
      reverts: null,
      mayWrite,
      build: () => {
        organiser = false;
        return { commands: [{ type: 'addGuest', guestId: 'g-late-b', name: 'Late' } as Command] };
      },
    });
    expect(reply).toMatchObject({ status: 'rejected', error: { code: 'Forbidden' } });
    expect(room.version).toBe(version);
    // a sender still allowed is served as before
    organiser = true;
    expect(await room.submit(sub('late-2', guest(2), { mayWrite }))).toMatchObject({ status: 'accepted' });
  });
});

describe('PlanRoom keeps the listed plan name', () => {
  it('follows a rename, and catches up on load with a rename whose listed name was not written', async () => {
    const planId = newPlanId();
    const token = () => `${planId}-${Math.random().toString(36).slice(2)}`;
    await store.createPlan({ id: planId, name: 'Gala', organiseToken: token(), reviewToken: token(), createdAt: Date.now() });
    const { room } = await openRoom(planId);
    expect((await room.submit(sub('c1', { type: 'createPlan', name: 'Gala' }))).status).toBe('accepted');
    expect((await room.submit(sub('c2', { type: 'renamePlan', name: 'Winter gala' }))).status).toBe('accepted');
    await expect.poll(async () => (await store.getPlan(planId))?.name).toBe('Winter gala');
    // The server stopped between the rename's commit and the listed name (simulated): the next load writes it.
    await store.setPlanName(planId, 'Gala');
    await openRoom(planId);
    await expect.poll(async () => (await store.getPlan(planId))?.name).toBe('Winter gala');
  });
});

describe('PlanRoom idempotent command ids', () => {
  it('answers a resent id with its original outcome and never appends it twice (with or without the resent flag)', async () => {
    const planId = newPlanId();
    const counting = countingStore(store);
    const { room, published } = await openRoom(planId, { store: counting.store });
    await newPlan(room);
    const ok = await room.submit(sub('x', guest(1)));
    const no = await room.submit(sub('y', { type: 'seatGuest', guestId: 'G1', tableId: 'nowhere' }));
    expect(ok).toMatchObject({ status: 'accepted' });
    expect(no).toMatchObject({ status: 'rejected', error: { code: 'UnknownTable' } });
    const version = await store.streamVersion(planId);
    const appends = counting.appends.length;
    const events = published.flat().length;

    for (const resent of [true, false]) {
      expect(await room.submit(sub('x', guest(1), { resent }))).toEqual(ok);
      expect(await room.submit(sub('y', { type: 'seatGuest', guestId: 'G1', tableId: 'nowhere' }, { resent }))).toEqual(no);
      // a different command under a known id is still the original command
      expect(await room.submit(sub('x', { type: 'removeGuest', guestId: 'G1' }, { resent }))).toEqual(ok);
    }
    // the same id twice in one group
    const [a, b] = await Promise.all([room.submit(sub('z', guest(2))), room.submit(sub('z', guest(2)))]);
    expect(a).toMatchObject({ status: 'accepted', version: version + 1 });
    expect(b).toEqual(a);

    expect(counting.appends.length).toBe(appends + 1);
    expect(published.flat().length).toBe(events + 1);
    expect(await store.streamVersion(planId)).toBe(version + 1);
  });

  it('after a restart, answers a resent id from the store without appending', async () => {
    const planId = newPlanId();
    const { room } = await openRoom(planId);
    await newPlan(room);
    const ok = await room.submit(sub('x', guest(1)));
    const no = await room.submit(sub('y', guest(1))); // AlreadyExists
    expect(no).toMatchObject({ status: 'rejected', error: { code: 'AlreadyExists' } });
    const version = await store.streamVersion(planId);

    // A new server process: new hub, new room, same store.
    const counting = countingStore(store);
    const hub = new SyncHub({ store: counting.store });
    const restarted = await hub.room(planId);
    expect(restarted).not.toBe(room);
    expect(restarted.version).toBe(version);
    const replies = await Promise.all([
      restarted.submit(sub('x', guest(1), { resent: true })),
      restarted.submit(sub('y', guest(1), { resent: true })),
    ]);
    expect(replies).toEqual([ok, no]);
    expect(counting.appends).toEqual([]);
    expect(await store.streamVersion(planId)).toBe(version);
  });

  it('after a restart, recovers when an old id comes back WITHOUT the resent flag: the store refuses it, the room reloads', async () => {
    const planId = newPlanId();
    const { room } = await openRoom(planId);
    await newPlan(room);
    const ok = await room.submit(sub('x', guest(1)));
    const version = await store.streamVersion(planId);

    const counting = countingStore(store);
    const logs: string[] = [];
    const { room: restarted, published } = await openRoom(planId, { store: counting.store, log: (m) => logs.push(m) });
    const n0 = await restarted.submit(sub('n0', guest(5))); // known to this room's memory
    // in one group: a fresh command, the old id, a repeat of the id this room remembers, another fresh command
    const replies = await Promise.all([
      restarted.submit(sub('n1', guest(2))),
      restarted.submit(sub('x', guest(1))),
      restarted.submit(sub('n0', guest(5))),
      restarted.submit(sub('n2', { type: 'seatGuest', guestId: 'G2', tableId: 'T0' })),
    ]);
    expect(n0).toEqual({ commandId: 'n0', status: 'accepted', version: version + 1, events: 1 });
    expect(replies).toEqual([
      { commandId: 'n1', status: 'accepted', version: version + 2, events: 1 },
      ok,
      n0,
      { commandId: 'n2', status: 'accepted', version: version + 3, events: 1 },
    ]);
    // one refused append (the store's unique key), one reload, then one append of the fresh commands
    expect(counting.appends.map((a) => a.failed)).toEqual([false, true, false]);
    expect(logs.join('\n')).toMatch(/already stored/);
    expect(published.flat().map((e) => [e.version, e.meta.commandId])).toEqual([
      [version + 1, 'n0'],
      [version + 2, 'n1'],
      [version + 3, 'n2'],
    ]);
    const stored = await store.readStream(planId);
    expect(stored.filter((e) => e.meta.commandId === 'x')).toHaveLength(1);
    expect(stateHash(await restarted.snapshot())).toBe(stateHash(await foldStored(planId)));
    // and it goes on normally
    expect(await restarted.submit(sub('n3', guest(3)))).toEqual({ commandId: 'n3', status: 'accepted', version: version + 4, events: 1 });
  });

  it('charges the rebuild an old id without the resent flag costs to its sender: sent on and on, they are refused as busy', async () => {
    const planId = newPlanId();
    const { room } = await openRoom(planId);
    await newPlan(room);
    await room.submit(sub('x', guest(1)));
    const charged: number[] = [];
    const work = { owing: () => (charged.length > 0 ? 1_000 : 0), spend: (ms: number) => void charged.push(ms) };
    const { room: restarted } = await openRoom(planId);
    expect(await restarted.submit(sub('x', guest(1), { work }))).toMatchObject({ commandId: 'x', status: 'accepted' });
    // the rebuild was charged (decide time too: the sender's meter sees both) …
    expect(charged.length).toBeGreaterThan(0);
    // … so the next such id from the same connection is refused as busy, without touching the store
    expect(await restarted.submit(sub('x', guest(1), { work }))).toMatchObject({ status: 'accepted' }); // remembered now: answered
    expect(await restarted.submit(sub('z', guest(2), { work }))).toMatchObject({ status: 'rejected', error: { code: 'ServerBusy' } });
  });

  it('refuses a batch whose id is already stored without rebuilding the plan', async () => {
    const planId = newPlanId();
    let reads = 0;
    const { room } = await openRoom(planId, {
      store: {
        ...store,
        kind: store.kind,
        readStream: (...a: Parameters<EventStore['readStream']>) => (reads++, store.readStream(...a)),
      } as EventStore,
    });
    await newPlan(room);
    const batch = (commandId: string) => ({
      commandId,
      batchId: 'B1',
      actor: { id: 'name:Tester', name: 'Tester' },
      resent: false,
      kind: 'k',
      label: 'Batch',
      fileName: null,
      fileHash: null,
      summary: null,
      reverts: null,
      build: () => (builds++, { commands: [{ type: 'addGuest', guestId: `g-${commandId}`, name: commandId } as Command] }),
    });
    let builds = 0;
    expect(await room.submitBatch(batch('b1'))).toMatchObject({ status: 'accepted' });
    const before = reads;
    for (const id of ['b2', 'b3', 'b4'])
      expect(await room.submitBatch(batch(id))).toMatchObject({ status: 'rejected', error: { code: 'AlreadyExists' } });
    expect(reads).toBe(before);
    // found by its id before any work: neither built nor decided again
    expect(builds).toBe(1);
    // the same command sent again (its answer lost) gets its outcome
    expect(await room.submitBatch(batch('b1'))).toMatchObject({ commandId: 'b1', status: 'accepted' });
    expect(await room.submit(sub('after', guest(3)))).toMatchObject({ status: 'accepted' });
    expect(stateHash(await room.snapshot())).toBe(stateHash(await foldStored(planId)));
  });

  it('recovers from a lost connection during an append: everybody in the group gets Unavailable, the state is rebuilt, later commands commit', async () => {
    const planId = newPlanId();
    let fail = false;
    const counting = countingStore(store, { failNext: () => (fail ? !(fail = false) : false) });
    const { room } = await openRoom(planId, { store: counting.store, log: () => {} });
    await newPlan(room);
    const version = room.version;
    fail = true;
    const replies = await Promise.all([room.submit(sub('f1', guest(1))), room.submit(sub('f2', guest(2)))]);
    for (const r of replies) expect(r).toMatchObject({ status: 'rejected', error: { code: 'Unavailable', retryAfterMs: expect.any(Number) } });
    expect(room.version).toBe(version);
    // the same ids can be sent again: nothing of them was stored
    expect(await room.submit(sub('f1', guest(1), { resent: true }))).toEqual({
      commandId: 'f1',
      status: 'accepted',
      version: version + 1,
      events: 1,
    });
    expect(stateHash(await room.snapshot())).toBe(stateHash(await foldStored(planId)));
  });

  it('rebuilds from the store when another writer appended to the stream, then decides again', async () => {
    const planId = newPlanId();
    const { room: a } = await openRoom(planId);
    await newPlan(a);
    const { room: b } = await openRoom(planId, { log: () => {} });
    await a.submit(sub('from-a', guest(1)));
    const r = await b.submit(sub('from-b', guest(1))); // b does not know G1 yet: decided again after the reload
    expect(r).toMatchObject({ status: 'rejected', error: { code: 'AlreadyExists' } });
    const r2 = await b.submit(sub('from-b2', { type: 'seatGuest', guestId: 'G1', tableId: 'T0' }));
    expect(r2).toMatchObject({ status: 'accepted', version: await store.streamVersion(planId) });
    expect(stateHash(await b.snapshot())).toBe(stateHash(await foldStored(planId)));
  });
});

describe('PlanRoom catch-up', () => {
  // With a push window, commits are published together at its end: a joiner still gets every event exactly once.
  it.each([
    [0, false],
    [15, false],
    [0, true],
    [16, true], // the default (DEFAULT_LIMITS)
  ])(
    'a joiner sees exactly a committed version, and the commits after it, each event exactly once (push window %i ms, after acks: %s)',
    async (pushEveryMs, pushAfterAcks) => {
      const planId = newPlanId();
      const listeners: ((e: WireEvent[]) => void)[] = [];
      const commits: number[] = [0];
      const { room } = await openRoom(planId, {
        pushEveryMs,
        pushAfterAcks,
        publish: (events) => {
          commits.push(events.at(-1)!.version);
          for (const l of listeners) l(events);
        },
      });
      const submits: Promise<CommandReply>[] = [room.submit(sub('p', { type: 'createPlan', name: 'Catch-up' }))];
      const joins: Promise<{ seen: WireEvent[]; version: number; state: PlanState }>[] = [];
      for (let i = 1; i <= 40; i++) {
        submits.push(room.submit(sub(`c${i}`, guest(i))));
        if (i % 7 === 0) await new Promise((r) => setTimeout(r, 1));
        if (i % 5 === 0) {
          const seen: WireEvent[] = [];
          joins.push(
            room
              .catchUp(0, () => listeners.push((e) => seen.push(...e)))
              .then((c) => {
                seen.unshift(...c.events);
                const state = initialState();
                for (const e of c.events) evolve(state, e.event);
                return { seen, version: c.version, state };
              }),
          );
        }
      }
      await Promise.all(submits);
      const results = await Promise.all(joins);
      const final = await room.snapshot();
      expect(final.version).toBe(41);
      await new Promise((r) => setTimeout(r, pushEveryMs + 20)); // the last window's events go out at its end
      for (const { seen, version, state } of results) {
        expect(commits).toContain(version); // a commit boundary, never the middle of a group
        expect(state.version).toBe(version);
        expect(seen.map((e) => e.version)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
      }
      expect(stateHash(results.at(-1)!.state)).not.toBe('');
    },
  );

  it('serves catch-up from memory, from the store when memory does not reach back, and a snapshot when far behind', async () => {
    const planId = newPlanId();
    const { room } = await openRoom(planId);
    await Promise.all([
      room.submit(sub('p', { type: 'createPlan', name: 'Far' })),
      ...Array.from({ length: 30 }, (_, i) => room.submit(sub(`c${i}`, guest(i)))),
    ]);
    // a restarted room keeping only 5 recent events
    const { room: small } = await openRoom(planId, { recentEvents: 5 });
    const fromMemory = await small.catchUp(28);
    expect(fromMemory.events.map((e) => e.version)).toEqual([29, 30, 31]);
    const fromStore = await small.catchUp(3);
    expect(fromStore.events.map((e) => e.version)).toEqual(Array.from({ length: 28 }, (_, i) => i + 4));
    expect(fromStore.snapshot).toBeNull();
    const far = await small.catchUp(0, () => {}, 10);
    expect(far.events).toEqual([]);
    expect(far.snapshot?.version).toBe(31);
    expect(stateHash(decodeState(far.snapshot!.state))).toBe(stateHash(await foldStored(planId)));
    const upToDate = await small.catchUp(31);
    expect(upToDate).toEqual({ version: 31, events: [], snapshot: null });
  });

  it('gives a client that claims to be AHEAD of the server (a reset or another plan) the real state', async () => {
    const planId = newPlanId();
    const { room } = await openRoom(planId);
    await newPlan(room);
    const caught = await room.catchUp(1000);
    expect(caught.version).toBe(3);
    expect(caught.snapshot?.version).toBe(3);
    expect(stateHash(decodeState(caught.snapshot!.state))).toBe(stateHash(await foldStored(planId)));
  });

  it('loads from a saved snapshot plus the events after it', async () => {
    const planId = newPlanId();
    const { room } = await openRoom(planId, { snapshotEvery: 10 });
    await Promise.all([
      room.submit(sub('p', { type: 'createPlan', name: 'Snap' })),
      ...Array.from({ length: 12 }, (_, i) => room.submit(sub(`c${i}`, guest(i)))),
    ]);
    await room.submit(sub('last', guest(99)));
    // the snapshot is saved in the background: wait for it
    for (let i = 0; i < 100 && !(await store.loadSnapshot(planId, 1)); i++) await new Promise((r) => setTimeout(r, 20));
    expect((await store.loadSnapshot<PlanState>(planId, EVOLVE_VERSION))?.version).toBeGreaterThanOrEqual(10);
    const { room: reloaded } = await openRoom(planId);
    expect(reloaded.version).toBe(14);
    expect(stateHash(await reloaded.snapshot())).toBe(stateHash(await foldStored(planId)));
    const caught = await reloaded.catchUp(2);
    expect(caught.events.map((e) => e.version)).toEqual(Array.from({ length: 12 }, (_, i) => i + 3));
  });
});
