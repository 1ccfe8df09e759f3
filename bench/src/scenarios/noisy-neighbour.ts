import { PROTOCOL_VERSION } from '@seatfold/sync';
import { connect, fromAddress, openClients, sessionCookie, type ProtocolClient } from '../clients.ts';
import { sleep } from '../emmett.ts';
import { startSeatfold, type SeatfoldFixture, type ServerStats } from '../fixture.ts';
import type { Scenario } from '../scenario.ts';
import { now, summarize } from '../stats.ts';
import { laneCommand, type Lane } from '../workload.ts';

const HONEST = 50;
/**
 * Each abusive client has an address of its own (X-Forwarded-For, the bench server trusting one proxy): the
 * per-address limits then bound it as they would in production, and one abuse's spent budget is not the next one's;
 * the honest clients share 127.0.0.1 among themselves.
 */
const abuserAddress = (i: number) => `203.0.113.${i + 1}`;
const RATE = 250;
/**
 * How long an abusive client waits for an answer before it sends again: a socket paused for flooding gets none
 * (Limits.refusedPerSocket), and an abuser that waited longer would only make the scenario slower.
 */
const ABUSE_WAIT_MS = 5_000;

/** One abusive client per kind of abuse issue #8 names; each runs until `stop()` says so. */
type Abuse = { id: string; title: string; run(seat: SeatfoldFixture, until: () => boolean, address: string): Promise<number> };

const join = (token: string, clientId: string) => ({ protocol: PROTOCOL_VERSION, token, clientId, userName: clientId, lastVersion: 0 });
/**
 * Runs `lanes` loops at once, each sending one abusive request after another (ignoring any refusal or error) until
 * `until()` says stop; answers how many were sent.
 */
async function flood(lanes: number, until: () => boolean, attempt: (lane: number, n: number) => Promise<unknown>): Promise<number> {
  let n = 0;
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      while (!until()) await attempt(lane, n++).catch(() => undefined);
    }),
  );
  return n;
}

/** A socket joined to the seeded plan under `name`. */
async function joined(seat: SeatfoldFixture, token: string, name: string, address: string) {
  const s = await connect(seat.port, address);
  await s.emitWithAck('join', join(token, name));
  return s;
}

const BAD_COMMANDS = [
  { type: 'renameRoom', roomId: '__proto__', name: 'x' },
  { type: 'removeGuest', guestId: 'constructor' },
  { type: 'addGuest', guestId: 'nul-guest', name: 'a\u0000b' },
  { type: 'editGuest', guestId: 'hasOwnProperty', changes: { notes: 'x' } },
];

const abuses: Abuse[] = [
  {
    id: 'history',
    title: 'a reviewer with 100 concurrent history requests of 5,000 events',
    async run(seat, until, address) {
      const s = await joined(seat, seat.reviewToken, 'abuse-history', address);
      const n = await flood(100, until, () => s.timeout(ABUSE_WAIT_MS).emitWithAck('history', { afterVersion: 0, limit: 5000 }));
      s.close();
      return n;
    },
  },
  {
    id: 'joins',
    title: '30 sockets re-joining at version 0 in a loop',
    async run(seat, until, address) {
      const sockets = await Promise.all(Array.from({ length: 30 }, () => connect(seat.port, address)));
      const n = await flood(30, until, (lane) =>
        sockets[lane]!.timeout(ABUSE_WAIT_MS).emitWithAck('join', join(seat.reviewToken, `abuse-join-${lane}`)),
      );
      for (const s of sockets) s.close();
      return n;
    },
  },
  {
    id: 'presence',
    title: '40 sockets joining and leaving in a loop (presence churn)',
    run: (seat, until, address) =>
      flood(40, until, async (lane, n) => {
        const s = await connect(seat.port, address).catch(() => null);
        if (!s) return sleep(50);
        await s
          .timeout(ABUSE_WAIT_MS)
          .emitWithAck('join', join(seat.reviewToken, `abuse-presence-${lane}-${n}`))
          .catch(() => undefined);
        s.close();
      }),
  },
  {
    id: 'bad-commands',
    title: 'an organiser sending prototype ids, NUL characters and junk as fast as acks return',
    async run(seat, until, address) {
      const s = await joined(seat, seat.token, 'abuse-bad', address);
      const n = await flood(8, until, (lane, n) =>
        s.timeout(ABUSE_WAIT_MS).emitWithAck('command', { commandId: `bad-${lane}-${n}`, command: BAD_COMMANDS[n % BAD_COMMANDS.length] }),
      );
      s.close();
      return n;
    },
  },
  {
    id: 'uploads',
    title: '3 concurrent uploads of a 20,000-row CSV in a loop',
    run(seat, until, address) {
      const rows = Array.from({ length: 20_000 }, (_, i) => `Guest ${i};guest${i}@example.com;Dept ${i % 40};${'note '.repeat(8)}`);
      const body = Buffer.from(`Name;Email;Department;Notes\n${rows.join('\n')}\n`);
      const url = `http://127.0.0.1:${seat.port}/api/plans/${seat.token}/uploads?name=guests.csv`;
      // A guest of the plan's open organiser link: without a session every upload was refused before its body was read.
      const cookie = sessionCookie(seat.port, address);
      return flood(3, until, async () => {
        const headers = { 'content-type': 'text/csv', cookie: await cookie, ...fromAddress(address) };
        return fetch(url, { method: 'POST', headers, body }).then((r) => r.arrayBuffer());
      });
    },
  },
  {
    id: 'plans',
    title: '4 concurrent plan creations in a loop',
    // A refusal says when to come back; a hostile client ignores it, but not faster than the loopback allows.
    run(seat, until, address) {
      const cookie = sessionCookie(seat.port, address);
      return flood(4, until, async () => {
        const headers = { 'content-type': 'application/json', cookie: await cookie, ...fromAddress(address) };
        return fetch(`http://127.0.0.1:${seat.port}/api/plans`, { method: 'POST', headers, body: '{"name":"spam"}' }).then((r) => r.arrayBuffer());
      });
    },
  },
];

/**
 * Noisy neighbour: 50 honest organisers send 250 commands/s on a fixed schedule, first alone (quiet), then beside
 * one abusive client of each kind. Reports the honest clients' ack p99 beside the quiet p99, and the server's peak
 * RSS during each abuse.
 */
export const noisyNeighbour: Scenario = {
  id: 'noisy-neighbour',
  title: `Honest ack p99 (${HONEST} clients, ${RATE}/s) beside one abusive client of each kind`,
  async run(ctx, r) {
    const seconds = ctx.quick ? 3 : 6;
    // The server's own limits (new guest sessions per address included: each presence-churn connection asks for one),
    // except the cap on sockets per address: here 50 honest planners share 127.0.0.1.
    const seat = await startSeatfold(ctx, {
      name: 'noisy-neighbour',
      limits: { socketsPerAddress: 1000 },
      guestSessionsPerMinute: null,
      trustedProxies: 1,
      sampleRss: true,
    });
    const honest: ProtocolClient[] = await openClients(seat.port, seat.token, HONEST, 'honest-');
    const lanes: Lane[] = seat.lanes(HONEST);
    let refused = 0;

    const paced = async (total: number) => {
      const samples: number[] = [];
      const pending: Promise<void>[] = [];
      const t0 = now() + 5;
      for (let i = 0; i < total;) {
        const wait = t0 + i * (1000 / RATE) - now();
        if (wait > 1) await sleep(wait - 0.5);
        while (i < total && t0 + i * (1000 / RATE) <= now() + 0.05) {
          const k = i % HONEST;
          const lane = lanes[k]!;
          const command = laneCommand(lane);
          lane.step++;
          const sent = now();
          pending.push(
            honest[k]!.command(command).then((reply) => {
              samples.push(now() - sent);
              if (reply.status !== 'accepted') refused++;
            }),
          );
          i++;
        }
      }
      await Promise.all(pending);
      return samples;
    };

    const rows: { id: string; p50: number; p99: number; rss: number; abusive: number }[] = [];
    const stats: Record<string, ServerStats> = {};
    ctx.progress('  warm-up');
    await paced(RATE);
    await seat.stats();
    ctx.progress(`  quiet: ${RATE * seconds} honest commands`);
    const quiet = summarize(await paced(RATE * seconds));
    stats.quiet = await seat.stats();
    rows.push({ id: 'quiet', p50: quiet.median, p99: quiet.p99, rss: stats.quiet.peakRssMB, abusive: 0 });

    // BENCH_ABUSES=joins,history: only those abuses (an investigation of one, with --profile)
    const only = process.env.BENCH_ABUSES?.split(',');
    for (const [i, abuse] of abuses.entries()) {
      if (only && !only.includes(abuse.id)) continue;
      ctx.progress(`  ${abuse.id}: ${abuse.title}`);
      let stop = false;
      // An abuse that cannot even start (say, refused at its first connection) is reported, not a crash of the run.
      const running = abuse
        .run(seat, () => stop, abuserAddress(i))
        .catch((err: unknown) => {
          ctx.progress(`  ${abuse.id}: the abusive client stopped: ${err instanceof Error ? err.message : String(err)}`);
          return -1;
        });
      await sleep(500); // let the abuse build up first
      const samples = await paced(RATE * seconds);
      stop = true;
      const count = await running;
      const s = summarize(samples);
      stats[abuse.id] = await seat.stats();
      rows.push({ id: abuse.id, p50: s.median, p99: s.p99, rss: stats[abuse.id]!.peakRssMB, abusive: count });
      // The target of shared/design/benchmarks.md: an abusive neighbour at most doubles the honest clients' p99.
      r.check(`honest ack p99 under "${abuse.id}" ≤ 2× quiet p99 (${quiet.p99.toFixed(1)} ms)`, s.p99, '<=', 2 * quiet.p99, 'ms');
    }
    for (const c of honest) c.close();
    await seat.stop();

    for (const row of rows) {
      r.perRun(`${row.id}: honest ack p50`, 'ms', [row.p50]);
      r.perRun(`${row.id}: honest ack p99`, 'ms', [row.p99], row.id === 'quiet' ? undefined : `${(row.p99 / quiet.p99).toFixed(1)}× quiet`);
      r.perRun(`${row.id}: server peak RSS`, 'MB', [row.rss], row.id === 'quiet' ? undefined : `${row.abusive} abusive requests`);
    }
    r.details.rows = rows;
    r.details.server = stats;
    r.details.honestRefused = refused;
    if (refused > 0) r.notes.push(`${refused} honest commands refused`);
  },
};
