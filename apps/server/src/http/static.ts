import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
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
/** Smaller files gain nothing from compression. */
const MIN_COMPRESS = 1024;
/** Compressed copies kept in memory; the built bundle is well under 2 MB, this bounds a strange staticDir. */
const MAX_CACHED_BYTES = 64 * 1024 * 1024;

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

interface Packed {
  mtimeMs: number;
  size: number;
  raw: Buffer;
  gzip: Buffer;
  br: Buffer;
}

/**
 * The built web app. Text assets are compressed once (brotli and gzip), cached in memory until the file changes,
 * and answered by Accept-Encoding — never compressed per request. Hashed files under assets/ are immutable;
 * index.html (and any path without an extension, the app's routes) is revalidated every time. Source maps are
 * never served.
 */
export class StaticFiles {
  private readonly packed = new Map<string, Promise<Packed>>();
  private cachedBytes = 0;

  constructor(private readonly root: string) {}

  /** Compresses the text assets ahead of the first visitor (brotli at its best takes ~2 s for the 540 kB bundle). */
  async warm(): Promise<void> {
    const names = await readdir(this.root, { recursive: true }).catch(() => [] as string[]);
    for (const name of names) {
      const file = path.join(this.root, name);
      if (!COMPRESSIBLE.has(path.extname(file).toLowerCase())) continue;
      const info = await stat(file).catch(() => null);
      if (info?.isFile() && info.size >= MIN_COMPRESS) await this.pack(file, info.mtimeMs, info.size).catch(() => null);
    }
  }

  async answer(pathname: string, acceptEncoding: string): Promise<Response> {
    const decoded = decodeURIComponent(pathname);
    if (/\.map$/i.test(decoded) || decoded.includes('\0')) throw new HttpError(404, 'Not found.');
    let file = path.join(this.root, path.normalize(decoded).replace(/^(\.\.[/\\])+/, ''));
    if (file !== this.root && !file.startsWith(this.root + path.sep)) throw new HttpError(404, 'Not found.');
    let info = await stat(file).catch(() => null);
    if (!info || info.isDirectory()) {
      if (path.extname(decoded)) throw new HttpError(404, 'Not found.');
      file = path.join(this.root, 'index.html');
      info = await stat(file).catch(() => null);
      if (!info) throw new HttpError(404, 'The web app is not built. Run `pnpm build`.');
    }
    const ext = path.extname(file).toLowerCase();
    const immutable = file.startsWith(path.join(this.root, 'assets') + path.sep);
    const headers: Record<string, string> = {
      'content-type': MIME[ext] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    if (!COMPRESSIBLE.has(ext) || info.size < MIN_COMPRESS) return stream(file, info.size, headers);
    headers.vary = 'accept-encoding';
    const packed = await this.pack(file, info.mtimeMs, info.size);
    if (!packed) return stream(file, info.size, headers);
    const accepted = acceptedEncodings(acceptEncoding);
    const accepts = (enc: string) => accepted.has(enc);
    const [encoding, body] = accepts('br') ? ['br', packed.br] : accepts('gzip') ? ['gzip', packed.gzip] : [null, packed.raw];
    if (encoding) headers['content-encoding'] = encoding;
    headers['content-length'] = String(body.length);
    return new Response(new Uint8Array(body), { status: 200, headers });
  }

  private pack(file: string, mtimeMs: number, size: number): Promise<Packed | null> {
    const cached = this.packed.get(file);
    const fresh = async () => {
      const raw = await readFile(file);
      const [br, gzip] = await Promise.all([
        brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
        gz(raw, { level: 9 }),
      ]);
      return { mtimeMs, size, raw, gzip, br };
    };
    const check = async (): Promise<Packed | null> => {
      const old = cached ? await cached.catch(() => null) : null;
      if (old && old.mtimeMs === mtimeMs && old.size === size) return old;
      if (old) {
        this.packed.delete(file);
        this.cachedBytes -= old.raw.length + old.gzip.length + old.br.length;
      }
      if (this.cachedBytes + size * 2 > MAX_CACHED_BYTES) return null;
      const p = fresh();
      this.packed.set(file, p);
      const done = await p.catch((err: unknown) => {
        this.packed.delete(file);
        throw err;
      });
      this.cachedBytes += done.raw.length + done.gzip.length + done.br.length;
      return done;
    };
    return check();
  }
}

/** The encodings a client accepts (q > 0), from Accept-Encoding. */
function acceptedEncodings(header: string): Set<string> {
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
