import { openClients, type ProtocolClient } from '../clients.ts';
import { launchSeatfold, startFloor, startSeatfold, type FloorFixture, type SeatfoldFixture, type ServerStats } from '../fixture.ts';
import type { FloorStats } from '../floor-server.ts';
import type { Stalls } from '../stalls.ts';
import { alternate, type Scenario } from '../scenario.ts';
import { now } from '../stats.ts';
import { sleep } from '../emmett.ts';
import { laneCommand, type Lane } from '../workload.ts';
import { DEFAULT_LIMITS, type Limits } from '@seatfold/sync/server';

const CLIENTS = 50;
const RATE = 500;
/** unrecorded seconds between a run's first seconds after idle and the seconds the target is judged on */
const SETTLE_SECONDS = 8;
/**
 * One server per variant, alternating in one run: the default (pushes of committed events after the acks, at most
 * one per plan per DEFAULT_LIMITS.eventPushMs), the same with a push per commit (the default before issue #14's
 * fifth round), and the default with pipeline 2 (the next group's append sent while a commit is in flight). Acks
 * before the push have been the default since the third round.
 */
const VARIANTS = {
  window: { limits: {} },
  'per commit': { limits: { eventPushMs: 0 } },
  'pipeline 2': { limits: {}, pipeline: 2 },
} satisfies Record<string, { limits: Partial<Limits>; pipeline?: number }>;
type Variant = keyof typeof VARIANTS;
const DEFAULT: Variant = 'window';
const LABEL: Record<Variant, string> = {
  window: `push at most every ${DEFAULT_LIMITS.eventPushMs} ms (default)`,
  'per commit': 'push per commit (window 0, before)',
  'pipeline 2': 'pipeline 2 (next group sent while a commit is in flight)',
};
/** the bench server's limits (server-child.ts's default for throughput scenarios) with the variant's push */
const limitsOf = (v: Variant): Partial<Limits> => ({
  socketsPerAddress: 1000,
  joinsPerAddress: { perSecond: 1e9, burst: 1e9 },
  joinsServer: { perSecond: 1e9, burst: 1e9 },
  stateBytesPerAddress: { perSecond: 1e12, burst: 1e12 },
  stateBytesServer: { perSecond: 1e12, burst: 1e12 },
  rates: { command: { perSecond: 1e9, burst: 1e9 } },
  ...VARIANTS[v].limits,
});

/**
 * Open loop: 50 clients together send 500 commands/s on a fixed schedule (each client every 100 ms, staggered),
 * whatever the replies, so a slow reply cannot hold back the load. Latency = command sent → its ack received,
 * judged on the seconds after the server has run the schedule for a while (see phases).
 * The floor server (floor-server.ts: socket.io, a group-committed INSERT, the push, nothing of Seatfold) gets the
 * same schedule in the same run: the latency this machine gives any server with Seatfold's guarantees.
 */
export const ackLatency: Scenario = {
  id: 'ack-latency',
  title: `Command → ack at ${RATE} commands/s from ${CLIENTS} clients`,
  async run(ctx, r) {
    const seconds = ctx.quick ? 2 : 4;
    const reps = Math.min(ctx.reps, 3);
    const variants = Object.keys(VARIANTS) as Variant[];
    const servers = new Map<Variant, { seat: SeatfoldFixture; clients: ProtocolClient[]; lanes: ReturnType<SeatfoldFixture['lanes']> }>();
    const all = {} as Record<Variant, number[]>;
    const runMedians = {} as Record<Variant, number[]>;
    const stats = {} as Record<Variant, ServerStats[]>;
    for (const [i, v] of variants.entries()) {
      const opts = { name: `ack-latency-${i}`, limits: limitsOf(v), pipeline: (VARIANTS[v] as { pipeline?: number }).pipeline };
      const seat = i === 0 ? await startSeatfold(ctx, opts) : await launchSeatfold(ctx, opts);
      servers.set(v, { seat, clients: await openClients(seat.port, seat.token, CLIENTS, 'paced-'), lanes: seat.lanes(CLIENTS) });
      all[v] = [];
      runMedians[v] = [];
      stats[v] = [];
    }
    const floor: FloorFixture = await startFloor(ctx);
    const floorClients = await openClients(floor.port, 'floor', CLIENTS, 'floor-');
    const floorLanes = servers.get(DEFAULT)!.seat.lanes(CLIENTS);
    const floorAll: number[] = [];
    const floorMedians: number[] = [];
    const floorRuns: number[][] = [];
    const floorStats: FloorStats[] = [];
    const runAll = {} as Record<Variant, number[][]>;
    /** each run's first seconds after the server sat idle */
    type Fresh = { samples: number[]; stalls: Stalls & { seconds: number } };
    const fresh = {} as Record<Variant, Fresh[]>;
    const floorFresh: Fresh[] = [];
    const p99Of = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.99) - 1]!;
    let refused = 0;
    let lateSends = 0;

    /** Sends `total` commands on the schedule to `clients`; resolves with the latencies once every reply is in. */
    const paced = async (clients: ProtocolClient[], lanes: Lane[], total: number) => {
      const samples: number[] = [];
      const pending: Promise<void>[] = [];
      const interval = 1000 / RATE;
      const t0 = now() + 5;
      for (let i = 0; i < total;) {
        const due = t0 + i * interval;
        const wait = due - now();
        if (wait > 1) await sleep(wait - 0.5);
        // Send everything that is due (timers are coarse): the schedule, not the replies, sets the pace.
        while (i < total && t0 + i * interval <= now() + 0.05) {
          if (now() - (t0 + i * interval) > 2) lateSends++;
          const k = i % CLIENTS;
          const lane = lanes[k]!;
          const command = laneCommand(lane);
          lane.step++; // optimistic, like the client engine: the next command on this lane follows this one
          const sent = now();
          pending.push(
            clients[k]!.command(command).then((reply) => {
              samples.push(now() - sent);
              if (reply.status !== 'accepted') refused++;
            }),
          );
          i++;
        }
      }
      await Promise.all(pending);
      return samples.sort((a, b) => a - b);
    };

    /**
     * One recorded run: the first `seconds` after the server sat idle (while the other servers ran), `SETTLE_SECONDS`
     * unrecorded, then the `seconds` the target is judged on. Idle, V8's memory reducer shrinks a server's young
     * generation; under load it grows back by doubling, which took ~8 s at 500/s, scavenging twice as often until
     * then (docs/performance.md, stop 37). The target is the rate sustained; the first seconds are shown beside it.
     */
    const phases = async <S>(clients: ProtocolClient[], lanes: Lane[], stats: () => Promise<S>) => {
      await stats();
      const fresh = await paced(clients, lanes, RATE * seconds);
      const freshStats = await stats();
      await paced(clients, lanes, RATE * SETTLE_SECONDS);
      await stats();
      const steady = await paced(clients, lanes, RATE * seconds);
      return { fresh, freshStats, steady, steadyStats: await stats() };
    };

    const run = async (v: Variant) => {
      const { seat, clients, lanes } = servers.get(v)!;
      const p = await phases(clients, lanes, () => seat.stats());
      all[v].push(...p.steady);
      (runAll[v] ??= []).push(p.steady);
      runMedians[v].push(p.steady[Math.floor(p.steady.length / 2)]!);
      stats[v].push(p.steadyStats);
      (fresh[v] ??= []).push({ samples: p.fresh, stalls: p.freshStats });
    };

    const runFloor = async () => {
      const p = await phases(floorClients, floorLanes, () => floor.stats());
      floorAll.push(...p.steady);
      floorRuns.push(p.steady);
      floorMedians.push(p.steady[Math.floor(p.steady.length / 2)]!);
      floorStats.push(p.steadyStats);
      floorFresh.push({ samples: p.fresh, stalls: p.freshStats });
    };

    ctx.progress('  warm-up');
    for (const v of variants) await paced(servers.get(v)!.clients, servers.get(v)!.lanes, RATE / 2);
    await paced(floorClients, floorLanes, RATE / 2);
    await alternate(
      reps,
      [...variants.map((v): [string, () => Promise<void>] => [v, () => run(v)]), ['floor server', () => runFloor()]],
      ctx.progress,
    );
    for (const c of floorClients) c.close();
    await floor.stop();
    for (const { seat, clients } of servers.values()) {
      for (const c of clients) c.close();
      await seat.stop();
    }

    /** Where an ack's tail can come from in the server: its event loop held up (by GC or by work). */
    const stallRows = (who: string, runs: (Stalls & { seconds: number })[]) => {
      r.perRun(
        `  server event-loop delay p99 (per run), ${who}`,
        'ms',
        runs.map((s) => s.loopDelayP99Ms),
      );
      r.perRun(
        `  server event-loop delay, longest (per run), ${who}`,
        'ms',
        runs.map((s) => s.loopDelayMaxMs),
      );
      r.perRun(
        `  server GC: longest pause (per run), ${who}`,
        'ms',
        runs.map((s) => s.gc.maxMs),
      );
      r.perRun(
        `  server GC: pause per second (per run), ${who}`,
        'ms/s',
        runs.map((s) => s.gc.ms / s.seconds),
      );
      r.perRun(
        `  server GC: scavenges per second (per run), ${who}`,
        '/s',
        runs.map((s) => s.gc.young / s.seconds),
      );
    };
    /** The same run's first seconds after idle, beside its steady seconds. */
    const freshRows = (who: string, runs: Fresh[]) => {
      r.perRun(
        `  first ${seconds} s after idle: p99 (per run), ${who}`,
        'ms',
        runs.map((f) => p99Of(f.samples)),
      );
      r.perRun(
        `  first ${seconds} s after idle: GC pause per second, ${who}`,
        'ms/s',
        runs.map((f) => f.stalls.gc.ms / f.stalls.seconds),
      );
      r.perRun(
        `  first ${seconds} s after idle: scavenges per second, ${who}`,
        '/s',
        runs.map((f) => f.stalls.gc.young / f.stalls.seconds),
      );
    };
    let lat: { median: number; p99: number } = { median: NaN, p99: NaN };
    for (const v of variants) {
      const l = r.latency(`Seatfold command → ack, ${RATE}/s open loop (steady), ${LABEL[v]}`, all[v]);
      if (v === DEFAULT) lat = l;
      r.perRun(`  per-run medians, ${LABEL[v]}`, 'ms', runMedians[v]);
      r.perRun(`  per-run p99, ${LABEL[v]}`, 'ms', runAll[v].map(p99Of));
      // A snapshot (every 5,000 events: about one in three of the recorded seconds) is written beside the commits:
      // the run it falls into shows what it costs the tail.
      r.perRun(
        `  snapshots saved (per run), ${LABEL[v]}`,
        'count',
        stats[v].map((s) => s.snapshots),
      );
      r.perRun(
        `  commands per transaction (mean per run), ${LABEL[v]}`,
        'cmds',
        stats[v].map((s) => s.commandsPerAppend.mean),
      );
      r.perRun(
        `  events pushes per second, ${LABEL[v]}`,
        '/s',
        stats[v].map((s) => s.publishes / s.seconds),
      );
      r.perRun(
        `  server append (median per run), ${LABEL[v]}`,
        'ms',
        stats[v].map((s) => s.appendMs.median),
      );
      r.perRun(
        `  server append p99 (per run), ${LABEL[v]}`,
        'ms',
        stats[v].map((s) => s.appendMs.p99),
      );
      r.perRun(
        `  server CPU, ${LABEL[v]}`,
        '% core',
        stats[v].map((s) => s.cpuPercent),
      );
      stallRows(`${LABEL[v]}`, stats[v]);
      freshRows(`${LABEL[v]}`, fresh[v]);
    }
    const floorLat = r.latency(`floor server command → ack, ${RATE}/s open loop (steady; socket.io + INSERT + push)`, floorAll);
    r.perRun('  per-run medians, floor server', 'ms', floorMedians);
    r.perRun('  per-run p99, floor server', 'ms', floorRuns.map(p99Of));
    r.perRun(
      '  commands per transaction (mean per run), floor server',
      'cmds',
      floorStats.map((s) => s.commandsPerAppend),
    );
    r.perRun(
      '  server append (median per run), floor server',
      'ms',
      floorStats.map((s) => s.appendMedianMs),
    );
    r.perRun(
      '  server append p99 (per run), floor server',
      'ms',
      floorStats.map((s) => s.appendP99Ms),
    );
    stallRows('floor server', floorStats);
    freshRows('floor server', floorFresh);
    r.perRun(
      `ratio median ack, default / floor server (per run)`,
      'x',
      runMedians[DEFAULT].map((x, i) => x / floorMedians[i]!),
    );
    r.details.floor = { median: floorLat.median, p99: floorLat.p99, stats: floorStats };
    for (const v of variants.filter((x) => x !== DEFAULT)) {
      r.perRun(
        `ratio median ack, default / ${LABEL[v]} (per run)`,
        'x',
        runMedians[DEFAULT].map((x, i) => x / runMedians[v][i]!),
      );
      r.perRun(
        `ratio p99 ack, default / ${LABEL[v]} (per run)`,
        'x',
        stats[v].map((_, i) => p99Of(runAll[DEFAULT][i]!) / p99Of(runAll[v][i]!)),
      );
    }
    // the targets are judged on the default (what the server ships)
    r.check(`ack at ${RATE}/s: p50 ≤ 2 ms`, lat.median, '<=', 2, 'ms', { label: 'the floor server', value: floorLat.median });
    r.check(`ack at ${RATE}/s: p99 ≤ 10 ms`, lat.p99, '<=', 10, 'ms', { label: 'the floor server', value: floorLat.p99 });
    r.details.server = stats;
    r.details.refused = refused;
    r.details.lateSends = lateSends;
    if (refused > 0) r.notes.push(`${refused} commands refused`);
    if (lateSends > 0) r.notes.push(`${lateSends} sends were more than 2 ms behind schedule (harness timer lag)`);
  },
};
