import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';

/**
 * Schema migrations, in code. Kysely's Migrator records applied migrations and, on PostgreSQL, serializes
 * concurrent migrators with an advisory lock, so running `migrate` at every start (and from two processes at
 * once) is safe. Migrations must never be edited once released: add a new one instead.
 */
const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('plans')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('organise_token', 'text', (c) => c.notNull().unique())
        .addColumn('review_token', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('events')
        .ifNotExists()
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('schema_version', 'integer', (c) => c.notNull())
        .addColumn('data', 'jsonb', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('command_id', 'text', (c) => c.notNull())
        .addColumn('batch_id', 'text')
        .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
        // Writing transaction's id: lets a future cross-stream reader skip rows of still-open transactions
        // (ordering by tx_id < pg_snapshot_xmin(pg_current_snapshot())) instead of missing late commits.
        .addColumn('tx_id', sql`xid8`, (c) => c.notNull().defaultTo(sql`pg_current_xact_id()`))
        .addPrimaryKeyConstraint('events_pkey', ['plan_id', 'version'])
        .execute();

      await db.schema
        .createTable('commands')
        .ifNotExists()
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('command_id', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('accepted', 'rejected')`))
        .addColumn('first_version', 'integer')
        .addColumn('last_version', 'integer')
        .addColumn('event_count', 'integer', (c) => c.notNull())
        .addColumn('error', 'jsonb')
        .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('commands_pkey', ['plan_id', 'command_id'])
        .execute();

      await db.schema
        .createTable('snapshots')
        .ifNotExists()
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('evolve_version', 'integer', (c) => c.notNull())
        .addColumn('state', 'jsonb', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('snapshots_pkey', ['plan_id', 'version', 'evolve_version'])
        .execute();
    },
  },
  '0002_batches': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('batches')
        .ifNotExists()
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('batch_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text')
        .addColumn('file_hash', 'text')
        .addColumn('summary', 'jsonb', (c) => c.notNull())
        .addColumn('reverts', 'text')
        .addColumn('first_version', 'integer')
        .addColumn('last_version', 'integer')
        .addColumn('event_count', 'integer', (c) => c.notNull())
        .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('batches_pkey', ['plan_id', 'batch_id'])
        .execute();
      await sql`create index if not exists events_batch_idx on events (plan_id, batch_id) where batch_id is not null`.execute(db);
    },
  },
};

const provider: MigrationProvider = {
  getMigrations: async () => migrations,
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic by design (kysely idiom)
export async function migrate(db: Kysely<any>, log: (msg: string) => void): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  for (const r of results ?? []) log(`migration ${r.migrationName}: ${r.status}`);
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${String(error)}`);
}
