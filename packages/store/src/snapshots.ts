import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { toTimestamp } from './time.ts';

export async function saveSnapshot(db: Kysely<Database>, planId: string, version: number, evolveVersion: number, state: unknown): Promise<void> {
  const json = JSON.stringify(state) as string | undefined;
  if (json === undefined) throw new TypeError('snapshot state must be JSON-serializable');
  await db
    .insertInto('snapshots')
    .values({ plan_id: planId, version, evolve_version: evolveVersion, state: json, created_at: toTimestamp(Date.now()) })
    .onConflict((oc) => oc.columns(['plan_id', 'version', 'evolve_version']).doUpdateSet({ state: json }))
    .execute();
}

export async function loadSnapshot<S>(db: Kysely<Database>, planId: string, evolveVersion: number): Promise<{ version: number; state: S } | null> {
  const row = await db
    .selectFrom('snapshots')
    .select(['version', 'state'])
    .where('plan_id', '=', planId)
    .where('evolve_version', '=', evolveVersion)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { version: row.version, state: JSON.parse(row.state) as S } : null;
}
