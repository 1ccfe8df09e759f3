import pg from 'pg';
import { openStore } from '@seatfold/store';
import { APPEND_0004_AS, APPEND_ONE_AS_0007_AS, append0006As, append0009As } from '../append-before.ts';
import { benchUrl, resetBenchDatabase, withClient } from '../db.ts';
import { alternate, type Scenario } from '../scenario.ts';
import { median, now } from '../stats.ts';

/**
 * Where the time and the WAL of one single-event append go, at the database (no server, no socket): the same
 * event appended, in alternating runs on one connection, by
 *   floor     a single-row INSERT into a table with one index (its own transaction: one COMMIT, one WAL flush);
 *   0004      the append function as migration 0004 had it: a commands row for every command (the "before" of 0006);
 *   0006      the function as migration 0006 left it: events only for an accepted command, its id looked up in
 *             events_command_idx and commands, with plans that may scan a table its statistics call small;
 *   0007      seatfold_append as 0007 left it, until 0010 (sequential scans off inside, so the head and the probes are
 *             index lookups), with the three JSON arrays the store sent for every append before 0008;
 *   arrays    the bench's "before" of 0008 (append-before.ts): the scalar call, forwarded to the 0007 function with
 *             the arrays built by jsonb_build_* — what sequential and ack-latency swap in; its cost beside 0007
 *             says how honest that swap is;
 *   append    the store's append as the server sends it for one command with one event (seatfold_append_one since
 *             0008: scalar parameters, one INSERT ... VALUES, the same checks).
 * 0004 writes a commands row per append, so the commands table grows during the run, unanalysed, as it did in every
 * bench that alternated with the 0004 append: what a plan cached on a small table then costs shows in 0006.
 * WAL bytes per append are the smallest insert-LSN difference seen over a run (the database is shared; the
 * smallest difference is the one nobody else wrote into); the WAL records of one append come from pg_walinspect.
 */
const VARIANTS = ['floor', '0004', '0006', '0007', 'arrays', 'append'] as const;
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
      await c.query(APPEND_0004_AS('bench_append_0004'));
      await c.query(await append0006As(c, 'bench_append_0006'));
      await c.query(await append0009As(c, 'bench_append_0009'));
      await c.query(APPEND_ONE_AS_0007_AS('bench_append_one_0007', 'bench_append_0009'));
    });

    const client = new pg.Client({ connectionString: benchUrl });
    await client.connect();
    const heads: Record<Variant, number> = { floor: 0, '0004': 0, '0006': 0, '0007': 0, arrays: 0, append: 0 };
    const planOf = (v: Variant) => `anatomy-${v}`;
    let seq = 0;
    const args = (v: Variant) => {
      const version = heads[v] + 1;
      const commandId = `c-${v}-${++seq}`;
      const at = new Date().toISOString();
      return [
        planOf(v),
        heads[v],
        JSON.stringify([
          { command_id: commandId, actor: 'bench', status: 'accepted', first_version: version, last_version: version, event_count: 1, at },
        ]),
        JSON.stringify([{ version, data: sample, actor: 'bench', command_id: commandId, batch_id: null, at }]),
        '[]',
      ];
    };
    // As the store sends it (without pipelining: no advisory lock, see append.ts).
    const call = async (fn: string, v: Variant) => {
      const text = `select ${fn}($1, $2, $3::jsonb, $4::jsonb, $5::jsonb) as head`;
      const { rows } = await client.query<{ head: number }>({ text, values: args(v) });
      if (rows[0]!.head !== heads[v]) throw new Error(`${v}: head ${rows[0]!.head}, expected ${heads[v]}`);
      heads[v]++;
    };
    // One command with one event, scalar parameters, as the store sends it since 0008.
    const one = async (fn: string, v: Variant) => {
      const commandId = `c-${v}-${++seq}`;
      const values = [planOf(v), heads[v], commandId, sample.type, sample.v, JSON.stringify(sample), 'bench', null, null, new Date().toISOString()];
      const text = `select ${fn}($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10::timestamptz) as head`;
      const { rows } = await client.query<{ head: number }>({ text, values });
      if (rows[0]!.head !== heads[v]) throw new Error(`${v}: head ${rows[0]!.head}, expected ${heads[v]}`);
      heads[v]++;
    };
    const ops: Record<Variant, () => Promise<unknown>> = {
      floor: () => client.query('insert into bench_floor (data) values ($1)', [JSON.stringify(sample)]),
      '0004': () => call('bench_append_0004', '0004'),
      '0006': () => call('bench_append_0006', '0006'),
      '0007': () => call('bench_append_0009', '0007'),
      arrays: () => one('bench_append_one_0007', 'arrays'),
      append: () => one('seatfold_append_one', 'append'),
    };
    const lsn = async () => (await client.query<{ l: string }>('select pg_current_wal_insert_lsn() as l')).rows[0]!.l;
    const walBytes = async (a: string, b: string) =>
      Number((await client.query<{ d: string }>('select pg_wal_lsn_diff($2, $1) as d', [a, b])).rows[0]!.d);

    // Warm up every variant (caches, plans, a stream of some length).
    for (const v of VARIANTS) for (let i = 0; i < 200; i++) await ops[v]();

    const rates: Record<Variant, number[]> = { floor: [], '0004': [], '0006': [], '0007': [], arrays: [], append: [] };
    const lat: Record<Variant, number[]> = { floor: [], '0004': [], '0006': [], '0007': [], arrays: [], append: [] };
    const runMedians: Record<Variant, number[]> = { floor: [], '0004': [], '0006': [], '0007': [], arrays: [], append: [] };
    const wal: Record<Variant, number[]> = { floor: [], '0004': [], '0006': [], '0007': [], arrays: [], append: [] };
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
          runMedians[v].push(median(samples));
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
    // Per repetition (the variants ran side by side in it): the ratio of that repetition's median latencies.
    const ratio = (a: Variant, b: Variant) => runMedians[a].map((x, i) => x / runMedians[b][i]!);
    r.perRun('ratio append / floor (median latency per run)', 'x', ratio('append', 'floor'));
    r.perRun('ratio append / 0007 (median latency per run)', 'x', ratio('append', '0007'));
    r.perRun('ratio arrays / 0007 (the bench swap of 0008, median latency per run)', 'x', ratio('arrays', '0007'));
    r.perRun('ratio 0007 / floor (median latency per run)', 'x', ratio('0007', 'floor'));
    r.perRun('ratio 0007 / 0006 (median latency per run)', 'x', ratio('0007', '0006'));
    r.perRun('ratio 0007 / 0004 (median latency per run)', 'x', ratio('0007', '0004'));
    r.perRun('ratio append / 0007 (WAL bytes)', 'x', [median(wal.append) / median(wal['0007'])]);
    r.details.walRecords = records;
  },
};
