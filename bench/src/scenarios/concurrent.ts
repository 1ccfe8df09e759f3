import { demoPlanCommands } from '@seatfold/domain';
import { openClients, type ProtocolClient } from '../clients.ts';
import { benchUrl } from '../db.ts';
import { EmmettWriter, openEmmett, seedEmmettStream } from '../emmett.ts';
import { launchSeatfold, startFloor, startSeatfold, type SeatfoldFixture, type ServerStats } from '../fixture.ts';
import type { FloorStats } from '../floor-server.ts';
import { alternate, type Scenario } from '../scenario.ts';
import { cpuMeter, type CpuShare } from '../cpu.ts';
import { now, summarize } from '../stats.ts';
import { eventsOf, laneCommand, type Lane } from '../workload.ts';

const CLIENTS = 50;
/** commands in flight per client in the pipelined variant */
const PIPELINE = 8;

/**
 * 50 clients hammer one plan for a fixed time. Each Seatfold client is a socket.io connection that sends its next
 * command as soon as the previous one is acknowledged (and receives every broadcast, as a real client does).
 * Each Emmett writer does the same with appendToStream on the one stream, retrying on version conflicts.
 * Only committed commands count. The floor server (floor-server.ts: socket.io, a group-committed INSERT, the push to
 * every client, nothing of Seatfold) is hammered the same way: the most this machine gives any server with
 * Seatfold's guarantees, beside the 10,000/s target.
 */
export const concurrent: Scenario = {
  id: 'concurrent',
  title: `${CLIENTS} clients hammering one plan`,
  async run(ctx, r) {
    // Windows of 8 s after a 3 s warm-up of each server: the sustained rate the target asks for. With 3 s windows
    // after 0.5 s the servers' first seconds under load (JIT, V8's young generation growing back) weighed in, and
    // Seatfold's runs spread 8,506–11,617/s where 8 s windows spread 11,434–11,590 (docs/performance.md, stop 50).
    const seconds = ctx.quick ? 2 : 8;
    const warmMs = ctx.quick ? 500 : 3000;
    const reps = Math.min(ctx.reps, ctx.quick ? 2 : 3);

    // The same server with pipeline 2 (the next group sent while a commit is in flight), on a plan of its own,
    // alternated with the default (pipeline 1): what pipelining buys, in one run.
    const seatDefault = await startSeatfold(ctx, { name: 'concurrent' });
    const seatPipelined = await launchSeatfold(ctx, { name: 'concurrent-pipelined', pipeline: 2 });
    // The default server without production's start-up memory release (apps/server/src/memory.ts): what the release
    // costs under load, when V8's young generation has to grow back from its minimum.
    const seatUnreleased = await launchSeatfold(ctx, { name: 'concurrent-unreleased', releaseMemory: false });
    const servers = new Map<SeatfoldFixture, { clients: ProtocolClient[]; lanes: Lane[] }>();
    for (const s of [seatDefault, seatPipelined, seatUnreleased])
      servers.set(s, { clients: await openClients(s.port, s.token, CLIENTS, 'hammer-'), lanes: s.lanes(CLIENTS) });
    const seat = seatDefault;
    const floor = await startFloor(ctx);
    const floorClients = await openClients(floor.port, 'floor', CLIENTS, 'floor-');
    const floorRates: number[] = [];
    const floorStats: FloorStats[] = [];
    const floorCpu: CpuShare[] = [];

    const emmett = openEmmett(benchUrl);
    const stream = `plan-concurrent-${Date.now()}`;
    const setup = eventsOf(demoPlanCommands());
    await seedEmmettStream(emmett, stream, setup.events);
    const writers = seat.lanes(CLIENTS).map((lane) => new EmmettWriter(emmett, stream, structuredClone(setup.state), lane));

    const seatRates: number[] = [];
    const emmettRates: number[] = [];
    const serverStats: ServerStats[] = [];
    const emmettRuns: { committed: number; failed: number; conflicts: number; cpu: CpuShare }[] = [];
    const seatCpu: CpuShare[] = [];
    let refused = 0;

    const pipelinedRates: number[] = [];
    const pipelinedStats: ServerStats[] = [];
    /** inFlight 1: each client waits for its ack. More: the client keeps sending (optimistically, as the client engine does). */
    const pipe2Rates: number[] = [];
    const pipe2Stats: ServerStats[] = [];
    const unreleasedRates: number[] = [];
    const unreleasedStats: ServerStats[] = [];
    const runSeatfold = async (ms: number, record: boolean, inFlight = 1, seat: SeatfoldFixture = seatDefault) => {
      const { clients, lanes: seatLanes } = servers.get(seat)!;
      await seat.stats();
      let committed = 0;
      const cpu = cpuMeter();
      const t0 = now();
      const end = t0 + ms;
      const loop = async (c: ProtocolClient, lane: Lane) => {
        while (now() < end) {
          const command = laneCommand(lane);
          lane.step++;
          const reply = await c.command(command);
          if (reply.status === 'accepted') committed++;
          else refused++;
        }
      };
      await Promise.all(clients.flatMap((c, i) => Array.from({ length: inFlight }, () => loop(c, seatLanes[i]!))));
      const elapsed = (now() - t0) / 1000;
      const share = cpu();
      const stats = await seat.stats();
      if (!record) return;
      if (seat === seatUnreleased) {
        unreleasedRates.push(committed / elapsed);
        unreleasedStats.push(stats);
        return;
      }
      if (seat === seatPipelined) {
        pipe2Rates.push(committed / elapsed);
        pipe2Stats.push(stats);
        return;
      }
      if (inFlight > 1) {
        pipelinedRates.push(committed / elapsed);
        pipelinedStats.push(stats);
        return;
      }
      seatCpu.push(share);
      seatRates.push(committed / elapsed);
      serverStats.push(stats);
    };

    /** The floor server, hammered as Seatfold is (any command; it accepts everything). */
    const runFloor = async (ms: number, record: boolean) => {
      await floor.stats();
      const lanes = seat.lanes(CLIENTS);
      let committed = 0;
      const cpu = cpuMeter();
      const t0 = now();
      const end = t0 + ms;
      await Promise.all(
        floorClients.map(async (c, i) => {
          while (now() < end) {
            const reply = await c.command(laneCommand(lanes[i]!));
            lanes[i]!.step++;
            if (reply.status === 'accepted') committed++;
          }
        }),
      );
      const elapsed = (now() - t0) / 1000;
      const share = cpu();
      const stats = await floor.stats();
      if (!record) return;
      floorRates.push(committed / elapsed);
      floorStats.push(stats);
      floorCpu.push(share);
    };

    const runEmmett = async (ms: number, record: boolean) => {
      const before = writers.map((w) => ({ committed: w.committed, failed: w.failed, conflicts: w.conflicts }));
      const cpu = cpuMeter();
      const t0 = now();
      const end = t0 + ms;
      await Promise.all(
        writers.map(async (w) => {
          while (now() < end) await w.run();
        }),
      );
      const elapsed = (now() - t0) / 1000;
      const share = cpu();
      const delta = (k: 'committed' | 'failed' | 'conflicts') => writers.reduce((sum, w, i) => sum + w[k] - before[i]![k], 0);
      if (!record) return;
      emmettRates.push(delta('committed') / elapsed);
      emmettRuns.push({ committed: delta('committed'), failed: delta('failed'), conflicts: delta('conflicts'), cpu: share });
    };

    ctx.progress('  warm-up');
    await runSeatfold(warmMs, false);
    await runSeatfold(warmMs, false, 1, seatPipelined);
    await runSeatfold(warmMs, false, 1, seatUnreleased);
    await runEmmett(warmMs, false);
    await runFloor(warmMs, false);
    await alternate(
      reps,
      [
        ['Seatfold', () => runSeatfold(seconds * 1000, true)],
        ['floor server', () => runFloor(seconds * 1000, true)],
        ['Emmett', () => runEmmett(seconds * 1000, true)],
        ['Seatfold, pipeline 2', () => runSeatfold(seconds * 1000, true, 1, seatPipelined)],
        ['Seatfold, start-up memory not released', () => runSeatfold(seconds * 1000, true, 1, seatUnreleased)],
        [`Seatfold, ${PIPELINE} in flight per client`, () => runSeatfold(seconds * 1000, true, PIPELINE)],
      ],
      ctx.progress,
    );

    for (const { clients } of servers.values()) for (const c of clients) c.close();
    for (const c of floorClients) c.close();
    await floor.stop();
    await emmett.close();
    await seat.stop();
    await seatPipelined.stop();
    await seatUnreleased.stop();

    const seatRate = r.perRun(`Seatfold, ${CLIENTS} socket.io clients`, 'cmds/s', seatRates).median;
    r.perRun(`Emmett, ${CLIENTS} concurrent writers, 1 stream`, 'cmds/s', emmettRates);
    const floorRate = r.perRun(`floor server (socket.io + group-committed INSERT + push), ${CLIENTS} clients`, 'cmds/s', floorRates).median;
    r.perRun(
      'ratio Seatfold / floor server',
      'x',
      seatRates.map((x, i) => x / floorRates[i]!),
    );
    r.perRun(
      '  floor server: commands per transaction (mean per run)',
      'cmds',
      floorStats.map((s) => s.commandsPerAppend),
    );
    r.perRun(
      '  floor server: CPU of the server process',
      '% core',
      floorStats.map((s) => s.cpuPercent),
    );
    r.perRun(
      '  floor server: CPU of the 50 clients (bench process)',
      '% core',
      floorCpu.map((c) => c.harness),
    );
    r.perRun(
      '  floor server: CPU of PostgreSQL',
      '% core',
      floorCpu.map((c) => c.postgres),
    );
    const ratio = r.perRun(
      'ratio Seatfold / Emmett',
      'x',
      seatRates.map((x, i) => x / emmettRates[i]!),
    ).median;
    r.perRun(
      'Seatfold: commands per transaction (mean per run)',
      'cmds',
      serverStats.map((s) => s.commandsPerAppend.mean),
    );
    r.perRun('Seatfold without the start-up memory release', 'cmds/s', unreleasedRates);
    r.perRun(
      'ratio Seatfold / Seatfold without the start-up memory release',
      'x',
      seatRates.map((x, i) => x / unreleasedRates[i]!),
    );
    const gcPer1k = (s: ServerStats) => (s.gc.ms / Math.max(1, s.commands)) * 1000;
    r.perRun('  server GC pause per 1,000 commands, default', 'ms', serverStats.map(gcPer1k));
    r.perRun('  server GC pause per 1,000 commands, memory not released', 'ms', unreleasedStats.map(gcPer1k));
    r.perRun(
      '  server scavenges per 1,000 commands, default / not released',
      'x',
      serverStats.map((s, i) => s.gc.young / Math.max(1, s.commands) / (unreleasedStats[i]!.gc.young / Math.max(1, unreleasedStats[i]!.commands))),
    );
    r.perRun('Seatfold with pipeline 2 (next group sent while a commit is in flight)', 'cmds/s', pipe2Rates);
    r.perRun(
      'ratio pipeline 2 / pipeline 1',
      'x',
      pipe2Rates.map((x, i) => x / seatRates[i]!),
    );
    r.perRun(
      'pipeline 2: commands per transaction (mean per run)',
      'cmds',
      pipe2Stats.map((s) => s.commandsPerAppend.mean),
    );
    r.perRun(
      'Seatfold: CPU of the server process',
      '% core',
      serverStats.map((s) => s.cpuPercent),
    );
    r.perRun(
      'Seatfold: CPU of PostgreSQL',
      '% core',
      seatCpu.map((c) => c.postgres),
    );
    r.perRun(
      'Seatfold: CPU of the 50 clients (bench process)',
      '% core',
      seatCpu.map((c) => c.harness),
    );
    r.perRun(
      'Seatfold: CPU of the whole machine (2 cores = 200)',
      '% core',
      seatCpu.map((c) => c.machine),
    );
    r.perRun(`Seatfold, ${CLIENTS} clients × ${PIPELINE} in flight (info)`, 'cmds/s', pipelinedRates);
    r.perRun(
      `  commands per transaction, ${PIPELINE} in flight`,
      'cmds',
      pipelinedStats.map((s) => s.commandsPerAppend.mean),
    );
    r.perRun(
      'Emmett: conflicts per committed command',
      'x',
      emmettRuns.map((e) => e.conflicts / Math.max(1, e.committed)),
    );
    r.check(`${CLIENTS} clients: Seatfold ≥ 10,000 commands/s`, seatRate, '>=', 10_000, 'cmds/s', { label: 'the floor server', value: floorRate });
    r.check(`${CLIENTS} clients: Seatfold ≥ 10x Emmett`, ratio, '>=', 10, 'x', {
      label: 'the floor server / Emmett',
      value: summarize(floorRates.map((x, i) => x / emmettRates[i]!)).median,
    });
    r.details.floorRate = floorRate;
    r.details.floor = { stats: floorStats, cpu: floorCpu };
    r.details.server = serverStats;
    r.details.seatfoldCpu = seatCpu;
    r.details.pipelined = pipelinedStats;
    r.details.emmett = emmettRuns;
    r.details.refused = refused;
    r.details.groupSizes = summarize(serverStats.map((s) => s.commandsPerAppend.mean));
    if (refused > 0) r.notes.push(`${refused} Seatfold commands were refused (not counted)`);
  },
};
