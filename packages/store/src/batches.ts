import { sql, type Kysely } from 'kysely';
import { readStream } from './read.ts';
import type { Database } from './schema.ts';
import { epochMs } from './time.ts';
import type { BatchInfo, StoredEvent } from './types.ts';

interface BatchRow {
  batch_id: string;
  kind: string;
  actor: string;
  label: string;
  file_name: string | null;
  file_hash: string | null;
  summary: unknown;
  reverts: string | null;
  first_version: number | null;
  last_version: number | null;
  event_count: number;
  at: number;
}

const toInfo = (r: BatchRow): BatchInfo => ({
  batchId: r.batch_id,
  kind: r.kind,
  actor: r.actor,
  at: r.at,
  label: r.label,
  fileName: r.file_name,
  fileHash: r.file_hash,
  summary: typeof r.summary === 'string' ? JSON.parse(r.summary) : r.summary,
  reverts: r.reverts,
  firstVersion: r.first_version,
  lastVersion: r.last_version,
  eventCount: r.event_count,
});

async function selectBatches(db: Kysely<Database>, planId: string, batchId: string | null): Promise<BatchInfo[]> {
  const { rows } = await sql<BatchRow>`
    select batch_id, kind, actor, label, file_name, file_hash, summary, reverts, first_version, last_version,
      event_count, ${epochMs('recorded_at')} as at
    from batches
    where plan_id = ${planId} and (${batchId}::text is null or batch_id = ${batchId})
    order by recorded_at, first_version nulls last`.execute(db);
  return rows.map(toInfo);
}

export const listBatches = (db: Kysely<Database>, planId: string) => selectBatches(db, planId, null);

/** A batch's events are contiguous (one append), so they are read as a version range. */
export async function readBatch<E>(db: Kysely<Database>, planId: string, batchId: string): Promise<{ batch: BatchInfo; events: StoredEvent<E>[] } | null> {
  const [batch] = await selectBatches(db, planId, batchId);
  if (!batch) return null;
  const events = batch.firstVersion === null ? [] : await readStream<E>(db, planId, batch.firstVersion - 1, batch.eventCount);
  return { batch, events };
}
