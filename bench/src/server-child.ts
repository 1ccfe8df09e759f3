/**
 * The server side of the bench, in its own process so that the clients' CPU and memory are not counted:
 *
 *   seatfold  the real app (createApp) on PostgreSQL, with counters around the store and the fan-out
 *   echo      a bare socket.io server that acknowledges 'echo' with its payload (the round-trip floor)
 *   floor     socket.io + a durable group-committed INSERT + a push to every client, nothing else (floor-server.ts)
 *   memory    opens the store, loads the given plans into a SyncHub and reports its memory (nothing else runs)
 *
 * Requests arrive over IPC as { id, type, payload } and are answered with { id, ok, value | error }.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp, openAuth, releaseStartupMemory, type App } from '@seatfold/server';
import { openStore, type EventStore } from '@seatfold/store';
import { SyncHub, type Limits } from '@seatfold/sync/server';
import { framedCount, type EventFrame } from '@seatfold/sync';
import { Server as IoServer } from 'socket.io';
import { startAllocationProfile } from './alloc-profile.ts';
import { resultsDir } from './fixture.ts';
import { startFloorServer } from './floor-server.ts';
import { takeStalls, watchStalls } from './stalls.ts';
import { summarize } from './stats.ts';

type Handler = (payload: unknown) => unknown;
const [mode, rawArgs] = process.argv.slice(2);
const args = JSON.parse(rawArgs ?? '{}') as {
  databaseUrl?: string;
  staticDir?: string | null;
  /** serve plan links' pages with their server frame when the web build has one (its dist-ssr/ beside dist/) */
  serverFrames?: boolean;
  planIds?: string[];
  limits?: Partial<Limits>;
  pipeline?: number;
  trustedProxies?: number;
  /** null: the app's default; absent: unlimited (every bench client comes from 127.0.0.1) */
  guestSessionsPerMinute?: number | null;
  /** false (or BENCH_RELEASE_MEMORY=0): skip the start-up memory release production's main.ts does once listening */
  releaseMemory?: boolean;
  /** sample the resident size every 50 ms for peakRssMB (the noisy-neighbour scenario); off elsewhere, where the floor
   * server, which has no such timer, runs beside it */
  sampleRss?: boolean;
};
const handlers = new Map<string, Handler>();

/** Counters around the store's append and the hub's publish: group commit and broadcast coalescing, seen from outside. */
class Counters {
  appends = 0;
  commands = 0;
  events = 0;
  groupSizes: number[] = [];
  appendMs: number[] = [];
  publishes = 0;
  /** snapshots saved (each serialises the whole state and writes it beside the commits) */
  snapshots = 0;
  publishedEvents = 0;
  private cpu = process.cpuUsage();
  private elu = performance.eventLoopUtilization();
  private since = performance.now();
  /** the highest resident set size seen since the last take (sampled every 50 ms) */
  peakRss = process.memoryUsage().rss;

  take() {
    const cpu = process.cpuUsage(this.cpu);
    const elu = performance.eventLoopUtilization(this.elu);
    const seconds = (performance.now() - this.since) / 1000;
    const out = {
      appends: this.appends,
      commands: this.commands,
      events: this.events,
      commandsPerAppend: summarize(this.groupSizes),
      appendMs: summarize(this.appendMs),
      publishes: this.publishes,
      snapshots: this.snapshots,
      eventsPerPublish: this.publishes ? this.publishedEvents / this.publishes : 0,
      cpuPercent: ((cpu.user + cpu.system) / 1000 / 1000 / seconds) * 100,
      eventLoopUtilization: elu.utilization,
      seconds,
      peakRssMB: Math.max(this.peakRss, process.memoryUsage().rss) / 2 ** 20,
      ...takeStalls(),
    };
    Object.assign(this, new Counters());
    return out;
  }
}

function countingStore(store: EventStore, c: Counters): EventStore {
  return {
    ...store,
    kind: store.kind,
    async append(planId, expectedVersion, records, batch, options) {
      const t0 = performance.now();
      const result = await store.append(planId, expectedVersion, records, batch, options);
      c.appendMs.push(performance.now() - t0);
      c.appends++;
      c.commands += records.length;
      c.groupSizes.push(records.length);
      for (const r of records) c.events += r.events.length;
      return result;
    },
    saveSnapshot(planId, version, evolveVersion, state) {
      c.snapshots++;
      return store.saveSnapshot(planId, version, evolveVersion, state);
    },
  };
}

async function startSeatfold() {
  const counters = new Counters();
  // memoryUsage.rss() reads the resident size only; memoryUsage() also walks the heap (0.7 % of the server's CPU in a profile).
  if (args.sampleRss) setInterval(() => (counters.peakRss = Math.max(counters.peakRss, process.memoryUsage.rss())), 50).unref();
  watchStalls();
  const store = await openStore({ databaseUrl: args.databaseUrl });
  // Every bench client connects from 127.0.0.1, where real planners would come from many addresses: the caps on
  // sockets, new connections, joins and whole states (per address and server-wide) are raised so that
  // 50–100 clients can connect at all. Throughput scenarios also lift the per-socket command rate (one bench socket
  // stands for many planners); a scenario may pass its own limits. The storage budgets (Limits.storedBytesPerPlan/
  // PerAddress: 64 MB, then 64 MB an hour) are lifted in every scenario: a throughput run stores hundreds of MB from one
  // address in minutes.
  const unmetered = { perSecond: 1e12, burst: 1e12 };
  const limits = {
    storedBytesPerPlan: unmetered,
    storedBytesPerAddress: unmetered,
    ...(args.limits ?? {
      socketsPerAddress: 1000,
      connectionsPerAddress: { perSecond: 1e9, burst: 1e9 },
      joinsPerAddress: { perSecond: 1e9, burst: 1e9 },
      joinsServer: { perSecond: 1e9, burst: 1e9 },
      statesPerAddress: { perSecond: 1e9, burst: 1e9 },
      stateBytesPerAddress: { perSecond: 1e12, burst: 1e12 },
      stateBytesServer: { perSecond: 1e12, burst: 1e12 },
      rates: { command: { perSecond: 1e9, burst: 1e9 } },
    }),
  };
  const auth = await openAuth(store);
  const app: App = createApp({
    store: countingStore(store, counters),
    auth,
    guestSessionsPerMinute: args.guestSessionsPerMinute === null ? undefined : (args.guestSessionsPerMinute ?? 1e9),
    staticDir: args.staticDir ?? null,
    serverFrameModule: args.staticDir && args.serverFrames ? frameModuleOf(args.staticDir) : null,
    demo: false,
    log: () => {},
    limits,
    pipeline: args.pipeline,
    trustedProxies: args.trustedProxies,
  });
  const publish = app.hub.fanout.publish;
  app.hub.fanout.publish = (planId, event, payload) => {
    if (event === 'events') {
      counters.publishes++;
      counters.publishedEvents += framedCount(payload as EventFrame);
    }
    publish(planId, event, payload);
  };
  const port = await app.listen(0, '127.0.0.1');
  // As apps/server/src/main.ts does once it listens, so that throughput is measured on the server as it starts.
  if (args.releaseMemory !== false && process.env.BENCH_RELEASE_MEMORY !== '0') await releaseStartupMemory();
  handlers.set('stats', () => counters.take());
  handlers.set('stop', async () => {
    await app.close();
    await store.close();
  });
  return { port, pid: process.pid };
}

async function startEcho() {
  // Anything but socket.io (the clients' guest-session POST) gets an empty answer: left unanswered, the request
  // hung until undici's 300 s header timeout and failed the sequential scenario.
  const http = createServer((_req, res) => res.writeHead(204).end());
  const io = new IoServer(http, { serveClient: false });
  io.on('connection', (socket) => socket.on('echo', (payload: unknown, ack: (x: unknown) => void) => ack(payload)));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  handlers.set('stop', () => new Promise<void>((resolve) => void io.close(() => resolve())));
  return { port: (http.address() as AddressInfo).port, pid: process.pid };
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const memory = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return { rssMB: m.rss / 2 ** 20, heapUsedMB: m.heapUsed / 2 ** 20, externalMB: m.external / 2 ** 20 };
};

async function startMemory() {
  const store = await openStore({ databaseUrl: args.databaseUrl });
  const hub = new SyncHub({ store, log: () => {} });
  const baseline = memory();
  const t0 = performance.now();
  let version = 0;
  for (const planId of args.planIds ?? []) version += (await hub.room(planId)).version;
  const loadMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 200));
  const loaded = memory();
  handlers.set('stop', () => store.close());
  return { baseline, loaded, loadMs, plans: hub.openPlans, events: version };
}

async function startFloor() {
  const floor = await startFloorServer(args.databaseUrl!);
  handlers.set('stats', floor.stats);
  handlers.set('stop', floor.stop);
  return { port: floor.port, pid: process.pid };
}

const modes: Record<string, () => Promise<Record<string, unknown>>> = {
  seatfold: startSeatfold,
  echo: startEcho,
  floor: startFloor,
  memory: startMemory,
};
const start = mode ? modes[mode] : undefined;
if (!start) throw new Error(`unknown bench child mode ${mode}`);
// Allocation sampling (alloc-profile.ts) from before the server starts until it is asked to stop.
const allocations = process.env.BENCH_ALLOC_PROFILE === '1' ? startAllocationProfile(path.join(resultsDir, 'profiles'), `${mode}-alloc`) : null;
const ready = (allocations ?? Promise.resolve()).then(start);
handlers.set('ready', () => ready);

// A parent that goes without asking to stop (killed, or dead of a closed output pipe, as `hammer.ts | head` does)
// closes the channel: leave with it, or this server runs on, unseen, beside every later measurement.
let stopping = false;
process.on('disconnect', () => {
  if (!stopping) process.exit(1);
});
// The handler catches everything it can throw, so the promise it returns never rejects.
process.on('message', (m: { id: number; type: string; payload: unknown }) => void answer(m));

async function answer(m: { id: number; type: string; payload: unknown }) {
  if (m.type === 'stop') stopping = true;
  try {
    const handler = handlers.get(m.type);
    if (!handler) throw new Error(`no handler for ${m.type}`);
    const value = await handler(m.payload);
    if (m.type === 'stop' && allocations) await (await allocations)();
    process.send!({ id: m.id, ok: true, value });
    if (m.type === 'stop') process.disconnect();
  } catch (err) {
    process.send!({ id: m.id, ok: false, error: (err as Error).stack ?? String(err) });
  }
}

/** The server-frame module built beside a web build (apps/web/dist → apps/web/dist-ssr/server-frame.js), if there is one. */
function frameModuleOf(staticDir: string): string | null {
  const file = path.join(staticDir, '..', 'dist-ssr', 'server-frame.js');
  return existsSync(file) ? file : null;
}
