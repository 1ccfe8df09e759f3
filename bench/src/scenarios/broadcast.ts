import { openClients, ProtocolClient } from '../clients.ts';
import { startSeatfold, type ServerStats } from '../fixture.ts';
import type { Scenario } from '../scenario.ts';
import { now } from '../stats.ts';
import { sleep } from '../emmett.ts';
import { laneCommand } from '../workload.ts';

const RECEIVERS = 100;

/**
 * 100 clients joined to one plan; one more client sends a command, and we time until each of the 100 has
 * received the event (command sent → 'events' message decoded by that client). One command at a time, with a
 * short pause, so each broadcast is measured on its own. All clients share this process's event loop: the
 * 100th receiver's decode waits behind the 99 others, which a real browser would not.
 */
export const broadcast: Scenario = {
  id: 'broadcast',
  title: `One command → event received by ${RECEIVERS} clients`,
  async run(ctx, r) {
    const perRun = ctx.quick ? 60 : 150;
    const reps = Math.min(ctx.reps, 3);
    const seat = await startSeatfold(ctx, { name: 'broadcast' });
    const receivers = await openClients(seat.port, seat.token, RECEIVERS, 'watch-');
    const sender = await ProtocolClient.open(seat.port, seat.token, 'sender');
    const [lane] = seat.lanes(1);

    let current: { commandId: string; sent: number; got: number[]; done: () => void } | null = null;
    for (const c of receivers) {
      c.onEvents = (events, at) => {
        const cur = current;
        if (cur && events.some((e) => e.meta.commandId === cur.commandId)) {
          cur.got.push(at - cur.sent);
          if (cur.got.length === RECEIVERS) cur.done();
        }
      };
    }

    const all: number[] = [];
    const acks: number[] = [];
    const runP99: number[] = [];
    const stats: ServerStats[] = [];
    let timeouts = 0;
    const run = async (count: number, record: boolean) => {
      await seat.stats();
      const samples: number[] = [];
      for (let i = 0; i < count; i++) {
        const commandId = sender.nextId();
        const received = new Promise<void>((resolve) => {
          current = { commandId, sent: now(), got: [], done: resolve };
        });
        const sent = current!.sent;
        const ack = sender.command(laneCommand(lane!), commandId).then((reply) => {
          if (reply.status !== 'accepted') throw new Error(`broadcast: command refused: ${JSON.stringify(reply)}`);
          lane!.step++;
          return now() - sent;
        });
        const timedOut = await Promise.race([received.then(() => false), sleep(5000).then(() => true)]);
        if (timedOut) timeouts++;
        const got = current!.got;
        current = null;
        if (record) {
          samples.push(...got);
          acks.push(await ack);
        } else await ack;
        await sleep(5);
      }
      const s = await seat.stats();
      if (!record) return;
      all.push(...samples);
      runP99.push(samples.sort((a, b) => a - b)[Math.ceil(samples.length * 0.99) - 1]!);
      stats.push(s);
    };

    ctx.progress('  warm-up');
    await run(20, false);
    for (let rep = 0; rep < reps; rep++) {
      ctx.progress(`  run ${rep + 1}/${reps}: ${perRun} commands × ${RECEIVERS} receivers`);
      await run(perRun, true);
    }
    for (const c of [...receivers, sender]) c.close();
    await seat.stop();

    const lat = r.latency(`command → event at each of ${RECEIVERS} clients`, all);
    r.perRun('  per-run p99', 'ms', runP99);
    r.latency('sender: command → ack', acks);
    r.check(`broadcast to ${RECEIVERS}: p99 ≤ 25 ms`, lat.p99, '<=', 25, 'ms');
    r.details.server = stats;
    r.details.timeouts = timeouts;
    if (timeouts > 0) r.notes.push(`${timeouts} commands did not reach all receivers within 5 s`);
  },
};
