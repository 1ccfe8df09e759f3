import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Server as IoServer } from 'socket.io';
import { DEFAULT_LIMITS, EventPush } from '@seatfold/sync/server';
import { frame, type WireEvent } from '@seatfold/sync';
import { takeStalls, watchStalls, type Stalls } from './stalls.ts';

const ONE = 'insert into bench_floor_events (v, command_id, data, at) values ($1, $2, $3, $4)';
const MANY =
  'insert into bench_floor_events (v, command_id, data, at) select * from unnest($1::bigint[], $2::text[], $3::jsonb[], $4::timestamptz[])';

/**
 * The physical floor of Seatfold's design, as a server: the least any server must do to give a command what Seatfold
 * gives it — received over socket.io, made durable in PostgreSQL (its own transaction, one WAL flush per group)
 * before it is acknowledged, and pushed to every client of the plan — with none of Seatfold's own work: no
 * validation, no decision, no fold, no idempotency, no limits. Commands that arrive while a commit is in flight wait
 * and go together in the next one (group commit, as Seatfold does); each group is one multi-row INSERT; pushes follow
 * Seatfold's default policy (its EventPush: after the acks, at most one per DEFAULT_LIMITS.eventPushMs), each
 * encoded once for all sockets (a socket.io room).
 *
 * It speaks enough of Seatfold's protocol for the bench's ProtocolClient: `join` is answered `{ ok: true }` and a
 * `command` `{ status: 'accepted', version }`.
 */
export async function startFloorServer(databaseUrl: string): Promise<{
  port: number;
  stats: () => FloorStats;
  stop: () => Promise<void>;
}> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query(
    'create table if not exists bench_floor_events (v bigint primary key, command_id text not null, data jsonb not null, at timestamptz not null)',
  );
  await db.query('truncate bench_floor_events');
  let version = 0;

  const http = createServer((_req, res) => res.writeHead(204).end());
  const io = new IoServer(http, { serveClient: false });
  type Waiting = { commandId: string; command: unknown; ack: (reply: unknown) => void };
  let queue: Waiting[] = [];
  let committing = false;
  watchStalls();
  let counters = newCounters();
  const pushes = new EventPush(
    DEFAULT_LIMITS.eventPushMs,
    (events) => io.to('plan').emit('events', frame(events)),
    DEFAULT_LIMITS.eventPushAfterAcks,
  );

  const commit = async () => {
    if (committing || queue.length === 0) return;
    committing = true;
    const group = queue;
    queue = [];
    const atMs = Date.now();
    const at = new Date(atMs).toISOString();
    // Pushed as Seatfold pushes events (its wire shape, framed as its hub frames them), the command standing in for
    // the event.
    const events: WireEvent[] = group.map((w, i) => ({
      version: version + i + 1,
      event: w.command as WireEvent['event'],
      meta: { actor: 'floor', actorId: 'floor', commandId: w.commandId, batchId: null, at: atMs },
    }));
    const t0 = performance.now();
    try {
      // Named prepared statements: parsed and planned once per connection, the cheapest way pg offers.
      if (events.length === 1) {
        const e = events[0]!;
        await db.query({ name: 'floor-one', text: ONE, values: [e.version, e.meta.commandId, JSON.stringify(e.event), at] });
      } else {
        const values = [
          events.map((e) => e.version),
          events.map((e) => e.meta.commandId),
          events.map((e) => JSON.stringify(e.event)),
          events.map(() => at),
        ];
        await db.query({ name: 'floor-many', text: MANY, values });
      }
      version += group.length;
      counters.appendMs.push(performance.now() - t0);
      counters.groups.push(group.length);
      group.forEach((w, i) => w.ack({ status: 'accepted', version: events[i]!.version }));
      pushes.push(events);
    } catch (err) {
      for (const w of group) w.ack({ status: 'failed', message: (err as Error).message });
    } finally {
      committing = false;
      void commit();
    }
  };

  io.on('connection', (socket) => {
    void socket.join('plan');
    socket.on('join', (_req: unknown, ack: unknown) => {
      if (typeof ack === 'function') (ack as Waiting['ack'])({ ok: true });
    });
    socket.on('command', (req: { commandId: string; command: unknown }, ack: unknown) => {
      if (typeof ack !== 'function') return;
      queue.push({ commandId: req.commandId, command: req.command, ack: ack as Waiting['ack'] });
      void commit();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));

  return {
    port: (http.address() as AddressInfo).port,
    stats: () => {
      const out = counters.take();
      counters = newCounters();
      return out;
    },
    stop: async () => {
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await db.end();
    },
  };
}

export interface FloorStats extends Stalls {
  appends: number;
  commandsPerAppend: number;
  appendMedianMs: number;
  appendP99Ms: number;
  cpuPercent: number;
  seconds: number;
}

function newCounters() {
  const cpu = process.cpuUsage();
  const since = performance.now();
  const groups: number[] = [];
  const appendMs: number[] = [];
  return {
    groups,
    appendMs,
    take(): FloorStats {
      const used = process.cpuUsage(cpu);
      const seconds = (performance.now() - since) / 1000;
      const sorted = [...appendMs].sort((a, b) => a - b);
      return {
        appends: groups.length,
        commandsPerAppend: groups.length ? groups.reduce((a, b) => a + b, 0) / groups.length : 0,
        appendMedianMs: sorted.length ? sorted[Math.floor(sorted.length / 2)]! : NaN,
        appendP99Ms: sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]! : NaN,
        cpuPercent: ((used.user + used.system) / 1000 / 1000 / seconds) * 100,
        seconds,
        ...takeStalls(),
      };
    },
  };
}
