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
  '0003_append_function': {
    // One round trip per append whose plan PostgreSQL caches per connection (plpgsql keeps its statements
    // prepared), instead of parsing and planning a four-part CTE for every commit. Returns the stream head it
    // saw; nothing is written unless that head is the expected version.
    async up(db: Kysely<unknown>) {
      await sql`
        create or replace function seatfold_append(p_plan text, p_expected int, p_commands jsonb, p_events jsonb, p_batches jsonb)
        returns int language plpgsql as $fn$
        declare
          head int;
        begin
          select coalesce(max(version), 0) into head from events where plan_id = p_plan;
          if head <> p_expected then
            return head;
          end if;
          insert into commands (plan_id, command_id, actor, status, first_version, last_version, event_count, error, recorded_at)
            select p_plan, c.command_id, c.actor, c.status, c.first_version, c.last_version, c.event_count, c.error, c.at
            from jsonb_to_recordset(p_commands) as c(command_id text, actor text, status text, first_version int,
              last_version int, event_count int, error jsonb, at timestamptz);
          insert into events (plan_id, version, type, schema_version, data, actor, command_id, batch_id, recorded_at)
            select p_plan, e.version, e.data->>'type', (e.data->>'v')::int, e.data, e.actor, e.command_id, e.batch_id, e.at
            from jsonb_to_recordset(p_events) as e(version int, data jsonb, actor text, command_id text, batch_id text, at timestamptz);
          insert into batches (plan_id, batch_id, kind, actor, label, file_name, file_hash, summary, reverts, first_version,
              last_version, event_count, recorded_at)
            select p_plan, b.batch_id, b.kind, b.actor, b.label, b.file_name, b.file_hash, coalesce(b.summary, 'null'::jsonb),
              b.reverts, b.first_version, b.last_version, b.event_count, b.at
            from jsonb_to_recordset(p_batches) as b(batch_id text, kind text, actor text, label text, file_name text,
              file_hash text, summary jsonb, reverts text, first_version int, last_version int, event_count int, at timestamptz);
          return head;
        end
        $fn$`.execute(db);
    },
  },
  '0004_actor_ids': {
    // Actors are ids: every row records the actor's stable id beside the display name it had then. Rows written
    // before this migration keep actor_id null (legacy): they still fold and show their names, but are nobody's to
    // undo per user. The append function is replaced to write the new column.
    async up(db: Kysely<unknown>) {
      for (const table of ['events', 'commands', 'batches']) {
        await sql`alter table ${sql.table(table)} add column if not exists actor_id text`.execute(db);
      }
      await sql`
        create or replace function seatfold_append(p_plan text, p_expected int, p_commands jsonb, p_events jsonb, p_batches jsonb)
        returns int language plpgsql as $fn$
        declare
          head int;
        begin
          select coalesce(max(version), 0) into head from events where plan_id = p_plan;
          if head <> p_expected then
            return head;
          end if;
          insert into commands (plan_id, command_id, actor, actor_id, status, first_version, last_version, event_count, error, recorded_at)
            select p_plan, c.command_id, c.actor, c.actor_id, c.status, c.first_version, c.last_version, c.event_count, c.error, c.at
            from jsonb_to_recordset(p_commands) as c(command_id text, actor text, actor_id text, status text, first_version int,
              last_version int, event_count int, error jsonb, at timestamptz);
          insert into events (plan_id, version, type, schema_version, data, actor, actor_id, command_id, batch_id, recorded_at)
            select p_plan, e.version, e.data->>'type', (e.data->>'v')::int, e.data, e.actor, e.actor_id, e.command_id, e.batch_id, e.at
            from jsonb_to_recordset(p_events) as e(version int, data jsonb, actor text, actor_id text, command_id text, batch_id text, at timestamptz);
          insert into batches (plan_id, batch_id, kind, actor, actor_id, label, file_name, file_hash, summary, reverts, first_version,
              last_version, event_count, recorded_at)
            select p_plan, b.batch_id, b.kind, b.actor, b.actor_id, b.label, b.file_name, b.file_hash, coalesce(b.summary, 'null'::jsonb),
              b.reverts, b.first_version, b.last_version, b.event_count, b.at
            from jsonb_to_recordset(p_batches) as b(batch_id text, kind text, actor text, actor_id text, label text, file_name text,
              file_hash text, summary jsonb, reverts text, first_version int, last_version int, event_count int, at timestamptz);
          return head;
        end
        $fn$`.execute(db);
    },
  },
  '0005_images': {
    // Room background images: content-addressed per plan (a plan's image is only served through that plan's links).
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('images')
        .ifNotExists()
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('image_id', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('bytes', 'bytea', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('images_pkey', ['plan_id', 'image_id'])
        .execute();
    },
  },
  '0006_no_command_row_for_events': {
    // An accepted command that produced events is found by its events (command_id is on every one): no commands
    // row for it any more (a single-event append writes 432 WAL bytes instead of 560: the row's heap tuple and key
    // go, the new index entry comes). Commands without events (rejected, or accepted with none) keep their row;
    // rows written before stay and are still read. A resent id is refused inside the function: the append's ids are
    // probed in events (events_command_idx) and commands, and a hit raises the same unique violation on
    // commands_pkey the row used to, so the store's error path is unchanged.
    async up(db: Kysely<unknown>) {
      await sql`create index if not exists events_command_idx on events (plan_id, command_id)`.execute(db);
      await sql`
        create or replace function seatfold_append(p_plan text, p_expected int, p_commands jsonb, p_events jsonb, p_batches jsonb)
        returns int language plpgsql as $fn$
        declare
          head int;
          ids text[];
          taken text;
        begin
          select coalesce(max(version), 0) into head from events where plan_id = p_plan;
          if head <> p_expected then
            return head;
          end if;
          -- Index probes by (plan_id, command_id) for the append's ids: never a scan of the plan's events.
          ids := array(select c->>'command_id' from jsonb_array_elements(p_commands) as c);
          select e.command_id into taken from events e where e.plan_id = p_plan and e.command_id = any(ids) limit 1;
          if taken is null then
            select k.command_id into taken from commands k where k.plan_id = p_plan and k.command_id = any(ids) limit 1;
          end if;
          if taken is not null then
            raise unique_violation using constraint = 'commands_pkey',
              message = format('command id %s is already stored for plan %s', taken, p_plan);
          end if;
          insert into commands (plan_id, command_id, actor, actor_id, status, first_version, last_version, event_count, error, recorded_at)
            select p_plan, c.command_id, c.actor, c.actor_id, c.status, c.first_version, c.last_version, c.event_count, c.error, c.at
            from jsonb_to_recordset(p_commands) as c(command_id text, actor text, actor_id text, status text, first_version int,
              last_version int, event_count int, error jsonb, at timestamptz)
            where c.status = 'rejected' or c.event_count = 0;
          insert into events (plan_id, version, type, schema_version, data, actor, actor_id, command_id, batch_id, recorded_at)
            select p_plan, e.version, e.data->>'type', (e.data->>'v')::int, e.data, e.actor, e.actor_id, e.command_id, e.batch_id, e.at
            from jsonb_to_recordset(p_events) as e(version int, data jsonb, actor text, actor_id text, command_id text, batch_id text, at timestamptz);
          insert into batches (plan_id, batch_id, kind, actor, actor_id, label, file_name, file_hash, summary, reverts, first_version,
              last_version, event_count, recorded_at)
            select p_plan, b.batch_id, b.kind, b.actor, b.actor_id, b.label, b.file_name, b.file_hash, coalesce(b.summary, 'null'::jsonb),
              b.reverts, b.first_version, b.last_version, b.event_count, b.at
            from jsonb_to_recordset(p_batches) as b(batch_id text, kind text, actor text, actor_id text, label text, file_name text,
              file_hash text, summary jsonb, reverts text, first_version int, last_version int, event_count int, at timestamptz);
          return head;
        end
        $fn$`.execute(db);
    },
  },
  '0007_append_probes_by_index': {
    // The append's statements are planned once per connection and the plans kept. A plan made while a table was
    // small (or its statistics stale) scans it: the id probe of commands, planned on an empty table, read all of
    // it on every append once rejected commands (or, in the bench, 0004's rows) had filled it — an append took
    // 20.9 instead of 4–7 ms after 30,000 unanalysed rows (measured on one connection). Inside the function
    // sequential scans are off: the head and both probes are index lookups whatever the statistics say, and the
    // inserts scan nothing. The setting applies to the call only (restored on return).
    async up(db: Kysely<unknown>) {
      await sql`alter function seatfold_append(text, int, jsonb, jsonb, jsonb) set enable_seqscan = off`.execute(db);
    },
  },
  '0008_append_one_event': {
    // The common append — one accepted command with one event, no batch — without JSON arrays: its fields are scalar
    // parameters and the event is one INSERT ... VALUES. Same checks as seatfold_append (head, then the id probes,
    // raising the unique violation on commands_pkey for a stored id), same plan guard (sequential scans off inside,
    // see 0007). At the database it takes about a floor insert's time where the general function took 1.3–1.5× it:
    // three jsonb_to_recordset expansions, the id array and an insert that writes nothing cost more than the insert
    // (docs/performance.md, "Issue #14, fourth round"). Every other append still calls seatfold_append.
    async up(db: Kysely<unknown>) {
      await sql`
        create or replace function seatfold_append_one(p_plan text, p_expected int, p_command text, p_type text, p_v int,
          p_data jsonb, p_actor text, p_actor_id text, p_batch text, p_at timestamptz)
        returns int language plpgsql set enable_seqscan = off as $fn$
        declare
          head int;
        begin
          select coalesce(max(version), 0) into head from events where plan_id = p_plan;
          if head <> p_expected then
            return head;
          end if;
          if exists (select 1 from events e where e.plan_id = p_plan and e.command_id = p_command)
             or exists (select 1 from commands k where k.plan_id = p_plan and k.command_id = p_command) then
            raise unique_violation using constraint = 'commands_pkey',
              message = format('command id %s is already stored for plan %s', p_command, p_plan);
          end if;
          insert into events (plan_id, version, type, schema_version, data, actor, actor_id, command_id, batch_id, recorded_at)
            values (p_plan, p_expected + 1, p_type, p_v, p_data, p_actor, p_actor_id, p_command, p_batch, p_at);
          return head;
        end
        $fn$`.execute(db);
    },
  },
  '0009_snapshot_text': {
    // A snapshot is written and read whole and never looked into by SQL: as jsonb, PostgreSQL parsed and re-encoded
    // all of it on every save (the 1,500-guest demo's 374 KB: 15.5–17.5 ms of a backend's CPU per insert, against
    // 6.4–6.9 ms as text; loading 7.0 against 4.2 ms; docs/performance.md). That work ran beside the commits of the
    // plan it was taken from and showed as a burst of slow acks. As text the state also loads with its keys in the
    // order they were written (jsonb sorts them). Existing snapshots are converted in place.
    async up(db: Kysely<unknown>) {
      await sql`alter table snapshots alter column state type text using state::text`.execute(db);
    },
  },
  '0010_append_ids_from_events': {
    // An accepted command's id travels on its events; its commands row was sent only to be dropped. seatfold_append
    // now takes the append's ids from the events and from the commands rows it is given (the store sends rows only
    // for commands without events), so an accepted command is no longer encoded, parsed into jsonb and expanded by
    // jsonb_to_recordset to write nothing: at 14 commands a group that was a JSON row of nine fields per command,
    // sent, parsed and expanded for nothing. Empty commands and batches arrays skip their inserts. Rows of every
    // command still work (the insert keeps its filter). Same head check, probes, error and plan guard (0007).
    async up(db: Kysely<unknown>) {
      await sql`
        create or replace function seatfold_append(p_plan text, p_expected int, p_commands jsonb, p_events jsonb, p_batches jsonb)
        returns int language plpgsql set enable_seqscan = off as $fn$
        declare
          head int;
          ids text[];
          taken text;
        begin
          select coalesce(max(version), 0) into head from events where plan_id = p_plan;
          if head <> p_expected then
            return head;
          end if;
          -- Every id of the append (an id repeats once per event of its command; the index scan dedups the array).
          ids := array(select e->>'command_id' from jsonb_array_elements(p_events) as e
            union all select c->>'command_id' from jsonb_array_elements(p_commands) as c);
          select e.command_id into taken from events e where e.plan_id = p_plan and e.command_id = any(ids) limit 1;
          if taken is null then
            select k.command_id into taken from commands k where k.plan_id = p_plan and k.command_id = any(ids) limit 1;
          end if;
          if taken is not null then
            raise unique_violation using constraint = 'commands_pkey',
              message = format('command id %s is already stored for plan %s', taken, p_plan);
          end if;
          if jsonb_array_length(p_commands) > 0 then
            insert into commands (plan_id, command_id, actor, actor_id, status, first_version, last_version, event_count, error, recorded_at)
              select p_plan, c.command_id, c.actor, c.actor_id, c.status, c.first_version, c.last_version, c.event_count, c.error, c.at
              from jsonb_to_recordset(p_commands) as c(command_id text, actor text, actor_id text, status text, first_version int,
                last_version int, event_count int, error jsonb, at timestamptz)
              where c.status = 'rejected' or c.event_count = 0;
          end if;
          insert into events (plan_id, version, type, schema_version, data, actor, actor_id, command_id, batch_id, recorded_at)
            select p_plan, e.version, e.data->>'type', (e.data->>'v')::int, e.data, e.actor, e.actor_id, e.command_id, e.batch_id, e.at
            from jsonb_to_recordset(p_events) as e(version int, data jsonb, actor text, actor_id text, command_id text, batch_id text, at timestamptz);
          if jsonb_array_length(p_batches) > 0 then
            insert into batches (plan_id, batch_id, kind, actor, actor_id, label, file_name, file_hash, summary, reverts, first_version,
                last_version, event_count, recorded_at)
              select p_plan, b.batch_id, b.kind, b.actor, b.actor_id, b.label, b.file_name, b.file_hash, coalesce(b.summary, 'null'::jsonb),
                b.reverts, b.first_version, b.last_version, b.event_count, b.at
              from jsonb_to_recordset(p_batches) as b(batch_id text, kind text, actor text, actor_id text, label text, file_name text,
                file_hash text, summary jsonb, reverts text, first_version int, last_version int, event_count int, at timestamptz);
          end if;
          return head;
        end
        $fn$`.execute(db);
    },
  },
  '0011_command_ids_by_id': {
    // The append's statements are planned from the table's statistics, and those can say a plan has no events: a
    // plan created after the last ANALYZE is not among its most common values (one plan at the first ANALYZE of a
    // new install, every later plan). PostgreSQL then expects one row for plan_id = X, and with the command ids
    // indexed under (plan_id, command_id) it answered the head with a scan of that index and the id probe with
    // plan_id as the only index condition: every event of the plan read on every append (bench database, a
    // 120,446-event plan: 26 ms for the head and 29 ms for the probe, where each takes a few µs; the bench's 50
    // clients fell to 1,464-3,846 commands/s from 9,780). Statistics catch up only after 10 % of the table changed.
    // Now nothing depends on them: the ids are indexed by themselves (events_command_id_idx, and commands by id as
    // well), so the only index that serves plan_id = X alone is the primary key (the head: one backward step), and
    // the probes look ids up by id alone — OFFSET 0 keeps the plan test out of the scan, so no plan-wide scan can be
    // chosen for it; an id stored for another plan (never, with client-made UUIDs) is passed over by that test.
    async up(db: Kysely<unknown>) {
      await sql`create index if not exists events_command_id_idx on events (command_id)`.execute(db);
      await sql`drop index if exists events_command_idx`.execute(db);
      await sql`create index if not exists commands_command_id_idx on commands (command_id)`.execute(db);
      await sql`
        create or replace function seatfold_append(p_plan text, p_expected int, p_commands jsonb, p_events jsonb, p_batches jsonb)
        returns int language plpgsql set enable_seqscan = off as $fn$
        declare
          head int;
          ids text[];
          taken text;
        begin
          select coalesce(max(version), 0) into head from events where plan_id = p_plan;
          if head <> p_expected then
            return head;
          end if;
          -- Every id of the append (an id repeats once per event of its command; the index scan dedups the array).
          ids := array(select e->>'command_id' from jsonb_array_elements(p_events) as e
            union all select c->>'command_id' from jsonb_array_elements(p_commands) as c);
          -- Looked up by id alone (OFFSET 0 keeps the plan test out of the scan): see the migration's note.
          select x.command_id into taken from (select e.plan_id, e.command_id from events e where e.command_id = any(ids) offset 0) as x
            where x.plan_id = p_plan limit 1;
          if taken is null then
            select x.command_id into taken from (select k.plan_id, k.command_id from commands k where k.command_id = any(ids) offset 0) as x
              where x.plan_id = p_plan limit 1;
          end if;
          if taken is not null then
            raise unique_violation using constraint = 'commands_pkey',
              message = format('command id %s is already stored for plan %s', taken, p_plan);
          end if;
          if jsonb_array_length(p_commands) > 0 then
            insert into commands (plan_id, command_id, actor, actor_id, status, first_version, last_version, event_count, error, recorded_at)
              select p_plan, c.command_id, c.actor, c.actor_id, c.status, c.first_version, c.last_version, c.event_count, c.error, c.at
              from jsonb_to_recordset(p_commands) as c(command_id text, actor text, actor_id text, status text, first_version int,
                last_version int, event_count int, error jsonb, at timestamptz)
              where c.status = 'rejected' or c.event_count = 0;
          end if;
          insert into events (plan_id, version, type, schema_version, data, actor, actor_id, command_id, batch_id, recorded_at)
            select p_plan, e.version, e.data->>'type', (e.data->>'v')::int, e.data, e.actor, e.actor_id, e.command_id, e.batch_id, e.at
            from jsonb_to_recordset(p_events) as e(version int, data jsonb, actor text, actor_id text, command_id text, batch_id text, at timestamptz);
          if jsonb_array_length(p_batches) > 0 then
            insert into batches (plan_id, batch_id, kind, actor, actor_id, label, file_name, file_hash, summary, reverts, first_version,
                last_version, event_count, recorded_at)
              select p_plan, b.batch_id, b.kind, b.actor, b.actor_id, b.label, b.file_name, b.file_hash, coalesce(b.summary, 'null'::jsonb),
                b.reverts, b.first_version, b.last_version, b.event_count, b.at
              from jsonb_to_recordset(p_batches) as b(batch_id text, kind text, actor text, actor_id text, label text, file_name text,
                file_hash text, summary jsonb, reverts text, first_version int, last_version int, event_count int, at timestamptz);
          end if;
          return head;
        end
        $fn$`.execute(db);
      await sql`
        create or replace function seatfold_append_one(p_plan text, p_expected int, p_command text, p_type text, p_v int,
          p_data jsonb, p_actor text, p_actor_id text, p_batch text, p_at timestamptz)
        returns int language plpgsql set enable_seqscan = off as $fn$
        declare
          head int;
        begin
          select coalesce(max(version), 0) into head from events where plan_id = p_plan;
          if head <> p_expected then
            return head;
          end if;
          if exists (select 1 from (select e.plan_id from events e where e.command_id = p_command offset 0) as x where x.plan_id = p_plan)
             or exists (select 1 from (select k.plan_id from commands k where k.command_id = p_command offset 0) as x where x.plan_id = p_plan) then
            raise unique_violation using constraint = 'commands_pkey',
              message = format('command id %s is already stored for plan %s', p_command, p_plan);
          end if;
          insert into events (plan_id, version, type, schema_version, data, actor, actor_id, command_id, batch_id, recorded_at)
            values (p_plan, p_expected + 1, p_type, p_v, p_data, p_actor, p_actor_id, p_command, p_batch, p_at);
          return head;
        end
        $fn$`.execute(db);
    },
  },
};

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

/** A fingerprint of every migration (names and code): a migrated copy of the schema is valid while it is unchanged. */
export function migrationsKey(): string {
  return (
    Object.entries(migrations)
      // eslint-disable-next-line @typescript-eslint/unbound-method -- only the method's source text is read, it is never called
      .map(([name, m]) => `${name}:${String(m.up)}`)
      .join('\n')
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic by design (kysely idiom)
export async function migrate(db: Kysely<any>, log: (msg: string) => void): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  for (const r of results ?? []) log(`migration ${r.migrationName}: ${r.status}`);
  if (error) throw error instanceof Error ? error : new Error('migration failed', { cause: error });
}
