import { createServer, connect as tcpConnect, type Server, type Socket as TcpSocket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { PresenceList, PROTOCOL_VERSION, type PresenceChange } from '@seatfold/sync';
import type { EventStore } from '@seatfold/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan } from './plans.ts';
import { ask, backends, connect, startApp, waitFor, type RunningApp } from './testing.ts';

/**
 * A TCP relay that can go silent: it keeps both connections open but stops passing bytes either way, as a cut network
 * path does (nothing closes, nothing arrives).
 */
async function silentRelay(targetPort: number): Promise<{ url: string; silence(): void; close(): Promise<void> }> {
  let silent = false;
  const sockets = new Set<TcpSocket>();
  const server: Server = createServer((client) => {
    const upstream = tcpConnect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    client.on('data', (d) => void (silent || upstream.write(d)));
    upstream.on('data', (d) => void (silent || client.write(d)));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    silence: () => void (silent = true),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('a connection that dies without closing', () => {
  const [backend] = backends();
  let store: EventStore;
  let server: RunningApp;
  beforeAll(async () => {
    store = await backend!.open();
    // The app's own heartbeat (HEARTBEAT, 10 + 10 s) made short for the test: the wiring is what is tested. Pings come
    // often; an answer may take 2 s, so a busy machine's stalled event loop is not taken for a dead connection.
    server = await startApp(store, { heartbeat: { intervalMs: 200, timeoutMs: 2_000 } });
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it('is taken for dead by both ends within the heartbeat, and its planner leaves the presence list', async () => {
    const links = await createPlan(store, server.app.hub, 'Silent');
    const token = links.organisePath.slice(3);
    const join = (clientId: string, userName: string) => ({ protocol: PROTOCOL_VERSION, token, clientId, userName, lastVersion: 0 });

    const watcher = await connect(server.url);
    const online = new PresenceList();
    let names: string[] = [];
    watcher.on('presence', (c: PresenceChange) => (names = online.apply(c).map((p) => p.userName)));
    expect(await ask(watcher, 'join', join('c-watch', 'Watcher'))).toMatchObject({ ok: true });

    const relay = await silentRelay(Number(new URL(server.url).port));
    try {
      const planner = await connect(relay.url);
      let reason = '';
      planner.on('disconnect', (r: string) => (reason = r));
      expect(await ask(planner, 'join', join('c-silent', 'Silent Sam'))).toMatchObject({ ok: true });
      await waitFor('the planner in the presence list', () => names.includes('Silent Sam'), 5_000);
      // Pings keep a quiet, healthy connection up: several heartbeats pass without either end giving up.
      await new Promise((r) => setTimeout(r, 1_500));
      expect(planner.connected).toBe(true);

      relay.silence();
      const cut = Date.now();
      await waitFor('the browser end to give up', () => !planner.connected, 15_000);
      expect(reason).toBe('ping timeout');
      // no ping for interval + timeout (2.2 s); generous for a busy machine, far below socket.io's default 45 s
      expect(Date.now() - cut).toBeLessThan(12_000);
      await waitFor('the server to drop the planner', () => !names.includes('Silent Sam'), 15_000);
      expect(names).toEqual(['Watcher']);
      planner.close();
    } finally {
      watcher.close();
      await relay.close();
    }
  });
});
