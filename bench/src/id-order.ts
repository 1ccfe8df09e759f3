/**
 * What the order of command ids costs the append at the database (not a scenario: one question, for
 * packages/sync/src/command-id.ts). Two plans of one events table, each seeded with the same history (random ids,
 * as browsers made them before), then appended to alternately, call by call, with real commits: groups of
 * `size` one-event commands whose ids are random (UUID v4) on one plan and time-ordered (UUID v7) on the other.
 * Both insert into the same index of command ids (events_command_id_idx, migration 0011); a random id lands on a
 * random leaf of it, a time-ordered one beside the newest.
 *
 *   node --import tsx src/id-order.ts [size=15] [seeded=100000] [calls=1000]
 */
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { newCommandId } from '@seatfold/sync';
import { openStore } from '@seatfold/store';
import { benchUrl, resetBenchDatabase } from './db.ts';
import { median, now } from './stats.ts';

const [size = 15, seeded = 100_000, calls = 1000] = process.argv.slice(2).map(Number);
const VARIANTS = { v4: randomUUID, v7: newCommandId } as const;

await resetBenchDatabase();
await (await openStore({ databaseUrl: benchUrl })).close();
const client = new pg.Client({ connectionString: benchUrl });
await client.connect();
for (const plan of Object.keys(VARIANTS))
  await client.query(
    `insert into events (plan_id, version, type, schema_version, data, actor, actor_id, command_id, recorded_at)
     select $1, v, 'GuestSeated', 1, '{"type":"GuestSeated","v":1,"guestId":"g-0001","tableId":"t-1"}', 'Bench', 'u-bench',
       gen_random_uuid()::text, now()
     from generate_series(1, $2::int) as v`,
    [plan, seeded],
  );
await client.query('analyze events');

const head: Record<string, number> = { v4: seeded, v7: seeded };
const times: Record<string, number[]> = { v4: [], v7: [] };
for (let call = 0; call < calls; call++) {
  for (const [plan, id] of Object.entries(VARIANTS)) {
    const at = new Date().toISOString();
    const events = Array.from({ length: size }, (_, i) => ({
      version: head[plan]! + i + 1,
      data: { type: 'GuestSeated', v: 1, guestId: `g-${String(i).padStart(4, '0')}`, tableId: 't-137' },
      actor: 'Bench',
      actor_id: 'u-bench',
      command_id: id(),
      batch_id: null,
      at,
    }));
    const t0 = now();
    await client.query({
      name: 'append',
      text: 'select seatfold_append($1, $2, $3::jsonb, $4::jsonb, $5::jsonb) as head',
      values: [plan, head[plan], '[]', JSON.stringify(events), '[]'],
    });
    if (call >= calls / 5) times[plan]!.push(now() - t0); // the first fifth warms up
    head[plan]! += size;
  }
}
await client.end();
const [a, b] = [median(times.v4!), median(times.v7!)];
console.log(
  `${size}-command appends on a ${seeded}-event plan, ${times.v4!.length} each, committed: random ids ${a.toFixed(3)} ms, ` +
    `time-ordered ${b.toFixed(3)} ms (median), ratio ${(b / a).toFixed(2)}`,
);
