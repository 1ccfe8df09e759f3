import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { append } from './append.ts';
import { listBatches, readBatch } from './batches.ts';
import { findCommandOutcomes } from './commands.ts';
import { migrate } from './migrations.ts';
import { createPlan, findPlanByToken, getPlan } from './plans.ts';
import { readStream, streamVersion } from './read.ts';
import type { Database } from './schema.ts';
import { loadSnapshot, saveSnapshot } from './snapshots.ts';
import type { EventStore, StoreOptions } from './types.ts';

/**
 * Opens the store: PostgreSQL (pg Pool) when `databaseUrl` is set, else PGlite at `dataDir`
 * ('memory://' for in-memory). Runs migrations before returning.
 *
 * PGlite has a single connection; kysely-pglite-dialect hands it to one kysely connection at a time, so a
 * transaction is never interleaved with other queries. (Every store operation is a single statement anyway.)
 */
export async function openStore(opts: StoreOptions): Promise<EventStore> {
  const log = opts.log ?? (() => {});
  let kind: EventStore['kind'];
  let db: Kysely<Database>;
  if (opts.databaseUrl) {
    kind = 'postgres';
    const pool = new pg.Pool({ connectionString: opts.databaseUrl });
    // An idle client losing its connection emits 'error' on the pool; unhandled, it would crash the process.
    pool.on('error', (err) => log(`postgres pool error: ${err.message}`));
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else if (opts.dataDir) {
    kind = 'pglite';
    // Loaded only in embedded mode: PGlite's WASM build costs tens of MB of memory that PostgreSQL mode never needs.
    const [{ PGlite }, { PGliteDialect }] = await Promise.all([import('@electric-sql/pglite'), import('kysely-pglite-dialect')]);
    const pglite = await PGlite.create(opts.dataDir);
    db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  } else {
    throw new Error("openStore: set databaseUrl (PostgreSQL) or dataDir (PGlite; 'memory://' for in-memory)");
  }

  try {
    await migrate(db, log);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  log(`event store ready (${kind})`);

  let closed: Promise<void> | undefined;
  return {
    kind,
    createPlan: (plan) => createPlan(db, plan),
    findPlanByToken: (token) => findPlanByToken(db, token),
    getPlan: (planId) => getPlan(db, planId),
    append: (planId, expectedVersion, records, batch) => append(db, planId, expectedVersion, records, batch),
    listBatches: (planId, page) => listBatches(db, planId, page),
    readBatch: (planId, batchId) => readBatch(db, planId, batchId),
    readStream: (planId, afterVersion, limit) => readStream(db, planId, afterVersion, limit),
    streamVersion: (planId) => streamVersion(db, planId),
    findCommandOutcomes: (planId, commandIds) => findCommandOutcomes(db, planId, commandIds),
    saveSnapshot: (planId, version, evolveVersion, state) => saveSnapshot(db, planId, version, evolveVersion, state),
    loadSnapshot: (planId, evolveVersion) => loadSnapshot(db, planId, evolveVersion),
    // Idempotent; destroys the pool / closes PGlite.
    close: () => (closed ??= db.destroy()),
  };
}
