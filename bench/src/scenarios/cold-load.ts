import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { evolve, initialState, type PlanEvent } from '@seatfold/domain';
import { openStore, type EventStore } from '@seatfold/store';
import { SyncHub } from '@seatfold/sync/server';
import { benchUrl, resetBenchDatabase } from '../db.ts';
import type { ResultBuilder, Scenario } from '../scenario.ts';
import { now } from '../stats.ts';
import { seedPlan } from '../seed.ts';
import { planOfSize } from '../workload.ts';

const EVENTS = 100_000;
/** events after the latest snapshot: the room snapshots every 5,000, so a live plan has up to ~5,000 to fold */
const TAIL = 4900;

/** The store with the time spent in each read added up, to split a load into its parts. */
function timedStore(store: EventStore, t: { snapshot: number; read: number }, useSnapshots = true): EventStore {
  return {
    ...store,
    kind: store.kind,
    async loadSnapshot(planId, evolveVersion) {
      const t0 = now();
      const s = useSnapshots ? await store.loadSnapshot(planId, evolveVersion) : null;
      t.snapshot += now() - t0;
      return s as never;
    },
    async readStream(planId, after, limit) {
      const t0 = now();
      const events = await store.readStream(planId, after, limit);
      t.read += now() - t0;
      return events as never;
    },
  };
}

/** Loads the plan on a fresh hub `reps` times: SyncHub.room → PlanRoom.load (snapshot + events after it). */
async function loads(store: EventStore, planId: string, reps: number, useSnapshots: boolean) {
  const total: number[] = [];
  const snapshot: number[] = [];
  const read: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = { snapshot: 0, read: 0 };
    const hub = new SyncHub({ store: timedStore(store, t, useSnapshots), log: () => {} });
    const t0 = now();
    const room = await hub.room(planId);
    total.push(now() - t0);
    if (room.version !== EVENTS) throw new Error(`cold load: version ${room.version}, expected ${EVENTS}`);
    snapshot.push(t.snapshot);
    read.push(t.read);
  }
  return { total, snapshot, read };
}

async function measure(r: ResultBuilder, label: string, store: EventStore, planId: string, reps: number, check: boolean) {
  const withSnap = await loads(store, planId, reps, true);
  const loadMs = r.perRun(`${label}: cold load, snapshot + ${TAIL} events`, 'ms', withSnap.total).median;
  r.perRun(`${label}:   of which loadSnapshot`, 'ms', withSnap.snapshot);
  r.perRun(`${label}:   of which readStream (tail)`, 'ms', withSnap.read);
  const full = await loads(store, planId, Math.max(2, Math.ceil(reps / 2)), false);
  r.perRun(`${label}: cold load without snapshot (fold all)`, 'ms', full.total);
  r.perRun(`${label}:   of which readStream (100k)`, 'ms', full.read);
  if (check) r.check(`cold load of a 100k-event plan (${label}, with snapshot) ≤ 300 ms`, loadMs, '<=', 300, 'ms');
}

export const coldLoad: Scenario = {
  id: 'cold-load',
  title: 'Cold load of a 100,000-event plan; pure fold',
  async run(ctx, r) {
    const reps = ctx.quick ? 3 : 7;
    const commands = planOfSize(EVENTS);

    // PostgreSQL
    await resetBenchDatabase();
    const pg = await openStore({ databaseUrl: benchUrl });
    ctx.progress('  seeding 100k events (PostgreSQL)');
    let t0 = now();
    const plan = await seedPlan(pg, 'cold-load', commands, TAIL);
    r.perRun('PostgreSQL: seed 100k commands via PlanRoom (groups of ≤2,000)', 'ms', [now() - t0]);
    r.details.postgres = { version: plan.version, snapshotVersion: plan.snapshotVersion };
    ctx.progress('  loading');
    await measure(r, 'PostgreSQL', pg, plan.planId, reps, true);

    // Pure fold: domain evolve over the 100k events, in memory.
    const events: PlanEvent[] = (await pg.readStream<PlanEvent>(plan.planId)).map((e) => e.event);
    const rates: number[] = [];
    for (let i = 0; i < reps + 2; i++) {
      const s = initialState();
      const t = now();
      for (const e of events) evolve(s, e);
      if (i >= 2) rates.push(events.length / ((now() - t) / 1000));
    }
    await pg.close();
    const foldRate = r.perRun('pure fold: evolve over 100k events in memory', 'events/s', rates).median;
    r.check('pure fold ≥ 1,000,000 events/s', foldRate, '>=', 1_000_000, 'events/s');

    // PGlite (embedded, file data directory), the same plan.
    const dir = mkdtempSync(path.join(tmpdir(), 'seatfold-bench-'));
    try {
      ctx.progress('  seeding 100k events (PGlite)');
      let lite = await openStore({ dataDir: dir });
      t0 = now();
      const litePlan = await seedPlan(lite, 'cold-load', commands, TAIL);
      r.perRun('PGlite: seed 100k commands via PlanRoom', 'ms', [now() - t0]);
      await lite.close();
      t0 = now();
      lite = await openStore({ dataDir: dir });
      r.perRun('PGlite: reopen the data directory (openStore)', 'ms', [now() - t0]);
      ctx.progress('  loading (PGlite)');
      await measure(r, 'PGlite', lite, litePlan.planId, Math.min(reps, 5), false);
      await lite.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
