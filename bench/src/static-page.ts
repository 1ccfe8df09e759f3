import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * The first render's floor: a plan page as the server sent it, frame and all, with its scripts taken out, served as
 * a file from memory with the build's assets. What Chromium needs to show the server's bytes, with no server work
 * behind the request and no JavaScript before the paint: no page Seatfold sends can paint sooner.
 */
export function scriptless(html: string): string {
  return html
    .replace(/<script\b(?![^>]*type="application\/json")[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link\b[^>]*rel="modulepreload"[^>]*>/g, '');
}

const TYPES: Record<string, string> = { '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };

/**
 * The headers of the server's answer that the floor's page is served with too. They change what Chromium does before
 * it parses a byte: Cross-Origin-Opener-Policy puts the page in a browsing context group of its own, so a tab that
 * starts at about:blank (as the bench's do) swaps to a new renderer process, ~55–70 ms here (docs/performance.md, stop
 * 59). A floor without them would not pay what any page sent with them pays. How the bytes travel (length,
 * encoding, connection) is the floor server's own.
 */
export function pageHeaders(headers: Headers): Record<string, string> {
  const own = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive', 'date', 'vary', 'cache-control']);
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!own.has(name.toLowerCase())) kept[name] = value;
  });
  return kept;
}

/**
 * Serves `html` at every path that is not under /assets/, with `headers` (the real page's, see pageHeaders), and the
 * build's assets from `dist`.
 */
export async function serveStaticPage(
  html: string,
  dist: string,
  headers: Record<string, string> = {},
): Promise<{ url: string; stop(): Promise<void> }> {
  const page = Buffer.from(html);
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (!pathname.startsWith('/assets/')) {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8', 'content-length': page.length, 'cache-control': 'no-store' });
      return res.end(page);
    }
    const file = path.join(dist, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ''));
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': body.length });
        res.end(body);
      },
      () => {
        res.writeHead(404);
        res.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/p/static`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
