/**
 * `pnpm bench`: runs the scenarios against PostgreSQL (database seatfold_bench) and PGlite, prints a table and
 * writes it to bench/results/latest.json (+ a timestamped copy and latest.md).
 *
 *   --only=a,b   run only these scenario ids          --quick   fewer repetitions, smaller runs
 *   --reps=N     repetitions per scenario (default 5)  --profile CPU-profile the server child (results/profiles)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBenchDatabase, serverInfo } from './db.ts';
import { resultsDir } from './fixture.ts';
import { checkLines, markdownTable, textTable } from './report.ts';
import { ResultBuilder, type Context, type Scenario, type ScenarioResult } from './scenario.ts';
import { ackLatency } from './scenarios/ack-latency.ts';
import { appendAnatomy } from './scenarios/append-anatomy.ts';
import { broadcast } from './scenarios/broadcast.ts';
import { coldLoad } from './scenarios/cold-load.ts';
import { concurrent } from './scenarios/concurrent.ts';
import { firstRender } from './scenarios/first-render.ts';
import { floorPlan } from './scenarios/floor-plan.ts';
import { groupAppend } from './scenarios/group-append.ts';
import { historySeek } from './scenarios/history-seek.ts';
import { memory } from './scenarios/memory.ts';
import { noisyNeighbour } from './scenarios/noisy-neighbour.ts';
import { sequential } from './scenarios/sequential.ts';
import { snapshotSave } from './scenarios/snapshot-save.ts';
import { solverScenario } from './scenarios/solver.ts';

const scenarios: Scenario[] = [
  appendAnatomy,
  sequential,
  concurrent,
  ackLatency,
  broadcast,
  coldLoad,
  memory,
  firstRender,
  historySeek,
  noisyNeighbour,
  snapshotSave,
  groupAppend,
];
scenarios.push(solverScenario, floorPlan);

function parseArgs(argv: string[]) {
  const flag = (name: string) => argv.includes(`--${name}`);
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const quick = flag('quick');
  return {
    quick,
    profile: flag('profile'),
    reps: Number(value('reps') ?? (quick ? 2 : 5)),
    only: value('only')?.split(',') ?? null,
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s`;
  const progress = (msg: string) => console.log(`[bench ${elapsed()}] ${msg}`);

  await ensureBenchDatabase();
  const pgInfo = await serverInfo();
  const machine = {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGB: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: pgInfo.version,
    postgresSettings: pgInfo.settings,
  };
  progress(`machine: ${machine.nproc} cores (${machine.cpu}), ${machine.memoryGB} GB, ${machine.node}; ${machine.postgres.split(' on ')[0]}`);

  const ctx: Context = { reps: opts.reps, quick: opts.quick, profile: opts.profile, progress };
  const results: ScenarioResult[] = [];
  for (const s of scenarios.filter((s) => !opts.only || opts.only.includes(s.id))) {
    progress(`${s.id}: ${s.title}`);
    const b = new ResultBuilder();
    const t0 = Date.now();
    let status: ScenarioResult['status'] = 'ok';
    let reason: string | undefined;
    try {
      await s.run(ctx, b);
      if (b.skipped) [status, reason] = ['not run', b.skipped];
    } catch (err) {
      [status, reason] = ['failed', (err as Error).stack ?? String(err)];
      progress(`${s.id} FAILED: ${reason}`);
    }
    results.push({
      id: s.id,
      title: s.title,
      status,
      reason,
      seconds: (Date.now() - t0) / 1000,
      rows: b.rows,
      checks: b.checks,
      details: b.details,
      notes: b.notes,
    });
  }

  const totalSeconds = (Date.now() - started) / 1000;
  console.log(`\n${textTable(results)}\n\nTargets:\n${checkLines(results).join('\n')}\n\nTotal ${totalSeconds.toFixed(0)} s`);

  const report = { startedAt: new Date(started).toISOString(), totalSeconds, options: opts, machine, results };
  mkdirSync(resultsDir, { recursive: true });
  const stamp = new Date(started).toISOString().replace(/[:.]/g, '-');
  const json = JSON.stringify(report, null, 2);
  writeFileSync(path.join(resultsDir, 'latest.json'), json);
  writeFileSync(path.join(resultsDir, `${stamp}.json`), json);
  writeFileSync(path.join(resultsDir, 'latest.md'), `${markdownTable(results)}\n\n## Targets\n\n\`\`\`\n${checkLines(results).join('\n')}\n\`\`\`\n`);
  progress(`wrote ${path.relative(process.cwd(), path.join(resultsDir, 'latest.json'))} and ${stamp}.json`);
  // A failed scenario may leave its server children running (they end when this process goes, server-child.ts):
  // exit instead of waiting for them.
  if (results.some((r) => r.status === 'failed')) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
