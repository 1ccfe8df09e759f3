import { stateHash, type Command } from '@seatfold/domain';
import { openMemoryStore } from '@seatfold/store/testing';
import { type EventStore } from '@seatfold/store';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bareHolder, SyncClient } from '../client-engine.ts';
import { clientReducer, decodeJoined } from '../client-state.ts';
import { decodeState, PROTOCOL_VERSION, FrameReader, unframe, type EventFrame, type JoinReply, type WireEvent } from '../protocol.ts';
import { memoryLink } from '../testing/index.ts';
import { SyncHub } from './hub.ts';

let store: EventStore;
beforeAll(async () => {
  store = await openMemoryStore();
});
afterAll(async () => {
  await store?.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Every commit pushed as it lands (from a setImmediate): nothing held for a push window when a joiner comes. */
const PUSH_AT_ONCE = { eventPushMs: 0 };
/** The shared encoding outlives a loaded machine's slow commits here (its expiry has a test of its own). */
const KEPT = 60_000;

let n = 0;
const id = (p: string) => `${p}-${++n}-${Math.random().toString(36).slice(2, 7)}`;

/** A plan far longer than a catch-up by events (1,000): a join at lastVersion 0 gets a snapshot. */
async function bigPlan(hub: SyncHub, guests = 1200) {
  const planId = id('plan');
  const token = id('org');
  await store.createPlan({ id: planId, name: 'Big', organiseToken: token, reviewToken: id('rev'), createdAt: Date.now() });
  const room = await hub.room(planId);
  const commands: Command[] = [
    { type: 'createPlan', name: 'Big' },
    ...Array.from({ length: guests }, (_, i): Command => ({ type: 'addGuest', guestId: `g${i}`, name: `Guest ${i}` })),
  ];
  const r = await room.submitBatch({
    commandId: id('seed'),
    batchId: id('batch'),
    actor: { id: 'name:Seatfold', name: 'Seatfold' },
    resent: false,
    kind: 'seed',
    label: 'Seed',
    fileName: null,
    fileHash: null,
    summary: null,
    reverts: null,
    build: () => ({ commands }),
  });
  expect(r.status).toBe('accepted');
  return { planId, token, room };
}

/** Counts JSON.stringify calls on plan states (objects with a version and guests): one per encoding of a snapshot. */
function countStateEncodings() {
  const original = JSON.stringify;
  const counter = { count: 0 };
  vi.spyOn(JSON, 'stringify').mockImplementation(function (this: unknown, value: unknown, ...rest: unknown[]) {
    if (value && typeof value === 'object' && 'guests' in value && 'version' in value) counter.count++;
    return (original as (...a: unknown[]) => string).call(JSON, value, ...rest);
  } as typeof JSON.stringify);
  return counter;
}

type SnapshotReply = Extract<JoinReply, { ok: true }> & { snapshot: NonNullable<Extract<JoinReply, { ok: true }>['snapshot']> };

/** A new connection joins the plan at version 0; answers its reply, which must carry a snapshot. */
async function joinAtZero(hub: SyncHub, token: string, clientId: string): Promise<SnapshotReply> {
  const s = hub.connect({ handshake: { headers: {}, address: '127.0.0.1' }, send: () => {} });
  // one person each (tokenAdmit's actor is the name): one person may have only so many sockets in a plan
  const reply = (await s.handle('join', { protocol: PROTOCOL_VERSION, token, clientId, userName: `J ${clientId}`, lastVersion: 0 })) as JoinReply;
  if (!reply.ok || !reply.snapshot) throw new Error(`join without a snapshot: ${JSON.stringify(reply).slice(0, 200)}`);
  return reply as SnapshotReply;
}

/** Commits `count` new guests one command at a time; answers their ids. */
async function addGuests(room: Awaited<ReturnType<SyncHub['room']>>, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const guestId = id('late');
    const r = await room.submit({
      commandId: id('c'),
      command: { type: 'addGuest', guestId, name: `Late ${i}` },
      batchId: null,
      actor: { id: 'name:A', name: 'A' },
      resent: false,
    });
    expect(r.status).toBe('accepted');
    ids.push(guestId);
  }
  // the push of the last commit (from a setImmediate queued before this one) has gone out
  await new Promise((resolve) => setImmediate(resolve));
  return ids;
}

describe('join snapshots', () => {
  it('encodes the state once for every far-behind joiner, and sends later joiners the same bytes with the events since', async () => {
    const hub = new SyncHub({ store, snapshotEvery: 0, joinSnapshotMs: KEPT, limits: PUSH_AT_ONCE });
    const { token, room } = await bigPlan(hub);
    const encodings = countStateEncodings();
    const join = (clientId: string) => joinAtZero(hub, token, clientId);
    const first = await Promise.all(Array.from({ length: 40 }, (_, i) => join(`a${i}`)));
    expect(encodings.count).toBe(1);
    expect(new Set(first.map((r) => r.snapshot.state)).size).toBe(1); // the very same bytes for everybody
    expect(first[0]!.snapshot.state).toBeInstanceOf(Uint8Array);
    expect(new Set(first.map((r) => r.snapshot.version))).toEqual(new Set([room.version]));
    expect(first.every((r) => unframe(r.events).length === 0)).toBe(true);
    expect(stateHash(decodeState(first[0]!.snapshot.state))).toBe(stateHash(await room.snapshot()));

    // commits since: the next joiners get the same bytes and the events after them, and fold to the server's state
    const added = await addGuests(room, 3);
    const second = await Promise.all(Array.from({ length: 10 }, (_, i) => join(`b${i}`)));
    expect(encodings.count).toBe(1);
    expect(second[0]!.snapshot.state).toBe(first[0]!.snapshot.state);
    expect(second[0]!.version).toBe(first[0]!.snapshot.version + 3);
    expect(unframe(second[0]!.events).map((e) => e.version)).toEqual([1, 2, 3].map((i) => first[0]!.snapshot.version + i));
    const joined = clientReducer(undefined, { type: 'sync/joined', payload: decodeJoined(second[0]!) });
    expect(joined.needsResync).toBe(false);
    expect(joined.confirmed.guests[added[2]!]?.name).toBe('Late 2');
    expect(stateHash(joined.confirmed)).toBe(stateHash(await room.snapshot()));
  });

  it('encodes the state again once the shared bytes are more than 200 events behind', async () => {
    const hub = new SyncHub({ store, snapshotEvery: 0, joinSnapshotMs: KEPT, limits: PUSH_AT_ONCE });
    const { token, room } = await bigPlan(hub, 1100);
    const encodings = countStateEncodings();
    const first = await joinAtZero(hub, token, 'a');
    await addGuests(room, 200);
    const within = await joinAtZero(hub, token, 'b');
    expect(encodings.count).toBe(1);
    expect(unframe(within.events)).toHaveLength(200);
    await addGuests(room, 1);
    const beyond = await joinAtZero(hub, token, 'c');
    expect(encodings.count).toBe(2);
    expect(beyond.snapshot.state).not.toBe(first.snapshot.state);
    expect(beyond.snapshot.version).toBe(room.version);
    expect(unframe(beyond.events)).toEqual([]);
    expect(stateHash(decodeState(beyond.snapshot.state))).toBe(stateHash(await room.snapshot()));
  });

  it("answers a page's state request with the current version, never older bytes", async () => {
    const hub = new SyncHub({ store, snapshotEvery: 0, joinSnapshotMs: KEPT });
    const { token, room } = await bigPlan(hub, 1100);
    const encodings = countStateEncodings();
    const first = await joinAtZero(hub, token, 'a');
    await addGuests(room, 2);
    const page = await room.encoded();
    expect(encodings.count).toBe(2);
    expect(page.version).toBe(first.snapshot.version + 2);
    expect(stateHash(decodeState(page.state))).toBe(stateHash(await room.snapshot()));
    // and later joiners share those newer bytes
    const later = await joinAtZero(hub, token, 'b');
    expect(later.snapshot.state).toBe(page.state);
    expect(encodings.count).toBe(2);
  });

  it('lets the encoded state go once no far-behind joiner came for joinSnapshotMs, and encodes it again for the next', async () => {
    const hub = new SyncHub({ store, snapshotEvery: 0, joinSnapshotMs: 300 });
    const { token, room } = await bigPlan(hub, 1100);
    const encodings = countStateEncodings();
    const join = async (clientId: string) => (await joinAtZero(hub, token, clientId)).snapshot;
    const first = await join('a');
    expect(encodings.count).toBe(1);
    // the room's timer was set before this one and is due earlier, so it has fired when this wait ends
    await new Promise((r) => setTimeout(r, 600));
    const later = await join('b');
    expect(encodings.count).toBe(2);
    expect(later.state).not.toBe(first.state);
    expect(later.version).toBe(room.version);
    expect(stateHash(decodeState(later.state))).toBe(stateHash(await room.snapshot()));
  });

  it('brings every joiner at lastVersion 0 to the same state as the server', async () => {
    const hub = new SyncHub({ store, snapshotEvery: 0 });
    const { token, room } = await bigPlan(hub, 1100);
    const clients = Array.from({ length: 25 }, (_, i) => {
      const link = memoryLink(hub, { delay: () => Math.floor(Math.random() * 3) });
      const holder = bareHolder(clientReducer);
      const sync = new SyncClient({ transport: link.transport, holder, token, clientId: `c${i}`, userName: `C${i}`, newId: () => id('cmd') });
      sync.start();
      return { sync, holder };
    });
    // one of them changes something while the others join
    const until = Date.now() + 60_000;
    while (!clients.every((c) => c.sync.isLive)) {
      if (Date.now() > until) throw new Error('joins did not finish');
      await new Promise((r) => setTimeout(r, 10));
    }
    clients[0]!.sync.issue({ type: 'addGuest', guestId: 'extra', name: 'Extra' });
    const server = () => room.version;
    while (!clients.every((c) => c.holder.getState().confirmed.version === server() && server() === 1102)) {
      if (Date.now() > until) throw new Error('clients did not converge');
      await new Promise((r) => setTimeout(r, 10));
    }
    const hash = stateHash(await room.snapshot());
    for (const c of clients) expect(stateHash(c.holder.getState().confirmed)).toBe(hash);
  });
});

/** A connection that records the events pushed to it. */
function peer(hub: SyncHub) {
  const pushes: WireEvent[][] = [];
  const frames = new FrameReader();
  const session = hub.connect({
    handshake: { headers: {}, address: '127.0.0.1' },
    send: (type: string, payload: unknown) => void (type === 'events' && pushes.push(frames.read(payload as EventFrame)!)),
  });
  return { session, pushes };
}

async function until(ok: () => boolean, what: string) {
  const end = Date.now() + 10_000;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('a join and the push window', () => {
  it('does not push held commits early: the reply stops at the last push, the next push brings the joiner the rest once', async () => {
    // a window long enough that the second and third commits are surely still held when the joiner comes
    const hub = new SyncHub({ store, snapshotEvery: 0, limits: { eventPushMs: 3000 } });
    const planId = id('plan');
    const token = id('org');
    await store.createPlan({ id: planId, name: 'P', organiseToken: token, reviewToken: id('rev'), createdAt: Date.now() });
    const room = await hub.room(planId);
    const join = (p: ReturnType<typeof peer>, lastVersion: number) =>
      p.session.handle('join', { protocol: PROTOCOL_VERSION, token, clientId: id('c'), userName: 'J', lastVersion }) as Promise<JoinReply>;
    const commit = async (guestId: string) => {
      const r = await room.submit({
        commandId: id('cmd'),
        command: guestId === 'plan' ? { type: 'createPlan', name: 'P' } : { type: 'addGuest', guestId, name: guestId },
        batchId: null,
        actor: { id: 'name:A', name: 'A' },
        resent: false,
      });
      expect(r.status).toBe('accepted');
    };

    const first = peer(hub);
    expect((await join(first, 0)).ok).toBe(true);
    await commit('plan'); // after a quiet spell: pushed at once
    await until(() => first.pushes.length === 1, 'the first push');
    await commit('g1'); // within the window: held
    await commit('g2');
    expect(room.version).toBe(3);

    const joiner = peer(hub);
    const reply = await join(joiner, 0);
    if (!reply.ok) throw new Error(reply.error.message);
    // as far as the subscribers have been sent, and no push went out for the join
    expect(reply.version).toBe(1);
    expect(unframe(reply.events).map((e) => e.version)).toEqual([1]);
    expect(first.pushes).toHaveLength(1);

    // the window's push brings both the held commits, to the old subscriber and the joiner alike, once
    await until(() => first.pushes.length === 2 && joiner.pushes.length === 1, 'the held commits');
    expect(joiner.pushes[0]!.map((e) => e.version)).toEqual([2, 3]);
    expect(first.pushes[1]!.map((e) => e.version)).toEqual([2, 3]);

    // a joiner whose page already had the held commits (a state request answers the current version) is told it
    // is current; the push brings what it lacks and the client ignores what it has
    await commit('g3');
    const page = peer(hub);
    const current = await join(page, 4);
    if (!current.ok) throw new Error(current.error.message);
    expect(current.version).toBe(4);
    expect(unframe(current.events)).toEqual([]);
  });
});

describe("a join's reads", () => {
  it('reads the plan once: the admission names it, and the session does not look it up again', async () => {
    const hub = new SyncHub({ store });
    const { planId, token } = await bigPlan(hub, 10);
    const byToken = vi.spyOn(store, 'findPlanByToken');
    const byId = vi.spyOn(store, 'getPlan');
    const s = hub.connect({ handshake: { headers: {}, address: '127.0.0.1' }, send: () => {} });
    const reply = await s.handle('join', { protocol: PROTOCOL_VERSION, token, clientId: id('c'), userName: 'J', lastVersion: 0 });
    expect(reply).toMatchObject({ ok: true, planId, planName: 'Big' });
    expect(byToken).toHaveBeenCalledTimes(1);
    expect(byId).not.toHaveBeenCalled();
  });

  it('holds whole states to the server’s budget of bytes fairly: past it, only an address that has used little of its own share gets one', async () => {
    let now = 1_000_000;
    // the size of the plan's whole state, measured once
    const measure = new SyncHub({ store, snapshotEvery: 0, joinSnapshotMs: KEPT, limits: PUSH_AT_ONCE });
    const { token } = await bigPlan(measure);
    const sized = (await measure.connect({ handshake: { headers: {}, address: '10.9.9.9' }, send: () => {} }).handle('join', {
      protocol: PROTOCOL_VERSION,
      token,
      clientId: id('c'),
      userName: 'M',
      lastVersion: 0,
    })) as JoinReply & { ok: true };
    const state = sized.snapshot!.state;
    const size = typeof state === 'string' ? state.length : state.byteLength;
    const hub = new SyncHub({
      store,
      snapshotEvery: 0,
      joinSnapshotMs: KEPT,
      now: () => now,
      // the server's budget (and its reserve) is spent by any one state
      limits: { ...PUSH_AT_ONCE, stateBytesServer: { perSecond: 1_000, burst: 1_000 } },
    });
    const joinFrom = async (address: string, lastVersion = 0) => {
      const s = hub.connect({ handshake: { headers: {}, address }, send: () => {} });
      return (await s.handle('join', { protocol: PROTOCOL_VERSION, token, clientId: id('c'), userName: `J ${address}`, lastVersion })) as JoinReply;
    };
    const sent = (r: JoinReply) => r.ok && r.snapshot !== null;
    // the first is sent whole (it may overdraw the budget: what it costs is known once it is made)
    const first = await joinFrom('10.0.0.1');
    expect(sent(first)).toBe(true);
    // the same address again, past the server's budget: it waits, told it is the server's doing
    const busyServer = await joinFrom('10.0.0.1');
    expect(busyServer).toMatchObject({ ok: false, error: { code: 'ServerBusy', message: expect.stringMatching(/^Seatfold is sending many plans/) } });
    expect(!busyServer.ok && busyServer.error.retryAfterMs).toBeGreaterThan(0);
    // an address that has had none lately gets its plan from the reserve, however busy the server's budget
    expect(sent(await joinFrom('10.0.0.2'))).toBe(true);
    // the reserve is bounded too: spent, the next such address waits
    expect(await joinFrom('10.0.0.3')).toMatchObject({ ok: false, error: { code: 'ServerBusy' } });
    // a join near the head sends no whole state: never held
    expect(await joinFrom('10.0.0.4', first.ok ? first.version : 0)).toMatchObject({ ok: true, snapshot: null });
    // once the server's bytes (and the reserve's) are paid off, the first address is served again
    now += 3 * size + 20_000;
    expect(sent(await joinFrom('10.0.0.1'))).toBe(true);

    // An address past its own share, the server's budget aside, is told it is its network's doing.
    const own = new SyncHub({
      store,
      snapshotEvery: 0,
      joinSnapshotMs: KEPT,
      now: () => now,
      limits: { ...PUSH_AT_ONCE, stateBytesPerAddress: { perSecond: 1_000, burst: size } },
    });
    const ownJoin = async () =>
      (await own.connect({ handshake: { headers: {}, address: '10.0.0.4' }, send: () => {} }).handle('join', {
        protocol: PROTOCOL_VERSION,
        token,
        clientId: id('c'),
        userName: 'O',
        lastVersion: 0,
      })) as JoinReply;
    expect(sent(await ownJoin())).toBe(true);
    expect(await ownJoin()).toMatchObject({ ok: false, error: { code: 'ServerBusy', message: expect.stringMatching(/from your network/) } });
  });
});
