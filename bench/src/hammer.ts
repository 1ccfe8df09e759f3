/**
 * One server, hammered by 50 clients for a while after a warm-up, for looking inside it (not a scenario: no
 * alternation, no floor beside it): the rate, the server's CPU, its groups and appends. With `--profile` the server
 * writes a CPU profile of the whole run into results/profiles (read it with profile-summary.ts); `perf record -p`
 * or `perf stat -p` on the server child during the hammering see it from outside.
 *
 *   node --import tsx src/hammer.ts [seatfold|floor] [seconds=8] [--pipeline=N] [--profile]
 */
import { openClients } from './clients.ts';
import { startFloor, startSeatfold } from './fixture.ts';
import type { Context } from './scenario.ts';
import { now } from './stats.ts';
import { laneCommand } from './workload.ts';

const args = process.argv.slice(2);
const positional = args.filter((a) => !a.startsWith('--'));
const which = positional[0] === 'floor' ? 'floor' : 'seatfold';
const seconds = Number(positional[1] ?? 8);
const pipeline = Number(/^--pipeline=(\d+)$/.exec(args.find((a) => a.startsWith('--pipeline=')) ?? '')?.[1] ?? 1);
const ctx: Context = { reps: 1, quick: false, profile: args.includes('--profile'), progress: () => {} };

// The floor server is hammered with the demo plan's lanes too (it accepts any command).
const seat = await startSeatfold(ctx, { name: 'hammer', pipeline });
const floor = which === 'floor' ? await startFloor(ctx) : null;
const clients = floor ? await openClients(floor.port, 'floor', 50, 'floor-') : await openClients(seat.port, seat.token, 50, 'hammer-');
const lanes = seat.lanes(50);
const hammer = async (ms: number): Promise<number> => {
  let accepted = 0;
  const t0 = now();
  const end = t0 + ms;
  await Promise.all(
    clients.map(async (c, i) => {
      while (now() < end) {
        const reply = await c.command(laneCommand(lanes[i]!));
        lanes[i]!.step++;
        if (reply.status === 'accepted') accepted++;
      }
    }),
  );
  return accepted / ((now() - t0) / 1000);
};

await hammer(1500);
await (floor ? floor.stats() : seat.stats());
const cpu0 = process.cpuUsage();
const rate = await hammer(seconds * 1000);
const cpu = process.cpuUsage(cpu0);
const stats = floor ? await floor.stats() : await seat.stats();
// CPU a command costs the 50 clients (this process) and the server: less noisy than the rate on a shared machine
const perCommand = (us: number) => (us / (rate * seconds)).toFixed(1);
const serverUs = ((stats.cpuPercent ?? 0) / 100) * stats.seconds * 1e6;
console.log(
  `${which}${floor ? '' : `, pipeline ${pipeline}`}: ${Math.round(rate)} commands/s over ${seconds} s; CPU µs a command: clients ${perCommand(cpu.user + cpu.system)}, server ${perCommand(serverUs)}`,
);
console.log(JSON.stringify(stats, null, 1));
for (const c of clients) c.close();
await floor?.stop();
await seat.stop();
