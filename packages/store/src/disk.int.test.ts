import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError, trackHealth } from './health.ts';
import { openStore } from './open.ts';
import { openDiskStore } from './testing.ts';

import type { CommandRecord, PlanRecord } from './types.ts';

const record = (commandId: string): CommandRecord => ({
  commandId,
  actor: 'A',
  actorId: 'a',
  batchId: null,
  at: Date.now(),
  events: [{ type: 'PlanCreated', v: 1, name: 'P' }],
});
const plan: PlanRecord = { id: 'p', name: 'P', organiseToken: 'o-token', reviewToken: 'r-token', createdAt: Date.now() };
const noRoom = { name: 'StoreUnavailableError', why: 'no-space' };

describe("the database's own word that it is short of room", () => {
  it('is a retryable no-space refusal (disk_full) or a retryable one (out of memory), and the connection stays healthy', async () => {
    const t = trackHealth(async () => undefined);
    try {
      const full = Object.assign(new Error('could not extend file "base/1/2": No space left on device'), { code: '53100' });
      const err = await t.guard(() => Promise.reject(full)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreUnavailableError);
      expect(err).toMatchObject({ why: 'no-space', cause: full });
      await expect(t.guard(() => Promise.reject(Object.assign(new Error('out of memory'), { code: '53200' })))).rejects.toMatchObject({
        why: 'unreachable',
      });
      expect(t.health().ok).toBe(true); // the database answered: nothing to reconnect to
    } finally {
      t.stop();
    }
  });
});

describe('the reserve kept free on the disk that holds the database', () => {
  it('refuses what writes, as retryable, while the disk is under it; reads go on; nothing is half stored', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seatfold-disk-'));
    try {
      // more than any disk has free: the disk is "full" from the first reading
      const full = await openDiskStore(dir, { diskReserveBytes: Number.MAX_SAFE_INTEGER });
      try {
        await expect(full.createPlan(plan)).rejects.toMatchObject(noRoom);
        await expect(full.append('p', 0, [record('c1')])).rejects.toMatchObject(noRoom);
        expect(await full.streamVersion('p')).toBe(0);
        expect(full.health()).toMatchObject({ ok: false, reason: expect.stringMatching(/disk holding the database is almost full/) });
      } finally {
        await full.close();
      }
      const roomy = await openDiskStore(dir, { diskReserveBytes: 1 });
      try {
        expect(roomy.health().ok).toBe(true);
        await roomy.createPlan(plan);
        await roomy.append('p', 0, [record('c1')]);
        expect(await roomy.streamVersion('p')).toBe(1);
      } finally {
        await roomy.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  const databaseUrl = process.env.DATABASE_URL;
  it.runIf(databaseUrl)(
    'is watched for PostgreSQL on this machine too, through its data_directory',
    async () => {
      const store = await openStore({ databaseUrl: databaseUrl!, diskReserveBytes: Number.MAX_SAFE_INTEGER });
      try {
        await expect(store.append(`disk-${Date.now()}`, 0, [record('c1')])).rejects.toMatchObject(noRoom);
        expect(store.health().ok).toBe(false);
      } finally {
        await store.close();
      }
    },
    60_000,
  );
});

describe('the size the database may hold (databaseMaxBytes)', () => {
  const under = async (store: Awaited<ReturnType<typeof openStore>>) => {
    await expect(store.append(`size-${Date.now()}`, 0, [record('c1')])).rejects.toMatchObject(noRoom);
    await expect(store.createPlan({ ...plan, id: `p-${Date.now()}` })).rejects.toMatchObject(noRoom);
    expect(store.health()).toMatchObject({ ok: false, reason: expect.stringMatching(/^The database has reached the size it may hold \(\d+ MB\)/) });
    expect(await store.streamVersion('nothing-here')).toBe(0); // reads go on
  };

  it('refuses what writes, as retryable, once PGlite holds that much; with room under it, writes land', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seatfold-size-'));
    try {
      const logs: string[] = [];
      // one byte: any database is past it; the disk's own reserve off, so only the size speaks
      const full = await openDiskStore(dir, { databaseMaxBytes: 1, diskReserveBytes: 0, log: (m) => logs.push(m) });
      try {
        await under(full);
        expect(logs.some((m) => /^database at its size limit: \d+ MB of the 0 MB it may hold/.test(m))).toBe(true);
      } finally {
        await full.close();
      }
      const roomy = await openDiskStore(dir, { databaseMaxBytes: 2 ** 40, diskReserveBytes: 0 });
      try {
        await roomy.createPlan(plan);
        expect((await roomy.append(plan.id, 0, [record('c1')])).version).toBe(1);
        expect(roomy.health().ok).toBe(true);
      } finally {
        await roomy.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  const databaseUrl = process.env.DATABASE_URL;
  it.runIf(databaseUrl)(
    'is watched on PostgreSQL wherever its disk is (pg_database_size)',
    async () => {
      const store = await openStore({ databaseUrl: databaseUrl!, databaseMaxBytes: 1, diskReserveBytes: 0 });
      try {
        await under(store);
      } finally {
        await store.close();
      }
    },
    60_000,
  );
});
