import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '@seatfold/store';
import { PROTOCOL_VERSION } from '@seatfold/sync';
import type { Socket } from 'socket.io-client';
import { FrameWorker } from './frame-worker.ts';
import { ask, backends, connect, cookieOf, startApp, waitFor, type RunningApp } from '../testing.ts';

const webDir = fileURLToPath(new URL('../../../web/', import.meta.url));
const INDEX =
  '<!doctype html><html><head><title>Seatfold</title></head><body><div id="root"></div><script type="module" src="/assets/app.js"></script></body></html>';

/** A plan link's page comes with the plan drawn in at the server (server-frame.ts), built from this checkout's web app. */
describe('plan links’ pages drawn at the server', () => {
  let dir: string;
  let frameModule: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'seatfold-frame-'));
    await writeFile(path.join(dir, 'index.html'), INDEX);
    // The module the server draws with, built now from the sources (as `pnpm build` does), so it is never stale.
    const vite = path.join(path.dirname(createRequire(path.join(webDir, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
    const out = path.join(dir, 'ssr');
    await promisify(execFile)(process.execPath, [vite, 'build', '--ssr', 'src/ssr/server-frame.tsx', '--outDir', out, '--logLevel', 'error'], {
      cwd: webDir,
      env: { ...process.env, NODE_ENV: 'production' }, // vitest's 'test' would build React's development JSX
    });
    frameModule = path.join(out, 'server-frame.js');
  }, 180_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const backend of backends()) {
    describe(backend.name, () => {
      let store: EventStore;
      let server: RunningApp;
      let broken: RunningApp;
      let limited: RunningApp;
      let steady: RunningApp;
      const sockets: Socket[] = [];
      beforeAll(async () => {
        store = await backend.open();
        server = await startApp(store, { staticDir: dir, serverFrameModule: frameModule });
        const bad = path.join(dir, `broken-${backend.name}.mjs`);
        await writeFile(bad, 'throw new Error("not a frame module");\n');
        broken = await startApp(store, { staticDir: dir, serverFrameModule: bad });
        // three framed pages per address, then (almost) none
        limited = await startApp(store, {
          staticDir: dir,
          serverFrameModule: frameModule,
          serverFrames: { perAddress: { perSecond: 0.001, burst: 3 } },
        });
        // a plan is drawn again at most once a minute here
        steady = await startApp(store, { staticDir: dir, serverFrameModule: frameModule, serverFrames: { redrawMs: 60_000 } });
      });
      afterAll(async () => {
        for (const s of sockets) s.disconnect();
        await broken?.close();
        await limited?.close();
        await steady?.close();
        await server?.close();
        await store?.close();
      });

      const page = async (url: string, pathname: string, cookie?: string) => {
        const res = await fetch(`${url}${pathname}`, { headers: { 'accept-encoding': 'br', ...(cookie ? { cookie } : {}) } });
        const raw = Buffer.from(await res.arrayBuffer());
        // fetch decodes what it understands; read the bytes as sent either way
        const html = res.headers.get('content-encoding') === 'br' && raw[0] !== 0x3c ? brotliDecompressSync(raw).toString() : raw.toString();
        return { status: res.status, html, headers: res.headers };
      };
      type Page = Awaited<ReturnType<typeof page>> & { version: number };
      /**
       * The first page with a frame (the first plan page after a start is served plain while the worker starts);
       * `check` sees every framed page on the way.
       */
      const framed = async (pathname: string, cookie?: string, check: (p: Page) => void = () => {}, url = server.url): Promise<Page> => {
        let found: Page | undefined;
        await waitFor(
          `a server frame on ${pathname}`,
          async () => {
            const p = await page(url, pathname, cookie);
            const v = /data-server-frame="(\d+)"/.exec(p.html)?.[1];
            if (v !== undefined) check((found = { ...p, version: Number(v) }));
            return found !== undefined;
          },
          60_000,
          50,
        );
        return found!;
      };
      const ownedPlan = async (name: string, url = server.url) => {
        const res = await fetch(`${url}/api/plans`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name, yourName: 'Olivia' }),
        });
        const body = (await res.json()) as { organisePath: string; reviewPath: string };
        const owner = cookieOf(res)!;
        const socket = await connect(url, { cookie: owner });
        sockets.push(socket);
        const joined = await ask<{ ok: boolean }>(socket, 'join', {
          protocol: PROTOCOL_VERSION,
          token: body.organisePath.slice(3),
          clientId: `frame-${sockets.length}`,
          userName: 'Olivia',
          lastVersion: 0,
        });
        expect(joined.ok).toBe(true);
        const links = async (open: boolean) =>
          expect(
            (
              await fetch(`${url}/api/plans/${body.organisePath.slice(3)}/open-links`, {
                method: 'PUT',
                headers: { 'content-type': 'application/json', cookie: owner },
                body: JSON.stringify({ organise: open, review: open }),
              })
            ).status,
          ).toBe(200);
        let n = 0;
        const command = async (command: Record<string, unknown>) =>
          expect((await ask<{ status: string }>(socket, 'command', { commandId: `frame-${sockets.length}-${++n}`, command })).status).toBe(
            'accepted',
          );
        return { organisePath: body.organisePath, reviewPath: body.reviewPath, owner, command, links };
      };

      it('shows what the open link may see, inert until the app takes over, and follows the plan as it changes', async () => {
        const plan = await ownedPlan('Frame: open links');
        await plan.links(true); // a new plan is for its members only
        await plan.command({ type: 'addGuest', guestId: 'g-fr-1', name: 'Amelia Frame' });
        await plan.command({ type: 'addGuest', guestId: 'g-fr-x', name: 'Eve </script><b>x' });
        await plan.command({ type: 'addTable', tableId: 't-fr-1', name: 'Rose', capacity: 8 });

        const review = await framed(plan.reviewPath);
        expect(review.status).toBe(200);
        expect(review.html).toMatch(/<div id="root" data-server-frame="\d+" inert aria-busy="true"><div class="plan-screen">/);
        expect(review.html).toContain('Amelia Frame');
        expect(review.html).toMatch(/data-testid="table-card" data-table-id="t-fr-1"/);
        expect(review.html).toContain('Review only');
        expect(review.html).not.toContain('data-testid="open-add-tables"'); // no organiser tools on a review link
        expect(review.html).toContain('<script type="module" src="/assets/app.js">'); // the app itself still comes
        expect(review.html).toMatch(/^<!doctype html><html data-plan-inline>/);
        // The state it shows goes with it, for the app to start from: a data block no guest's name can end early.
        expect(review.html).not.toContain('</script><b>');
        const block = /<script type="application\/json" id="seatfold-plan">([^<]*)<\/script>/.exec(review.html)?.[1];
        const sent = JSON.parse(block!) as { version: number; role: string; state: { guests: Record<string, { name: string }> } };
        expect(sent).toMatchObject({ version: review.version, role: 'review' });
        expect(sent.state.guests['g-fr-x']!.name).toBe('Eve </script><b>x');
        expect(review.headers.get('cache-control')).toBe('private, no-cache');
        expect(review.headers.get('vary')).toMatch(/cookie/);

        const organise = await framed(plan.organisePath);
        expect(organise.html).toContain('data-testid="open-add-tables"');

        // A change is in the next page at once: frames are per version, never an older state.
        await plan.command({ type: 'addGuest', guestId: 'g-fr-2', name: 'Bruno Later' });
        // a page without a frame may come, a stale one never
        const after = await framed(plan.reviewPath, undefined, (p) => expect(p.version).toBe(review.version + 1));
        expect(after.html).toContain('Bruno Later');

        // A rebuild while the server runs (new script names): pages are made with the new page at once.
        await writeFile(path.join(dir, 'index.html'), INDEX.replace('/assets/app.js', '/assets/app-2.js'));
        try {
          const rebuilt = await framed(plan.reviewPath, undefined, (p) => expect(p.html).toContain('/assets/app-2.js'));
          expect(rebuilt.version).toBe(after.version);
        } finally {
          await writeFile(path.join(dir, 'index.html'), INDEX);
        }
      });

      it('shows a members-only plan to its members only, and nothing of a page that is not a plan link', async () => {
        const plan = await ownedPlan('Frame: members only');
        await plan.command({ type: 'addGuest', guestId: 'g-fr-3', name: 'Secret Guest' });
        await plan.links(false);
        const member = await framed(plan.organisePath, plan.owner);
        expect(member.html).toContain('Secret Guest');

        for (const [pathname, cookie] of [
          [plan.reviewPath, undefined],
          [plan.organisePath, undefined],
          [plan.reviewPath, 'seatfold_session=not-a-session'],
          ['/p/NoSuchPlanToken123', undefined],
          [`${plan.organisePath}/print`, plan.owner],
          ['/', plan.owner],
        ] as const) {
          const p = await page(server.url, pathname, cookie);
          expect(p.status).toBe(200);
          expect(p.html).toBe(INDEX);
        }
      });

      it('serves the plain page when the frame module cannot be loaded, and stays up', async () => {
        const plan = await ownedPlan('Frame: broken module');
        await plan.links(true);
        for (let i = 0; i < 3; i++) {
          const p = await page(broken.url, plan.reviewPath);
          expect(p.status).toBe(200);
          expect(p.html).toBe(INDEX);
        }
        await waitFor('the log to say why', () => broken.logs.some((l) => l.includes('the frame module did not load')));
        expect((await fetch(`${broken.url}/api/health`)).status).toBe(200);
      });

      it('draws a plan that keeps changing at most once a redraw time, serving the plain page meanwhile, never an older frame', async () => {
        const plan = await ownedPlan('Frame: renamed on and on', steady.url);
        await plan.links(true);
        await framed(plan.reviewPath, undefined, undefined, steady.url);
        for (let i = 0; i < 5; i++) {
          await plan.command({ type: 'renamePlan', name: `Frame: renamed ${i}` });
          expect((await page(steady.url, plan.reviewPath)).html).toBe(INDEX);
        }
      });

      it('draws at most its budget of pages for one address, then serves the plain page', async () => {
        const plan = await ownedPlan('Frame: budget');
        await plan.links(true);
        await framed(plan.reviewPath, undefined, undefined, limited.url); // takes one of the three
        let more = 0;
        for (let i = 0; i < 5; i++) if ((await page(limited.url, plan.reviewPath)).html.includes('data-server-frame')) more++;
        expect(more).toBeLessThanOrEqual(2);
        expect((await page(limited.url, plan.reviewPath)).html).toBe(INDEX);
      });
    });
  }
});

describe('the server-frame worker', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'seatfold-frame-worker-'));
    // Holds its thread for 5 s on the first job only, whichever worker runs it (a marker file says it did).
    await writeFile(
      path.join(dir, 'slow.mjs'),
      [
        "import { existsSync, writeFileSync } from 'node:fs';",
        "const mark = new URL('./slowed', import.meta.url);",
        'export function renderServerFrame(reply) {',
        "  if (!existsSync(mark)) { writeFileSync(mark, ''); const t = Date.now(); while (Date.now() - t < 5000); }",
        '  return `<p>${reply.planName}</p>`;',
        '}',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const job = (planName: string) => ({
    head: { planId: 'p', planName, role: 'review' as const, you: { id: '', name: '' }, version: 1 },
    state: new TextEncoder().encode('{}'),
  });

  it('abandons a render past its time, refuses beyond its queue at once, and answers the next on a new worker', async () => {
    const logs: string[] = [];
    const worker = new FrameWorker(path.join(dir, 'slow.mjs'), { renderMs: 300, queue: 2, maxOldGenerationMb: 64, idleMs: 60_000 }, (m) =>
      logs.push(m),
    );
    try {
      const first = worker.render(job('first'));
      const second = worker.render(job('second'));
      await expect(worker.render(job('third'))).rejects.toThrow('busy');
      await expect(first).rejects.toThrow(/longer than 300 ms/);
      expect(await second).toBe('<p>second</p>');
      expect(worker.replaced).toBe(1);
      expect(logs.some((l) => l.includes('is replaced'))).toBe(true);
    } finally {
      await worker.close();
    }
  });

  it('stops a worker left without a job, and starts one again for the next', async () => {
    await writeFile(path.join(dir, 'fast.mjs'), 'export const renderServerFrame = (reply) => `<p>${reply.planName}</p>`;\n');
    const worker = new FrameWorker(path.join(dir, 'fast.mjs'), { renderMs: 2_000, queue: 2, maxOldGenerationMb: 64, idleMs: 200 });
    try {
      expect(await worker.render(job('one'))).toBe('<p>one</p>');
      expect(worker.warm).toBe(true);
      await waitFor('the idle worker to stop', () => !worker.warm);
      expect(await worker.render(job('two'))).toBe('<p>two</p>');
      expect(worker.replaced).toBe(0);
    } finally {
      await worker.close();
    }
  });
});
