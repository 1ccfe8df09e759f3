import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { command, describeStoreContract, events, newPlan, uniqueId } from './contract.ts';
import { DuplicateCommandError, VersionConflictError } from './errors.ts';
import { openStore } from './open.ts';

/**
 * The PostgreSQL tests run against the database in DATABASE_URL. Without it they are not registered (with a
 * warning), unless SEATFOLD_REQUIRE_POSTGRES=1 demands them: then collecting this file fails.
 * Tests use random plan ids and never drop the shared database.
 */
function postgresUrl(env: Record<string, string | undefined>): string | undefined {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  if (env.SEATFOLD_REQUIRE_POSTGRES === '1') {
    throw new Error('SEATFOLD_REQUIRE_POSTGRES=1 but DATABASE_URL is not set: the PostgreSQL store tests cannot run');
  }
  return undefined;
}

// Always registered (vitest refuses a file without tests), and checks the gating above.
describe('PostgreSQL test gating', () => {
  it('uses DATABASE_URL, and fails only when PostgreSQL is required but not configured', () => {
    expect(postgresUrl({ DATABASE_URL: 'postgres://x/y', SEATFOLD_REQUIRE_POSTGRES: '1' })).toBe('postgres://x/y');
    expect(postgresUrl({})).toBeUndefined();
    expect(() => postgresUrl({ SEATFOLD_REQUIRE_POSTGRES: '1' })).toThrow(/DATABASE_URL is not set/);
  });
});

const databaseUrl = postgresUrl(process.env);

if (!databaseUrl) {
  console.warn('DATABASE_URL is not set: the PostgreSQL event store tests were NOT run');
} else {
  const url = databaseUrl;
  describeStoreContract('PostgreSQL', () => openStore({ databaseUrl: url }));

  describe('PostgreSQL only', () => {
    it('lets exactly one of two stores (two pools) appending at the same version win', async () => {
      const [a, b] = await Promise.all([openStore({ databaseUrl: url }), openStore({ databaseUrl: url })]);
      try {
        expect(a.kind).toBe('postgres');
        for (let round = 0; round < 5; round++) {
          const planId = uniqueId('plan');
          await a.append(planId, 0, [command(events(1))]);
          const results = await Promise.allSettled([
            a.append(planId, 1, [command(events(50, 'A'))]),
            b.append(planId, 1, [command(events(50, 'B'))]),
          ]);
          expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
          const failed = results.find((r) => r.status === 'rejected');
          expect(failed?.reason).toBeInstanceOf(VersionConflictError);
          expect(failed?.reason).toMatchObject({ expectedVersion: 1, actualVersion: 51 });
          const stored = await b.readStream<{ type: string }>(planId, 1);
          expect(stored).toHaveLength(50);
          expect(new Set(stored.map((e) => e.event.type)).size).toBe(1);
        }
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('appends on connections of their own: reads holding every other connection do not hold a command up', async () => {
      const store = await openStore({ databaseUrl: url });
      try {
        const planId = uniqueId('plan');
        await store.append(planId, 0, [command(events(1))]);
        const done: string[] = [];
        const db = store.connection!();
        // Eleven slow reads: ten take the read pool's every connection, the eleventh waits for one of them.
        const reads = Array.from({ length: 11 }, () => sql`select pg_sleep(1.5)`.execute(db).then(() => void done.push('read')));
        await new Promise((r) => setTimeout(r, 100));
        await store.append(planId, 1, [command(events(1))]).then(() => void done.push('append'));
        await Promise.all(reads);
        expect(done[0]).toBe('append');
        expect(await store.streamVersion(planId)).toBe(2);
      } finally {
        await store.close();
      }
    });

    it('queues ordered appends of one plan behind each other: the next lands on the head the previous left, or conflicts if it failed', async () => {
      const [a, b] = await Promise.all([openStore({ databaseUrl: url }), openStore({ databaseUrl: url })]);
      const holder = new pg.Client({ connectionString: url });
      await holder.connect();
      // Both appends queue on the plan's lock, held here, in the order they were sent (PostgreSQL grants in order).
      const waiters = async (planId: string, n: number) => {
        for (let i = 0; ; i++) {
          const { rows } = await holder.query<{ n: number }>(
            `select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted and classid = $1::bigint::oid
               and objid = ((hashtext($2)::bigint + 4294967296) % 4294967296)::oid and objsubid = 2`,
            [0x53454154, planId],
          );
          if (rows[0]!.n >= n) return;
          if (i > 2000) throw new Error('the appends never queued on the lock');
          await new Promise((r) => setTimeout(r, 5));
        }
      };
      const lockKey = 'select $1::int as k, hashtext($2) as h';
      try {
        for (const firstFails of [false, true]) {
          const planId = uniqueId('plan');
          const taken = command(events(1));
          await a.append(planId, 0, [taken], undefined, { ordered: true });
          const { rows } = await holder.query<{ k: number; h: number }>(lockKey, [0x53454154, planId]);
          await holder.query('begin');
          await holder.query('select pg_advisory_xact_lock($1, $2)', [rows[0]!.k, rows[0]!.h]);
          const first = a.append(planId, 1, [firstFails ? { ...taken, events: events(2, 'A') } : command(events(2, 'A'))], undefined, {
            ordered: true,
          });
          const firstSettled = first.then(
            () => 'ok',
            (err: unknown) => err,
          );
          await waiters(planId, 1);
          const second = b.append(planId, 3, [command(events(2, 'B'))], undefined, { ordered: true });
          const secondSettled = second.then(
            () => 'ok',
            (err: unknown) => err,
          );
          await waiters(planId, 2);
          await holder.query('commit');
          if (!firstFails) {
            expect(await firstSettled).toBe('ok');
            expect(await secondSettled).toBe('ok');
            expect((await b.readStream<{ type: string }>(planId)).map((e) => e.event.type)).toEqual(['GuestAdded', 'A', 'A', 'B', 'B']);
          } else {
            expect(await firstSettled).toBeInstanceOf(Error);
            expect(await secondSettled).toBeInstanceOf(VersionConflictError);
            expect(await b.streamVersion(planId)).toBe(1);
          }
        }
      } finally {
        await holder.end();
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('lands ordered appends sent back to back in the order they were sent, and gives their connection back', async () => {
      const store = await openStore({ databaseUrl: url });
      try {
        // Each expects the head the one before it leaves, as a pipelining room sends them. Thirty at once would spread
        // over the pool's eight connections; in whatever order they took the lock, the early ones would conflict.
        for (let round = 0; round < 3; round++) {
          const planId = uniqueId('plan');
          const sent = Array.from({ length: 30 }, (_, i) => store.append(planId, i, [command(events(1, `E${i}`))], undefined, { ordered: true }));
          const results = await Promise.allSettled(sent);
          expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
          expect((await store.readStream<{ type: string }>(planId)).map((e) => e.event.type)).toEqual(sent.map((_, i) => `E${i}`));
        }
        // A lane whose first append fails: the ones behind it conflict, nothing is written, and its connection is given
        // back — twenty such lanes on a pool of eight would otherwise leave the next append waiting for a connection.
        for (let round = 0; round < 20; round++) {
          const planId = uniqueId('plan');
          const sent = Array.from({ length: 3 }, (_, i) => store.append(planId, i + 1, [command(events(1))], undefined, { ordered: true }));
          const results = await Promise.allSettled(sent);
          expect(results.map((r): unknown => (r.status === 'rejected' ? r.reason : 'ok'))).toEqual([
            expect.any(VersionConflictError),
            expect.any(VersionConflictError),
            expect.any(VersionConflictError),
          ]);
          expect(await store.streamVersion(planId)).toBe(0);
        }
        const planId = uniqueId('plan');
        await store.append(planId, 0, [command(events(1))], undefined, { ordered: true });
        await store.append(planId, 1, [command(events(1))]);
        expect(await store.streamVersion(planId)).toBe(2);
      } finally {
        await store.close();
      }
    });

    it('makes a writer that saw the same head lose on the primary key, and win if the other rolls back', async () => {
      const store = await openStore({ databaseUrl: url });
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      try {
        for (const ending of ['commit', 'rollback'] as const) {
          const planId = uniqueId('plan');
          await store.append(planId, 0, [command(events(1))]);
          // Another transaction inserts version 2 and keeps it uncommitted.
          await other.query('begin');
          const { rows } = await other.query<{ pid: number }>('select pg_backend_pid() as pid');
          await other.query(
            `insert into events (plan_id, version, type, schema_version, data, actor, command_id, recorded_at)
             values ($1, 2, 'Other', 1, '{"type":"Other","v":1}', 'x', 'x', now())`,
            [planId],
          );
          const pending = store.append(planId, 1, [command(events(1))]).then(
            (r) => r,
            (e: unknown) => e,
          );
          // Wait until our append is blocked by that transaction: it saw head = 1 and hit the same key.
          while ((await other.query('select 1 from pg_stat_activity where $1 = any(pg_blocking_pids(pid))', [rows[0]!.pid])).rowCount === 0) {
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          await other.query(ending);
          const outcome = await pending;
          if (ending === 'commit') {
            expect(outcome).toBeInstanceOf(VersionConflictError);
            expect(outcome).toMatchObject({ expectedVersion: 1, actualVersion: 2 });
          } else {
            expect(outcome).toMatchObject({ version: 2 });
          }
          expect(await store.streamVersion(planId)).toBe(2);
        }
      } finally {
        await other.end();
        await store.close();
      }
    });

    it('writes a commands row only for commands without events, and still reads and refuses ids of rows written before', async () => {
      const store = await openStore({ databaseUrl: url });
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        const planId = uniqueId('plan');
        const accepted = command(events(2));
        const rejected = command([], { error: { code: 'Nope', message: 'no' } });
        const empty = command([]);
        const { outcomes } = await store.append(planId, 0, [accepted, rejected, empty]);
        const { rows } = await c.query<{ command_id: string }>('select command_id from commands where plan_id = $1 order by command_id', [planId]);
        expect(rows.map((r) => r.command_id)).toEqual([rejected.commandId, empty.commandId].sort());
        expect(await store.findCommandOutcomes(planId, [accepted.commandId, rejected.commandId, empty.commandId])).toEqual(outcomes);

        // As migration 0004's function stored them: an accepted command has its events AND a row; one with no
        // events only the row.
        const legacy = uniqueId('cmd');
        const legacyEmpty = uniqueId('cmd');
        await c.query(
          `insert into events (plan_id, version, type, schema_version, data, actor, command_id, recorded_at)
             values ($1, 3, 'GuestAdded', 1, '{"type":"GuestAdded","v":1,"n":0}', 'bob', $2, now())`,
          [planId, legacy],
        );
        await c.query(
          `insert into commands (plan_id, command_id, actor, status, first_version, last_version, event_count, recorded_at)
             values ($1, $2, 'bob', 'accepted', 3, 3, 1, now()), ($1, $3, 'bob', 'accepted', 4, 3, 0, now())`,
          [planId, legacy, legacyEmpty],
        );
        expect(await store.findCommandOutcomes(planId, [legacy, legacyEmpty])).toEqual(
          new Map([
            [legacy, { status: 'accepted', firstVersion: 3, lastVersion: 3, eventCount: 1 }],
            [legacyEmpty, { status: 'accepted', firstVersion: 4, lastVersion: 3, eventCount: 0 }],
          ]),
        );
        for (const id of [legacy, legacyEmpty, accepted.commandId]) {
          const err = await store.append(planId, 3, [command(events(1)), command(events(1), { commandId: id })]).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(DuplicateCommandError);
          expect(err).toMatchObject({ commandIds: [id] });
        }
        expect(await store.streamVersion(planId)).toBe(3);
      } finally {
        await c.end();
        await store.close();
      }
    });

    it('keeps plans, events and command outcomes across close and reopen', async () => {
      const plan = newPlan();
      const accepted = command(events(2));
      const rejected = command([], { error: { code: 'Nope', message: 'no' } });
      const first = await openStore({ databaseUrl: url });
      await first.createPlan(plan);
      const { outcomes } = await first.append(plan.id, 0, [accepted, rejected]);
      await first.close();

      const second = await openStore({ databaseUrl: url });
      try {
        expect(await second.findPlanByToken(plan.reviewToken)).toEqual({ plan, role: 'review' });
        expect((await second.readStream(plan.id)).map((e) => e.version)).toEqual([1, 2]);
        expect(await second.findCommandOutcomes(plan.id, [accepted.commandId, rejected.commandId])).toEqual(outcomes);
      } finally {
        await second.close();
      }
    });

    it('migrates a fresh database safely when several stores start at once', async () => {
      // A throwaway database (never the shared one), so the first-time migration really races.
      const name = `seatfold_store_${randomUUID().replaceAll('-', '')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`create database ${name}`);
        const freshUrl = new URL(url);
        freshUrl.pathname = `/${name}`;
        const stores = await Promise.all([1, 2, 3].map(() => openStore({ databaseUrl: freshUrl.href })));
        await stores[0]!.append('p', 0, [command(events(1))]);
        expect(await stores[2]!.streamVersion('p')).toBe(1);
        await Promise.all(stores.map((s) => s.close()));
      } finally {
        await admin.query(`drop database if exists ${name}`);
        await admin.end();
      }
    });

    it('appends by index lookups on a plan the statistics do not know, never reading the whole plan', async () => {
      // A throwaway database: its statistics are this test's. Plan A is analysed; plan B, as large, is made after
      // the ANALYZE, so the statistics say it has no events (as for every plan created since the last ANALYZE).
      const name = `seatfold_store_${randomUUID().replaceAll('-', '')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const freshUrl = new URL(url);
      freshUrl.pathname = `/${name}`;
      const c = new pg.Client({ connectionString: freshUrl.href });
      try {
        await admin.query(`create database ${name}`);
        await (await openStore({ databaseUrl: freshUrl.href })).close();
        await c.connect();
        const seed = (plan: string) =>
          c.query(
            `insert into events (plan_id, version, type, schema_version, data, actor, actor_id, command_id, recorded_at)
             select $1, v, 'T', 1, '{"type":"T","v":1}', 'a', 'a', gen_random_uuid()::text, now() from generate_series(1, 20000) v`,
            [plan],
          );
        await seed('plan-a');
        await c.query('analyze events');
        await seed('plan-b');
        // Every plan the append's statements run with, as the server logs them (auto_explain, sent to this client).
        const plans: string[] = [];
        c.on('notice', (n) => plans.push(n.message ?? ''));
        await c.query(`load 'auto_explain'`);
        await c.query(`set auto_explain.log_min_duration = 0`);
        await c.query(`set auto_explain.log_nested_statements = on`);
        await c.query(`set client_min_messages = log`);
        const row = (v: number) => ({
          version: v,
          data: { type: 'T', v: 1 },
          actor: 'a',
          actor_id: 'a',
          command_id: randomUUID(),
          batch_id: null,
          at: new Date().toISOString(),
        });
        const many = await c.query<{ head: number }>(`select seatfold_append('plan-b', 20000, '[]', $1::jsonb, '[]') as head`, [
          JSON.stringify([row(20001), row(20002)]),
        ]);
        const one = await c.query<{ head: number }>(
          `select seatfold_append_one('plan-b', 20002, $1, 'T', 1, '{"type":"T","v":1}', 'a', 'a', null, now()) as head`,
          [randomUUID()],
        );
        expect([many.rows[0]!.head, one.rows[0]!.head]).toEqual([20000, 20002]);
        // the head: a step of the primary key (the only index that starts with plan_id)
        const heads = plans.filter((p) => p.includes('max(version)'));
        expect(heads).toHaveLength(2);
        for (const p of heads) expect(p).toMatch(/Index Only Scan (Backward )?using events_pkey/);
        // the id probes: by id in the ids' own indexes, the plan tested on what they find
        const probes = plans.filter((p) => /command_id = (any\(ids\)|p_command)/.test(p));
        expect(probes).toHaveLength(3);
        for (const p of probes) {
          const conditions = p.match(/Index Cond: .*/g) ?? [];
          expect(conditions.length).toBeGreaterThan(0);
          for (const cond of conditions) expect(cond).toMatch(/^Index Cond: \(command_id = /);
        }
      } finally {
        await c.end().catch(() => {});
        await admin.query(`drop database if exists ${name}`);
        await admin.end();
      }
    });
  });
}
