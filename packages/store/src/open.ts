import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { append, runWithKysely, type RunStatement } from './append.ts';
import { batchInfo, listBatches, readBatch } from './batches.ts';
import { findCommandOutcomes } from './commands.ts';
import { DEFAULT_DISK_RESERVE_BYTES, eitherWatch, watchDatabaseSize, watchDisk, type DiskWatch } from './disk.ts';
import { StoreUnavailableError, trackHealth } from './health.ts';
import { laneRunner } from './lanes.ts';
import { migrate } from './migrations.ts';
import { loadImage, saveImage } from './images.ts';
import { createPlan, findPlanByToken, getPlan, setPlanName } from './plans.ts';
import { readStream, streamVersion } from './read.ts';
import type { Database } from './schema.ts';
import { loadSnapshot, saveSnapshot } from './snapshots.ts';
import type { EventStore, StoreOptions } from './types.ts';

/**
 * Opens the store: PostgreSQL (two pg Pools: one for appends, one for everything else) when `databaseUrl` is set,
 * else PGlite at `dataDir` ('memory://' for in-memory). Runs migrations before returning.
 *
 * PGlite has a single connection; kysely-pglite-dialect hands it to one kysely connection at a time, so a
 * transaction is never interleaved with other queries. (Every store operation is a single statement anyway.)
 */
export async function openStore(opts: StoreOptions): Promise<EventStore> {
  const log = opts.log ?? (() => {});
  let kind: EventStore['kind'];
  let db: Kysely<Database>;
  let run: RunStatement | undefined;
  let writes: pg.Pool | undefined;
  if (opts.databaseUrl) {
    kind = 'postgres';
    const pool = newPool(opts.databaseUrl, 10, log);
    // Appends have connections of their own: a flood of reads (joins, history pages, sign-ins, exports) that takes
    // every connection of the other pool cannot make a plan's commands queue behind it. Eight: a few slow batch
    // appends (an import of thousands of guests) still leave room for other plans' commands.
    writes = newPool(opts.databaseUrl, 8, log);
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    // The append, every command's one statement, goes to pg as a named prepared statement (kysely has none): at one
    // command at a time the ack took ~0.1 ms less (bench, docs/performance.md). Errors are pg's, as through kysely.
    // A pipelining room's appends keep their order on one connection (lanes.ts).
    run = laneRunner(writes);
  } else if (opts.dataDir) {
    kind = 'pglite';
    // Loaded only in embedded mode: PGlite's WASM build costs tens of MB of memory that PostgreSQL mode never needs.
    const [{ PGlite }, { PGliteDialect }] = await Promise.all([import('@electric-sql/pglite'), import('kysely-pglite-dialect')]);
    const pglite = await PGlite.create(opts.dataDir, opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
    db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  } else {
    throw new Error("openStore: set databaseUrl (PostgreSQL) or dataDir (PGlite; 'memory://' for in-memory)");
  }

  try {
    await migrate(db, log);
  } catch (err) {
    await Promise.all([db.destroy(), writes?.end()]);
    throw err;
  }
  log(`event store ready (${kind})`);
  const disk = await diskOf(db, kind === 'pglite' ? opts.dataDir! : null, opts, log);
  const runAppend = run ?? runWithKysely(db);

  // Every operation goes through the health tracker: a lost connection becomes a StoreUnavailableError.
  const tracker = trackHealth(() => sql`select 1`.execute(db), { log, probeEveryMs: opts.probeEveryMs });
  // Closing waits for the operations in flight: PGlite closed under a query never answers it and never finishes
  // closing (with the event loop blocked in its WASM), and a pool ended under one fails it. Some are never awaited
  // by anybody (a snapshot, a plan's listed name); a store that is closing refuses new ones as unavailable.
  const inFlight = new Set<Promise<unknown>>();
  let closed: Promise<void> | undefined;
  const g = <T>(op: () => Promise<T>): Promise<T> => {
    if (closed) return Promise.reject(new StoreUnavailableError(new Error('the store is closing')));
    const p = tracker.guard(op);
    inFlight.add(p);
    const settled = () => void inFlight.delete(p);
    p.then(settled, settled);
    return p;
  };
  // What writes goes through the disk's reserve too; a read is never refused for it.
  const w = <T>(op: () => Promise<T>): Promise<T> =>
    disk?.low() ? Promise.reject(new StoreUnavailableError(new Error('no room left for the database'), 'no-space')) : g(op);
  return {
    kind,
    health: () => {
      const h = tracker.health();
      if (!disk?.low() || !h.ok) return h;
      return {
        ok: false,
        since: disk.since(),
        reason: disk.reason(),
      };
    },
    createPlan: (plan) => w(() => createPlan(db, plan)),
    findPlanByToken: (token) => g(() => findPlanByToken(db, token)),
    getPlan: (planId) => g(() => getPlan(db, planId)),
    setPlanName: (planId, name) => w(() => setPlanName(db, planId, name)),
    append: (planId, expectedVersion, records, batch, options) => w(() => append(db, runAppend, planId, expectedVersion, records, batch, options)),
    listBatches: (planId, page) => g(() => listBatches(db, planId, page)),
    batchInfo: (planId, batchId) => g(() => batchInfo(db, planId, batchId)),
    readBatch: (planId, batchId) => g(() => readBatch(db, planId, batchId)),
    readStream: (planId, afterVersion, limit) => g(() => readStream(db, planId, afterVersion, limit)),
    streamVersion: (planId) => g(() => streamVersion(db, planId)),
    findCommandOutcomes: (planId, commandIds) => g(() => findCommandOutcomes(db, planId, commandIds)),
    saveSnapshot: (planId, version, evolveVersion, state) => w(() => saveSnapshot(db, planId, version, evolveVersion, state)),
    loadSnapshot: (planId, evolveVersion) => g(() => loadSnapshot(db, planId, evolveVersion)),
    saveImage: (planId, image, limits) => w(() => saveImage(db, planId, image, limits)),
    loadImage: (planId, imageId) => g(() => loadImage(db, planId, imageId)),
    connection: () => db,
    // Idempotent; ends the pools / closes PGlite once the operations in flight have answered (at most CLOSE_WAIT_MS).
    close: () => {
      tracker.stop();
      disk?.stop();
      return (closed ??= settle([...inFlight], CLOSE_WAIT_MS)
        .then(() => Promise.all([db.destroy(), writes?.end()]))
        .then(() => undefined));
    },
  };
}

/**
 * The watch on the database's room: its disk (PGlite's data directory, or PostgreSQL's when it is on this machine and
 * its setting may be read: a superuser, or pg_read_all_settings), and the size it may reach (databaseMaxBytes).
 * Where neither is watched, only the database's own disk_full says it.
 */
async function diskOf(db: Kysely<Database>, dataDir: string | null, opts: StoreOptions, log: (msg: string) => void): Promise<DiskWatch | null> {
  const everyMs = opts.diskCheckEveryMs;
  const max = opts.databaseMaxBytes ?? 0;
  const size = async () => Number((await sql<{ size: string }>`select pg_database_size(current_database())::text as size`.execute(db)).rows[0]!.size);
  const capped = max > 0 ? await watchDatabaseSize(size, max, { everyMs, log }) : null;
  if (max > 0 && !capped) log('the database size limit is not watched: its size cannot be read');
  return eitherWatch(await diskWatch(db, dataDir, opts, log), capped);
}

async function diskWatch(db: Kysely<Database>, dataDir: string | null, opts: StoreOptions, log: (msg: string) => void): Promise<DiskWatch | null> {
  const reserve = opts.diskReserveBytes ?? DEFAULT_DISK_RESERVE_BYTES;
  if (reserve <= 0 || dataDir?.startsWith('memory://')) return null;
  let dir = dataDir;
  if (dir === null) {
    try {
      const r = await sql<{ dir: string }>`select current_setting('data_directory') as dir`.execute(db);
      dir = r.rows[0]?.dir ?? null;
    } catch {
      dir = null;
    }
  }
  const watch = dir ? await watchDisk(dir, { reserve, everyMs: opts.diskCheckEveryMs, log }) : null;
  if (!watch) log('free disk space is not watched: the database keeps its files where this server cannot read them');
  return watch;
}

/** How long closing waits for the operations in flight (a slow append; the server's own stop is bounded too). */
const CLOSE_WAIT_MS = 10_000;

/** Resolves when every promise has settled, or after `ms`, whichever comes first. */
function settle(ps: Promise<unknown>[], ms: number): Promise<void> {
  if (ps.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void Promise.allSettled(ps).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** A pool of PostgreSQL connections of at most `max`, whose lost connections are logged, never thrown. */
function newPool(connectionString: string, max: number, log: (msg: string) => void): pg.Pool {
  // A database that stops answering (no refusal, no reset) must not hold connects forever; keep-alive notices dead peers.
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 10_000, keepAlive: true });
  // A client losing its connection emits 'error': on the pool when it is idle, on the client itself while it is
  // checked out (a query in flight). Unhandled, either would end the process; the failing query rejects anyway.
  pool.on('error', (err) => log(`postgres idle connection lost: ${err.message}`));
  pool.on('connect', (client) => client.on('error', (err) => log(`postgres connection lost: ${err.message}`)));
  return pool;
}
