import type { EventStore } from '@seatfold/store';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePool, TOO_COMPLEX, useParsePool } from './parse-pool.ts';
import { createPlan } from './plans.ts';
import { parseSpreadsheet } from './spreadsheet.ts';
import { backends, guestCookie, startApp, waitFor, type RunningApp } from './testing.ts';
import { lyingBomb, noise, workbook } from './upload-fixtures.ts';

interface Reply {
  error: string;
  uploadId: string;
  sheets: { rowCount: number }[];
}

// Uploads do not depend on the store: PGlite is enough here (imports.test.ts covers both stores).
const [backend] = backends();

describe('uploads under abuse: the server stays up and responsive, planners get clear messages', () => {
  let store: EventStore;
  let server: RunningApp;
  let cookie = '';
  beforeAll(async () => {
    store = await backend!.open();
    server = await startApp(store);
    cookie = await guestCookie(server.url);
    await useParsePool({});
  });
  afterAll(async () => {
    await useParsePool({});
    await server?.close();
    await store?.close();
  });

  const newPlan = async () => {
    const links = await createPlan(store, server.app.hub, 'Uploads', { commands: [{ type: 'createPlan', name: 'Uploads' }] });
    return links.organisePath.replace(/^\/p\//, '');
  };
  /**
   * fetch, sent again once on a fresh connection when a kept-alive one was reset as the request went out: the
   * server closes idle connections after its keep-alive timeout, and a loaded client can pick one just then (the
   * client's race, which browsers also absorb by retrying; not the server's failure).
   */
  const send = async (url: string, init?: RequestInit, retry = true): Promise<Response> => {
    try {
      return await fetch(url, init);
    } catch (err) {
      if (!retry || (err as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw err;
      return send(url, init, false);
    }
  };
  const upload = (token: string, data: Uint8Array | string, name: string): Promise<Response> =>
    send(`${server.url}/api/plans/${token}/uploads?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', cookie },
      body: typeof data === 'string' ? data : new Uint8Array(data),
    });
  const preview = (token: string, uploadId: string) =>
    fetch(`${server.url}/api/plans/${token}/uploads/${uploadId}/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ kind: 'guests' }),
    });
  const small = 'Name,E-Mail\nAnna Berg,anna@example.org\n';

  /** Polls /api/health one request after another while `work` runs; the slowest answer and the peak RSS. */
  async function watchHealth<T>(work: Promise<T>): Promise<{ result: T; slowestMs: number; answers: number; peakRssMb: number }> {
    let done = false;
    let slowestMs = 0;
    let answers = 0;
    let peakRssMb = 0;
    const h = monitorEventLoopDelay({ resolution: 10 });
    h.enable();
    const poll = (async () => {
      while (!done) {
        const started = performance.now();
        const res = await send(`${server.url}/api/health`);
        expect(res.status).toBe(200);
        await res.json();
        slowestMs = Math.max(slowestMs, performance.now() - started);
        peakRssMb = Math.max(peakRssMb, process.memoryUsage().rss / 1024 / 1024);
        answers++;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const result = await work.finally(() => (done = true));
    await poll;
    h.disable();
    console.log(`event loop delay max ${Math.round(h.max / 1e6)} ms, p99 ${Math.round(h.percentile(99) / 1e6)} ms`);
    return { result, slowestMs, answers, peakRssMb };
  }

  it('several concurrent large parses: /api/health keeps answering well within one parse’s time, every upload is read', async () => {
    const [a, b] = [await newPlan(), await newPlan()];
    const book = workbook(3_000, 20); // 60,000 cells
    // One parse of the same workbook on this thread, timed in the same run: how long the event loop would be held if
    // parses ran here (0.8–3 s on a quiet machine, several times that on a loaded one, like every answer below).
    const started = performance.now();
    await parseSpreadsheet(book, 'probe.xlsx');
    const oneParseMs = performance.now() - started;
    const rssBefore = process.memoryUsage().rss / 1024 / 1024;
    const watched = await watchHealth(
      Promise.all([a, b, a, b].map((t, i) => upload(t, book, `big-${i}.xlsx`).then(async (r) => [r.status, (await r.json()) as Reply] as const))),
    );
    for (const [status, body] of watched.result) {
      expect(status, JSON.stringify(body).slice(0, 300)).toBe(201);
      expect(body.sheets[0]!.rowCount).toBe(2_999);
    }
    console.log(
      `4 concurrent 60k-cell parses: ${watched.answers} health answers, slowest ${Math.round(watched.slowestMs)} ms; RSS ${Math.round(rssBefore)} → peak ${Math.round(watched.peakRssMb)} MB`,
    );
    expect(watched.answers).toBeGreaterThan(3);
    expect(watched.slowestMs, `one parse on the main thread took ${Math.round(oneParseMs)} ms`).toBeLessThan(Math.max(1_000, 0.75 * oneParseMs));
  });

  it('crafted zip bombs (lying sizes, under the ratio) sent at once are refused clearly; the server stays up and bounded', async () => {
    const token = await newPlan();
    const bomb = lyingBomb(40 * 1024 * 1024);
    // heavy enough that 100× its size passes the 64 MB cap: only the absolute cap stops it
    const heavy = workbook(2, 2, { extra: { 'xl/media/noise.bin': noise(700 * 1024), 'xl/media/zeros.bin': new Uint8Array(80 * 1024 * 1024) } });
    const rssBefore = process.memoryUsage().rss / 1024 / 1024;
    const files = [bomb, bomb, bomb, heavy];
    const watched = await watchHealth(
      Promise.all(files.map((f, i) => upload(token, f, `bomb-${i}.xlsx`).then(async (r) => [r.status, (await r.json()) as Reply] as const))),
    );
    for (const [status, body] of watched.result) {
      expect(status).toBe(422);
      expect(body.error).toMatch(/^The workbook unpacks to more than \d+ MB from .*“zip bomb”/);
    }
    console.log(
      `4 concurrent bombs: slowest health ${Math.round(watched.slowestMs)} ms; RSS ${Math.round(rssBefore)} → peak ${Math.round(watched.peakRssMb)} MB`,
    );
    expect(watched.slowestMs).toBeLessThan(1_000);
    expect(watched.peakRssMb - rssBefore).toBeLessThan(800);
    expect((await upload(token, small, 'after.csv')).status).toBe(201);
  });

  it('a workbook of a million cells is refused with the limit and what to do', async () => {
    const token = await newPlan();
    const million = workbook(50_000, 20, { sameRows: true });
    const res = await upload(token, million, 'million.xlsx');
    expect(res.status, `${million.length} bytes`).toBe(422);
    expect(((await res.json()) as Reply).error).toMatch(/more than 400,000 cells .*split it into smaller files/);
  });

  it('a parse killed for time gives the clear message, and the next upload works', async () => {
    const token = await newPlan();
    const pool = await useParsePool({});
    expect((await upload(token, small, 'warm.csv')).status).toBe(201);
    // 300 ms for the slow parse only: this 300,000-cell workbook took 0.8–3 s (with 1 s it once finished in time on a
    // quiet machine). The small uploads around it keep the generous limit: at load 15+ a thread can wait longer than
    // 300 ms for a core (a small CSV overran it once in the parse pool's test).
    pool.options.timeoutMs = 300;
    const res = await upload(token, workbook(15_000, 20, { sameRows: true }), 'slow.xlsx');
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ error: TOO_COMPLEX });
    expect(server.logs.join('\n')).toMatch(/slow\.xlsx.*overran 300 ms/);
    expect(pool.replaced).toBe(1);
    pool.options.timeoutMs = 60_000;
    expect((await upload(token, small, 'next.csv')).status).toBe(201);
    await useParsePool({});
  });

  it('beyond the parse queue an upload is refused as busy: 503, Retry-After, ServerBusy; it works once the queue drains', async () => {
    const token = await newPlan();
    // The time limit is not what this test is about: at load 9 (CI beside browser tests) the first parse, its
    // worker started through tsx, overran the default 20 s once and came back 422. A minute keeps it in time.
    const pool = await useParsePool({ workers: 1, queue: 0, retryAfterSec: 5, timeoutMs: 60_000 });
    const first = upload(token, workbook(5_000, 20), 'first.xlsx');
    await waitFor('the first parse to run', () => pool.running === 1, 30_000);
    const res = await upload(token, small, 'second.csv');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toEqual({ error: expect.stringMatching(/try again in 5 seconds/), code: 'ServerBusy', retryAfterMs: 5_000 });
    expect((await first).status).toBe(201);
    expect((await upload(token, small, 'second.csv')).status).toBe(201);
    await useParsePool({});
  });

  it('an address downloading export after export is held to its rate; the files are made off the main thread', async () => {
    const limited = await startApp(store, { downloadRate: { perSecond: 1 / 30, burst: 2 }, trustedProxies: 1 });
    try {
      const links = await createPlan(store, limited.app.hub, 'Exported', { commands: [{ type: 'createPlan', name: 'Exported' }] });
      const token = links.organisePath.replace(/^\/p\//, '');
      const mine = await guestCookie(limited.url);
      const from = (address: string, file: string) =>
        fetch(`${limited.url}/api/plans/${token}/${file}`, { headers: { cookie: mine, 'x-forwarded-for': address } });
      const xlsx = await from('198.51.100.9', 'export.xlsx');
      expect(xlsx.status).toBe(200);
      expect(
        Buffer.from(await xlsx.arrayBuffer())
          .subarray(0, 2)
          .toString(),
      ).toBe('PK');
      const csv = await from('198.51.100.9', 'export.csv');
      expect([...Buffer.from(await csv.arrayBuffer()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 with its BOM
      const refused = await from('198.51.100.9', 'export-excel.csv');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({
        code: 'ServerBusy',
        error: expect.stringMatching(/^Too many downloads from your address just now/),
      });
      // a print is a download too: the same rate
      expect((await from('198.51.100.9', 'floor.pdf')).status).toBe(429);
      expect((await from('203.0.113.5', 'export.csv')).status).toBe(200);
      // One at a time per address: a second asked while the first is made waits its turn; another address does not.
      const [a, b, other] = await Promise.all([from('192.0.2.1', 'export.xlsx'), from('192.0.2.1', 'export.xlsx'), from('192.0.2.2', 'export.csv')]);
      expect([a.status, b.status].sort()).toEqual([200, 503]);
      expect(await (a.status === 503 ? a : b).json()).toMatchObject({
        code: 'ServerBusy',
        error: 'Your last download is still being made. Try again when it has arrived.',
      });
      expect(other.status).toBe(200);
      // made files are not logged as failures (the worker is ended after its answer)
      expect(limited.logs.filter((l) => l.includes('file failed'))).toEqual([]);
    } finally {
      await limited.close();
    }
  });

  it('an address sending file after file is held to its rate: 429 ServerBusy with Retry-After; other addresses upload', async () => {
    const limited = await startApp(store, { uploadRate: { perSecond: 1 / 30, burst: 2 }, trustedProxies: 1 });
    try {
      const links = await createPlan(store, limited.app.hub, 'Rated', { commands: [{ type: 'createPlan', name: 'Rated' }] });
      const token = links.organisePath.replace(/^\/p\//, '');
      const mine = await guestCookie(limited.url);
      const from = (address: string, name: string, body: string | Uint8Array = small) =>
        send(`${limited.url}/api/plans/${token}/uploads?name=${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream', cookie: mine, 'x-forwarded-for': address },
          body,
        });
      const first = Date.now();
      expect((await from('198.51.100.7', 'a.csv')).status).toBe(201);
      expect((await from('198.51.100.7', 'b.csv')).status).toBe(201);
      // refused before its 8 MB are read, and the connection is closed rather than kept by reading them to the end
      const refused = await from('198.51.100.7', 'c.csv', new Uint8Array(8 * 1024 * 1024).fill(65));
      expect(refused.status).toBe(429);
      expect(refused.headers.get('connection')).toBe('close');
      // The next spreadsheet is due 30 s after the first was charged, whenever this answer came (a busy machine may
      // take seconds for the two uploads before it): at most 30 s, at least what is left of them now.
      const wait = Number(refused.headers.get('retry-after'));
      expect(wait).toBeGreaterThanOrEqual(Math.floor(30 - (Date.now() - first) / 1000));
      expect(wait).toBeLessThanOrEqual(30);
      expect(await refused.json()).toEqual({
        error: `Too many spreadsheets uploaded from your address just now. Please wait ${wait} seconds and upload it again.`,
        code: 'ServerBusy',
        retryAfterMs: expect.any(Number),
      });
      expect((await from('198.51.100.8', 'd.csv')).status).toBe(201);
    } finally {
      await limited.close();
    }
  }, 30_000); // an app of its own and an 8 MB body: seconds on a busy machine

  it("one plan's many uploads never evict another plan's upload", async () => {
    const [mine, theirs] = [await newPlan(), await newPlan()];
    const kept = (await (await upload(theirs, small, 'theirs.csv')).json()) as Reply;
    const ids: string[] = [];
    for (let i = 0; i < 45; i++) {
      const res = await upload(mine, `Name\nGuest ${i}\n`, `mine-${i}.csv`);
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as Reply).uploadId);
    }
    expect((await preview(theirs, kept.uploadId)).status).toBe(200);
    expect((await preview(mine, ids[0]!)).status).toBe(404); // its own oldest made room
    expect((await preview(mine, ids.at(-1)!)).status).toBe(200);
    expect(parsePool().queued).toBe(0);
  });
});
