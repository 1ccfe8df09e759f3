import { openStore } from '@seatfold/store';
import { Child } from '../child.ts';
import { benchUrl, resetBenchDatabase } from '../db.ts';
import type { Scenario } from '../scenario.ts';
import { seedPlan } from '../seed.ts';
import { planOfSize } from '../workload.ts';

const PLANS = 10;
const EVENTS = 10_000;

interface MemoryReport {
  baseline: { rssMB: number; heapUsedMB: number };
  loaded: { rssMB: number; heapUsedMB: number; externalMB: number };
  loadMs: number;
  plans: number;
  events: number;
}

/**
 * Server memory in PostgreSQL mode: a child process that only opens the store, loads 10 plans × 10,000 events
 * into a SyncHub (as the server does on first join) and reports its RSS after a full GC.
 */
export const memory: Scenario = {
  id: 'memory',
  title: `Server memory, ${PLANS} plans × ${EVENTS.toLocaleString('en-US')} events loaded (PostgreSQL)`,
  async run(ctx, r) {
    const reps = ctx.quick ? 1 : 3;
    await resetBenchDatabase();
    const store = await openStore({ databaseUrl: benchUrl });
    const commands = planOfSize(EVENTS);
    const planIds: string[] = [];
    ctx.progress(`  seeding ${PLANS} plans`);
    for (let i = 0; i < PLANS; i++) planIds.push((await seedPlan(store, `memory-${i}`, commands, 900)).planId);
    await store.close();

    const reports: MemoryReport[] = [];
    for (let rep = 0; rep < reps; rep++) {
      ctx.progress(`  run ${rep + 1}/${reps}: fresh process`);
      const { child, ready } = await Child.start('memory', { databaseUrl: benchUrl, planIds }, ['--expose-gc']);
      const m = ready as unknown as MemoryReport;
      await child.stop();
      if (m.plans !== PLANS || m.events !== PLANS * EVENTS) throw new Error(`memory: loaded ${m.plans} plans / ${m.events} events`);
      reports.push(m);
    }
    const rss = r.perRun('RSS with the plans loaded', 'MB', reports.map((m) => m.loaded.rssMB)).median;
    r.perRun('RSS before loading (node + tsx + store + hub)', 'MB', reports.map((m) => m.baseline.rssMB));
    r.perRun('heap used with the plans loaded', 'MB', reports.map((m) => m.loaded.heapUsedMB));
    r.perRun('heap used by the plans (loaded − before)', 'MB', reports.map((m) => m.loaded.heapUsedMB - m.baseline.heapUsedMB));
    r.perRun(`time to load the ${PLANS} plans`, 'ms', reports.map((m) => m.loadMs));
    r.check(`memory: ${PLANS} plans × ${EVENTS / 1000}k events ≤ 200 MB RSS`, rss, '<=', 200, 'MB');
    r.details.reports = reports;
  },
};
