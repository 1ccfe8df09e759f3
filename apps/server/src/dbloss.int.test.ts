/**
 * Database loss (issue #8, finding 3): a real server on real PostgreSQL, 20 real sync clients over socket.io sending
 * commands, and the server's own PostgreSQL connections terminated twice mid-flight (selected by an application_name
 * only this test uses). The process stays up, /api/health says degraded and then ok, every acknowledged command is
 * stored exactly once, the stream has no phantom version, and every client converges on a fresh fold of the store.
 */
import { randomUUID } from 'node:crypto';
import { stateHash, type PlanEvent } from '@seatfold/domain';
import { openStore, type EventStore } from '@seatfold/store';
import { connectionKiller, withApplicationName } from '@seatfold/store/testing';
import { bareHolder, clientReducer, socketTransport, SyncClient } from '@seatfold/sync';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan } from './plans.ts';
import { connect, startApp, waitFor, type RunningApp, foldStore } from './testing.ts';

const CLIENTS = 20;
const COMMANDS_PER_CLIENT = 25;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const fold = foldStore;

const databaseUrl = process.env.DATABASE_URL;

describe.runIf(databaseUrl)('database loss (PostgreSQL)', () => {
  const app = `seatfold-dbloss-${randomUUID().slice(0, 12)}`;
  const storeLogs: string[] = [];
  let store: EventStore;
  let server: RunningApp;
  let killer: Awaited<ReturnType<typeof connectionKiller>>;
  beforeAll(async () => {
    store = await openStore({ databaseUrl: withApplicationName(databaseUrl!, app), probeEveryMs: 100, log: (m) => storeLogs.push(m) });
    server = await startApp(store);
    killer = await connectionKiller(databaseUrl!, app);
  });
  afterAll(async () => {
    await killer?.close();
    await server?.close();
    await store?.close();
  });

  it('stays up, reports degraded then ok, loses and doubles nothing, and every client converges', async () => {
    const links = await createPlan(store, server.app.hub, 'DB loss', { commands: [{ type: 'createPlan', name: 'DB loss' }] });
    const token = links.organisePath.replace(/^\/p\//, '');
    const clients: { name: string; socket: Socket; client: SyncClient; holder: ReturnType<typeof bareHolder>; issued: string[] }[] = [];
    const healthSeen: number[] = [];
    let degradedBody: unknown = null;
    let refusedUnavailable = 0;
    let terminated = 0;
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const r = await fetch(`${server.url}/api/health`).catch(() => null);
        if (r) {
          healthSeen.push(r.status);
          if (r.status === 503 && !degradedBody) degradedBody = await r.json();
          else await r.body?.cancel();
        }
        await sleep(5);
      }
    })();
    try {
      for (let i = 0; i < CLIENTS; i++) {
        const name = `c${i}`;
        const socket = await connect(server.url, { autoConnect: false });
        const holder = bareHolder(clientReducer);
        let n = 0;
        const transport = socketTransport(socket, 10_000);
        const send = transport.request.bind(transport);
        transport.request = async (type, req) => {
          const reply = await send(type, req);
          if (type === 'command' && 'status' in reply && reply.status === 'rejected' && reply.error.code === 'Unavailable') refusedUnavailable++;
          return reply;
        };
        const client = new SyncClient({ transport, holder, token, clientId: name, userName: `Organiser ${i}`, newId: () => `${app}-${name}-${++n}` });
        client.start();
        socket.connect();
        clients.push({ name, socket, client, holder, issued: [] });
      }
      await waitFor('all clients to join', () => clients.every((c) => c.client.isLive), 60_000);

      const work = Promise.all(
        clients.map(async (c, i) => {
          for (let k = 0; k < COMMANDS_PER_CLIENT; k++) {
            c.issued.push(c.client.issue({ type: 'addGuest', guestId: `g-${i}-${k}`, name: `Guest ${i}.${k}` }));
            await sleep(5 + ((i * 7 + k * 3) % 20));
          }
        }),
      );
      // Twice, mid-flight: a storm of terminations of the server's connections (and of the ones it opens to recover).
      for (let storm = 0; storm < 2; storm++) {
        await waitFor('commands to be stored', async () => (await store.streamVersion(links.planId).catch(() => 0)) > 1 + storm * 150, 60_000);
        const until = Date.now() + 1500;
        while (Date.now() < until) {
          terminated += await killer.terminate();
          await sleep(10);
        }
      }
      await work;

      const describeClients = () =>
        clients
          .map(
            (c) =>
              `${c.name}: live=${c.client.isLive} confirmed=${c.holder.getState().confirmed.version} pending=${c.holder.getState().pending.length}`,
          )
          .join('; ');
      let stored = 0;
      await waitFor(
        describeClients,
        async () => {
          stored = await store.streamVersion(links.planId).catch(() => -1);
          return clients.every(
            (c) => c.client.isLive && c.holder.getState().pending.length === 0 && c.holder.getState().confirmed.version === stored,
          );
        },
        120_000,
        50,
      );
      await waitFor('health to be ok again', async () => (await fetch(`${server.url}/api/health`)).status === 200, 30_000);
      polling = false;
      await poller;

      // The storms did hit: connections were terminated, commands in flight were refused as retryable, and resent.
      expect(terminated).toBeGreaterThan(0);
      expect(refusedUnavailable).toBeGreaterThan(0);
      expect(storeLogs.some((l) => /database connection lost/.test(l))).toBe(true);
      expect(storeLogs.some((l) => /database connection restored/.test(l))).toBe(true);

      // /api/health said degraded (503) during the storms, and ok (200) again after.
      expect(healthSeen).toContain(503);
      expect(degradedBody).toMatchObject({ ok: false, status: 'degraded', reason: expect.stringMatching(/database/) });
      const body = (await (await fetch(`${server.url}/api/health`)).json()) as { ok: boolean; status: string };
      expect(body).toMatchObject({ ok: true, status: 'ok' });

      // No phantom version: 1..n without gaps; every command stored exactly once; every client equals a fresh fold.
      const events = await store.readStream<PlanEvent>(links.planId);
      expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
      const issued = clients.flatMap((c) => c.issued);
      expect(issued).toHaveLength(CLIENTS * COMMANDS_PER_CLIENT);
      const perCommand = new Map<string, number>();
      for (const e of events) perCommand.set(e.meta.commandId, (perCommand.get(e.meta.commandId) ?? 0) + 1);
      for (const id of issued) expect(perCommand.get(id), `events of ${id}`).toBe(1);
      const outcomes = await store.findCommandOutcomes(links.planId, issued);
      expect([...outcomes.values()].every((o) => o.status === 'accepted')).toBe(true);
      expect(outcomes.size).toBe(issued.length);
      const truth = stateHash(await fold(store, links.planId));
      for (const c of clients) {
        const s = c.holder.getState();
        expect(stateHash(s.confirmed), `${c.name} confirmed`).toBe(truth);
        expect(stateHash(s.view), `${c.name} view`).toBe(truth);
        expect(c.holder.rejections, `${c.name} saw no rollback`).toEqual([]);
      }
      const room = await server.app.hub.room(links.planId);
      expect(stateHash(await room.snapshot())).toBe(truth);
    } finally {
      polling = false;
      await poller;
      for (const c of clients) {
        c.client.stop();
        c.socket.disconnect();
      }
    }
  }, 240_000);
});
