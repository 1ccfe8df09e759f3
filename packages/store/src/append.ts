import { sql, type Kysely } from 'kysely';
import { DuplicateCommandError, VersionConflictError, uniqueViolation } from './errors.ts';
import { findCommandIds } from './commands.ts';
import { streamVersion } from './read.ts';
import type { Database } from './schema.ts';
import { toTimestamp } from './time.ts';
import type { BatchRecord, CommandOutcome, CommandRecord } from './types.ts';

/**
 * Appends events and command rows with ONE SQL statement, which is its own transaction: the version check,
 * the command rows and the event rows commit or fail together, in a single round trip.
 *
 * Rows travel as one JSON array per table (expanded server-side with jsonb_to_recordset), so a call with any
 * number of events is one multi-row INSERT with a fixed number of bind parameters: no chunking for the
 * 65,535-parameter limit, and no per-value parameter encoding in the driver.
 *
 * Version check: `head` is the stream's max(version) (an index-only lookup on the primary key). If it differs
 * from expectedVersion (stale or ahead) the guard makes both inserts empty and we report a conflict. A
 * concurrent writer that saw the same head inserts the same (plan_id, version) keys, so the primary key makes
 * the later one fail (it waits for the earlier transaction, then gets a unique violation): never a silent win.
 * An append that produces no events can't collide on the key; it is then ordered before a concurrent writer,
 * which is still a valid serialization (it decided against version expectedVersion, and wrote no events).
 */
export async function append<E>(
  db: Kysely<Database>,
  planId: string,
  expectedVersion: number,
  records: CommandRecord<E>[],
  batch?: BatchRecord,
): Promise<{ version: number; outcomes: Map<string, CommandOutcome> }> {
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0) {
    throw new RangeError(`expectedVersion must be a non-negative integer, got ${expectedVersion}`);
  }
  const outcomes = new Map<string, CommandOutcome>();
  const commandRows: object[] = [];
  const eventRows: object[] = [];
  const repeated: string[] = [];
  let version = expectedVersion;

  for (const r of records) {
    if (outcomes.has(r.commandId)) repeated.push(r.commandId);
    const at = toTimestamp(r.at);
    if (r.error) {
      if (r.events.length > 0) throw new TypeError(`command ${r.commandId}: a rejected command has no events`);
      outcomes.set(r.commandId, { status: 'rejected', error: r.error });
      commandRows.push({ command_id: r.commandId, actor: r.actor, status: 'rejected', event_count: 0, error: r.error, at });
      continue;
    }
    const firstVersion = version + 1;
    for (const event of r.events) {
      assertEvent(event, r.commandId);
      eventRows.push({ version: ++version, data: event, actor: r.actor, command_id: r.commandId, batch_id: r.batchId, at });
    }
    const outcome = { status: 'accepted', firstVersion, lastVersion: version, eventCount: r.events.length } as const;
    outcomes.set(r.commandId, outcome);
    commandRows.push({
      command_id: r.commandId,
      actor: r.actor,
      status: 'accepted',
      first_version: firstVersion,
      last_version: version,
      event_count: outcome.eventCount,
      at,
    });
  }
  if (repeated.length > 0) throw new DuplicateCommandError(planId, repeated);
  const batchRows = batch
    ? [
        {
          batch_id: batch.batchId,
          kind: batch.kind,
          actor: batch.actor,
          label: batch.label,
          file_name: batch.fileName,
          file_hash: batch.fileHash,
          summary: batch.summary ?? null,
          reverts: batch.reverts,
          first_version: version > expectedVersion ? expectedVersion + 1 : null,
          last_version: version > expectedVersion ? version : null,
          event_count: version - expectedVersion,
          at: toTimestamp(batch.at),
        },
      ]
    : [];

  let head: number;
  try {
    const { rows } = await sql<{ head: number }>`
      with head as (
        select coalesce(max(version), 0) as v from events where plan_id = ${planId}
      ), cmd as (
        insert into commands
          (plan_id, command_id, actor, status, first_version, last_version, event_count, error, recorded_at)
        select ${planId}, c.command_id, c.actor, c.status, c.first_version, c.last_version, c.event_count, c.error, c.at
        from jsonb_to_recordset(${JSON.stringify(commandRows)}::jsonb) as c(
          command_id text, actor text, status text, first_version int, last_version int, event_count int,
          error jsonb, at timestamptz)
        where (select v from head) = ${expectedVersion}
      ), ev as (
        insert into events
          (plan_id, version, type, schema_version, data, actor, command_id, batch_id, recorded_at)
        select ${planId}, e.version, e.data->>'type', (e.data->>'v')::int, e.data, e.actor, e.command_id, e.batch_id, e.at
        from jsonb_to_recordset(${JSON.stringify(eventRows)}::jsonb) as e(
          version int, data jsonb, actor text, command_id text, batch_id text, at timestamptz)
        where (select v from head) = ${expectedVersion}
      ), bt as (
        insert into batches
          (plan_id, batch_id, kind, actor, label, file_name, file_hash, summary, reverts, first_version, last_version,
           event_count, recorded_at)
        select ${planId}, b.batch_id, b.kind, b.actor, b.label, b.file_name, b.file_hash, coalesce(b.summary, 'null'::jsonb),
          b.reverts, b.first_version, b.last_version, b.event_count, b.at
        from jsonb_to_recordset(${JSON.stringify(batchRows)}::jsonb) as b(
          batch_id text, kind text, actor text, label text, file_name text, file_hash text, summary jsonb, reverts text,
          first_version int, last_version int, event_count int, at timestamptz)
        where (select v from head) = ${expectedVersion}
      )
      select v as head from head`.execute(db);
    head = rows[0]!.head;
  } catch (err) {
    const constraint = uniqueViolation(err);
    if (constraint === 'commands_pkey') {
      const taken = await findCommandIds(db, planId, [...outcomes.keys()]);
      // The colliding row can only be missing if it has been deleted since; report that as a conflict too.
      throw taken.length > 0
        ? new DuplicateCommandError(planId, taken)
        : new VersionConflictError(planId, expectedVersion, await streamVersion(db, planId));
    }
    if (constraint === 'batches_pkey') throw new DuplicateCommandError(planId, [batch!.batchId]);
    if (constraint === 'events_pkey') {
      throw new VersionConflictError(planId, expectedVersion, await streamVersion(db, planId));
    }
    throw err;
  }
  if (head !== expectedVersion) throw new VersionConflictError(planId, expectedVersion, head);
  return { version, outcomes };
}

function assertEvent(event: unknown, commandId: string): void {
  const e = event as { type?: unknown; v?: unknown } | null;
  if (typeof e !== 'object' || e === null || typeof e.type !== 'string' || !Number.isInteger(e.v)) {
    throw new TypeError(`command ${commandId}: events must be objects with a string type and an integer v`);
  }
}
