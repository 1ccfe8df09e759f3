import { openMemoryStore } from '@seatfold/store/testing';
import { type EventStore } from '@seatfold/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type JoinReply, type WireEvent } from '../protocol.ts';
import { SyncHub } from './hub.ts';

let store: EventStore;
beforeAll(async () => {
  store = await openMemoryStore();
});
afterAll(async () => {
  await store?.close();
});

let n = 0;
const id = (p: string) => `${p}-${++n}-${Math.random().toString(36).slice(2, 7)}`;

/** A connection that records the events pushed to it. */
function peer(hub: SyncHub) {
  const pushes: WireEvent[][] = [];
  const session = hub.connect({
    handshake: { headers: {}, address: '127.0.0.1' },
    send: (type: string, payload: unknown) => void (type === 'events' && pushes.push(payload as WireEvent[])),
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
    expect(reply.events.map((e) => e.version)).toEqual([1]);
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
    expect(current.events).toEqual([]);
  });
});
