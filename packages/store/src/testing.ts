/** Test helpers for code that uses the store (not used by the app). */
import pg from 'pg';

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

/** `databaseUrl` with its connections named `applicationName` (for connectionKiller). */
export function withApplicationName(databaseUrl: string, applicationName: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', applicationName);
  return url.toString();
}
