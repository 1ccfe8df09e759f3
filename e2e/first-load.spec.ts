import type { Page } from '@playwright/test';
import { expect, openPlan, test } from './fixtures.ts';

/** What a page asks of the server while it opens: session answers (status), links requests, sockets. */
function recordRequests(page: Page) {
  const seen = { sessions: [] as number[], links: 0, sockets: 0 };
  page.on('response', (res) => {
    const { pathname } = new URL(res.url());
    if (pathname === '/api/session' && res.request().method() === 'POST') seen.sessions.push(res.status());
    if (pathname.startsWith('/api/links/')) seen.links++;
  });
  page.on('websocket', () => seen.sockets++);
  return seen;
}

const sessionStartedBeforeDomContentLoaded = (page: Page) =>
  page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const session = performance.getEntriesByType('resource').find((r) => new URL(r.name).pathname === '/api/session');
    return session !== undefined && session.startTime < nav.domContentLoadedEventStart;
  });

test('a plan link asks for its session once, before the app has run, then joins and fetches its links once', async ({ browser, server }) => {
  const { organisePath } = await server.demoLinks();
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = recordRequests(page);

  // A first visit: the boot chunk's request makes the guest session (201), and the app uses that answer.
  await openPlan(page, server, organisePath);
  await expect(page.getByTestId('table-card').first()).toBeVisible();
  await expect.poll(() => seen.links).toBe(1);
  expect(await sessionStartedBeforeDomContentLoaded(page)).toBe(true);
  expect(seen).toEqual({ sessions: [201], links: 1, sockets: 1 });

  // A reload brings the same browser back: one request again, answered with the session it has.
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveText('Live');
  await expect.poll(() => seen.links).toBe(2);
  expect(seen).toEqual({ sessions: [201, 200], links: 2, sockets: 2 });
  await context.close();
});
