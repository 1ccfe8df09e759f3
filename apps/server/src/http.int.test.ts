import { request as httpRequest } from 'node:http';
import { connect as netConnect } from 'node:net';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';
import type { EventStore } from '@seatfold/store';
import { hc } from 'hono/client';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from './http/log.ts';
import type { SeatfoldApi } from './http/routes.ts';
import { createPlan } from './plans.ts';
import { backends, guestCookie, startApp, waitFor, type RunningApp } from './testing.ts';

const [backend] = backends();

/** One raw HTTP/1.1 exchange on its own connection: everything the server wrote until it closed. */
function raw(url: string, text: string, timeoutMs = 15_000): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = netConnect(Number(port), hostname);
    let out = '';
    const timer = setTimeout(() => (socket.destroy(), reject(new Error(`no end of answer: ${out}`))), timeoutMs);
    socket.on('data', (d) => (out += d.toString('latin1')));
    socket.on('close', () => (clearTimeout(timer), resolve(out)));
    socket.on('error', () => {});
    socket.write(text);
  });
}

const health = async (url: string) => (await fetch(`${url}/api/health`)).status;

describe('HTTP hardening', () => {
  let store: EventStore;
  let server: RunningApp;
  const requests: RequestLogEntry[] = [];

  beforeAll(async () => {
    store = await backend!.open();
    server = await startApp(store, { requestLog: (e) => requests.push(e), origins: ['https://allowed.example'] });
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it('answers plain requests to /socket.io/ once (socket.io alone), and keeps serving', async () => {
    const paths = [
      '/socket.io/',
      '/socket.io/?EIO=4',
      '/socket.io/?EIO=4&transport=polling&sid=nope',
      '/socket.io/?EIO=99&transport=websocket',
      '/socket.io/?%zz=1&j=0',
      '/socket.io/x/y?transport=polling',
    ];
    for (const p of paths) {
      for (const method of ['GET', 'POST']) {
        const body = method === 'POST' ? 'hello' : '';
        const answer = await raw(
          server.url,
          `${method} ${p} HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
        );
        expect(answer.match(/^HTTP\/1\.1 \d{3}/gm), `${method} ${p}: ${answer.slice(0, 200)}`).toHaveLength(1);
        expect(await health(server.url)).toBe(200);
      }
    }
    // socket.io's answers get the protective headers too: its websocket handshake's
    const { hostname, port } = new URL(server.url);
    const upgrade = await new Promise<string>((resolve, reject) => {
      const socket = netConnect(Number(port), hostname);
      let out = '';
      socket.on('data', (d) => {
        out += d.toString('latin1');
        if (!out.includes('\r\n\r\n')) return;
        socket.destroy();
        resolve(out);
      });
      socket.on('error', reject);
      socket.write(
        'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
    });
    expect(upgrade).toMatch(/^HTTP\/1\.1 101/);
    expect(upgrade.toLowerCase()).toContain('x-content-type-options: nosniff');
    expect(server.logs.filter((l) => /failed/.test(l))).toEqual([]);
  });

  it('serves a typed client derived from the route declarations', async () => {
    const client = hc<SeatfoldApi>(server.url);
    const created = await client.api.plans.$post({ json: { name: 'Typed' } });
    expect(created.status).toBe(201);
    const links = await created.json();
    expect(links.name).toBe('Typed');
    const h = await (await client.api.health.$get()).json();
    expect(h).toEqual({ ok: true, status: 'ok', since: expect.any(Number), store: store.kind, openPlans: expect.any(Number) });
  });

  it('sends the security headers on every answer', async () => {
    const plan = await createPlan(store, server.app.hub, 'Headers');
    for (const p of ['/api/health', '/api/nope', `/api/links/${plan.organisePath.slice(3)}`, '/p/whatever', '/api/links/%zz']) {
      const res = await fetch(`${server.url}${p}`);
      const h = res.headers;
      expect(h.get('content-security-policy'), p).toMatch(/frame-ancestors 'none'/);
      expect(h.get('content-security-policy'), p).toMatch(/default-src 'self'/);
      expect(h.get('x-content-type-options'), p).toBe('nosniff');
      expect(h.get('referrer-policy'), p).toBe('no-referrer');
      expect(h.get('x-frame-options'), p).toBe('DENY');
    }
  });

  it('answers a malformed %-escape with 400 and a clear message, no stack trace', async () => {
    for (const p of ['/api/links/%E0%A4%A', '/p/%zz', '/api/plans/%/export.csv', '/assets/%C0%80.js', '/%']) {
      const res = await fetch(`${server.url}${p}`);
      expect(res.status, p).toBe(400);
      const text = await res.text();
      expect(JSON.parse(text), p).toEqual({ error: expect.stringMatching(/malformed %-escape/) });
      expect(text).not.toMatch(/URIError|at .*\.ts|node:internal/);
    }
    expect(await health(server.url)).toBe(200);
  });

  it('never writes a plan token into the logs', async () => {
    const plan = await createPlan(store, server.app.hub, 'Secret');
    const organise = plan.organisePath.slice(3);
    const review = plan.reviewPath.slice(3);
    const headers = { cookie: await guestCookie(server.url) };
    const before = requests.length; // earlier tests asked /api/links/ too (without a session: 401)
    await fetch(`${server.url}/api/links/${organise}`, { headers });
    await fetch(`${server.url}/p/${review}`);
    await fetch(`${server.url}/api/plans/${organise}/export.csv`, { headers });
    await fetch(`${server.url}/api/plans/${organise}/nothing-here`);
    await waitFor('the request log', () => requests.some((r) => r.path.includes('nothing-here')));
    const everything = JSON.stringify(requests) + server.logs.join('\n');
    expect(everything).not.toContain(organise);
    expect(everything).not.toContain(review);
    expect(requests.slice(before).find((r) => r.path.startsWith('/api/links/'))).toMatchObject({
      method: 'GET',
      path: '/api/links/…',
      status: 200,
      ms: expect.any(Number),
    });
    // the app's own log (the error path) redacts too
    expect(server.logs.every((l) => !l.includes(organise))).toBe(true);
  });

  it('answers 503 ServerBusy with Retry-After when no further plan may be loaded, and serves the plan once it may', async () => {
    const plan = await createPlan(store, server.app.hub, 'Full house');
    const organise = plan.organisePath.slice(3);
    const headers = { cookie: await guestCookie(server.url) };
    const unloader = server.app.hub.unloader;
    const { idleMs, mostLoadedBytes } = unloader.o;
    try {
      unloader.o.idleMs = 0;
      await unloader.sweep(); // the new plan is unloaded: the export has to load it
      unloader.o.mostLoadedBytes = 0; // and nothing more may be loaded
      const refused = await fetch(`${server.url}/api/plans/${organise}/export.csv`, { headers });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('60');
      expect(await refused.json()).toEqual({
        error: 'Seatfold has as many plans open as it can hold right now. Try again in a few minutes.',
        code: 'ServerBusy',
        retryAfterMs: 60_000,
      });
      unloader.o.mostLoadedBytes = mostLoadedBytes;
      expect((await fetch(`${server.url}/api/plans/${organise}/export.csv`, { headers })).status).toBe(200);
    } finally {
      Object.assign(unloader.o, { idleMs, mostLoadedBytes });
    }
  });

  describe('socket origins', () => {
    const tryConnect = (origin?: string) =>
      new Promise<string>((resolve) => {
        const s = io(server.url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: origin ? { origin } : {} });
        s.once('connect', () => (s.disconnect(), resolve('connected')));
        s.once('connect_error', (err) => (s.disconnect(), resolve(`refused: ${err.message}`)));
      });

    it('refuses a handshake from another origin, accepts its own, the allow-list and clients without Origin', async () => {
      expect(await tryConnect('https://evil.example')).toMatch(/^refused/);
      expect(await tryConnect('null')).toMatch(/^refused/);
      expect(await tryConnect(server.url)).toBe('connected');
      expect(await tryConnect('https://allowed.example')).toBe('connected');
      expect(await tryConnect()).toBe('connected');
    });
  });
});

describe('plan creation rate limit', () => {
  let store: EventStore;
  let server: RunningApp;
  beforeAll(async () => {
    store = await backend!.open();
    server = await startApp(store, { creationLimits: { perAddressPerMinute: 2, totalPerMinute: 3 } });
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  /** POST /api/plans from a chosen loopback address (Linux routes all of 127/8 to lo). */
  const create = (from: string) =>
    new Promise<{ status: number; retryAfter: string | undefined; body: Record<string, unknown> }>((resolve, reject) => {
      const { port } = new URL(server.url);
      const req = httpRequest(
        { host: '127.0.0.1', port, localAddress: from, method: 'POST', path: '/api/plans', headers: { 'content-type': 'application/json' } },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'], body: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ name: 'Many' }));
    });

  it('allows a few plans per address and in total, then answers 429 ServerBusy with Retry-After', async () => {
    expect((await create('127.0.0.1')).status).toBe(201);
    expect((await create('127.0.0.1')).status).toBe(201);
    const mine = await create('127.0.0.1');
    expect(mine.status).toBe(429);
    expect(Number(mine.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(mine.body).toEqual({
      error: expect.stringMatching(/Too many new plans from your address.*wait \d+ seconds?/),
      code: 'ServerBusy',
      retryAfterMs: expect.any(Number),
    });
    // another address still may, until the server-wide limit
    expect((await create('127.0.0.2')).status).toBe(201);
    const all = await create('127.0.0.3');
    expect(all.status).toBe(429);
    expect(all.body.error).toMatch(/on this server/);
    // invalid requests are refused for what they are, not counted
    const bad = await fetch(`${server.url}/api/plans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(bad.status).toBe(400);
  });
});

describe('behind a trusted reverse proxy', () => {
  let store: EventStore;
  let proxied: RunningApp;
  let direct: RunningApp;
  beforeAll(async () => {
    store = await backend!.open();
    proxied = await startApp(store, { trustedProxies: 1, creationLimits: { perAddressPerMinute: 1, totalPerMinute: 100 } });
    direct = await startApp(store, { creationLimits: { perAddressPerMinute: 1, totalPerMinute: 100 } });
  });
  afterAll(async () => {
    await proxied?.close();
    await direct?.close();
    await store?.close();
  });

  const create = (server: RunningApp, forwardedFor: string) =>
    fetch(`${server.url}/api/plans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ name: 'Proxied' }),
    }).then((r) => r.status);

  it('limits each client the proxy names, not the proxy itself; a forged header cannot pick another bucket', async () => {
    expect(await create(proxied, '203.0.113.1')).toBe(201);
    expect(await create(proxied, '203.0.113.1')).toBe(429);
    expect(await create(proxied, '203.0.113.2')).toBe(201);
    // the client's own X-Forwarded-For entries sit left of what the proxy appended: ignored
    expect(await create(proxied, '198.51.100.9, 203.0.113.2')).toBe(429);
  });

  it('without SEATFOLD_TRUST_PROXY, X-Forwarded-For is ignored: every request counts for the TCP peer', async () => {
    expect(await create(direct, '203.0.113.3')).toBe(201);
    expect(await create(direct, '203.0.113.4')).toBe(429);
  });
});

describe('slow clients', () => {
  let store: EventStore;
  let server: RunningApp;
  beforeAll(async () => {
    store = await backend!.open();
    server = await startApp(store, {
      httpLimits: { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, bodyIdleTimeoutMs: 1_000, keepAliveTimeoutMs: 500, bodiesPerAddress: 3 },
    });
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  const open = (text: string) => {
    const { port } = new URL(server.url);
    const s = netConnect(Number(port), '127.0.0.1');
    const state = { closed: false, answer: '', socket: s };
    s.on('data', (d) => (state.answer += d.toString()));
    s.on('close', () => (state.closed = true));
    s.on('error', () => {});
    s.write(text);
    return state;
  };
  const slowPost = () => open('POST /api/plans HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name":');

  it('drops a body that stops arriving, and one that trickles past the request timeout', async () => {
    const stalled = slowPost();
    const trickle = slowPost();
    const timer = setInterval(() => trickle.socket.write(' '), 200);
    try {
      await waitFor('the stalled body to be dropped', () => stalled.closed, 20_000);
      await waitFor('the trickling body to be dropped', () => trickle.closed, 20_000);
    } finally {
      clearInterval(timer);
    }
    expect(await health(server.url)).toBe(200);
  });

  it('drops slow headers', async () => {
    const slow = open('GET /api/health HTTP/1.1\r\nHost: x\r\n');
    await waitFor('slow headers to be dropped', () => slow.closed, 20_000);
    expect(slow.answer).not.toMatch(/200 OK/);
  });

  it('bounds the bodies one address may have arriving at once', async () => {
    const held = [slowPost(), slowPost(), slowPost()];
    await new Promise((r) => setTimeout(r, 100));
    const res = await fetch(`${server.url}/api/plans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/try again/), code: 'ServerBusy', retryAfterMs: expect.any(Number) });
    for (const h of held) h.socket.destroy();
    await waitFor(
      'a body slot to be free again',
      async () =>
        (await fetch(`${server.url}/api/plans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status === 400,
    );
  });

  it('leaves an idle websocket alone (socket.io pings it)', async () => {
    const s = io(server.url, { transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise<void>((resolve, reject) => (s.once('connect', () => resolve()), s.once('connect_error', reject)));
    await new Promise((r) => setTimeout(r, 2_500));
    expect(s.connected).toBe(true);
    s.disconnect();
  });

  it('takes websockets only: a long-polling client, whose reads cannot be paused, is turned away at its handshake', async () => {
    const s = io(server.url, { transports: ['polling'], forceNew: true, reconnection: false });
    const outcome = await new Promise<string>(
      (resolve) => (s.once('connect', () => resolve('connected')), s.once('connect_error', () => resolve('refused'))),
    );
    s.disconnect();
    expect(outcome).toBe('refused');
    // and the engine answers a raw polling handshake with its "transport unknown" refusal, reading no body
    const raw = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
    expect(raw.status).toBe(400);
    await raw.body?.cancel();
  });
});

describe('the built web app', () => {
  let store: EventStore;
  let server: RunningApp;
  let dir: string;
  const js = `export const greeting = ${JSON.stringify('Willkommen, liebe Gäste! '.repeat(400))};\n`;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'seatfold-static-'));
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/app-1a2b3c.js"></script>');
    await writeFile(path.join(dir, 'assets', 'app-1a2b3c.js'), js);
    // as the web app's build writes them (vite-plugin-compression2): the server compresses nothing itself
    await writeFile(path.join(dir, 'assets', 'app-1a2b3c.js.br'), brotliCompressSync(js));
    await writeFile(path.join(dir, 'assets', 'app-1a2b3c.js.gz'), gzipSync(js));
    await writeFile(path.join(dir, 'assets', 'app-1a2b3c.js.map'), '{"version":3,"sources":["secret.ts"]}');
    await writeFile(path.join(dir, 'assets', 'logo-9f8e7d.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    store = await backend!.open();
    server = await startApp(store, { staticDir: dir });
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const get = (p: string, encoding: string) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      const { port } = new URL(server.url);
      httpRequest({ host: '127.0.0.1', port, path: p, headers: { 'accept-encoding': encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });

  it('serves hashed assets compressed (br, gzip) and immutable, index.html revalidated, no source maps', async () => {
    const br = await get('/assets/app-1a2b3c.js', 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(js.length / 5);
    expect(brotliDecompressSync(br.body).toString()).toBe(js);
    const gz = await get('/assets/app-1a2b3c.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(js);
    const plain = await get('/assets/app-1a2b3c.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(js);
    const again = await get('/assets/app-1a2b3c.js', 'br;q=1.0, gzip;q=0.5');
    expect(again.body.equals(br.body)).toBe(true);
    expect((await get('/assets/app-1a2b3c.js', 'br;q=0, gzip')).headers['content-encoding']).toBe('gzip');

    for (const p of ['/', '/p/some-token']) {
      const page = await get(p, 'br');
      expect(page.status, p).toBe(200);
      expect(page.headers['cache-control'], p).toBe('no-cache');
      expect(page.body.toString()).toContain('app-1a2b3c.js');
      expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    }
    const png = await get('/assets/logo-9f8e7d.png', 'br');
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.headers['content-type']).toBe('image/png');

    for (const p of [
      '/assets/app-1a2b3c.js.map',
      '/assets/APP-1a2b3c.js.MAP',
      '/assets/missing.js',
      '/..%2f..%2f..%2fetc/hostname.txt',
      '/assets/..%2f..%2findex.html.map',
    ]) {
      const res = await get(p, 'br');
      expect(res.status, p).toBe(404);
      expect(res.body.toString()).not.toContain('secret.ts');
    }
    // a path that climbs out of the root stays inside it (here: the app's page, never /etc/passwd)
    const climb = await get('/..%2f..%2f..%2f..%2fetc/passwd', 'identity');
    expect(climb.body.toString()).not.toMatch(/root:/);
  });

  it('streams the precompressed copies from disk byte for byte, and the file itself when there is none', async () => {
    // Copies no server-side compressor would produce (brotli at quality 1, gzip at level 1), so only the files on
    // disk can be the answer.
    const text = `export const rows = ${JSON.stringify(Array.from({ length: 300 }, (_, i) => `Gast ${i}`))};\n`;
    const file = path.join(dir, 'assets', 'rows-4d5e6f.js');
    await writeFile(file, text);
    await writeFile(`${file}.br`, brotliCompressSync(text, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1 } }));
    await writeFile(`${file}.gz`, gzipSync(text, { level: 1 }));
    for (const [encoding, suffix] of [
      ['br', '.br'],
      ['gzip', '.gz'],
    ] as const) {
      const res = await get('/assets/rows-4d5e6f.js', encoding);
      expect(res.headers['content-encoding'], encoding).toBe(encoding);
      expect(res.headers['content-length'], encoding).toBe(String(res.body.length));
      expect(res.body.equals(await readFile(`${file}${suffix}`)), encoding).toBe(true);
    }

    // no copies at all (a text file the build did not compress): the file as it is, still varying by encoding
    const page = await get('/index.html', 'br, gzip');
    expect(page.headers['content-encoding']).toBeUndefined();
    expect(page.headers.vary).toMatch(/accept-encoding/i);
    expect(page.body.toString()).toContain('app-1a2b3c.js');
  });
});
