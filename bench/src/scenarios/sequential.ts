import pg from 'pg';
import { demoPlanCommands } from '@seatfold/domain';
import { Child } from '../child.ts';
import { connect, ProtocolClient } from '../clients.ts';
import { useAppend } from '../append-before.ts';
import { benchUrl, withClient } from '../db.ts';
import { EmmettWriter, openEmmett, runWithCommandHandler, seedEmmettStream } from '../emmett.ts';
import { startFloor, startSeatfold, type ServerStats } from '../fixture.ts';
import { alternate, type Scenario } from '../scenario.ts';
import { median, now } from '../stats.ts';
import { eventsOf, laneCommand } from '../workload.ts';

/**
 * One client, one plan, one command at a time: each command is a single-event seat/move/unseat sent over
 * socket.io and acknowledged after its commit. Compared, in alternating runs, with
 *   - the raw floor: one single-row INSERT (its own transaction, so one COMMIT and one WAL flush) with pg;
 *   - the socket.io floor: a bare emitWithAck echo round trip to a socket.io server in a child process;
 *   - the floor server (floor-server.ts): socket.io + the durable INSERT + the push, none of Seatfold's own work —
 *     the most any server acknowledging over socket.io after a commit can do, so the ceiling of "x the raw floor";
 *   - Emmett: one appendToStream per command with expectedStreamVersion, from one writer.
 */
export const sequential: Scenario = {
  id: 'sequential',
  title: 'Single-event commands, one at a time, one plan',
  async run(ctx, r) {
    const N = ctx.quick ? 300 : 1000;
    const NE = ctx.quick ? 200 : 600;
    const NH = ctx.quick ? 30 : 80;
    const WARMUP = 100;

    const seat = await startSeatfold(ctx, { name: 'sequential' });
    const echo = await Child.start('echo');
    const client = await ProtocolClient.open(seat.port, seat.token, 'seq');
    const echoSocket = await connect(echo.ready.port as number);
    const floorServer = await startFloor(ctx);
    const floorClient = await ProtocolClient.open(floorServer.port, 'floor', 'seq-floor');
    const [lane] = seat.lanes(1);

    await withClient((c) => c.query('create table if not exists bench_floor (id bigserial primary key, data jsonb not null)'));
    const floor = new pg.Client({ connectionString: benchUrl });
    await floor.connect();

    const emmett = openEmmett(benchUrl);
    const stream = `plan-sequential-${Date.now()}`;
    const setup = eventsOf(demoPlanCommands());
    await seedEmmettStream(emmett, stream, setup.events);
    const writer = new EmmettWriter(emmett, stream, setup.state, seat.lanes(1)[0]!);
    const handlerStream = `${stream}-handler`;
    await seedEmmettStream(emmett, handlerStream, setup.events);
    const [handlerLane] = seat.lanes(1);

    const sample = { type: 'GuestSeated', v: 1, guestId: 'g-0042', tableId: 't-120' };
    const ops = {
      floor: () => floor.query('insert into bench_floor (data) values ($1)', [JSON.stringify(sample)]).then(() => true),
      echo: () => echoSocket.emitWithAck('echo', { commandId: 'x', command: sample }).then(() => true),
      floorServer: () => floorClient.command(laneCommand(lane!)).then((reply) => reply.status === 'accepted'),
      seatfold: async () => {
        const reply = await client.command(laneCommand(lane!));
        if (reply.status !== 'accepted') return false;
        lane!.step++;
        return true;
      },
      seatfold0004: async () => ops.seatfold(),
      seatfold0007: async () => ops.seatfold(),
      emmett: () => writer.run(),
      emmettHandler: () => runWithCommandHandler(emmett, handlerStream, handlerLane!),
    };
    type Name = keyof typeof ops;
    const perOp = () => Object.fromEntries(Object.keys(ops).map((k) => [k, [] as number[]])) as Record<Name, number[]>;
    const rates = perOp();
    const lat = perOp();
    let refused = 0;

    /** n operations back to back; per-run rate counts only the ones that succeeded (committed). */
    const measure = async (name: Name, n: number, record: boolean) => {
      const samples: number[] = [];
      let ok = 0;
      const t0 = now();
      for (let i = 0; i < n; i++) {
        const t = now();
        if (await ops[name]()) ok++;
        else refused++;
        samples.push(now() - t);
      }
      const rate = ok / ((now() - t0) / 1000);
      if (record) {
        rates[name].push(rate);
        lat[name].push(...samples);
      }
    };

    for (const name of Object.keys(ops) as Name[]) await measure(name, name === 'emmettHandler' ? 10 : WARMUP, false);
    await seat.stats();
    await alternate(
      ctx.reps,
      [
        ['raw INSERT+COMMIT', () => measure('floor', N, true)],
        ['socket.io echo', () => measure('echo', N, true)],
        ['floor server', () => measure('floorServer', N, true)],
        ['Seatfold', () => measure('seatfold', N, true)],
        // The same server with migration 0004's append (a commands row per command) swapped in: what 0006 bought.
        [
          'Seatfold, 0004 append',
          () =>
            useAppend('0004')
              .then(() => measure('seatfold0004', N, true))
              .finally(() => useAppend('current')),
        ],
        // The same server with the appends as before migration 0008 (every append through seatfold_append's arrays).
        [
          'Seatfold, 0007 append',
          () =>
            useAppend('0007')
              .then(() => measure('seatfold0007', N, true))
              .finally(() => useAppend('current')),
        ],
        ['Emmett', () => measure('emmett', NE, true)],
        ['Emmett CommandHandler', () => measure('emmettHandler', NH, true)],
      ],
      ctx.progress,
    );
    const server: ServerStats = await seat.stats();

    client.close();
    echoSocket.close();
    floorClient.close();
    await floorServer.stop();
    await floor.end();
    await emmett.close();
    await Promise.all([seat.stop(), echo.child.stop()]);

    r.perRun('floor: raw INSERT + COMMIT (pg, 1 connection)', 'ops/s', rates.floor);
    r.perRun('floor: socket.io echo round trip', 'ops/s', rates.echo);
    r.perRun('floor server: socket.io + INSERT + push, nothing of Seatfold', 'cmds/s', rates.floorServer);
    r.perRun('Seatfold over socket.io', 'cmds/s', rates.seatfold);
    r.perRun('Seatfold with the 0004 append (commands row per command)', 'cmds/s', rates.seatfold0004);
    r.perRun('Seatfold with the 0007 append (before 0008: JSON arrays)', 'cmds/s', rates.seatfold0007);
    r.perRun('Emmett appendToStream (sequential)', 'cmds/s', rates.emmett);
    r.perRun('Emmett CommandHandler (aggregateStream + append; info)', 'cmds/s', rates.emmettHandler);
    r.latency('latency: raw INSERT + COMMIT', lat.floor);
    r.latency('latency: socket.io echo', lat.echo);
    r.latency('latency: floor server command → ack', lat.floorServer);
    r.latency('latency: Seatfold command → ack', lat.seatfold);
    r.latency('latency: Seatfold, 0004 append', lat.seatfold0004);
    r.latency('latency: Seatfold, 0007 append', lat.seatfold0007);
    r.latency('latency: Emmett append', lat.emmett);
    r.latency('latency: Emmett CommandHandler', lat.emmettHandler);
    // Ratios per repetition (the systems ran side by side in it), then the median over repetitions.
    const ratio = (a: number[], b: number[]) => a.map((x, i) => x / b[i]!);
    const vsFloor = r.perRun('ratio Seatfold / raw floor', 'x', ratio(rates.seatfold, rates.floor)).median;
    // The ceiling of the ratio above for any server answering over socket.io after a durable commit.
    const ceiling = r.perRun('ratio floor server / raw floor (the ceiling)', 'x', ratio(rates.floorServer, rates.floor)).median;
    r.perRun('ratio Seatfold / floor server', 'x', ratio(rates.seatfold, rates.floorServer));
    r.perRun('ratio Seatfold / Seatfold with the 0004 append', 'x', ratio(rates.seatfold, rates.seatfold0004));
    r.perRun('ratio Seatfold / Seatfold with the 0007 append', 'x', ratio(rates.seatfold, rates.seatfold0007));
    const vsEmmett = r.perRun('ratio Seatfold / Emmett', 'x', ratio(rates.seatfold, rates.emmett)).median;
    r.perRun('ratio Seatfold / Emmett CommandHandler (info)', 'x', ratio(rates.seatfold, rates.emmettHandler));
    // issue #14 (third round): 0.7x the floor measured in the same run; Emmett's ratio follows from it (≈ 1.7x).
    r.check('sequential: Seatfold ≥ 0.7x raw INSERT+COMMIT floor', vsFloor, '>=', 0.7, 'x', {
      label: 'the floor server / raw floor',
      value: ceiling,
    });
    r.details.vsEmmett = vsEmmett;
    r.details.ceiling = ceiling;
    r.details.server = server;
    r.details.refused = refused;
    r.details.emmett = { committed: writer.committed, failed: writer.failed, conflicts: writer.conflicts };
    r.details.medianLatencyMs = {
      floor: median(lat.floor),
      echo: median(lat.echo),
      floorServer: median(lat.floorServer),
      seatfold: median(lat.seatfold),
      emmett: median(lat.emmett),
    };
    if (refused > 0) r.notes.push(`${refused} commands were refused or failed (not counted)`);
  },
};
