/**
 * One abuse of abuses.ts against one server, with no honest clients beside it: what the abuse alone costs the server
 * (its CPU, event-loop utilisation and delay, GC) and how many requests it got to send, for looking inside it (not a
 * scenario). With `--profile` the server writes a CPU profile of the run into results/profiles (profile-summary.ts).
 *
 *   node --import tsx src/abuse-alone.ts <abuse id> [seconds=8] [--profile] [--limits='{"decideSliceMs":1e9}']
 *
 * `--limits` overrides some of the server's limits (JSON, merged into the run's), to see what one of them buys.
 */
import { abuses } from './abuses.ts';
import { startSeatfold } from './fixture.ts';
import type { Context } from './scenario.ts';

const args = process.argv.slice(2);
const positional = args.filter((a) => !a.startsWith('--'));
const abuse = abuses.find((a) => a.id === positional[0]);
if (!abuse) throw new Error(`Name an abuse: ${abuses.map((a) => a.id).join(', ')}`);
const seconds = Number(positional[1] ?? 8);
const ctx: Context = { reps: 1, quick: false, profile: args.includes('--profile'), progress: () => {} };

// As noisy-neighbour starts it: the server's own limits, one trusted proxy so the abuser has an address of its own.
const over = JSON.parse(/^--limits=(.*)$/s.exec(args.find((a) => a.startsWith('--limits=')) ?? '')?.[1] ?? '{}') as Record<string, unknown>;
const seat = await startSeatfold(ctx, {
  name: 'abuse-alone',
  limits: { socketsPerAddress: 1000, ...over },
  guestSessionsPerMinute: null,
  trustedProxies: 1,
});
const target = { port: seat.port, token: seat.token, reviewToken: seat.reviewToken };
const prepared = await abuse.prepare?.(target, '203.0.113.9');
await seat.stats();
let stop = false;
const timer = setTimeout(() => (stop = true), seconds * 1000);
const count = await abuse.run(target, () => stop, '203.0.113.9', prepared);
clearTimeout(timer);
const stats = await seat.stats();
console.log(`${abuse.id}: ${count} abusive requests in ${seconds} s (${Math.round(count / seconds)}/s)`);
const { cpuPercent, eventLoopUtilization, loopDelayP99Ms, loopDelayMaxMs, gc, peakRssMB } = stats;
console.log(JSON.stringify({ cpuPercent, eventLoopUtilization, loopDelayP99Ms, loopDelayMaxMs, gc, peakRssMB }));
await seat.stop();
