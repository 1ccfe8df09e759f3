import { openClients } from '../clients.ts';
import { startSeatfold, type ServerStats } from '../fixture.ts';
import type { Scenario } from '../scenario.ts';
import { now } from '../stats.ts';
import { sleep } from '../emmett.ts';
import { laneCommand } from '../workload.ts';

const CLIENTS = 50;
const RATE = 500;

/**
 * Open loop: 50 clients together send 500 commands/s on a fixed schedule (each client every 100 ms, staggered),
 * whatever the replies, so a slow reply cannot hold back the load. Latency = command sent → its ack received.
 */
export const ackLatency: Scenario = {
  id: 'ack-latency',
  title: `Command → ack at ${RATE} commands/s from ${CLIENTS} clients`,
  async run(ctx, r) {
    const seconds = ctx.quick ? 2 : 4;
    const reps = Math.min(ctx.reps, 3);
    const seat = await startSeatfold(ctx, { name: 'ack-latency' });
    const clients = await openClients(seat.port, seat.token, CLIENTS, 'paced-');
    const lanes = seat.lanes(CLIENTS);
    const all: number[] = [];
    const runMedians: number[] = [];
    const stats: ServerStats[] = [];
    let refused = 0;
    let lateSends = 0;

    const run = async (total: number, record: boolean) => {
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
      all.push(...samples);
      runMedians.push(samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!);
      stats.push(s);
    };

    ctx.progress('  warm-up');
    await run(RATE / 2, false);
    for (let rep = 0; rep < reps; rep++) {
      ctx.progress(`  run ${rep + 1}/${reps}: ${RATE * seconds} commands over ${seconds} s`);
      await run(RATE * seconds, true);
    }
    for (const c of clients) c.close();
    await seat.stop();

    const lat = r.latency(`Seatfold command → ack, ${RATE}/s open loop`, all);
    r.perRun('  per-run medians', 'ms', runMedians);
    r.perRun(
      'Seatfold: commands per transaction (mean per run)',
      'cmds',
      stats.map((s) => s.commandsPerAppend.mean),
    );
    r.perRun(
      'Seatfold: server append (median per run)',
      'ms',
      stats.map((s) => s.appendMs.median),
    );
    r.check(`ack at ${RATE}/s: p50 ≤ 3 ms`, lat.median, '<=', 3, 'ms');
    r.check(`ack at ${RATE}/s: p99 ≤ 15 ms`, lat.p99, '<=', 15, 'ms');
    r.details.server = stats;
    r.details.refused = refused;
    r.details.lateSends = lateSends;
    if (refused > 0) r.notes.push(`${refused} commands refused`);
    if (lateSends > 0) r.notes.push(`${lateSends} sends were more than 2 ms behind schedule (harness timer lag)`);
  },
};
