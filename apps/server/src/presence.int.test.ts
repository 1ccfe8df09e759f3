import { stateHash, type Command } from '@seatfold/domain';
import type { EventStore } from '@seatfold/store';
import {
  bareHolder,
  clientReducer,
  decodeState,
  PROTOCOL_VERSION,
  socketTransport,
  SyncClient,
  unframe,
  type JoinReply,
  type Presence,
} from '@seatfold/sync';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan } from './plans.ts';
import { ask, backends, connect, startApp, waitFor, type RunningApp } from './testing.ts';

const tokenOf = (path: string) => path.replace(/^\/p\//, '');
const names = (list: Presence[]) =>
  list
    .map((p) => `${p.clientId}/${p.userName}/${p.role}`)
    .sort()
    .join();

for (const backend of backends()) {
  describe(`presence and join snapshots over socket.io (${backend.name})`, () => {
    let store: EventStore;
    let server: RunningApp;
    const sockets: Socket[] = [];
    const open = async () => {
      const s = await connect(server.url);
      sockets.push(s);
      return s;
    };

    beforeAll(async () => {
      store = await backend.open();
      server = await startApp(store);
    });
    afterAll(async () => {
      for (const s of sockets) s.disconnect();
      await server?.close();
      await store?.close();
    });

    it('sends a far-behind joiner the state as one binary attachment, and clients on real sockets converge and agree on who is online', async () => {
      const commands: Command[] = [
        { type: 'createPlan', name: 'Big' },
        ...Array.from({ length: 1100 }, (_, i): Command => ({ type: 'addGuest', guestId: `g${i}`, name: `Guest ${i}` })),
      ];
      const links = await createPlan(store, server.app.hub, 'Big', { commands });
      const token = tokenOf(links.organisePath);
      const room = await server.app.hub.room(links.planId);

      const raw = await open();
      const reply = await ask<JoinReply>(raw, 'join', { protocol: PROTOCOL_VERSION, token, clientId: 'raw', userName: 'Raw', lastVersion: 0 });
      expect(reply.ok).toBe(true);
      if (!reply.ok || !reply.snapshot) throw new Error('expected a snapshot');
      expect(unframe(reply.events)).toEqual([]);
      expect(Buffer.isBuffer(reply.snapshot.state)).toBe(true); // arrived as binary, not as a JSON tree
      expect(stateHash(decodeState(reply.snapshot.state))).toBe(stateHash(await room.snapshot()));

      const clients = await Promise.all(
        Array.from({ length: 8 }, async (_, i) => {
          const socket = await open();
          const holder = bareHolder(clientReducer);
          const c = { socket, holder, online: [] as Presence[], sync: null as unknown as SyncClient };
          c.sync = new SyncClient({
            transport: socketTransport(socket),
            holder,
            token,
            clientId: `c${i}`,
            userName: `Client ${i}`,
            newId: () => `cmd-${i}-${Math.random().toString(36).slice(2)}`,
            onPresence: (online) => (c.online = online),
          });
          c.sync.start();
          return c;
        }),
      );
      await waitFor('every client live', () => clients.every((c) => c.sync.isLive), 60_000);
      const target = room.version + 1;
      clients[3]!.sync.issue({ type: 'addGuest', guestId: 'extra', name: 'Extra' });
      await waitFor(
        'every client at the server’s version',
        () => room.version === target && clients.every((c) => c.holder.getState().confirmed.version === target),
        60_000,
      );
      const hash = stateHash(await room.snapshot());
      for (const c of clients) expect(stateHash(c.holder.getState().confirmed)).toBe(hash);

      const everybody = () => names(server.app.hub.whoIsOnline(links.planId));
      expect(server.app.hub.whoIsOnline(links.planId)).toHaveLength(9);
      await waitFor(
        () => `every client to see all nine: ${everybody()} vs ${clients.map((c) => names(c.online)).join(' | ')}`,
        () => clients.every((c) => names(c.online) === everybody()),
        30_000,
      );

      for (const c of clients.slice(0, 3)) c.socket.disconnect();
      raw.disconnect();
      await waitFor('the server to see four leave', () => server.app.hub.whoIsOnline(links.planId).length === 5, 30_000);
      const rest = clients.slice(3);
      await waitFor('the rest to agree with the server', () => rest.every((c) => names(c.online) === everybody()), 30_000);
      expect(everybody()).toBe(
        names(rest.map((_, i) => ({ clientId: `c${i + 3}`, userName: `Client ${i + 3}`, actorId: `name:Client ${i + 3}`, role: 'organise' }))),
      );
      for (const c of clients) c.sync.stop();
    }, 180_000);
  });
}
