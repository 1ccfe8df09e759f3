import { type EventStore } from '@seatfold/store';
import { openMemoryStore } from '@seatfold/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bareHolder, SyncClient } from '../client-engine.ts';
import { clientReducer } from '../client-state.ts';
import { frame, PROTOCOL_VERSION, type JoinReply, type Presence, type PresenceChange } from '../protocol.ts';
import { PresenceList } from '../presence-list.ts';
import { memoryLink } from '../testing/index.ts';
import { loopFanout, SyncHub, type Fanout, type Peer } from './hub.ts';

let store: EventStore;
beforeAll(async () => {
  store = await openMemoryStore();
});
afterAll(async () => {
  await store?.close();
});

let n = 0;
const id = (p: string) => `${p}-${++n}-${Math.random().toString(36).slice(2, 7)}`;

/** A fanout that delivers like the default one and counts the presence traffic: published once, delivered per peer. */
function countingFanout() {
  const inner = loopFanout();
  const members = new Map<string, Set<Peer>>();
  const stats = { messages: 0, entries: 0, bytes: 0, deliveredBytes: 0, perPeer: new Map<Peer, number>() };
  const fanout: Fanout = {
    add: (planId, peer) => {
      inner.add(planId, peer);
      (members.get(planId) ?? members.set(planId, new Set()).get(planId)!).add(peer);
    },
    remove: (planId, peer) => {
      inner.remove(planId, peer);
      members.get(planId)?.delete(peer);
    },
    publish: (planId, event, payload) => {
      if (event === 'presence') {
        // (protocol 1 sent the whole list: counted as entries too, so the old behaviour can be measured)
        const change = payload as PresenceChange | Presence[];
        const bytes = JSON.stringify(payload).length;
        stats.messages++;
        stats.entries += Array.isArray(change) ? change.length : change.joined.length + change.left.length;
        stats.bytes += bytes;
        for (const peer of members.get(planId) ?? []) {
          stats.deliveredBytes += bytes;
          stats.perPeer.set(peer, (stats.perPeer.get(peer) ?? 0) + bytes);
        }
      }
      inner.publish(planId, event, payload);
    },
  };
  return { fanout, stats };
}

async function newPlan(hub: SyncHub) {
  const planId = id('plan');
  const token = id('org');
  await store.createPlan({ id: planId, name: 'P', organiseToken: token, reviewToken: id('rev'), createdAt: Date.now() });
  await (
    await hub.room(planId)
  ).submit({
    commandId: id('c'),
    command: { type: 'createPlan', name: 'P' },
    batchId: null,
    actor: { id: 'name:Seatfold', name: 'Seatfold' },
    resent: false,
  });
  return { planId, token };
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** An app-like client over the in-memory transport: the online list it was last handed, and its join replies' lists. */
function client(hub: SyncHub, token: string, clientId: string, userName: string) {
  const link = memoryLink(hub);
  const c = { link, clientId, userName, online: [] as Presence[], joinBytes: 0, sync: null as unknown as SyncClient };
  const request = link.transport.request.bind(link.transport);
  link.transport.request = async (type, req) => {
    const reply = await request(type, req);
    if (type === 'join' && 'ok' in reply && reply.ok && 'online' in reply) c.joinBytes += JSON.stringify(reply.online).length;
    return reply;
  };
  c.sync = new SyncClient({
    transport: link.transport,
    holder: bareHolder(clientReducer),
    token,
    clientId,
    userName,
    newId: () => id('cmd'),
    onPresence: (online) => (c.online = online),
  });
  c.sync.start();
  return c;
}

const names = (list: Presence[]) => list.map((p) => `${p.clientId}/${p.userName}/${p.role}`).sort();

describe('presence', () => {
  /** `count` clients join one plan one after another; returns the traffic once everybody sees everybody. */
  async function crowd(count: number) {
    const { fanout, stats } = countingFanout();
    const hub = new SyncHub({ store, fanout, presenceIntervalMs: 20 });
    const { planId, token } = await newPlan(hub);
    const clients: ReturnType<typeof client>[] = [];
    for (let i = 0; i < count; i++) {
      const c = client(hub, token, `client-${i}`, `Guest ${i}`);
      await waitFor(`client ${i} live`, () => c.sync.isLive);
      clients.push(c);
    }
    const expected = names(hub.whoIsOnline(planId));
    expect(expected).toHaveLength(count);
    await waitFor('every client to see everybody', () => clients.every((c) => names(c.online).join() === expected.join()));
    // what one socket received at most: its presence messages plus its join reply's list
    const maxReceived = Math.max(...stats.perPeer.values()) + Math.max(...clients.map((c) => c.joinBytes));
    return { hub, planId, token, clients, stats, maxReceived };
  }

  it('sends each arrival once: published traffic grows linearly with the sockets, each socket receives O(N)', async () => {
    const small = await crowd(30);
    const large = await crowd(60);
    for (const [size, r] of [
      [30, small],
      [60, large],
    ] as const) {
      expect(r.stats.entries).toBe(size); // each arrival announced once, whatever the timing
      expect(r.stats.messages).toBeLessThanOrEqual(size);
    }
    // Twice the sockets: about twice the bytes published (a full list per arrival would be four times).
    expect(large.stats.bytes / small.stats.bytes).toBeLessThan(2.5);
    // One socket learns about N people: its traffic is a small multiple of one list, not N lists.
    const oneList = JSON.stringify(large.hub.whoIsOnline(large.planId)).length;
    expect(large.maxReceived).toBeLessThan(3 * oneList);
    console.log(
      `presence: 30 sockets → ${small.stats.messages} messages, ${small.stats.bytes} B published, ${small.stats.deliveredBytes} B delivered; ` +
        `60 sockets → ${large.stats.messages} messages, ${large.stats.bytes} B published, ${large.stats.deliveredBytes} B delivered`,
    );
  });

  it('keeps every client’s list the same and correct through leaves, a disconnect, a plan switch and rejoins', async () => {
    const { hub, planId, clients } = await crowd(12);
    const other = await newPlan(hub);
    // four leave by disconnecting, one switches to another plan (a leave without a disconnect)
    for (const c of clients.slice(0, 4)) c.link.disconnect();
    const switcher = clients[4]!;
    const replies = await switcher.link.transport.request('join', {
      protocol: PROTOCOL_VERSION,
      token: other.token,
      clientId: 'client-4',
      userName: 'Guest 4',
      lastVersion: 0,
    });
    expect(replies.ok && names(replies.online)).toEqual(['client-4/Guest 4/organise']);
    const stay = clients.slice(5);
    const expected = () => names(hub.whoIsOnline(planId));
    expect(expected()).toEqual(
      names(stay.map((c) => ({ clientId: c.clientId, userName: c.userName, actorId: `name:${c.userName}`, role: 'organise' as const }))),
    );
    await waitFor('the leaves at every remaining client', () => stay.every((c) => names(c.online).join() === expected().join()));

    // a client reconnects: it rejoins and sees itself once, and so does everybody else
    const back = clients[0]!;
    back.link.reconnect();
    await waitFor('the reconnect', () => back.sync.isLive);
    await waitFor('the rejoin everywhere', () => [back, ...stay].every((c) => names(c.online).join() === expected().join()));
    expect(names(back.online).filter((x) => x.startsWith('client-0/'))).toHaveLength(1);
    expect(expected()).toHaveLength(stay.length + 1);
  });

  it('lists a tab once while its old connection lingers after a reconnect, and drops it when both are gone', async () => {
    const { fanout } = countingFanout();
    const hub = new SyncHub({ store, fanout, presenceIntervalMs: 20 });
    const { planId, token } = await newPlan(hub);
    const watcher = client(hub, token, 'watcher', 'Wendy');
    await waitFor('watcher live', () => watcher.sync.isLive);
    const join = (clientId: string) => ({ protocol: PROTOCOL_VERSION, token, clientId, userName: 'Tab', lastVersion: 0 });
    const old = hub.connect({ handshake: { headers: {}, address: '127.0.0.1' }, send: () => {} });
    expect(await old.handle('join', join('tab'))).toMatchObject({ ok: true });
    // the same connection joins again (a resync), then a second connection of the same tab joins before the first closes
    expect(await old.handle('join', join('tab'))).toMatchObject({ ok: true });
    const fresh = hub.connect({ handshake: { headers: {}, address: '127.0.0.1' }, send: () => {} });
    const reply = (await fresh.handle('join', join('tab'))) as JoinReply;
    expect(reply.ok && reply.online.filter((p) => p.clientId === 'tab')).toHaveLength(1);
    expect(reply.ok && reply.online[0]?.clientId).toBe('tab'); // the joiner first
    expect(reply.ok && reply.onlineCount).toBe(2);
    await waitFor('the tab at the watcher', () => names(watcher.online).join() === ['tab/Tab/organise', 'watcher/Wendy/organise'].join());
    old.close();
    await new Promise((r) => setTimeout(r, 60)); // longer than the interval: a wrong 'left' would have been sent
    await waitFor('the watcher to settle', () => names(watcher.online).join() === names(hub.whoIsOnline(planId)).join());
    expect(names(watcher.online)).toEqual(['tab/Tab/organise', 'watcher/Wendy/organise']);
    fresh.close();
    await waitFor('the tab gone at the watcher', () => names(watcher.online).join() === 'watcher/Wendy/organise');
  });

  it('keeps a change that arrives before its join reply is read (one socket read can hold both)', async () => {
    const list = new PresenceList();
    const ann: Presence = { clientId: 'a', userName: 'Ann', actorId: 'name:Ann', role: 'organise' };
    const bob: Presence = { clientId: 'b', userName: 'Bob', actorId: 'name:Bob', role: 'review' };
    const cy: Presence = { clientId: 'c', userName: 'Cy', actorId: 'name:Cy', role: 'organise' };
    let answer!: (r: JoinReply) => void;
    const joined = list.join(() => new Promise<JoinReply>((r) => (answer = r)));
    // the reply (computed with Ann and Cy) is on its way; Bob's arrival and Cy's leaving were sent right after it
    answer({
      ok: true,
      planId: 'p',
      planName: 'P',
      role: 'organise',
      you: { id: 'name:Ann', name: 'Ann' },
      version: 0,
      events: frame([]),
      snapshot: null,
      online: [ann, cy],
      onlineCount: 2,
    });
    list.apply({ joined: [bob], left: [cy] });
    const reply = await joined;
    expect(reply.ok && names(reply.online)).toEqual(names([ann, bob]));
    expect(names(list.list)).toEqual(names([ann, bob]));
    expect(names(list.apply({ joined: [], left: [ann] }))).toEqual(names([bob]));
  });

  it('bounds the list in a join reply and counts the rest', async () => {
    // 205 people at once: more than the server's join budget and its reserve let in at once (Limits.joinsServer)
    const hub = new SyncHub({ store, presenceIntervalMs: 20, limits: { joinsServer: { perSecond: 1e9, burst: 1e9 } } });
    const { token } = await newPlan(hub);
    for (let i = 0; i < 205; i++) {
      // each from an address of their own (one address may join at most 60 times at once: joinsPerAddress)
      const s = hub.connect({ handshake: { headers: {}, address: `10.0.${i >> 8}.${i & 255}` }, send: () => {} });
      expect(await s.handle('join', { protocol: PROTOCOL_VERSION, token, clientId: `c${i}`, userName: `N${i}`, lastVersion: 0 })).toMatchObject({
        ok: true,
      });
    }
    const last = hub.connect({ handshake: { headers: {}, address: '127.0.0.1' }, send: () => {} });
    const reply = (await last.handle('join', { protocol: PROTOCOL_VERSION, token, clientId: 'me', userName: 'Me', lastVersion: 0 })) as JoinReply;
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.online).toHaveLength(200);
    expect(reply.online[0]).toEqual({ clientId: 'me', userName: 'Me', actorId: 'name:Me', role: 'organise' });
    expect(reply.you).toEqual({ id: 'name:Me', name: 'Me' });
    expect(reply.onlineCount).toBe(206);
  });
});
