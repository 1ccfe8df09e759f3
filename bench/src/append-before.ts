import { BENCH_DB, withClient } from './db.ts';

/**
 * Before/after of migration 0006 in ONE bench run: the append function as migration 0004 defined it (a commands
 * row for every command, accepted or not), copied here for the bench only. `useAppend('0004')` swaps it in as
 * `seatfold_append` in the bench database (a running server's connections recompile on their next call);
 * `useAppend('current')` puts back the definition the store's migrations installed. Only ever touches BENCH_DB.
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

let current: string | null = null;

export async function useAppend(which: '0004' | 'current'): Promise<void> {
  await withClient(async (c) => {
    if (current === null) {
      const { rows } = await c.query<{ src: string }>(`select pg_get_functiondef('seatfold_append'::regproc) as src`);
      const src = rows[0]?.src;
      if (!src) throw new Error('seatfold_append is not installed in the bench database');
      // A bench killed while the 0004 copy was swapped in leaves it installed (migrations are recorded as done).
      if (!src.includes('unique_violation'))
        throw new Error(`seatfold_append in ${BENCH_DB} is the bench's 0004 copy: drop that database and re-run`);
      current = src;
    }
    await c.query(which === '0004' ? APPEND_0004 : current);
  });
}

/**
 * The append function as migration 0006 left it (before 0007 turned sequential scans off inside it), under another
 * name: the installed definition with its SET clause taken out.
 */
export async function append0006As(c: { query: (q: string) => Promise<{ rows: { src: string }[] }> }, name: string): Promise<string> {
  const { rows } = await c.query(`select pg_get_functiondef('seatfold_append'::regproc) as src`);
  const src = rows[0]?.src ?? '';
  if (!/SET enable_seqscan TO 'off'/i.test(src)) throw new Error('seatfold_append has no enable_seqscan setting: is migration 0007 applied?');
  return src.replace(/^\s*SET enable_seqscan TO 'off'\s*$/im, '').replace(/FUNCTION public\.seatfold_append\(/i, `FUNCTION public.${name}(`);
}
