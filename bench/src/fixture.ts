import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoPlanCommands, type Command } from '@seatfold/domain';
import { openStore } from '@seatfold/store';
import type { Limits } from '@seatfold/sync/server';
import { Child } from './child.ts';
import { benchUrl, resetBenchDatabase } from './db.ts';
import { seedPlan } from './seed.ts';
import { demoState, makeLanes, type Lane } from './workload.ts';
import type { Context } from './scenario.ts';
import type { FloorStats } from './floor-server.ts';
import type { Stalls } from './stalls.ts';

export const resultsDir = fileURLToPath(new URL('../results', import.meta.url));

/** Counted in the server child since the last stats(), its stalls (event-loop delay, GC pauses) included. */
export interface ServerStats extends Stalls {
  appends: number;
  commands: number;
  events: number;
  commandsPerAppend: { median: number; mean: number; max: number };
  appendMs: { median: number; p99: number; max: number };
  publishes: number;
  snapshots: number;
  eventsPerPublish: number;
  cpuPercent: number;
  eventLoopUtilization: number;
  seconds: number;
  peakRssMB: number;
}

export interface SeatfoldFixture {
  child: Child;
  port: number;
  token: string;
  reviewToken: string;
  planId: string;
  /** a fresh lane set on the seeded plan */
  lanes(count: number): Lane[];
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

export interface SeatfoldOptions {
  name: string;
  commands?: Command[];
  staticDir?: string | null;
  /**
   * false: plan links' pages without the server frame (the plan drawn in at the server). Default: with it when the
   * build has dist-ssr/, unless BENCH_SERVER_FRAMES=0 (the first-render diagnostics then see the page before it).
   */
  serverFrames?: boolean;
  limits?: Partial<Limits>;
  pipeline?: number;
  /** proxies in front of the server (AppOptions.trustedProxies): clients may then claim an address (connect's `address`) */
  trustedProxies?: number;
  /**
   * new guest sessions per address per minute; null: the server's own default (120). Else unlimited, as the bench's
   * many clients come from one address.
   */
  guestSessionsPerMinute?: number | null;
  /** false: skip the start-up memory release production does once listening (server-child.ts) */
  releaseMemory?: boolean;
  /** sample the server's resident size every 50 ms, for ServerStats.peakRssMB (else it is the size when stats are taken) */
  sampleRss?: boolean;
}

/**
 * Empties the bench database, creates a plan (the demo plan unless `commands` are given) through Seatfold's own
 * code in this process, then starts the real server in a child process, which loads the plan cold on first join.
 */
export async function startSeatfold(ctx: Context, opts: SeatfoldOptions): Promise<SeatfoldFixture> {
  await resetBenchDatabase();
  return launchSeatfold(ctx, opts);
}

/** As startSeatfold, but beside what is in the bench database already: a second server with a plan of its own. */
export async function launchSeatfold(ctx: Context, opts: SeatfoldOptions): Promise<SeatfoldFixture> {
  const store = await openStore({ databaseUrl: benchUrl });
  const plan = await seedPlan(store, opts.name, opts.commands ?? demoPlanCommands());
  await store.close();
  const { child, ready } = await Child.start(
    'seatfold',
    {
      databaseUrl: benchUrl,
      staticDir: opts.staticDir ?? null,
      serverFrames: opts.serverFrames ?? process.env.BENCH_SERVER_FRAMES !== '0',
      limits: opts.limits,
      pipeline: opts.pipeline,
      trustedProxies: opts.trustedProxies,
      guestSessionsPerMinute: opts.guestSessionsPerMinute,
      releaseMemory: opts.releaseMemory,
      sampleRss: opts.sampleRss,
    },
    serverNodeArgs(ctx, opts.name),
  );
  const state = demoState();
  return {
    child,
    port: ready.port as number,
    token: plan.organisePath.slice('/p/'.length),
    reviewToken: plan.reviewPath.slice('/p/'.length),
    planId: plan.planId,
    lanes: (count) => makeLanes(state, count),
    stats: () => child.request<ServerStats>('stats'),
    stop: () => child.stop(),
  };
}

/** The floor server (floor-server.ts) in a child process: what Seatfold's guarantees cost with nothing of Seatfold. */
export interface FloorFixture {
  port: number;
  stats(): Promise<FloorStats>;
  stop(): Promise<void>;
}

export async function startFloor(ctx: Context): Promise<FloorFixture> {
  const { child, ready } = await Child.start('floor', { databaseUrl: benchUrl }, serverNodeArgs(ctx, 'floor'));
  return { port: ready.port as number, stats: () => child.request<FloorStats>('stats'), stop: () => child.stop() };
}

/**
 * Node flags of a server under test, Seatfold's or the floor's alike: with --profile CPU profiles in a folder named
 * after it in results/profiles, one per thread (Node's own names: …<pid>.0.… is the main thread; one name for all
 * would let a worker's profile, written last, overwrite the main thread's), and the V8 flags to try in BENCH_SERVER_NODE_ARGS (e.g. --max-semi-space-size=1 or
 * --cpu-prof-interval=200 for a finer profile).
 */
function serverNodeArgs(ctx: Context, name: string): string[] {
  return [
    ...(ctx.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(resultsDir, 'profiles', `${name}-${Date.now()}`)}`] : []),
    ...(process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
  ];
}
