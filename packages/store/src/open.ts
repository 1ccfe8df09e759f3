import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { append, runInThread, runWithKysely, type RunStatement } from './append.ts';
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
  // An idle connection's loss is checked at once (set below, once the health tracker exists): a database restart or
  // crash ends every idle connection, and with nobody asking anything health would say ok for the whole outage.
  let idleLost = () => {};
  if (opts.databaseUrl) {
    kind = 'postgres';
    const limits = statementLimits(opts);
    const pool = newPool(opts.databaseUrl, 10, log, limits, () => idleLost());
    // Appends have connections of their own: a flood of reads (joins, history pages, sign-ins, exports) that takes
    // every connection of the other pool cannot make a plan's commands queue behind it. Eight: a few slow batch
    // appends (an import of thousands of guests) still leave room for other plans' commands.
    writes = newPool(opts.databaseUrl, 8, log, limits, () => idleLost());
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
    // PGlite runs in this thread: a big append goes in turns (append.ts, inTurns)
    run = runInThread(db);
  } else {
    throw new Error("openStore: set databaseUrl (PostgreSQL) or dataDir (PGlite; 'memory://' for in-memory)");
  }

  const setup = kind === 'postgres' ? unlimited(opts.databaseUrl!, log) : null;
  try {
    await migrate(setup ?? db, log);
  } catch (err) {
    await Promise.all([db.destroy(), writes?.end()]);
    throw err;
  } finally {
    await setup?.destroy();
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
  let checking = false;
  idleLost = () => {
    if (closed || checking) return;
    checking = true;
    void g(() => sql`select 1`.execute(db))
      .catch(() => undefined)
      .finally(() => (checking = false));
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

/** How long a statement may run, and how long the client waits for any answer at all (0, 0: no limit). */
interface StatementLimits {
  statementMs: number;
  answerMs: number;
}

function statementLimits(opts: StoreOptions): StatementLimits {
  const statementMs = opts.statementTimeoutMs ?? 8_000;
  return { statementMs, answerMs: statementMs > 0 ? statementMs + (opts.answerGraceMs ?? 2_000) : 0 };
}

/** The message pg rejects a query with when no answer came within `query_timeout`. */
const NO_ANSWER = 'Query read timeout';

/**
 * A pool of PostgreSQL connections of at most `max`, whose lost connections are logged, never thrown (an idle one's
 * loss also calls `idleLost`).
 *
 * Limits (a probe froze PostgreSQL for 20 s: every plan waited, nothing was refused, health said ok): PostgreSQL
 * cancels a statement that runs past `statementMs` (SQLSTATE 57014: refused as retryable, health.ts), and pg rejects
 * a query that gets no answer at all within `answerMs`. pg then leaves the connection waiting for that answer, and
 * a later query on it — a transaction's ROLLBACK among them — would be sent after it, or dropped from its queue, and
 * could run inside what the silent one left open. So the connection is ended: PostgreSQL rolls back whatever it had
 * not committed, the pool opens a fresh one, and the store counts it as a lost connection (degraded, probed).
 */
function newPool(connectionString: string, max: number, log: (msg: string) => void, limits: StatementLimits, idleLost = () => {}): pg.Pool {
  // A database that stops answering (no refusal, no reset) must not hold connects forever; keep-alive notices dead peers.
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
    ...(limits.statementMs > 0 ? { statement_timeout: limits.statementMs, query_timeout: limits.answerMs } : {}),
  });
  // A client losing its connection emits 'error': on the pool when it is idle, on the client itself while it is
  // checked out (a query in flight). Unhandled, either would end the process; the failing query rejects anyway.
  pool.on('error', (err) => {
    log(`postgres idle connection lost: ${err.message}`);
    // one the store ended itself (endWhenSilent) was already counted as lost, and its probes are under way
    if (err.message !== ENDED_SILENT) idleLost();
  });
  pool.on('connect', (client) => {
    client.on('error', (err) => log(`postgres connection lost: ${err.message}`));
    if (limits.answerMs > 0) endWhenSilent(client, log);
  });
  return pool;
}

/** Why endWhenSilent ended a connection. */
const ENDED_SILENT = 'no answer in time';

/** Ends a client's connection when one of its queries got no answer in time (see newPool). */
function endWhenSilent(client: pg.PoolClient, log: (msg: string) => void): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const ended = (err: unknown) => {
    if (!(err instanceof Error) || err.message !== NO_ANSWER) return;
    log('postgres gave no answer in time: ending that connection');
    // pg's own way to end a connection under a query (its pipeline mode does the same): the socket, at once.
    (client as unknown as { connection: { stream: { destroy(e: Error): void } } }).connection.stream.destroy(new Error(ENDED_SILENT));
  };
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    // pool.query passes a callback (and gives the client back broken itself); kysely and the lanes take the promise
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (err: unknown, res: unknown) => {
        ended(err);
        (callback as (err: unknown, res: unknown) => void)(err, res);
      };
      return query(...args);
    }
    const result = query(...args);
    if (result instanceof Promise) result.catch(ended);
    return result;
  };
}

/** A Kysely on one connection without limits, for the migrations (an index built over many rows takes its time). */
function unlimited(connectionString: string, log: (msg: string) => void): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: newPool(connectionString, 1, log, { statementMs: 0, answerMs: 0 }) }) });
}
