import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { openStore } from '@seatfold/store';
import { append0009As } from '../append-before.ts';
import { benchUrl, resetBenchDatabase, withClient } from '../db.ts';
import { alternate, type Scenario } from '../scenario.ts';
import { median, now } from '../stats.ts';

/**
 * One group append at the database (no server, no socket), as `concurrent` makes them: 14 commands of one event each,
 * and 4. Two variants, alternating call by call on one connection:
 *   0010    the store's call since migration 0010: a commands row only for a command without events (none here);
 *           the function takes the ids from the events;
 *   before  the call as it was before: a JSON row for every command, sent, parsed into jsonb and expanded by the
 *           function as 0009 left it (append-before.ts), which then stored none of them.
 * Timed from building the parameters (JSON.stringify, as the store does) to the answer, inside a transaction that is
 * rolled back every 100 calls, on a plan of 6,000 events: the commit, the same for both (the same rows, the same WAL),
 * is left out, and so is its noise.
 */
const VARIANTS = ['0010', 'before'] as const;
type Variant = (typeof VARIANTS)[number];
const SIZES = [14, 4];

export const groupAppend: Scenario = {
  id: 'group-append',
  title: 'One group append at the database: a row for every command (before 0010) or for those without events',
  async run(ctx, r) {
    const calls = ctx.quick ? 300 : 1000;
    await resetBenchDatabase();
    const store = await openStore({ databaseUrl: benchUrl });
    await store.close();
    await withClient(async (c) => void (await c.query(await append0009As(c, 'bench_append_0009'))));
    // A plan with a history, as in `concurrent` (the demo's 1,500 guests and some moves)
    const seeded = 6000;
    await withClient((c) =>
      c.query(
        `insert into events (plan_id, version, type, schema_version, data, actor, actor_id, command_id, recorded_at)
         select 'group-append', v, 'GuestSeated', 1, '{"type":"GuestSeated","v":1,"guestId":"g-0001","tableId":"t-1"}', 'Bench', 'u-bench', 'seed-' || v, now()
         from generate_series(1, $1) as v`,
        [seeded],
      ),
    );
    const client = new pg.Client({ connectionString: benchUrl });
    await client.connect();
    const plan = 'group-append';
    let head = 0;

    const call = async (v: Variant, size: number): Promise<number> => {
      const t0 = now();
      const at = new Date().toISOString();
      const commands: object[] = [];
      const events: object[] = [];
      for (let i = 0; i < size; i++) {
        const commandId = randomUUID();
        const version = head + i + 1;
        if (v === 'before')
          commands.push({
            command_id: commandId,
            actor: 'Bench',
            actor_id: 'u-bench',
            status: 'accepted',
            first_version: version,
            last_version: version,
            event_count: 1,
            at,
          });
        const data = { type: 'GuestSeated', v: 1, guestId: `g-${String(i).padStart(4, '0')}`, tableId: 't-137' };
        events.push({ version, data, actor: 'Bench', actor_id: 'u-bench', command_id: commandId, batch_id: null, at });
      }
      const fn = v === 'before' ? 'bench_append_0009' : 'seatfold_append';
      const { rows } = await client.query<{ head: number }>({
        name: fn,
        text: `select ${fn}($1, $2, $3::jsonb, $4::jsonb, $5::jsonb) as head`,
        values: [plan, head, JSON.stringify(commands), JSON.stringify(events), '[]'],
      });
      if (rows[0]!.head !== head) throw new Error(`${v}: head ${rows[0]!.head}, expected ${head}`);
      head += size;
      return now() - t0;
    };

    const perRun: Record<string, number[]> = {};
    for (const size of SIZES) for (const v of VARIANTS) perRun[`${v}-${size}`] = [];
    const run = async (size: number, warm = false) => {
      const lat: Record<Variant, number[]> = { '0010': [], before: [] };
      for (let i = 0; i < calls; i++) {
        if (i % 100 === 0) {
          if (i > 0) await client.query('rollback');
          await client.query('begin');
          head = seeded;
        }
        // both variants in every step, their order swapped each step
        for (const v of i % 2 ? VARIANTS : [...VARIANTS].reverse()) lat[v].push(await call(v, size));
      }
      await client.query('rollback');
      if (!warm) for (const v of VARIANTS) perRun[`${v}-${size}`]!.push(median(lat[v]));
    };
    for (const size of SIZES) await run(size, true);
    await alternate(
      ctx.reps,
      SIZES.map((size): [string, () => Promise<void>] => [`${size} commands`, () => run(size)]),
      ctx.progress,
    );
    await client.end();

    for (const size of SIZES) {
      r.perRun(`${size} commands, as the store calls it since 0010 (median per run)`, 'ms', perRun[`0010-${size}`]!);
      r.perRun(`${size} commands, a row for every command, before 0010 (median per run)`, 'ms', perRun[`before-${size}`]!);
      r.perRun(
        `ratio ${size} commands: since 0010 / before (per run)`,
        'x',
        perRun[`0010-${size}`]!.map((t, i) => t / perRun[`before-${size}`]![i]!),
      );
    }
  },
};
