import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { HttpError } from './errors.ts';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.txt']);
/** The compressed copies the web app's build writes beside each text asset (vite-plugin-compression2), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/**
 * The built web app, served from disk. Text assets are compressed at build time (apps/web/vite.config.ts writes
 * `<file>.br` and `<file>.gz` beside each): the best copy the client accepts is streamed with its
 * Content-Encoding, and a file without one is sent as it is — the server never compresses, so it holds no
 * compressed copies in memory (they cost 20–24 MB resident, docs/performance.md). Hashed files under assets/ are
 * immutable; index.html (and any path without an extension, the app's routes) is revalidated every time. Source
 * maps are never served.
 *
 * Not Hono's serveStatic (which also serves precompressed files): it reads Accept-Encoding without q-values (so
 * `br;q=1.0` would not count and `br;q=0` would), sets Vary only when a copy exists, and has no fallback to the
 * app's page for its routes nor refusal of source maps; those are the lines below.
 */
export class StaticFiles {
  constructor(private readonly root: string) {}

  async answer(pathname: string, acceptEncoding: string): Promise<Response> {
    const decoded = decodeURIComponent(pathname);
    if (/\.map$/i.test(decoded) || decoded.includes('\0')) throw new HttpError(404, 'Not found.');
    let file = path.join(this.root, path.normalize(decoded).replace(/^(\.\.[/\\])+/, ''));
    if (file !== this.root && !file.startsWith(this.root + path.sep)) throw new HttpError(404, 'Not found.');
    let info = await fileStat(file);
    if (!info) {
      if (path.extname(decoded)) throw new HttpError(404, 'Not found.');
      file = path.join(this.root, 'index.html');
      info = await fileStat(file);
      if (!info) throw new HttpError(404, 'The web app is not built. Run `pnpm build`.');
    }
    const ext = path.extname(file).toLowerCase();
    const immutable = file.startsWith(path.join(this.root, 'assets') + path.sep);
    const headers: Record<string, string> = {
      'content-type': MIME[ext] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    if (!COMPRESSIBLE.has(ext)) return stream(file, info.size, headers);
    headers.vary = 'accept-encoding';
    const accepted = acceptedEncodings(acceptEncoding);
    for (const { name, suffix } of ENCODINGS) {
      if (!accepted.has(name)) continue;
      // The build empties dist/ first, so a copy is always of the file beside it.
      const packed = await fileStat(file + suffix);
      if (packed) return stream(file + suffix, packed.size, { ...headers, 'content-encoding': name });
    }
    return stream(file, info.size, headers);
  }
}

/** The file's stats when it is a regular file; null when it is missing, a directory or unreadable. */
async function fileStat(file: string): Promise<Stats | null> {
  const info = await stat(file).catch(() => null);
  return info?.isFile() ? info : null;
}

/** The encodings a client accepts (q > 0), from Accept-Encoding. */
export function acceptedEncodings(header: string): Set<string> {
  const out = new Set<string>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((x) => x.trim());
    const q = params.find((p) => p.startsWith('q='));
    if (name && (!q || Number(q.slice(2)) > 0)) out.add(name);
  }
  return out;
}

function stream(file: string, size: number, headers: Record<string, string>): Response {
  const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers: { ...headers, 'content-length': String(size) } });
}
