import { CompiledQuery, type Kysely } from 'kysely';
import { DuplicateCommandError, VersionConflictError, uniqueViolation } from './errors.ts';
import { findCommandIds } from './commands.ts';
import { streamVersion } from './read.ts';
import type { Database } from './schema.ts';
import { toTimestamp } from './time.ts';
import type { AppendResult, BatchRecord, CommandOutcome, CommandRecord } from './types.ts';

/**
 * Appends events, command rows and the batch row (if any) in ONE statement — a call of the `seatfold_append`
 * plpgsql function (migrations 0003, 0004, 0006, 0010), which is its own transaction: all commit or fail together, in
 * one round trip. On PostgreSQL the call is a named prepared statement (see RunStatement): it is parsed and planned
 * once per connection, and the function's own statements are planned once per connection by plpgsql. A commands row
 * is sent and stored only for a command without events (rejected, or accepted with none): an accepted command's
 * events carry its id, and the function takes the append's ids from both.
 *
 * Idempotency: the function looks every command id of the append up in events (events_command_id_idx) and commands and
 * raises a unique violation on commands_pkey for one already stored, as the row itself did before 0006. Two writers
 * of one id at once: if both have events, the head check and the events key let only one commit; two rejections
 * collide on commands_pkey. A rejection racing an acceptance of the same id (two servers on one plan, the same
 * instant, neither committed) can both commit; outcomes then answer the acceptance (its events are facts).
 *
 * Rows travel as one JSON array per table (expanded server-side with jsonb_to_recordset): any number of events is
 * one multi-row INSERT with five bind parameters, no chunking for the parameter limit. The common append — one
 * accepted command with one event, no batch — calls `seatfold_append_one` (migration 0008) instead:
 * the same head check, id probes and errors, its fields as scalar parameters and one INSERT ... VALUES (about the
 * floor insert's time at the database where the array path took 1.3–1.5× it).
 *
 * Version check: the function reads the stream's max(version) (index-only on the primary key) and writes nothing
 * unless it equals expectedVersion (stale or ahead → conflict). A concurrent writer that saw the same head inserts
 * the same (plan_id, version) keys, so the primary key makes the later one fail (it waits for the earlier
 * transaction, then gets a unique violation): never a silent win. An append that produces no events can't collide
 * on the key; it is then ordered before a concurrent writer, which is still a valid serialization.
 *
 * Pipelining (`ordered`): appends of one plan are serialised by a transaction-scoped advisory lock on the plan (taken
 * before the head check, released at commit; no table, no WAL). A room sends its next group's append, expecting the head
 * the group in flight will leave, before that one has committed: the lock makes it wait for that commit and then
 * find the head it expects — or, if that commit failed, find the old head and conflict, writing nothing. The lock
 * orders the appends as they take it; on PostgreSQL they are sent on one connection (lanes.ts), so that is the order
 * they were sent in.
 */
/** Advisory lock class of the append lock ("SEAT"); the plan id's hash is the second key. */
const APPEND_LOCK = 0x53454154;
export async function append<E>(
  db: Kysely<Database>,
  run: RunStatement,
  planId: string,
  expectedVersion: number,
  records: CommandRecord<E>[],
  batch?: BatchRecord,
  options: { ordered?: boolean } = {},
): Promise<AppendResult> {
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0) {
    throw new RangeError(`expectedVersion must be a non-negative integer, got ${expectedVersion}`);
  }
  const outcomes = new Map<string, CommandOutcome>();
  const commandRows: object[] = [];
  const eventRows: EventRow[] = [];
  const repeated: string[] = [];
  let version = expectedVersion;
  // A group's records share one time: its text is made once, not per record.
  let atMs = NaN;
  let at = '';

  for (const r of records) {
    if (outcomes.has(r.commandId)) repeated.push(r.commandId);
    if (r.at !== atMs) at = toTimestamp((atMs = r.at));
    if (r.error) {
      if (r.events.length > 0) throw new TypeError(`command ${r.commandId}: a rejected command has no events`);
      outcomes.set(r.commandId, { status: 'rejected', error: r.error });
      commandRows.push({ command_id: r.commandId, actor: r.actor, actor_id: r.actorId, status: 'rejected', event_count: 0, error: r.error, at });
      continue;
    }
    const firstVersion = version + 1;
    for (const event of r.events) {
      assertEvent(event, r.commandId);
      eventRows.push({ version: ++version, data: event, actor: r.actor, actor_id: r.actorId, command_id: r.commandId, batch_id: r.batchId, at });
    }
    const outcome = { status: 'accepted', firstVersion, lastVersion: version, eventCount: r.events.length } as const;
    outcomes.set(r.commandId, outcome);
    // A row only without events: the function takes the others' ids from their events (migration 0010).
    if (r.events.length === 0)
      commandRows.push({
        command_id: r.commandId,
        actor: r.actor,
        actor_id: r.actorId,
        status: 'accepted',
        first_version: firstVersion,
        last_version: version,
        event_count: 0,
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
          actor_id: batch.actorId,
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
  let bytes = 0;
  try {
    if (run.inTurns && eventRows.length > run.inTurns.eventsPerTurn && !options.ordered) {
      const turns = inTurns(planId, expectedVersion, commandRows, eventRows, batchRows, run.inTurns.eventsPerTurn);
      head = await run.inTurns.run(turns.first, turns.rest, expectedVersion);
      bytes = turns.bytes + (commandRows.length + eventRows.length + batchRows.length) * ROW_BYTES;
    } else {
      const statement = single(records, batch)
        ? oneEventStatement(planId, expectedVersion, records[0]!, at)
        : {
            name: options.ordered ? 'seatfold_append_ordered' : 'seatfold_append',
            text: options.ordered ? APPEND_ORDERED : APPEND,
            values: [
              planId,
              expectedVersion,
              JSON.stringify(commandRows),
              JSON.stringify(eventRows),
              JSON.stringify(batchRows),
              ...(options.ordered ? [APPEND_LOCK] : []),
            ],
          };
      for (const v of statement.values) if (typeof v === 'string') bytes += v.length;
      bytes += (commandRows.length + eventRows.length + batchRows.length) * ROW_BYTES;
      head = (await run(options.ordered ? { ...statement, lane: planId } : statement))[0]!.head;
    }
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
  return { version, outcomes, bytes };
}

/**
 * A big append cut into statements of `per` events, for a store whose database runs in the server's own thread
 * (PGlite): one statement of 18,000 events held every plan's thread ~1.3 s (a revert of an import, bench
 * revert-stall.ts), each of 1,000 holds it a twentieth of that. The first is the whole append's call of
 * seatfold_append with the first events: its head check, its batch row, and every command id of the append probed —
 * the ids of the later events go with it as probe-only command rows (accepted with events: the function checks the
 * ids of all its command rows and stores only those of commands without events). The rest insert the later events;
 * all run in one transaction (RunStatement.inTurns), so they commit together or not at all. Each statement's JSON is
 * made when it is sent, not all at once.
 */
function inTurns(
  planId: string,
  expectedVersion: number,
  commandRows: object[],
  eventRows: EventRow[],
  batchRows: object[],
  per: number,
): { first: Statement; rest: (() => Statement)[]; bytes: number } {
  const head = eventRows.slice(0, per);
  const inHead = new Set(head.map((e) => e.command_id));
  const probeOnly = [...new Set(eventRows.slice(per).map((e) => e.command_id))]
    .filter((id) => !inHead.has(id))
    .map((command_id) => ({ command_id, status: 'accepted', event_count: 1 }));
  const first: Statement = {
    name: 'seatfold_append',
    text: APPEND,
    values: [planId, expectedVersion, JSON.stringify([...commandRows, ...probeOnly]), JSON.stringify(head), JSON.stringify(batchRows)],
  };
  let bytes = 0;
  for (const v of first.values) if (typeof v === 'string') bytes += v.length;
  const rest: (() => Statement)[] = [];
  for (let i = per; i < eventRows.length; i += per) {
    rest.push(() => {
      const json = JSON.stringify(eventRows.slice(i, i + per));
      bytes += json.length;
      return { name: 'seatfold_append_more', text: APPEND_MORE, values: [planId, json] };
    });
  }
  return {
    first,
    rest,
    get bytes() {
      return bytes;
    },
  };
}

/** The later events of an append made in turns (see inTurns): inserted as seatfold_append inserts its events. */
const APPEND_MORE = `insert into events (plan_id, version, type, schema_version, data, actor, actor_id, command_id, batch_id, recorded_at)
  select $1, e.version, e.data->>'type', (e.data->>'v')::int, e.data, e.actor, e.actor_id, e.command_id, e.batch_id, e.at
  from jsonb_to_recordset($2::jsonb) as e(version int, data jsonb, actor text, actor_id text, command_id text, batch_id text, at timestamptz)`;

/** An event's row as the append's JSON carries it to the database. */
interface EventRow {
  version: number;
  data: unknown;
  actor: string;
  actor_id: string | null;
  command_id: string;
  batch_id: string | null;
  at: string;
}

/** A stored row's overhead beside its JSON (tuple header, ids, times, index entries), for AppendResult.bytes. */
const ROW_BYTES = 120;

/**
 * One accepted command with one event, no batch: the common append, sent without JSON arrays. Ordered too: it takes
 * no lock, but its lane keeps it in order with the plan's other appends of this store (lanes.ts).
 */
function single<E>(records: CommandRecord<E>[], batch: BatchRecord | undefined): boolean {
  return records.length === 1 && !batch && !records[0]!.error && records[0]!.events.length === 1;
}

/** `seatfold_append_one` (migration 0008): the same checks and error contract as seatfold_append, scalar parameters. */
function oneEventStatement<E>(planId: string, expectedVersion: number, r: CommandRecord<E>, at: string): Statement {
  const event = r.events[0] as { type: string; v: number };
  return {
    name: 'seatfold_append_one',
    text: APPEND_ONE,
    values: [planId, expectedVersion, r.commandId, event.type, event.v, JSON.stringify(event), r.actor, r.actorId, r.batchId, at],
  };
}

const APPEND_ONE = 'select seatfold_append_one($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10::timestamptz) as head';
const APPEND = 'select seatfold_append($1, $2, $3::jsonb, $4::jsonb, $5::jsonb) as head';
/**
 * Ordered: the per-plan lock first (the CTE is scanned before the call), then the call, whose head check runs with a
 * snapshot taken after the lock was granted: an append sent while the previous one is still committing waits for it
 * and then sees its head, instead of failing on a head that is about to move.
 */
const APPEND_ORDERED = `with turn as (select pg_advisory_xact_lock($6::int, hashtext($1)))
  select seatfold_append($1, $2, $3::jsonb, $4::jsonb, $5::jsonb) as head from turn`;

/** One append statement: its text (with $n parameters), its values, and a name to prepare it under. */
export interface Statement {
  name: string;
  text: string;
  values: unknown[];
  /** an ordered append's plan: statements of one lane reach the database in the order they were sent (lanes.ts) */
  lane?: string;
}

/**
 * Runs an append statement and returns its rows. On PostgreSQL it is a named prepared statement, parsed and planned
 * once per pooled connection (kysely sends every query unnamed: parsed and planned each time); on PGlite kysely runs
 * it (see openStore).
 */
export type RunStatement = ((s: Statement) => Promise<{ head: number }[]>) & {
  /**
   * Where the database runs in the server's thread (PGlite): an append of more than `eventsPerTurn` events is sent as
   * several statements in one transaction, the event loop turning between them (see inTurns). `run` answers the
   * first statement's head; unless it is `expected` (a conflict: nothing was written) the rest are not sent.
   */
  inTurns?: { eventsPerTurn: number; run: (first: Statement, rest: (() => Statement)[], expected: number) => Promise<number> };
};

/** Runs a statement through kysely, unprepared: the PGlite path, and the default. */
export const runWithKysely =
  (db: Kysely<Database>): RunStatement =>
  async (s) =>
    (await db.executeQuery<{ head: number }>(CompiledQuery.raw(s.text, s.values))).rows;

/** Events a statement of a big append carries on PGlite (about 20–70 ms of the thread each, busy or quiet). */
export const PGLITE_EVENTS_PER_TURN = 500;

/** PGlite's runner: statements through kysely, and big appends in turns within one transaction. */
export function runInThread(db: Kysely<Database>): RunStatement {
  const run: RunStatement = runWithKysely(db);
  run.inTurns = {
    eventsPerTurn: PGLITE_EVENTS_PER_TURN,
    run: (first, rest, expected) =>
      db.transaction().execute(async (trx) => {
        const [row] = (await trx.executeQuery<{ head: number }>(CompiledQuery.raw(first.text, first.values))).rows;
        if (row!.head !== expected) return row!.head;
        for (const next of rest) {
          // a macrotask turn: PGlite answers within microtasks, so an await alone would let nothing else run
          await new Promise<void>((resolve) => setImmediate(resolve));
          const s = next();
          await trx.executeQuery(CompiledQuery.raw(s.text, s.values));
        }
        return row!.head;
      }),
  };
  return run;
}

function assertEvent(event: unknown, commandId: string): void {
  const e = event as { type?: unknown; v?: unknown } | null;
  if (typeof e !== 'object' || e === null || typeof e.type !== 'string' || !Number.isInteger(e.v)) {
    throw new TypeError(`command ${commandId}: events must be objects with a string type and an integer v`);
  }
}
