import { BENCH_DB, withClient } from './db.ts';

/**
 * Before/after of migration 0006 in ONE bench run: the append function as migration 0004 defined it (a commands
 * row for every command, accepted or not), copied here for the bench only. `useAppend('0004')` swaps it in as
 * `seatfold_append` in the bench database; `useAppend('current')` puts back the definitions the store's migrations
 * installed. Only ever touches BENCH_DB.
 */
const APPEND_0004 = `
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
$fn$`;

/** The same 0004 function under another name (append-anatomy calls both side by side). */
export const APPEND_0004_AS = (name: string) => APPEND_0004.replace('function seatfold_append(', `function ${name}(`);

/**
 * Before/after of migration 0008 in ONE bench run: `seatfold_append_one` (one command, one event, scalar parameters)
 * replaced by a SQL function that hands the same append to `seatfold_append` as the store sent it before 0008 — three
 * JSON arrays (built here by jsonb_build_*, where the store built their text) expanded by the 0007 function. The
 * SQL body is inlined into the store's call, so the "before" pays the 0007 function plus the arrays' building, as it
 * did. append-anatomy measures that building's share (the `0007 via arrays` variant against `0007`).
 */
const APPEND_ONE_AS_0007 = `
create or replace function seatfold_append_one(p_plan text, p_expected int, p_command text, p_type text, p_v int,
  p_data jsonb, p_actor text, p_actor_id text, p_batch text, p_at timestamptz)
returns int language sql as $fn$
  select seatfold_append(p_plan, p_expected,
    jsonb_build_array(jsonb_build_object('command_id', p_command, 'actor', p_actor, 'actor_id', p_actor_id, 'status', 'accepted',
      'first_version', p_expected + 1, 'last_version', p_expected + 1, 'event_count', 1, 'at', p_at)),
    jsonb_build_array(jsonb_build_object('version', p_expected + 1, 'data', p_data, 'actor', p_actor, 'actor_id', p_actor_id,
      'command_id', p_command, 'batch_id', p_batch, 'at', p_at)),
    '[]'::jsonb)
$fn$`;

/** The same forwarding function under another name (append-anatomy calls it beside the current one). */
export const APPEND_ONE_AS_0007_AS = (name: string, target = 'seatfold_append') =>
  APPEND_ONE_AS_0007.replace('function seatfold_append_one(', `function ${name}(`).replace(
    'select seatfold_append(p_plan',
    `select ${target}(p_plan`,
  );

let current: { append: string; one: string } | null = null;

/**
 * Swaps append functions in BENCH_DB for a same-run before/after (a running server's connections recompile on their
 * next call): '0004' = migration 0004's seatfold_append (a commands row per command) and every append through it;
 * '0007' = the functions as they were before migration 0008 (every single-event append forwarded to the 0007
 * function, installed beside the current one as bench_append_0009);
 * 'current' = what the store's migrations installed.
 */
export async function useAppend(which: '0004' | '0007' | 'current'): Promise<void> {
  await withClient(async (c) => {
    if (current === null) {
      const src = async (fn: string) => (await c.query<{ src: string }>(`select pg_get_functiondef(to_regproc($1)) as src`, [fn])).rows[0]?.src ?? '';
      const [append, one] = [await src('seatfold_append'), await src('seatfold_append_one')];
      if (!append || !one) throw new Error('seatfold_append(_one) is not installed in the bench database');
      // A bench killed while a copy was swapped in leaves it installed (migrations are recorded as done).
      if (!append.includes('unique_violation') || !one.includes('unique_violation'))
        throw new Error(`${BENCH_DB} holds a bench copy of an append function: drop that database and re-run`);
      current = { append, one };
    }
    if (which === 'current') {
      await c.query(current.append);
      await c.query(current.one);
      return;
    }
    if (which === '0004') {
      await c.query(APPEND_0004);
      await c.query(APPEND_ONE_AS_0007);
      return;
    }
    // 0007: the forwarder into seatfold_append as it was until 0010 (installed beside it under another name)
    await c.query(await append0009As(c, 'bench_append_0009'));
    await c.query(APPEND_ONE_AS_0007_AS('seatfold_append_one', 'bench_append_0009'));
  });
}

type Query = { query: (q: string) => Promise<{ rows: { src: string }[] }> };

/**
 * The append function as migration 0006 left it (before 0007 turned sequential scans off inside it), under another
 * name: the definition before 0010 (below) with its SET clause taken out.
 */
export async function append0006As(c: Query, name: string): Promise<string> {
  const src = await before0010(c);
  if (!/SET enable_seqscan TO 'off'/i.test(src)) throw new Error('seatfold_append has no enable_seqscan setting: is migration 0007 applied?');
  return renamed(src.replace(/^\s*SET enable_seqscan TO 'off'\s*$/im, ''), name);
}

/**
 * Before/after of migration 0010 in ONE bench run: seatfold_append as 0007 left it and as it was until 0010 (ids from
 * the commands rows only, so the store sent a row for every command; the commands and batches inserts run even when
 * empty), under another name.
 */
export async function append0009As(c: Query, name: string): Promise<string> {
  return renamed(await before0010(c), name);
}

const renamed = (src: string, name: string) => src.replace(/FUNCTION public\.seatfold_append\(/i, `FUNCTION public.${name}(`);

/** The installed seatfold_append with 0010's three changes undone; throws if one is not found. */
async function before0010(c: Query): Promise<string> {
  const { rows } = await c.query(`select pg_get_functiondef('seatfold_append'::regproc) as src`);
  let src = rows[0]?.src ?? '';
  const undo = (from: RegExp, to: string) => {
    if (!from.test(src)) throw new Error(`seatfold_append is not 0010's: ${from.source} not found`);
    src = src.replace(from, to);
  };
  undo(
    /array\(select e->>'command_id' from jsonb_array_elements\(p_events\) as e\s+union all (select c->>'command_id' from jsonb_array_elements\(p_commands\) as c)\)/,
    'array($1)',
  );
  undo(/if jsonb_array_length\(p_commands\) > 0 then\n([\s\S]*?c\.event_count = 0;)\n\s*end if;/, '$1');
  undo(/if jsonb_array_length\(p_batches\) > 0 then\n([\s\S]*?event_count int, at timestamptz\);)\n\s*end if;/, '$1');
  return src;
}
