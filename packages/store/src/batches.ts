import { sql, type Kysely } from 'kysely';
import { readStream } from './read.ts';
import type { Database } from './schema.ts';
import { epochMs } from './time.ts';
import type { BatchInfo, BatchPage, StoredEvent } from './types.ts';

/**
 * Readers never get more than this much of a stored summary: a larger one (stored before clients' summaries were
 * capped) reads as null, and PostgreSQL does not even send it.
 */
export const SUMMARY_READ_MAX_BYTES = 64 * 1024;

interface BatchRow {
  batch_id: string;
  kind: string;
  actor: string;
  actor_id: string | null;
  label: string;
  file_name: string | null;
  file_hash: string | null;
  summary: string | null;
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
  actorId: r.actor_id,
  at: r.at,
  label: r.label,
  fileName: r.file_name,
  fileHash: r.file_hash,
  summary: parseSummary(r.summary),
  reverts: r.reverts,
  firstVersion: r.first_version,
  lastVersion: r.last_version,
  eventCount: r.event_count,
});

/** A stored summary is read as text and parsed here, so that no stored value can make a reader throw. */
function parseSummary(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const columns = sql`batch_id, kind, actor, actor_id, label, file_name, file_hash,
  case when octet_length(summary::text) <= ${SUMMARY_READ_MAX_BYTES} then summary::text end as summary,
  reverts, first_version, last_version, event_count, ${epochMs('recorded_at')} as at`;
/** The list's order, oldest first; versions break ties of time, and ids those of batches without events. */
const position = sql`(recorded_at, coalesce(first_version, 2147483647), batch_id)`;

async function selectBatches(db: Kysely<Database>, planId: string, batchId: string | null): Promise<BatchInfo[]> {
  const { rows } = await sql<BatchRow>`
    select ${columns}
    from batches
    where plan_id = ${planId} and (${batchId}::text is null or batch_id = ${batchId})
    order by ${position}`.execute(db);
  return rows.map(toInfo);
}

/**
 * The plan's batches, oldest first — all of them, or with `page` the newest `limit` ones listed before the batch
 * `before` (an unknown `before` gives an empty page).
 */
export async function listBatches(db: Kysely<Database>, planId: string, page?: BatchPage): Promise<BatchInfo[]> {
  if (!page) return selectBatches(db, planId, null);
  const before = page.before ?? null;
  const { rows } = await sql<BatchRow>`
    select * from (
      select ${columns}, recorded_at as r, first_version as f
      from batches
      where plan_id = ${planId} and (${before}::text is null or ${position} < (
        select recorded_at, coalesce(first_version, 2147483647), batch_id from batches where plan_id = ${planId} and batch_id = ${before}))
      order by ${position} desc
      limit ${page.limit}) page
    order by r, coalesce(f, 2147483647), batch_id`.execute(db);
  return rows.map(toInfo);
}

/** One batch's record, without its events, or null. */
export async function batchInfo(db: Kysely<Database>, planId: string, batchId: string): Promise<BatchInfo | null> {
  const [batch] = await selectBatches(db, planId, batchId);
  return batch ?? null;
}

/** A batch's events are contiguous (one append), so they are read as a version range. */
export async function readBatch<E>(
  db: Kysely<Database>,
  planId: string,
  batchId: string,
): Promise<{ batch: BatchInfo; events: StoredEvent<E>[] } | null> {
  const batch = await batchInfo(db, planId, batchId);
  if (!batch) return null;
  const events = batch.firstVersion === null ? [] : await readStream<E>(db, planId, batch.firstVersion - 1, batch.eventCount);
  return { batch, events };
}
