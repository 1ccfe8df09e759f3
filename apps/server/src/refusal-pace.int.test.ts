import { connect as netConnect } from 'node:net';
import type { EventStore } from '@seatfold/store';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOO_MANY_REFUSED } from './http/refusal-pace.ts';
import { backends, startApp, type RunningApp } from './testing.ts';

const [backend] = backends();
const HOLD_MS = 1_500;

describe('an address that keeps coming back refused', () => {
  let store: EventStore;
  let server: RunningApp;
  beforeAll(async () => {
    store = await backend!.open();
    // behind one trusted proxy: each test speaks for an address of its own
    server = await startApp(store, {
      trustedProxies: 1,
      refusalLimits: { perSecond: 0.5, burst: 4, holdMs: HOLD_MS, heldPerAddress: 2, heldTotal: 100 },
    });
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  /** An invalid plan creation from `from` (a 400), timed. */
  const bad = async (from: string) => {
    const t0 = performance.now();
    const res = await fetch(`${server.url}/api/plans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: '{}',
    });
    const body = (await res.json()) as { error: string; retryAfterMs?: number };
    return {
      status: res.status,
      ms: performance.now() - t0,
      body,
      retryAfter: res.headers.get('retry-after'),
      connection: res.headers.get('connection'),
    };
  };

  it('is answered at once within its budget, then held before it is looked at; others are not held', async () => {
    for (let i = 0; i < 4; i++) expect((await bad('198.51.100.1')).status).toBe(400);
    const order: string[] = [];
    const held = bad('198.51.100.1').then((r) => (order.push('held'), r));
    const other = bad('198.51.100.2').then((r) => (order.push('other'), r));
    const [h, o] = await Promise.all([held, other]);
    // still answered for what it is, after the hold
    expect(h.status).toBe(400);
    expect(h.body.error).toMatch(/name/);
    expect(h.ms).toBeGreaterThanOrEqual(HOLD_MS - 50);
    expect(o.status).toBe(400);
    expect(order).toEqual(['other', 'held']);
  });

  it('refuses at once, retryably and closing the connection, what it sends beyond the requests held for it', async () => {
    for (let i = 0; i < 4; i++) await bad('198.51.100.3');
    const held = [bad('198.51.100.3'), bad('198.51.100.3')];
    await new Promise((r) => setTimeout(r, 100));
    const beyond = await bad('198.51.100.3');
    expect(beyond.status).toBe(429);
    expect(beyond.body).toMatchObject({ error: TOO_MANY_REFUSED, code: 'ServerBusy', retryAfterMs: 2_000 });
    expect(beyond.retryAfter).toBe('2');
    expect(beyond.connection).toBe('close');
    for (const r of await Promise.all(held)) expect(r.status).toBe(400);
  });

  it('does no work for clients that leave while held, and logs no failure for them', async () => {
    for (let i = 0; i < 4; i++) await bad('198.51.100.6');
    for (let i = 0; i < 4; i++) await bad('198.51.100.7');
    const { port } = new URL(server.url);
    const requests = [
      'POST /api/plans HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 198.51.100.6\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
      'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 198.51.100.7\r\nUpgrade: websocket\r\n' +
        'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    ];
    const before = server.logs.length;
    for (const text of [...requests, ...requests]) {
      const socket = netConnect(Number(port), '127.0.0.1', () => socket.write(text));
      socket.on('error', () => {});
      setTimeout(() => socket.destroy(), 200);
    }
    await new Promise((r) => setTimeout(r, HOLD_MS + 500));
    expect(server.logs.slice(before)).toEqual([]);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('holds its new sockets too, and the server still answers everybody else meanwhile', async () => {
    for (let i = 0; i < 4; i++) await bad('198.51.100.4');
    const connect = (from: string) => {
      const t0 = performance.now();
      const socket = io(server.url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { 'x-forwarded-for': from } });
      return new Promise<{ ok: boolean; ms: number }>((resolve) => {
        socket.once('connect', () => (socket.close(), resolve({ ok: true, ms: performance.now() - t0 })));
        socket.once('connect_error', () => (socket.close(), resolve({ ok: false, ms: performance.now() - t0 })));
      });
    };
    const held = [connect('198.51.100.4'), connect('198.51.100.4')];
    await new Promise((r) => setTimeout(r, 100));
    // beyond the two held: refused before its handshake
    expect((await connect('198.51.100.4')).ok).toBe(false);
    const health = await fetch(`${server.url}/api/health`, { headers: { 'x-forwarded-for': '198.51.100.5' } });
    expect(health.status).toBe(200);
    for (const h of await Promise.all(held)) {
      expect(h.ok).toBe(true);
      expect(h.ms).toBeGreaterThanOrEqual(HOLD_MS - 50);
    }
  });
});
