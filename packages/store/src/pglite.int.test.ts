import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { command, describeStoreContract, events, newPlan } from './contract.ts';
import { DuplicateCommandError } from './errors.ts';
import { StoreUnavailableError } from './health.ts';
import { openStore } from './open.ts';

describeStoreContract('PGlite (in-memory)', () => openStore({ dataDir: 'memory://' }));

describe('PGlite data dir', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('keeps plans, events and command outcomes across close and reopen', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'seatfold-store-'));
    dirs.push(dataDir);
    const plan = newPlan();
    const accepted = command(events(3));
    const rejected = command([], { error: { code: 'Nope', message: 'no' } });

    const first = await openStore({ dataDir });
    expect(first.kind).toBe('pglite');
    await first.createPlan(plan);
    const { outcomes } = await first.append(plan.id, 0, [accepted, rejected]);
    await first.saveSnapshot(plan.id, 3, 1, { n: 3 });
    await first.close();
    await first.close(); // idempotent

    const second = await openStore({ dataDir }); // migrations run again: must be a no-op
    try {
      expect(await second.getPlan(plan.id)).toEqual(plan);
      expect((await second.readStream(plan.id)).map((e) => e.version)).toEqual([1, 2, 3]);
      expect(await second.findCommandOutcomes(plan.id, [accepted.commandId, rejected.commandId])).toEqual(outcomes);
      expect(await second.loadSnapshot(plan.id, 1)).toEqual({ version: 3, state: { n: 3 } });
      await expect(second.append(plan.id, 3, [accepted])).rejects.toBeInstanceOf(DuplicateCommandError);
      await second.append(plan.id, 3, [command(events(1))]);
      expect(await second.streamVersion(plan.id)).toBe(4);
    } finally {
      await second.close();
    }
  });

  it('closes only after the operations in flight have answered, and refuses new ones meanwhile', async () => {
    // PGlite closed under a query never answered it, and never finished closing: a server stopping while a plan's
    // snapshot or listed name was being written hung (and the bench's cold load with it).
    const dataDir = await mkdtemp(join(tmpdir(), 'seatfold-store-'));
    dirs.push(dataDir);
    const plan = newPlan();
    const store = await openStore({ dataDir });
    await store.createPlan(plan);
    await store.append(plan.id, 0, [command(events(200))]);
    const renamed = store.setPlanName(plan.id, 'Renamed while closing');
    const read = store.readStream(plan.id);
    const closing = store.close();
    await expect(store.getPlan(plan.id)).rejects.toBeInstanceOf(StoreUnavailableError);
    await renamed;
    expect(await read).toHaveLength(200);
    await closing;
    const again = await openStore({ dataDir });
    try {
      expect((await again.getPlan(plan.id))?.name).toBe('Renamed while closing');
    } finally {
      await again.close();
    }
  });

  it('requires a database URL or a data dir', async () => {
    await expect(openStore({})).rejects.toThrow(/databaseUrl|dataDir/);
  });
});
