/** Test helpers for code that uses the store (not used by the app). */
import { createHash, randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { migrate, migrationsKey } from './migrations.ts';
import { openStore } from './open.ts';
import type { EventStore, StoreOptions } from './types.ts';

/**
 * A PostgreSQL session that terminates the backends of ONE application_name (the tests' own connections, never
 * anybody else's), to simulate a database restart or a lost connection.
 */
export async function connectionKiller(databaseUrl: string, applicationName: string) {
  const admin = new pg.Client({ connectionString: databaseUrl });
  admin.on('error', () => {});
  await admin.connect();
  return {
    /** how many backends were terminated */
    async terminate(): Promise<number> {
      const { rows } = await admin.query<{ n: string }>(
        'select count(pg_terminate_backend(pid)) as n from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()',
        [applicationName],
      );
      return Number(rows[0]?.n ?? 0);
    },
    close: () => admin.end(),
  };
}

/**
 * A TCP relay to PostgreSQL (the store connects to `url`) that can stop passing bytes on (held, in order) and start
 * again, as a stopped server or a silent network would (`freeze`, `thaw`), or `cut` every connection and refuse new
 * ones, as a database going down does, until `restore`.
 */
export async function relay(target: URL) {
  let frozen = false;
  let cut = false;
  const held: { to: net.Socket; data: Buffer }[] = [];
  const pairs = new Set<[net.Socket, net.Socket]>();
  const server = net.createServer((client) => {
    if (cut) return void client.destroy();
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    const pass = (to: net.Socket) => (data: Buffer) => (frozen ? held.push({ to, data }) : to.write(data));
    client.on('data', pass(upstream));
    upstream.on('data', pass(client));
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target.href);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.href,
    freeze: () => void (frozen = true),
    thaw: () => {
      frozen = false;
      // what a connection ended meanwhile had sent is lost with it, as with a real one
      for (const { to, data } of held.splice(0)) if (!to.destroyed) to.write(data);
    },
    cut: () => {
      cut = true;
      for (const pair of pairs) for (const socket of pair) socket.destroy();
    },
    restore: () => void (cut = false),
    close: async () => {
      for (const pair of pairs) for (const socket of pair) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** `databaseUrl` with its connections named `applicationName` (for connectionKiller). */
export function withApplicationName(databaseUrl: string, applicationName: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', applicationName);
  return url.toString();
}

/** What a test may still choose: where the store lives is the helper's. */
type TestStoreOptions = Omit<StoreOptions, 'databaseUrl' | 'dataDir' | 'loadDataDir'>;

/**
 * An in-memory PGlite store for tests, started from a migrated template instead of an empty cluster: PGlite's
 * initdb and the migrations cost seconds per store (10–21 s at load 11; from the template 6.3–6.6 s at that load,
 * in the same process). The template is made once per machine and schema (keyed by PGlite's
 * version and every migration's code, kept in the OS temp directory; written to a temporary name, then renamed,
 * so parallel test workers never read half a file) and once per process read into memory.
 */
export async function openMemoryStore(options: TestStoreOptions = {}): Promise<EventStore> {
  return openStore({ ...options, dataDir: 'memory://', loadDataDir: await pgliteTemplate() });
}

/** A PGlite store in `dataDir` (a directory on disk that outlives the store), started from the same template when new. */
export async function openDiskStore(dataDir: string, options: TestStoreOptions = {}): Promise<EventStore> {
  const fresh = (await readdir(dataDir).catch(() => [])).length === 0;
  return openStore({ ...options, dataDir, ...(fresh ? { loadDataDir: await pgliteTemplate() } : {}) });
}

let template: Promise<Blob> | undefined;
function pgliteTemplate(): Promise<Blob> {
  return (template ??= (async () => {
    const key = createHash('sha256').update(`${pgliteBuild()}\n${migrationsKey()}`).digest('hex').slice(0, 16);
    const file = join(tmpdir(), `seatfold-pglite-template-${key}.tar`);
    const stored = await readFile(file).catch(() => null);
    if (stored) return new Blob([stored]);
    const [{ PGlite }, { PGliteDialect }] = await Promise.all([import('@electric-sql/pglite'), import('kysely-pglite-dialect')]);
    const pglite = await PGlite.create('memory://');
    const db = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) });
    try {
      await migrate(db, () => {});
      const dump = await pglite.dumpDataDir('none');
      const bytes = new Uint8Array(await dump.arrayBuffer());
      const partial = `${file}.${process.pid}.${randomUUID()}`;
      await writeFile(partial, bytes);
      await rename(partial, file);
      await forgetOldTemplates(file);
      return new Blob([bytes]);
    } finally {
      await db.destroy();
    }
  })());
}

/**
 * Templates of other schemas or PGlite builds (~40 MB each) untouched for a day go when a new one is made: a
 * checkout of another branch may still use one now, and deleting it under that would only cost it a rebuild.
 */
async function forgetOldTemplates(keep: string): Promise<void> {
  const dir = dirname(keep);
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const path = join(dir, name);
    if (path === keep || !/^seatfold-pglite-template-[0-9a-f]{16}\.tar$/.test(name)) continue;
    const s = await stat(path).catch(() => null);
    if (s && s.mtimeMs < dayAgo) await unlink(path).catch(() => undefined);
  }
}

/** The installed PGlite's entry file: its path holds the package version in pnpm's store, its size the build. */
function pgliteBuild(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  return `${entry}:${statSync(entry).size}`;
}

/**
 * Makes the database itself refuse every event of one plan with `sqlstate` (53100: disk_full, as PostgreSQL says it
 * on a full disk), through a trigger on the events table that touches no other plan. Returns what takes it away.
 */
export async function refuseEventsOf(store: EventStore, planId: string, sqlstate: string): Promise<() => Promise<void>> {
  const db = store.connection?.();
  if (!db) throw new Error('refuseEventsOf needs a store opened by openStore');
  const fn = sql.raw(`refuse_${createHash('sha256').update(planId).digest('hex').slice(0, 16)}`);
  await sql`create function ${fn}() returns trigger language plpgsql as $$ begin
    raise exception 'refused for a test (SQLSTATE ${sql.raw(sqlstate.replace(/[^0-9A-Z]/g, ''))})' using errcode = '${sql.raw(sqlstate.replace(/[^0-9A-Z]/g, ''))}'; end $$`.execute(
    db,
  );
  await sql`create trigger ${fn} before insert on events for each row when (new.plan_id = ${sql.lit(planId)}) execute function ${fn}()`.execute(db);
  return async () => {
    await sql`drop trigger ${fn} on events`.execute(db);
    await sql`drop function ${fn}()`.execute(db);
  };
}
