/**
 * One server, hammered by 50 clients for a while after a warm-up, for looking inside it (not a scenario: no
 * alternation, no floor beside it): the rate, the server's CPU, its groups and appends. With `--profile` the server
 * writes a CPU profile of the whole run into results/profiles (read it with profile-summary.ts); `perf record -p`
 * or `perf stat -p` on the server child during the hammering see it from outside.
 *
 *   node --import tsx src/hammer.ts [seatfold|floor] [seconds=8] [--pipeline=N] [--clients=50] [--every=ms] [--no-release] [--warmup=1500] [--profile] [--bytes]
 *
 * `--clients=1` is the one-at-a-time path of the sequential scenario. `--every=100` paces each client to one command
 * per 100 ms, staggered (50 clients: ack-latency's 500/s), instead of the next command as soon as the reply is in.
 */
import { openClients } from './clients.ts';
import { startFloor, startSeatfold } from './fixture.ts';
import type { Context } from './scenario.ts';
import { now } from './stats.ts';
import { cpuMeter } from './cpu.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { laneCommand } from './workload.ts';

const args = process.argv.slice(2);
const positional = args.filter((a) => !a.startsWith('--'));
const which = positional[0] === 'floor' ? 'floor' : 'seatfold';
const seconds = Number(positional[1] ?? 8);
const pipeline = Number(/^--pipeline=(\d+)$/.exec(args.find((a) => a.startsWith('--pipeline=')) ?? '')?.[1] ?? 1);
const clientCount = Number(/^--clients=(\d+)$/.exec(args.find((a) => a.startsWith('--clients=')) ?? '')?.[1] ?? 50);
const every = Number(/^--every=(\d+)$/.exec(args.find((a) => a.startsWith('--every=')) ?? '')?.[1] ?? 0);
const warmup = Number(/^--warmup=(\d+)$/.exec(args.find((a) => a.startsWith('--warmup=')) ?? '')?.[1] ?? 1500);
const ctx: Context = { reps: 1, quick: false, profile: args.includes('--profile'), progress: () => {} };

// The floor server is hammered with the demo plan's lanes too (it accepts any command).
const seat = await startSeatfold(ctx, { name: 'hammer', pipeline, releaseMemory: !args.includes('--no-release') });
const floor = which === 'floor' ? await startFloor(ctx) : null;
const clients = floor
  ? await openClients(floor.port, 'floor', clientCount, 'floor-')
  : await openClients(seat.port, seat.token, clientCount, 'hammer-');
const lanes = seat.lanes(clientCount);
const received = { acks: 0, ackBytes: 0, pushes: 0, pushBytes: 0 };
if (args.includes('--bytes')) {
  for (const c of clients) {
    (c.socket.io.engine as unknown as { on(e: 'packet', f: (p: { data?: unknown }) => void): void }).on('packet', (p) => {
      if (typeof p.data !== 'string') return;
      if (p.data.startsWith('2["events"')) [received.pushes, received.pushBytes] = [received.pushes + 1, received.pushBytes + p.data.length];
      else if (p.data.startsWith('3')) [received.acks, received.ackBytes] = [received.acks + 1, received.ackBytes + p.data.length];
    });
  }
}
let acks: number[] = [];
const hammer = async (ms: number): Promise<number> => {
  let accepted = 0;
  acks = [];
  const t0 = now();
  const end = t0 + ms;
  await Promise.all(
    clients.map(async (c, i) => {
      if (every) await sleep((every * i) / clients.length);
      while (now() < end) {
        const due = now() + every;
        const sent = now();
        const reply = await c.command(laneCommand(lanes[i]!));
        acks.push(now() - sent);
        lanes[i]!.step++;
        if (reply.status === 'accepted') accepted++;
        if (every) await sleep(due - now());
      }
    }),
  );
  return accepted / ((now() - t0) / 1000);
};

await hammer(warmup);
await (floor ? floor.stats() : seat.stats());
const cpu0 = process.cpuUsage();
const machine = cpuMeter();
const rate = await hammer(seconds * 1000);
const cpu = process.cpuUsage(cpu0);
const share = machine();
const stats = floor ? await floor.stats() : await seat.stats();
// CPU a command costs the clients (this process) and the server: less noisy than the rate on a shared machine
const perCommand = (us: number) => (us / (rate * seconds)).toFixed(1);
const serverUs = ((stats.cpuPercent ?? 0) / 100) * stats.seconds * 1e6;
console.log(
  `${which}${floor ? '' : `, pipeline ${pipeline}`}, ${clientCount} clients: ${Math.round(rate)} commands/s over ${seconds} s; CPU µs a command: clients ${perCommand(cpu.user + cpu.system)}, server ${perCommand(serverUs)}, PostgreSQL ${perCommand(share.postgres * seconds * 1e4)}, machine ${perCommand(share.machine * seconds * 1e4)}`,
);
acks.sort((a, b) => a - b);
const at = (q: number) => acks[Math.min(acks.length - 1, Math.floor(acks.length * q))]!.toFixed(2);
console.log(`ack p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, longest ${at(1)} ms`);
console.log(JSON.stringify(stats, null, 1));
if (received.acks > 0) {
  const perClient = (bytes: number) => (bytes / received.acks / clients.length).toFixed(1);
  console.log(
    `received: ${(received.ackBytes / received.acks).toFixed(1)} bytes an ack; pushes ${perClient(received.pushBytes)} bytes a command a client (${received.pushes / clients.length} pushes a client)`,
  );
}
for (const c of clients) c.close();
await floor?.stop();
await seat.stop();
