import pg from 'pg';
import { openStore } from '@seatfold/store';
import { benchUrl, resetBenchDatabase, withClient } from '../db.ts';
import { alternate, type Scenario } from '../scenario.ts';
import { median, now } from '../stats.ts';
import { demoState } from '../workload.ts';

/**
 * What one snapshot of the 1,500-guest demo costs, the way the room takes one (every 5,000 events, beside the plan's
 * commits): the state serialised on the server's thread, then one INSERT. At the database it is stored as the
 * store stores it since migration 0009 (text) and as it was before (jsonb, a copy of the table with that column),
 * in alternating runs on one connection: the INSERT's time, its WAL, and reading it back (the row plus JSON.parse,
 * as a plan load does).
 */
const VARIANTS = ['text', 'jsonb'] as const;
type Variant = (typeof VARIANTS)[number];
const TABLE: Record<Variant, string> = { text: 'snapshots', jsonb: 'bench_snapshots_jsonb' };

export const snapshotSave: Scenario = {
  id: 'snapshot-save',
  title: 'One snapshot of the 1,500-guest demo: serialising it, writing it, reading it back',
  async run(ctx, r) {
    const N = ctx.quick ? 10 : 30;
    await resetBenchDatabase();
    const store = await openStore({ databaseUrl: benchUrl });
    await store.close();
    await withClient(async (c) => {
      await c.query('drop table if exists bench_snapshots_jsonb');
      await c.query('create table bench_snapshots_jsonb (like snapshots including all)');
      await c.query('alter table bench_snapshots_jsonb alter column state type jsonb using state::jsonb');
    });
    const state = demoState();
    const stringify: number[] = [];
    for (let i = 0; i < N; i++) {
      const t0 = now();
      JSON.stringify(state);
      stringify.push(now() - t0);
    }
    const json = JSON.stringify(state);

    const client = new pg.Client({ connectionString: benchUrl });
    await client.connect();
    const lsn = async () => (await client.query<{ l: string }>('select pg_current_wal_lsn() as l')).rows[0]!.l;
    const insertMs: Record<Variant, number[]> = { text: [], jsonb: [] };
    const loadMs: Record<Variant, number[]> = { text: [], jsonb: [] };
    const walKB: Record<Variant, number[]> = { text: [], jsonb: [] };
    let version = 0;
    const run = async (v: Variant) => {
      const times: number[] = [];
      const reads: number[] = [];
      const wal: number[] = [];
      for (let i = 0; i < N; i++) {
        const at = ++version;
        const before = await lsn();
        const t0 = now();
        await client.query(`insert into ${TABLE[v]} (plan_id, version, evolve_version, state, created_at) values ('bench', $1, 1, $2, now())`, [
          at,
          json,
        ]);
        times.push(now() - t0);
        const diff = await client.query<{ d: string }>('select pg_wal_lsn_diff(pg_current_wal_lsn(), $1) as d', [before]);
        wal.push(Number(diff.rows[0]!.d) / 1024);
        const t1 = now();
        const row = await client.query<{ state: unknown }>(`select state from ${TABLE[v]} where plan_id = 'bench' and version = $1`, [at]);
        // pg parses jsonb itself; text is parsed here, as the store's loadSnapshot does
        const s = row.rows[0]!.state;
        if (typeof s === 'string') JSON.parse(s);
        reads.push(now() - t1);
      }
      insertMs[v].push(median(times));
      loadMs[v].push(median(reads));
      walKB[v].push(Math.min(...wal));
    };
    await alternate(
      ctx.reps,
      VARIANTS.map((v): [string, () => Promise<void>] => [v, () => run(v)]),
      ctx.progress,
    );
    await client.end();
    await withClient((c) => c.query('drop table bench_snapshots_jsonb'));

    r.perRun('JSON.stringify of the state on the server (374 KB)', 'ms', [median(stringify)]);
    for (const v of VARIANTS) {
      const label = v === 'text' ? 'as text (since 0009)' : 'as jsonb (before 0009)';
      r.perRun(`INSERT of the snapshot, ${label} (median per run)`, 'ms', insertMs[v]);
      r.perRun(`  WAL per snapshot, ${label}`, 'KB', walKB[v]);
      r.perRun(`  reading it back and parsing it, ${label} (median per run)`, 'ms', loadMs[v]);
    }
    r.perRun(
      'ratio INSERT text / jsonb (per run)',
      'x',
      insertMs.text.map((t, i) => t / insertMs.jsonb[i]!),
    );
    r.perRun(
      'ratio reading back text / jsonb (per run)',
      'x',
      loadMs.text.map((t, i) => t / loadMs.jsonb[i]!),
    );
  },
};
