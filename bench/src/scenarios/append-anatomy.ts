import pg from 'pg';
import { openStore } from '@seatfold/store';
import { benchUrl, resetBenchDatabase, withClient } from '../db.ts';
import { alternate, type Scenario } from '../scenario.ts';
import { median, now } from '../stats.ts';

/**
 * Where the time and the WAL of one single-event append go, at the database (no server, no socket): the same
 * event appended, in alternating runs on one connection, by
 *   floor     a single-row INSERT into a table with one index (its own transaction: one COMMIT, one WAL flush);
 *   append    the store's append statement as the server sends it (seatfold_append, a fresh unnamed statement);
 *   prepared  the same call as a named prepared statement (parsed once per connection);
 *   no-cmd    a bench-only copy of the append function without the commands row (the cost ceiling of that row);
 *   unlocked  the append call without the per-plan advisory lock the store takes first (what pipelining needs).
 * WAL bytes per append are the smallest insert-LSN difference seen over a run (the database is shared; the
 * smallest difference is the one nobody else wrote into); the WAL records of one append come from pg_walinspect.
 */
const VARIANTS = ['floor', 'append', 'prepared', 'no-cmd', 'unlocked'] as const;
type Variant = (typeof VARIANTS)[number];

const sample = { type: 'GuestSeated', v: 1, guestId: 'g-0042', tableId: 't-120' };

export const appendAnatomy: Scenario = {
  id: 'append-anatomy',
  title: 'One single-event append at the database: time and WAL per variant',
  async run(ctx, r) {
    const N = ctx.quick ? 300 : 1500;
    await resetBenchDatabase();
    const store = await openStore({ databaseUrl: benchUrl });
    await store.close();
    await withClient(async (c) => {
      await c.query('create table if not exists bench_floor (id bigserial primary key, data jsonb not null)');
      await c.query('create extension if not exists pg_walinspect');
      // The store's function minus the commands insert: bench-only, to bound what that row costs.
      const { rows } = await c.query<{ src: string }>(`select pg_get_functiondef('seatfold_append'::regproc) as src`);
      const src = rows[0]!.src
        .replace(/FUNCTION public\.seatfold_append\(/, 'FUNCTION public.bench_append_nocmd(')
        .replace(/insert into commands[\s\S]*?at timestamptz\);/, '');
      await c.query(src);
    });

    const client = new pg.Client({ connectionString: benchUrl });
    await client.connect();
    const heads: Record<Variant, number> = { floor: 0, append: 0, prepared: 0, 'no-cmd': 0, unlocked: 0 };
    const planOf = (v: Variant) => `anatomy-${v}`;
    let seq = 0;
    const args = (v: Variant) => {
      const version = heads[v] + 1;
      const commandId = `c-${v}-${++seq}`;
      const at = new Date().toISOString();
      return [
        planOf(v),
        heads[v],
        JSON.stringify([{ command_id: commandId, actor: 'bench', status: 'accepted', first_version: version, last_version: version, event_count: 1, at }]),
        JSON.stringify([{ version, data: sample, actor: 'bench', command_id: commandId, batch_id: null, at }]),
        '[]',
      ];
    };
    // As the store sends it: the plan's advisory lock first, then the call (append.ts).
    const call = async (fn: string, v: Variant, name?: string, lock = true) => {
      const text = lock
        ? `with turn as (select pg_advisory_xact_lock(1397047636, hashtext($1))) select ${fn}($1, $2, $3::jsonb, $4::jsonb, $5::jsonb) as head from turn`
        : `select ${fn}($1, $2, $3::jsonb, $4::jsonb, $5::jsonb) as head`;
      const { rows } = await client.query<{ head: number }>(name ? { name, text, values: args(v) } : { text, values: args(v) });
      if (rows[0]!.head !== heads[v]) throw new Error(`${v}: head ${rows[0]!.head}, expected ${heads[v]}`);
      heads[v]++;
    };
    const ops: Record<Variant, () => Promise<unknown>> = {
      floor: () => client.query('insert into bench_floor (data) values ($1)', [JSON.stringify(sample)]),
      append: () => call('seatfold_append', 'append'),
      prepared: () => call('seatfold_append', 'prepared', 'bench_append_prepared'),
      'no-cmd': () => call('bench_append_nocmd', 'no-cmd'),
      unlocked: () => call('seatfold_append', 'unlocked', undefined, false),
    };
    const lsn = async () => (await client.query<{ l: string }>('select pg_current_wal_insert_lsn() as l')).rows[0]!.l;
    const walBytes = async (a: string, b: string) => Number((await client.query<{ d: string }>('select pg_wal_lsn_diff($2, $1) as d', [a, b])).rows[0]!.d);

    // Warm up every variant (caches, plans, a stream of some length).
    for (const v of VARIANTS) for (let i = 0; i < 200; i++) await ops[v]();

    const rates: Record<Variant, number[]> = { floor: [], append: [], prepared: [], 'no-cmd': [], unlocked: [] };
    const lat: Record<Variant, number[]> = { floor: [], append: [], prepared: [], 'no-cmd': [], unlocked: [] };
    const wal: Record<Variant, number[]> = { floor: [], append: [], prepared: [], 'no-cmd': [], unlocked: [] };
    await alternate(
      ctx.reps,
      VARIANTS.map((v) => [
        v,
        async () => {
          const samples: number[] = [];
          const t0 = now();
          for (let i = 0; i < N; i++) {
            const t = now();
            await ops[v]();
            samples.push(now() - t);
          }
          rates[v].push(N / ((now() - t0) / 1000));
          lat[v].push(...samples);
          // WAL per append: the smallest of 30 single-append LSN differences (the reads themselves write no WAL).
          let least = Infinity;
          for (let i = 0; i < 30; i++) {
            const a = await lsn();
            await ops[v]();
            least = Math.min(least, await walBytes(a, await lsn()));
          }
          wal[v].push(least);
        },
      ]),
      ctx.progress,
    );

    // The WAL records one append writes, by resource manager (one more append per variant, inspected).
    const records: Record<string, { rmgr: string; type: string; bytes: number }[]> = {};
    for (const v of VARIANTS) {
      const a = await lsn();
      await ops[v]();
      const b = await lsn();
      const { rows } = await client.query<{ resource_manager: string; record_type: string; record_length: number; xid: string }>(
        `select resource_manager, record_type, record_length, xid from pg_get_wal_records_info($1, $2)`,
        [a, b],
      );
      records[v] = rows.map((x) => ({ rmgr: x.resource_manager, type: x.record_type, bytes: x.record_length }));
    }
    await client.end();

    for (const v of VARIANTS) {
      r.perRun(`${v}: appends/s (1 connection)`, 'ops/s', rates[v]);
      r.latency(`${v}: latency`, lat[v]);
      r.perRun(`${v}: WAL bytes per append (least of 30)`, 'B', wal[v]);
    }
    r.perRun('ratio append / floor (latency)', 'x', [median(lat.append) / median(lat.floor)]);
    r.perRun('ratio prepared / append (latency)', 'x', [median(lat.prepared) / median(lat.append)]);
    r.perRun('ratio no-cmd / append (latency)', 'x', [median(lat['no-cmd']) / median(lat.append)]);
    r.perRun('ratio unlocked / append (latency)', 'x', [median(lat.unlocked) / median(lat.append)]);
    r.details.walRecords = records;
  },
};
