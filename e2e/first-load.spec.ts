import type { Page } from '@playwright/test';
import { expect, openPlan, test } from './fixtures.ts';

/**
 * What a page asks of the server while it opens: session answers (status), links requests, sockets; and, apart, the
 * version each session answer's plan state was at, the version of the plan the server drew into the page (if it did)
 * and the version each join asked to catch up from.
 */
function recordRequests(page: Page) {
  const seen = { sessions: [] as number[], links: 0, sockets: 0 };
  const versions = { states: [] as (number | null)[], joins: [] as number[], page: null as number | null };
  page.on('response', (res) => {
    const { pathname } = new URL(res.url());
    // the version of the plan drawn into the page by the server, if it was
    if (res.request().resourceType() === 'document')
      void res.text().then((t) => (versions.page = Number(/data-server-frame="(\d+)"/.exec(t)?.[1] ?? NaN) || null));
    if (pathname === '/api/session' && res.request().method() === 'POST') {
      seen.sessions.push(res.status());
      void res.json().then((b: { plan?: { version: number } | null }) => versions.states.push(b.plan?.version ?? null));
    }
    if (pathname.startsWith('/api/links/')) seen.links++;
  });
  page.on('websocket', (ws) => {
    seen.sockets++;
    ws.on('framesent', ({ payload }) => {
      const join = /"join",\{.*"lastVersion":(\d+)/.exec(String(payload));
      if (join) versions.joins.push(Number(join[1]));
    });
  });
  return Object.assign(seen, { versions });
}

const sessionStartedBeforeDomContentLoaded = (page: Page) =>
  page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const session = performance.getEntriesByType('resource').find((r) => new URL(r.name).pathname === '/api/session');
    return session !== undefined && session.startTime < nav.domContentLoadedEventStart;
  });

test('a plan link asks for its session and the plan once, before the app has run, then joins from that version and fetches its links once', async ({
  browser,
  server,
}) => {
  const { organisePath } = await server.demoLinks();
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = recordRequests(page);
  const { versions } = seen;

  // A first visit: the boot chunk's request makes the guest session (201), and the app uses that answer.
  await openPlan(page, server, organisePath);
  await expect(page.getByTestId('table-card').first()).toBeVisible();
  await expect.poll(() => seen.links).toBe(1);
  expect(await sessionStartedBeforeDomContentLoaded(page)).toBe(true);
  expect(seen).toMatchObject({ sessions: [201], links: 1, sockets: 1 });
  // The plan's state came with the page (when the server drew it) or with the session's answer, and was drawn before
  // the socket joined: the join only caught up from it.
  await expect.poll(() => versions.joins.length).toBe(1);
  expect(versions.states).toHaveLength(1);
  const start = versions.page ?? versions.states[0];
  if (versions.page !== null) expect(versions.states).toEqual([null]); // not sent twice
  expect(start).toBeGreaterThan(0);
  expect(versions.joins).toEqual([start]);

  // A reload brings the same browser back: one request again, answered with the session it has.
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  await expect.poll(() => seen.links).toBe(2);
  expect(seen).toMatchObject({ sessions: [201, 200], links: 2, sockets: 2 });
  await context.close();
});

test('a plan link’s page shows the plan before the app has run, inert, and the app takes it over live', async ({ browser, server }) => {
  const { reviewPath } = await server.demoLinks();
  const context = await browser.newContext();
  const page = await context.newPage();
  const root = page.locator('#root');
  // The server draws a plan's pages once its worker is up: the first page after a start may come without.
  await expect
    .poll(async () => {
      const res = await page.request.get(server.url + reviewPath);
      return /data-server-frame="\d+"/.test(await res.text());
    })
    .toBe(true);

  // Without the app's JavaScript the page still shows the board, from the server, and nothing in it reacts yet.
  await page.route(/\/assets\/index-[^/]*\.js$/, (route) => route.abort());
  await page.goto(server.url + reviewPath);
  await expect(root).toHaveAttribute('data-server-frame', /\d+/);
  await expect(root).toHaveAttribute('inert', '');
  await expect(page.getByTestId('table-card').first()).toBeVisible();
  await expect(page.getByTestId('role-badge')).toHaveText('Review only');
  await expect(page.getByTestId('connection-status')).toHaveText('Connecting…');

  // With it, the app starts from the state that came with the page (the session is not asked for it again) and
  // replaces the frame by its own board, live and interactive.
  await page.unroute(/\/assets\/index-[^/]*\.js$/);
  const { versions } = recordRequests(page);
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  expect(versions.page).toBeGreaterThan(0);
  expect(versions.states).toEqual([null]);
  expect(versions.joins).toEqual([versions.page]);
  await expect(root).not.toHaveAttribute('inert');
  await expect(root).not.toHaveAttribute('data-server-frame');
  await page.getByTestId('tab-rooms').click();
  await expect(page.getByTestId('tab-rooms')).toHaveAttribute('aria-selected', 'true');
  await context.close();
});
