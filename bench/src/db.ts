import pg from 'pg';

/**
 * The bench never touches the `test` database: everything happens in `seatfold_bench`, created on first use.
 * BENCH_PG_URL overrides the server (default: PostgreSQL on loopback, user postgres, trust auth), BENCH_DB the
 * database's name (two bench runs at once must not share one: each empties it per scenario).
 */
const SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const BENCH_DB = process.env.BENCH_DB ?? 'seatfold_bench';
export const benchUrl = `${SERVER}/${BENCH_DB}`;

export async function ensureBenchDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [BENCH_DB]);
    if (!rowCount) await admin.query(`create database ${BENCH_DB}`);
  } finally {
    await admin.end();
  }
}

/** Runs `fn` with one short-lived connection to the bench database. */
export async function withClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: benchUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * Empties the bench database between scenarios: Seatfold's tables (kept, migrations stay applied), Emmett's
 * tables (schema kept) and the floor table. Nothing outside seatfold_bench is touched.
 */
export async function resetBenchDatabase(): Promise<void> {
  await withClient(async (c) => {
    const { rows } = await c.query<{ t: string }>(
      `select quote_ident(tablename) as t from pg_tables
       where schemaname = 'public' and (tablename in ('plans', 'events', 'commands', 'snapshots', 'bench_floor') or tablename like 'emt\\_%')`,
    );
    if (rows.length > 0) await c.query(`truncate ${rows.map((r) => r.t).join(', ')}`);
  });
  await withClient((c) => c.query('vacuum analyze'));
}

export async function serverInfo(): Promise<{ version: string; settings: Record<string, string> }> {
  return withClient(async (c) => {
    const { rows } = await c.query<{ v: string }>('select version() as v');
    const names = ['synchronous_commit', 'fsync', 'wal_sync_method', 'shared_buffers', 'max_connections'];
    const s = await c.query<{ name: string; setting: string; unit: string | null }>(
      'select name, setting, unit from pg_settings where name = any($1)',
      [names],
    );
    return { version: rows[0]!.v, settings: Object.fromEntries(s.rows.map((r) => [r.name, r.setting + (r.unit ? ` ${r.unit}` : '')])) };
  });
}
