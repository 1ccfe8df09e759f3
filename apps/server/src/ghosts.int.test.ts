import { type EventStore } from '@seatfold/store';
import { openMemoryStore } from '@seatfold/store/testing';
import {
  bareHolder,
  clientReducer,
  GHOST_MAX_ITEMS,
  PROTOCOL_VERSION,
  socketTransport,
  SyncClient,
  type Ghost,
  type GhostMessage,
  type JoinReply,
} from '@seatfold/sync';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan } from './plans.ts';
import { ask, connect, startApp, waitFor, type RunningApp } from './testing.ts';

/** The drag-ghost channel over real socket.io: relayed to the plan's others, bounded, cleared on leave. It never
 *  touches the store, so one backend (PGlite) is enough. */
describe('drag ghosts over socket.io', () => {
  let store: EventStore;
  let server: RunningApp;
  let organise = '';
  let review = '';
  const sockets: Socket[] = [];
  const open = async () => {
    const s = await connect(server.url);
    sockets.push(s);
    return s;
  };
  /** A raw socket joined to the plan, recording the ghosts it receives. */
  const rawMember = async (clientId: string, token: string) => {
    const socket = await open();
    const got: GhostMessage[] = [];
    socket.on('ghost', (m: GhostMessage) => got.push(m));
    const reply = await ask<JoinReply>(socket, 'join', { protocol: PROTOCOL_VERSION, token, clientId, userName: `User ${clientId}`, lastVersion: 0 });
    expect(reply.ok).toBe(true);
    return { socket, got };
  };
  const client = async (clientId: string, token: string) => {
    const socket = await open();
    const sync = new SyncClient({
      transport: socketTransport(socket),
      holder: bareHolder(clientReducer),
      token,
      clientId,
      userName: `User ${clientId}`,
      newId: () => `${clientId}-${Math.random().toString(36).slice(2)}`,
    });
    sync.start();
    await waitFor(`${clientId} live`, () => sync.isLive);
    return { socket, sync };
  };
  const ghost = (x: number, n = 1): Ghost => ({
    roomId: 'hall',
    items: Array.from({ length: n }, (_, i) => ({ kind: 'table' as const, id: `p${i}`, x, y: 2, rotation: 0 })),
  });

  beforeAll(async () => {
    store = await openMemoryStore();
    server = await startApp(store);
    const links = await createPlan(store, server.app.hub, 'Ghosts');
    organise = links.organisePath.replace(/^\/p\//, '');
    review = links.reviewPath.replace(/^\/p\//, '');
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.close();
    await store?.close();
  });

  it('shows an organiser’s drag to the others (never to the sender) with who drags, and clears it when the sender leaves', async () => {
    const ann = await client('ann', organise);
    const bob = await client('bob', organise);
    const rita = await client('rita', review);
    ann.sync.sendGhost(ghost(3));
    for (const who of [bob, rita]) {
      await waitFor('the ghost', () => who.sync.ghosts.getSnapshot().get('ann')?.items[0]?.x === 3);
      expect(who.sync.ghosts.getSnapshot().get('ann')).toMatchObject({ userName: 'User ann', roomId: 'hall' });
    }
    // moving on: the latest position arrives
    ann.sync.sendGhost(ghost(7));
    await waitFor('the moved ghost', () => bob.sync.ghosts.getSnapshot().get('ann')?.items[0]?.x === 7);
    expect(ann.sync.ghosts.getSnapshot().size).toBe(0);
    // a reviewer's drag is not relayed: rita's raw ghost, then ann's next one — bob sees ann's only
    rita.socket.emit('ghost', ghost(1));
    ann.sync.sendGhost(ghost(9));
    await waitFor('ann’s next ghost', () => bob.sync.ghosts.getSnapshot().get('ann')?.items[0]?.x === 9);
    // the sender leaves: the others stop seeing its ghost at once (not after the 3 s expiry)
    ann.socket.disconnect();
    await waitFor('the ghost gone', () => !bob.sync.ghosts.getSnapshot().has('ann') && !rita.sync.ghosts.getSnapshot().has('ann'));
    expect(bob.sync.ghosts.getSnapshot().has('rita')).toBe(false);
    bob.sync.stop();
    rita.sync.stop();
  });

  it('drops an oversized or malformed ghost and the excess of a burst, keeping the socket and the plan working', async () => {
    const sender = await rawMember('eve', organise);
    const watcher = await rawMember('wat', organise);
    sender.socket.emit('ghost', ghost(1, GHOST_MAX_ITEMS + 1));
    sender.socket.emit('ghost', { roomId: 'hall', items: [{ kind: 'table', id: '__proto__', x: 1, y: 1, rotation: 0 }] });
    sender.socket.emit('ghost', { roomId: 'hall', items: [{ kind: 'table', id: 'p1', x: 1e308, y: 1, rotation: 0 }] });
    sender.socket.emit('ghost', 'junk');
    sender.socket.emit('ghost', ghost(4, GHOST_MAX_ITEMS));
    await waitFor('the valid ghost', () => watcher.got.length > 0);
    expect(watcher.got[0]).toMatchObject({ clientId: 'eve', userName: 'User eve' });
    expect(watcher.got[0]!.ghost?.items).toHaveLength(GHOST_MAX_ITEMS);
    expect(watcher.got[0]!.ghost?.items[0]!.x).toBe(4);
    // a burst of 500: at most the socket's bucket (30) and what refills meanwhile get through
    const before = watcher.got.length;
    for (let i = 0; i < 500; i++) sender.socket.emit('ghost', ghost(10 + i / 1000));
    // the burst is over when a marker sent after it gets through (retried: it may meet an empty bucket)
    await waitFor(
      'a marker after the burst',
      () => {
        if (watcher.got.some((m) => m.ghost?.items[0]!.x === 99)) return true;
        sender.socket.emit('ghost', ghost(99));
        return false;
      },
      60_000,
      100,
    );
    const relayed = watcher.got.slice(before).filter((m) => m.ghost && m.ghost.items[0]!.x < 99).length;
    expect(relayed).toBeGreaterThan(0);
    expect(relayed).toBeLessThan(250);
    // the socket still answers requests
    const reply = await ask<{ ok: boolean }>(sender.socket, 'batches', { limit: 1 });
    expect(reply).toHaveProperty('ok');
  });
});
