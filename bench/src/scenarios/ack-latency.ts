import { openClients, type ProtocolClient } from '../clients.ts';
import { launchSeatfold, startSeatfold, type SeatfoldFixture, type ServerStats } from '../fixture.ts';
import { alternate, type Scenario } from '../scenario.ts';
import { now } from '../stats.ts';
import { sleep } from '../emmett.ts';
import { laneCommand } from '../workload.ts';

const CLIENTS = 50;
const RATE = 500;
/** the push window compared with pushing every commit at once (Limits.eventPushMs) */
const PUSH_MS = 5;
/** the bench server's limits (server-child.ts's default for throughput scenarios) with the push window set */
const limitsWith = (eventPushMs: number) => ({
  socketsPerAddress: 1000,
  rates: { command: { perSecond: 1e9, burst: 1e9 } },
  eventPushMs,
});

/**
 * Open loop: 50 clients together send 500 commands/s on a fixed schedule (each client every 100 ms, staggered),
 * whatever the replies, so a slow reply cannot hold back the load. Latency = command sent → its ack received.
 * Two servers, alternating in one run, each with its own plan: one pushing every commit to the 50 sockets as it
 * lands, one with a ${PUSH_MS} ms push window (the commits within it pushed together; acks never wait).
 */
export const ackLatency: Scenario = {
  id: 'ack-latency',
  title: `Command → ack at ${RATE} commands/s from ${CLIENTS} clients`,
  async run(ctx, r) {
    const seconds = ctx.quick ? 2 : 4;
    const reps = Math.min(ctx.reps, 3);
    const variants = ['every commit', `${PUSH_MS} ms window`] as const;
    type Variant = (typeof variants)[number];
    const servers = new Map<Variant, { seat: SeatfoldFixture; clients: ProtocolClient[]; lanes: ReturnType<SeatfoldFixture['lanes']> }>();
    for (const v of variants) {
      const opts = { name: `ack-latency-${v === 'every commit' ? 0 : PUSH_MS}`, limits: limitsWith(v === 'every commit' ? 0 : PUSH_MS) };
      const seat = v === 'every commit' ? await startSeatfold(ctx, opts) : await launchSeatfold(ctx, opts);
      servers.set(v, { seat, clients: await openClients(seat.port, seat.token, CLIENTS, 'paced-'), lanes: seat.lanes(CLIENTS) });
    }
    const all: Record<Variant, number[]> = { 'every commit': [], [`${PUSH_MS} ms window`]: [] } as Record<Variant, number[]>;
    const runMedians: Record<Variant, number[]> = { 'every commit': [], [`${PUSH_MS} ms window`]: [] } as Record<Variant, number[]>;
    const stats: Record<Variant, ServerStats[]> = { 'every commit': [], [`${PUSH_MS} ms window`]: [] } as Record<Variant, ServerStats[]>;
    let refused = 0;
    let lateSends = 0;

    const run = async (v: Variant, total: number, record: boolean) => {
      const { seat, clients, lanes } = servers.get(v)!;
      await seat.stats();
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
      const s = await seat.stats();
      if (!record) return;
      all[v].push(...samples);
      runMedians[v].push(samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!);
      stats[v].push(s);
    };

    ctx.progress('  warm-up');
    for (const v of variants) await run(v, RATE / 2, false);
    await alternate(
      reps,
      variants.map((v) => [v, () => run(v, RATE * seconds, true)]),
      ctx.progress,
    );
    for (const { seat, clients } of servers.values()) {
      for (const c of clients) c.close();
      await seat.stop();
    }

    const window = `${PUSH_MS} ms window` as Variant;
    let lat: { median: number; p99: number } = { median: NaN, p99: NaN };
    for (const v of variants) {
      const l = r.latency(`Seatfold command → ack, ${RATE}/s open loop, push ${v}`, all[v]);
      if (v === window) lat = l;
      r.perRun(`  per-run medians, push ${v}`, 'ms', runMedians[v]);
      r.perRun(
        `  commands per transaction (mean per run), push ${v}`,
        'cmds',
        stats[v].map((s) => s.commandsPerAppend.mean),
      );
      r.perRun(
        `  events pushes per second, push ${v}`,
        '/s',
        stats[v].map((s) => s.publishes / s.seconds),
      );
      r.perRun(
        `  server append (median per run), push ${v}`,
        'ms',
        stats[v].map((s) => s.appendMs.median),
      );
      r.perRun(
        `  server CPU, push ${v}`,
        '% core',
        stats[v].map((s) => s.cpuPercent),
      );
    }
    r.perRun(
      `ratio median ack, ${PUSH_MS} ms window / every commit (per run)`,
      'x',
      runMedians[window].map((x, i) => x / runMedians['every commit'][i]!),
    );
    r.perRun(
      `ratio server CPU, ${PUSH_MS} ms window / every commit (per run)`,
      'x',
      stats[window].map((s, i) => s.cpuPercent / stats['every commit'][i]!.cpuPercent),
    );
    r.check(`ack at ${RATE}/s: p50 ≤ 2 ms`, lat.median, '<=', 2, 'ms');
    r.check(`ack at ${RATE}/s: p99 ≤ 10 ms`, lat.p99, '<=', 10, 'ms');
    r.details.server = stats;
    r.details.refused = refused;
    r.details.lateSends = lateSends;
    if (refused > 0) r.notes.push(`${refused} commands refused`);
    if (lateSends > 0) r.notes.push(`${lateSends} sends were more than 2 ms behind schedule (harness timer lag)`);
  },
};
