import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import axe from 'axe-core';
import { test as base, expect, type Page } from '@playwright/test';

const serverDir = path.resolve(import.meta.dirname, '../apps/server');

/**
 * The port of the next test server: any free one (0), or with SEATFOLD_E2E_PORTS=4210-4229 (on a machine shared with
 * others, who keep to ranges of their own) the next of that range, workers taking turns so two never share one.
 */
let serversStarted = 0;
function nextPort(): number {
  const range = /^(\d+)-(\d+)$/.exec(process.env.SEATFOLD_E2E_PORTS ?? '');
  if (!range) return 0;
  const [from, to] = [Number(range[1]), Number(range[2])];
  const worker = Number(process.env.TEST_PARALLEL_INDEX ?? 0);
  const workers = 2; // playwright.config.ts
  return from + ((worker + workers * serversStarted++) % (to - from + 1));
}

/** A real Seatfold server process on its own PGlite data directory, which a test may kill and start again. */
export class SeatfoldServer {
  private proc: ChildProcess | null = null;
  private output = '';
  readonly dataDir = mkdtempSync(path.join(tmpdir(), 'seatfold-e2e-'));
  port = nextPort();

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** `more`: settings of this start only (SEATFOLD_DISK_RESERVE_MB, say) */
  async start(more: Record<string, string> = {}): Promise<void> {
    // Every test's browser is one address (127.0.0.1), and a file may make a plan a test faster than 10 a minute.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(this.port),
      SEATFOLD_DATA_DIR: this.dataDir,
      SEATFOLD_DEMO: '1',
      SEATFOLD_PLANS_PER_MINUTE: '1000',
      ...more,
    };
    delete env.DATABASE_URL; // the embedded database, as `npm start` uses it
    const proc = spawn(process.execPath, ['--enable-source-maps', 'dist/main.mjs'], { cwd: serverDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    this.output = '';
    await new Promise<void>((resolve, reject) => {
      // Generous for a busy 2-core machine; a server that never starts is not left running.
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error(`server did not start:\n${this.output}`));
      }, 180_000);
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        const m = /running at http:\/\/localhost:(\d+)/.exec(this.output);
        if (m) {
          clearTimeout(timer);
          this.port = Number(m[1]);
          resolve();
        }
      };
      proc.stdout.on('data', onData);
      proc.stderr.on('data', onData);
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${this.output}`));
      });
    });
  }

  /** SIGKILL: no shutdown hook runs, like a crash or a pulled plug on the process. */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
    this.proc = null;
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async demoLinks(): Promise<{ organisePath: string; reviewPath: string }> {
    const res = await fetch(`${this.url}/api/demo`);
    if (!res.ok) throw new Error(`GET /api/demo: ${res.status}`);
    return (await res.json()) as { organisePath: string; reviewPath: string };
  }
}

export const test = base.extend<{ ownContextsClosed: void }, { server: SeatfoldServer }>({
  // Contexts a test opens itself (a second organiser, a reviewer) are closed when it ends. Left open, each kept its
  // page on the worker's demo board, folding and drawing every change later tests made there until the worker ended.
  ownContextsClosed: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      await Promise.all(browser.contexts().flatMap((c) => (before.has(c) ? [] : [c.close()])));
    },
    { auto: true },
  ],
  server: [
    async ({}, use) => {
      const server = new SeatfoldServer();
      await server.start();
      await use(server);
      await server.stop();
    },
    { scope: 'worker', timeout: 240_000 }, // a server start on a busy machine (see start)
  ],
});
export { expect };

/** A server of the calling spec file's own (started before its tests, stopped after), for files whose demo plan
 *  must stay exactly demoState() or whose changes would disturb what other files pick from the shared one. */
export function fileServer(): SeatfoldServer {
  const server = new SeatfoldServer();
  test.beforeAll(async () => {
    test.setTimeout(240_000); // a server start on a busy machine (see SeatfoldServer.start)
    await server.start();
  });
  test.afterAll(async () => {
    await server.stop();
  });
  return server;
}

/**
 * A plan of its own made over HTTP, as a browser would (the answer's cookie is its owner), whose owner then opens both
 * links to anyone: pages of any browser context can open it as guests, like the demo's links.
 */
export async function openLinkPlan(server: SeatfoldServer, name: string): Promise<{ planId: string; organisePath: string; reviewPath: string }> {
  const res = await fetch(`${server.url}/api/plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  expect(res.status).toBe(201);
  const created = (await res.json()) as { planId: string; organisePath: string; reviewPath: string };
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('seatfold_session='))!
    .split(';')[0]!;
  const open = await fetch(`${server.url}/api/plans/${created.organisePath.slice(3)}/open-links`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ organise: true, review: true }),
  });
  expect(open.status).toBe(200);
  return created;
}

/** Opens a plan link and waits until the board is live. */
export async function openPlan(page: Page, server: SeatfoldServer, linkPath: string) {
  await page.goto(server.url + linkPath);
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
}

export const tableCard = (page: Page, tableId: string) => page.locator(`[data-testid="table-card"][data-table-id="${tableId}"]`);
export const guestRow = (page: Page, guestId: string) => page.locator(`[data-testid="guest-row"][data-guest-id="${guestId}"]`);
export const seatedChip = (page: Page, tableId: string, guestId: string) =>
  tableCard(page, tableId).locator(`[data-testid="seated-guest"][data-guest-id="${guestId}"]`);

/** The WCAG 2.0/2.1 A and AA rules axe-core checks on every page the e2e suite visits. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  nodes: number;
  targets: string[];
}

/**
 * Runs axe-core on the page as it is now and returns its critical and serious violations (and the rest, counted).
 * By default the WCAG rules (AXE_TAGS); `runOnly` picks others, such as best-practice rules by name.
 *
 * axe runs inside the page (its source evaluated through the DevTools protocol, which the page's CSP does not
 * govern), not through @axe-core/playwright: that wrapper runs axe per frame in "partial" mode and carries every
 * rule's full partial results (passes included) over to a blank page to finish — measured on the 1,500-guest demo
 * board under load 20: 115–186 s per check through the wrapper, 32 s in the page, same findings. Seatfold renders no
 * iframes, so the in-page run sees everything the wrapper saw.
 */
export async function axeFindings(
  page: Page,
  runOnly: { type: 'tag' | 'rule'; values: string[] } = { type: 'tag', values: AXE_TAGS },
): Promise<{ severe: AxeFinding[]; other: AxeFinding[] }> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(axe.source);
  const violations = await page.evaluate(async (only) => {
    const inPage = (window as unknown as { axe: typeof axe }).axe;
    // Only violations are collected (not the thousands of passes on a board of 1,500 guests).
    const res = await inPage.run(document, { runOnly: only, resultTypes: ['violations'] });
    return res.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  }, runOnly);
  const severe = violations.filter((f) => f.impact === 'critical' || f.impact === 'serious');
  return { severe, other: violations.filter((f) => !severe.includes(f)) };
}

/** Fails on any critical or serious axe-core violation, listing each rule, its impact, its count and a few elements. */
export async function expectAccessible(page: Page, label: string) {
  // axe-core takes minutes over a board of 1,500 guests on a busy machine: its time is added to the test's deadline.
  test.info().setTimeout(test.info().timeout + 180_000);
  const { severe } = await axeFindings(page);
  const listing = severe.map((f) => `  ${f.impact} ${f.id} (${f.nodes}×): ${f.help}\n    ${f.targets.join('\n    ')}`).join('\n');
  expect(severe, `axe-core on ${label}:\n${listing}`).toEqual([]);
}
