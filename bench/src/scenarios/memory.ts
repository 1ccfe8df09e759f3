import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '@seatfold/store';
import { ProtocolClient } from '../clients.ts';
import { Child } from '../child.ts';
import { benchUrl, resetBenchDatabase } from '../db.ts';
import type { Scenario } from '../scenario.ts';
import { seedPlan } from '../seed.ts';
import { summarize } from '../stats.ts';
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
    const tokens: string[] = [];
    ctx.progress(`  seeding ${PLANS} plans`);
    for (let i = 0; i < PLANS; i++) {
      const plan = await seedPlan(store, `memory-${i}`, commands, 900);
      planIds.push(plan.planId);
      tokens.push(plan.organisePath.slice('/p/'.length));
    }
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
    // The production server (apps/server/dist/main.mjs, compiled, no transpiler), as `pnpm serve` runs it (its flags too).
    const envWords = Object.entries(production.env).map(([k, v]) => `${k}=${v} `);
    r.notes.push(`compiled servers started as in production: ${envWords.join('')}node ${[...production.nodeArgs, 'dist/main.mjs'].join(' ')}`);
    const compiled: { idle: number; loaded: number }[] = [];
    const before: { idle: number; loaded: number }[] = [];
    const floor: number[] = [];
    if (existsSync(serverMain)) {
      for (let rep = 0; rep < reps; rep++) {
        ctx.progress(`  run ${rep + 1}/${reps}: compiled server, then the floor process${beforeMain ? ', then the server before' : ''}`);
        compiled.push(await compiledServerRss(serverMain, tokens));
        floor.push((await idleRss(process.execPath, [floorMain], production.env)).idle);
        if (beforeMain) before.push(await compiledServerRss(beforeMain, tokens));
      }
      if (beforeMain) {
        r.notes.push(`before: ${beforeMain} (BENCH_RSS_BEFORE), alternated with dist/main.mjs in this run`);
        r.perRun(
          'before: compiled server RSS before any plan is loaded',
          'MB',
          before.map((c) => c.idle),
        );
        r.perRun(
          `before: compiled server RSS with the ${PLANS} plans joined`,
          'MB',
          before.map((c) => c.loaded),
        );
        r.perRun(
          'ratio idle RSS now / before',
          'x',
          compiled.map((c, i) => c.idle / before[i]!.idle),
        );
        r.perRun(
          'ratio loaded RSS now / before',
          'x',
          compiled.map((c, i) => c.loaded / before[i]!.loaded),
        );
      }
      r.perRun('floor: node + pg/kysely + zod + hono + socket.io, listening (rss-floor.mjs)', 'MB', floor);
      r.perRun(
        'ratio compiled server idle / floor',
        'x',
        compiled.map((c, i) => c.idle / floor[i]!),
      );
      const idle = r.perRun(
        'compiled server (dist/main.mjs): RSS before any plan is loaded',
        'MB',
        compiled.map((c) => c.idle),
      ).median;
      const loaded = r.perRun(
        `compiled server: RSS with the ${PLANS} plans joined`,
        'MB',
        compiled.map((c) => c.loaded),
      ).median;
      r.check('compiled server RSS before any plan is loaded ≤ 80 MB', idle, '<=', 80, 'MB', {
        label: 'node with the same libraries, listening (rss-floor.mjs)',
        value: summarize(floor).median,
      });
      r.check(`compiled server RSS, ${PLANS} plans × ${EVENTS / 1000}k events ≤ 120 MB`, loaded, '<=', 120, 'MB');
    } else r.notes.push('apps/server/dist/main.mjs is missing (pnpm --filter @seatfold/server build): compiled server not measured');
    const rss = r.perRun(
      'RSS with the plans loaded',
      'MB',
      reports.map((m) => m.loaded.rssMB),
    ).median;
    r.perRun(
      'RSS before loading (node + tsx + store + hub)',
      'MB',
      reports.map((m) => m.baseline.rssMB),
    );
    r.perRun(
      'heap used with the plans loaded',
      'MB',
      reports.map((m) => m.loaded.heapUsedMB),
    );
    r.perRun(
      'heap used by the plans (loaded − before)',
      'MB',
      reports.map((m) => m.loaded.heapUsedMB - m.baseline.heapUsedMB),
    );
    r.perRun(
      `time to load the ${PLANS} plans`,
      'ms',
      reports.map((m) => m.loadMs),
    );
    r.check(`memory: ${PLANS} plans × ${EVENTS / 1000}k events ≤ 200 MB RSS`, rss, '<=', 200, 'MB');
    r.details.reports = reports;
  },
};

const serverMain = fileURLToPath(new URL('../../../apps/server/dist/main.mjs', import.meta.url));
/**
 * An older compiled server to compare with in the same run (BENCH_RSS_BEFORE=path/to/main.mjs, e.g. main's sources
 * built into apps/server/dist-before/ so that it finds the same node_modules and web app).
 */
const beforeMain = process.env.BENCH_RSS_BEFORE ? path.resolve(process.env.BENCH_RSS_BEFORE) : null;
/**
 * The environment and node flags of the production start (apps/server/package.json `start`:
 * `… [VAR=value …] node <flags> dist/main.mjs`), so that the compiled server (and the one before) is measured as it
 * is started.
 */
const production = ((): { env: Record<string, string>; nodeArgs: string[] } => {
  const start = (JSON.parse(readFileSync(new URL('../../../apps/server/package.json', import.meta.url), 'utf8')) as { scripts: { start: string } })
    .scripts.start;
  const m = /((?:\b\w+=\S+\s+)*)\bnode((?:\s+--?\S+)*)\s+dist\/main\.mjs/.exec(start);
  if (!m) throw new Error(`memory: apps/server's start script does not run node … dist/main.mjs: ${start}`);
  const words = (s: string) => s.trim().split(/\s+/).filter(Boolean);
  return {
    env: Object.fromEntries(words(m[1]!).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)])),
    nodeArgs: words(m[2]!),
  };
})();
const rssMB = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

const floorMain = fileURLToPath(new URL('../rss-floor.mjs', import.meta.url));

/** Starts the compiled server on the bench database, reads its RSS idle (3 s after it listens), then after a join of each plan. */
async function compiledServerRss(main: string, tokens: string[]): Promise<{ idle: number; loaded: number }> {
  return idleRss(process.execPath, [...production.nodeArgs, main], production.env, async (port, pid) => {
    for (const token of tokens) (await ProtocolClient.open(port, token, 'memory')).close();
    await new Promise((r) => setTimeout(r, 3000));
    return rssMB(pid);
  });
}

/** Starts a process that prints "running at http://host:port", reads its RSS 3 s later, then runs `then` (if any). */
async function idleRss(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  then?: (port: number, pid: number) => Promise<number>,
): Promise<{ idle: number; loaded: number }> {
  const proc = spawn(cmd, args, {
    env: { ...process.env, ...env, DATABASE_URL: benchUrl, PORT: '0', HOST: '127.0.0.1', SEATFOLD_DEMO: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      proc.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /running at http:\/\/[^:]+:(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      proc.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${out.slice(-500)}`)));
    });
    await new Promise((r) => setTimeout(r, 3000));
    const idle = rssMB(proc.pid!);
    return { idle, loaded: then ? await then(port, proc.pid!) : idle };
  } finally {
    proc.kill('SIGTERM');
  }
}
