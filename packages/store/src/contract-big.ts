import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DuplicateCommandError, VersionConflictError } from './errors.ts';
import { command, events, newPlan, rejects, uniqueId } from './contract-fixtures.ts';
import type { BatchRecord, EventStore } from './types.ts';

/**
 * Appends bigger than one statement carries where the database runs in the server's thread (PGlite: append.ts,
 * inTurns): whole or not at all, every command id checked, wherever its events fall. On PostgreSQL the same
 * appends are one statement; the contract is the same.
 */
export function describeBigAppendContract(store: () => EventStore): void {
  describe('big appends', () => {
    const batch = (batchId: string): BatchRecord => ({
      batchId,
      kind: 'bulk',
      actor: 'alice',
      actorId: 'id-alice',
      at: 1_700_000_002_000,
      label: 'Many guests',
      fileName: null,
      fileHash: null,
      summary: null,
      reverts: null,
    });
    /** A plan with 2 events, and what its store holds now. */
    const planWithTwo = async () => {
      const plan = newPlan();
      await store().createPlan(plan);
      await store().append(plan.id, 0, [command(events(2))]);
      const held = async () => ({ version: await store().streamVersion(plan.id), batches: await store().listBatches(plan.id) });
      return { plan, held };
    };

    it('stores 2,500 events of one batch whole and in order, with the batch row’s range', async () => {
      const { plan } = await planWithTwo();
      const id = uniqueId('batch');
      const big = command(events(2_500), { batchId: id });
      const result = await store().append(plan.id, 2, [big], batch(id));
      expect(result.version).toBe(2_502);
      expect(result.outcomes.get(big.commandId)).toEqual({ status: 'accepted', firstVersion: 3, lastVersion: 2_502, eventCount: 2_500 });
      expect(result.bytes).toBeGreaterThan(JSON.stringify(big.events).length);
      const stored = await store().readStream<{ n: number }>(plan.id, 2);
      expect(stored.map((e) => e.version)).toEqual(Array.from({ length: 2_500 }, (_, i) => i + 3));
      expect(stored.map((e) => e.event.n)).toEqual(Array.from({ length: 2_500 }, (_, i) => i));
      expect(await store().batchInfo(plan.id, id)).toMatchObject({ firstVersion: 3, lastVersion: 2_502, eventCount: 2_500 });
      expect([...(await store().findCommandOutcomes(plan.id, [big.commandId])).values()]).toEqual([result.outcomes.get(big.commandId)]);
    });

    it('refuses a big append, writing nothing, when a command id of its later events is stored already', async () => {
      const { plan, held } = await planWithTwo();
      const before = await held();
      const taken = command(events(1));
      await store().append(plan.id, 2, [taken]);
      const id = uniqueId('batch');
      // the taken id's events are the append's last 500: past the first statement where it is cut in turns
      const err = await rejects(
        store().append(
          plan.id,
          3,
          [command(events(2_000), { batchId: id }), { ...command(events(500), { batchId: id }), commandId: taken.commandId }],
          batch(id),
        ),
        DuplicateCommandError,
      );
      expect(err.message).toContain(taken.commandId);
      expect(await held()).toEqual({ ...before, version: 3 });
    });

    it('writes nothing of a big append that conflicts on the version', async () => {
      const { plan, held } = await planWithTwo();
      const before = await held();
      const id = uniqueId('batch');
      await rejects(store().append(plan.id, 1, [command(events(2_500), { batchId: id })], batch(id)), VersionConflictError);
      expect(await held()).toEqual(before);
    });

    it('writes nothing of a big append when the database refuses one of its later events', async () => {
      const { plan, held } = await planWithTwo();
      const before = await held();
      const db = store().connection!();
      const fn = sql.raw(`refuse_late_${uniqueId('f').replace(/-/g, '_')}`);
      await sql`create function ${fn}() returns trigger language plpgsql as $$ begin
        raise exception 'refused for a test' using errcode = 'check_violation'; end $$`.execute(db);
      await sql`create trigger ${fn} before insert on events for each row
        when (new.plan_id = ${sql.lit(plan.id)} and new.version = 2400) execute function ${fn}()`.execute(db);
      try {
        const id = uniqueId('batch');
        await expect(store().append(plan.id, 2, [command(events(2_500), { batchId: id })], batch(id))).rejects.toThrow();
        expect(await held()).toEqual(before);
        // and the plan goes on
        expect((await store().append(plan.id, 2, [command(events(1))])).version).toBe(3);
      } finally {
        await sql`drop trigger ${fn} on events`.execute(db);
        await sql`drop function ${fn}()`.execute(db);
      }
    });
  });
}
