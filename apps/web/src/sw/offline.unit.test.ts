import { describe, expect, it } from 'vitest';
import { loadPage, offlinePage, RETRY_SECONDS } from './offline.ts';

const request = new Request('http://localhost:3000/p/abc');
const page = (status: number) => new Response(`page ${status}`, { status });

describe('a page load through the service worker', () => {
  it('answers with the preloaded page when the browser started one, fetching nothing', async () => {
    let fetched = 0;
    const r = await loadPage(request, Promise.resolve(page(200)), () => (fetched++, Promise.resolve(page(200))));
    expect(await r.text()).toBe('page 200');
    expect(fetched).toBe(0);
  });

  it('fetches the page itself when there is no preload', async () => {
    const r = await loadPage(request, Promise.resolve(undefined), (req) => Promise.resolve(new Response(`fetched ${new URL(req.url).pathname}`)));
    expect(await r.text()).toBe('fetched /p/abc');
  });

  it('passes the server’s own errors through: only an unreachable server gets the offline page', async () => {
    for (const status of [500, 503, 404]) {
      const r = await loadPage(request, undefined, () => Promise.resolve(page(status)));
      expect(r.status).toBe(status);
      expect(await r.text()).toBe(`page ${status}`);
    }
  });

  it('takes a gateway’s 502 or 504 (a proxy whose Seatfold is down) for an unreachable server', async () => {
    for (const status of [502, 504]) {
      const r = await loadPage(request, Promise.resolve(page(status)), () => Promise.resolve(page(200)));
      expect(await r.text()).toContain('Seatfold can’t reach its server');
    }
  });

  it('answers a failed preload or fetch with the offline page, which runs no script and tries again', async () => {
    for (const [preload, fetchPage] of [
      [Promise.reject(new TypeError('Failed to fetch')), () => Promise.resolve(page(200))],
      [undefined, () => Promise.reject(new TypeError('Failed to fetch'))],
    ] as const) {
      const r = await loadPage(request, preload, fetchPage);
      expect(r.status).toBe(503);
      expect(r.headers.get('content-type')).toContain('text/html');
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = await r.text();
      expect(html).toContain('Seatfold can’t reach its server');
      expect(html).toContain('kept in this browser');
      expect(html).toContain(`<meta http-equiv="refresh" content="${RETRY_SECONDS}">`);
      expect(html).not.toMatch(/<script/i);
    }
  });

  it('offers a way to try again at once, to keyboard and screen-reader users too', () => {
    expect(offlinePage()).toMatch(/<a href="">Try again now<\/a>/);
    expect(offlinePage()).toContain('<html lang="en">');
  });
});
