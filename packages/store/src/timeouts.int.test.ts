import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { command, events, uniqueId } from './contract.ts';
import { StoreUnavailableError } from './health.ts';
import { openStore } from './open.ts';
import { relay } from './testing.ts';

/**
 * A database that stops answering — a statement stuck behind a lock, or PostgreSQL frozen (a probe SIGSTOPped it for
 * 20 s: every plan waited, nothing was refused, health said ok) — is refused as retryable within the store's limits,
 * leaves nothing half-stored, and the store recovers by itself. Real PostgreSQL; the "frozen" one is reached through
 * a TCP relay that holds every byte both ways while frozen, as a stopped server or a silent network would.
 */
const databaseUrl = process.env.DATABASE_URL;

const waitFor = async (what: string, check: () => boolean) => {
  for (let i = 0; i < 600 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe.runIf(databaseUrl)('a database that stops answering (PostgreSQL)', () => {
  it('a statement stuck behind a lock is cancelled and refused as retryable; the database answered, so health stays ok', async () => {
    const store = await openStore({ databaseUrl: databaseUrl!, statementTimeoutMs: 300 });
    const locker = new pg.Client({ connectionString: databaseUrl });
    await locker.connect();
    try {
      const planId = uniqueId('plan');
      await locker.query('begin');
      await locker.query('lock table events in access exclusive mode');
      const first = command(events(2));
      await expect(store.append(planId, 0, [first])).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(store.health().ok).toBe(true);
      await locker.query('rollback');
      // nothing of it was stored: the same command lands once, at the start
      expect((await store.append(planId, 0, [first])).version).toBe(2);
      expect((await store.readStream(planId, 0)).map((e) => e.version)).toEqual([1, 2]);
    } finally {
      await locker.end();
      await store.close();
    }
  });

  it('a frozen database: refused as retryable, health degraded, its connection ended; thawed, the store recovers and nothing doubled', async () => {
    const frozenDb = await relay(new URL(databaseUrl!));
    const logs: string[] = [];
    const store = await openStore({
      databaseUrl: frozenDb.url,
      statementTimeoutMs: 200,
      answerGraceMs: 300,
      probeEveryMs: 50,
      log: (m) => logs.push(m),
    });
    try {
      const planId = uniqueId('plan');
      expect((await store.append(planId, 0, [command(events(1))])).version).toBe(1);
      frozenDb.freeze();
      const silent = command(events(1));
      await expect(store.append(planId, 1, [silent])).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(store.health()).toMatchObject({ ok: false });
      expect(logs).toContain('postgres gave no answer in time: ending that connection');
      // reads are refused too, not held
      await expect(store.readStream(planId, 0)).rejects.toBeInstanceOf(StoreUnavailableError);
      frozenDb.thaw();
      await waitFor('the store to find the database again', () => store.health().ok);
      // the refused append never reached the database (its connection ended with it): sent again, it lands once
      expect((await store.append(planId, 1, [silent])).version).toBe(2);
      expect((await store.readStream(planId, 0)).map((e) => e.version)).toEqual([1, 2]);
    } finally {
      frozenDb.thaw();
      await store.close();
      await frozenDb.close();
    }
  });
});
