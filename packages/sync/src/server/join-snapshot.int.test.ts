import { stateHash, type Command } from '@seatfold/domain';
import { openMemoryStore } from '@seatfold/store/testing';
import { type EventStore } from '@seatfold/store';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bareHolder, SyncClient } from '../client-engine.ts';
import { clientReducer } from '../client-state.ts';
import { decodeState, PROTOCOL_VERSION, type JoinReply } from '../protocol.ts';
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

/** A new connection joins the plan at version 0; answers the snapshot its reply carries (none is an error). */
async function snapshotJoin(hub: SyncHub, token: string, clientId: string) {
  const s = hub.connect({ handshake: { headers: {}, address: '127.0.0.1' }, send: () => {} });
  const reply = (await s.handle('join', { protocol: PROTOCOL_VERSION, token, clientId, userName: 'J', lastVersion: 0 })) as JoinReply;
  if (!reply.ok || !reply.snapshot) throw new Error(`join without a snapshot: ${JSON.stringify(reply).slice(0, 200)}`);
  return reply.snapshot;
}

describe('join snapshots', () => {
  it('encodes the state once per version for every far-behind joiner, and again after the next commit', async () => {
    const hub = new SyncHub({ store, snapshotEvery: 0 });
    const { token, room } = await bigPlan(hub);
    const encodings = countStateEncodings();
    const join = (clientId: string) => snapshotJoin(hub, token, clientId);
    const first = await Promise.all(Array.from({ length: 40 }, (_, i) => join(`a${i}`)));
    expect(encodings.count).toBe(1);
    expect(new Set(first.map((s) => s.state)).size).toBe(1); // the very same bytes for everybody
    expect(first[0]!.state).toBeInstanceOf(Uint8Array);
    expect(new Set(first.map((s) => s.version))).toEqual(new Set([room.version]));
    expect(stateHash(decodeState(first[0]!.state))).toBe(stateHash(await room.snapshot()));

    // a commit makes it stale: the next joiners get the new version, encoded once more
    const c = await room.submit({
      commandId: id('c'),
      command: { type: 'addGuest', guestId: 'late', name: 'Late' },
      batchId: null,
      actor: { id: 'name:A', name: 'A' },
      resent: false,
    });
    expect(c.status).toBe('accepted');
    const second = await Promise.all(Array.from({ length: 10 }, (_, i) => join(`b${i}`)));
    expect(encodings.count).toBe(2);
    expect(new Set(second.map((s) => s.state)).size).toBe(1);
    expect(second[0]!.version).toBe(first[0]!.version + 1);
    const decoded = decodeState(second[0]!.state);
    expect(decoded.guests.late?.name).toBe('Late');
    expect(stateHash(decoded)).toBe(stateHash(await room.snapshot()));
  });

  it('lets the encoded state go once no far-behind joiner came for joinSnapshotMs, and encodes it again for the next', async () => {
    const hub = new SyncHub({ store, snapshotEvery: 0, joinSnapshotMs: 300 });
    const { token, room } = await bigPlan(hub, 1100);
    const encodings = countStateEncodings();
    const join = (clientId: string) => snapshotJoin(hub, token, clientId);
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
