import { PROTOCOL_VERSION } from '@seatfold/sync';
import type { Socket } from 'socket.io-client';
import { connect, fromAddress, sessionCookie } from './clients.ts';
import { sleep } from './emmett.ts';

/** What an abusive client needs of the server under test. */
export interface Target {
  port: number;
  token: string;
  reviewToken: string;
}

/**
 * How long an abusive client waits for an answer before it sends again: a socket paused for flooding gets none
 * (Limits.refusedPerSocket), and an abuser that waited longer would only make the scenario slower.
 */
export const ABUSE_WAIT_MS = 5_000;

/**
 * One abusive client per kind of abuse issue #8 names; each runs until `stop()` says so. `prepare`, where there is
 * one, builds what the abuse needs before the phase it is measured in begins; `run` gets what it answered.
 */
export type Abuse = {
  id: string;
  title: string;
  prepare?(seat: Target, address: string): Promise<unknown>;
  run(seat: Target, until: () => boolean, address: string, prepared?: unknown): Promise<number>;
};

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
async function joined(seat: Target, token: string, name: string, address: string) {
  const s = await connect(seat.port, address);
  await s.emitWithAck('join', join(token, name));
  return s;
}

/** heavy-floor's room: 3,000 tables in rows of 60, 3.2 m apart; `hallMoves` puts 500 of them, from `from`, at `rotation`. */
const HALL_TABLES = 3_000;
const hallMoves = (from: number, rotation: number) =>
  Array.from({ length: 500 }, (_, k) => {
    const i = (from + k) % HALL_TABLES;
    return { kind: 'table', id: `pt-${i}`, x: 2 + (i % 60) * 3.2, y: 2 + Math.floor(i / 60) * 3.2, rotation };
  });

const BAD_COMMANDS = [
  { type: 'renameRoom', roomId: '__proto__', name: 'x' },
  { type: 'removeGuest', guestId: 'constructor' },
  { type: 'addGuest', guestId: 'nul-guest', name: 'a\u0000b' },
  { type: 'editGuest', guestId: 'hasOwnProperty', changes: { notes: 'x' } },
];

export const abuses: Abuse[] = [
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
    id: 'import-previews',
    title: 'an owner of a plan of its own previewing a 20,000-row guest list, 3 at a time, in a loop',
    // Each preview plans the whole sheet on the shared thread (~0.4 s on a quiet machine): since stop 51 a slice of
    // 10 ms at a time, charged to that plan's decide time (refused, retryably, while it is used up).
    async prepare(seat, address) {
      const cookie = await sessionCookie(seat.port, address);
      const headers = { cookie, ...fromAddress(address) };
      const created = await fetch(`http://127.0.0.1:${seat.port}/api/plans`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: '{"name":"Previews"}',
      });
      const { organisePath } = (await created.json()) as { organisePath: string };
      const api = `http://127.0.0.1:${seat.port}/api/plans/${organisePath.slice(3)}`;
      const rows = Array.from({ length: 20_000 }, (_, i) => `Guest ${i};guest${i}@example.com;Dept ${i % 40}`);
      const up = await fetch(`${api}/uploads?name=guests.csv`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'text/csv' },
        body: `Name;Email;Department\n${rows.join('\n')}\n`,
      });
      const { uploadId, suggestedSheet } = (await up.json()) as { uploadId: string; suggestedSheet: string };
      return { url: `${api}/uploads/${uploadId}/preview`, headers, sheet: suggestedSheet };
    },
    run(_seat, until, _address, prepared) {
      const { url, headers, sheet } = prepared as { url: string; headers: Record<string, string>; sheet: string };
      const body = JSON.stringify({ kind: 'guests', sheet });
      return flood(3, until, () =>
        fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body }).then((r) => r.arrayBuffer()),
      );
    },
  },
  {
    id: 'heavy-floor',
    title: 'an organiser of a plan of its own turning 500 tables at once in a room of 3,000, as fast as acks return',
    // Each such command is a 40 kB message to parse, check against the tables near the ones it moves (a grid since
    // stop 42), append and push. The connection's byte budget (Limits.inboundBytesPerSocket) holds it to ~42 a second:
    // abuse-alone measured event-loop use of 0.12–0.14 then (docs/performance.md, stop 42).
    // Its own plan and room, built before the measured phase: a 3,000-table import is a planner's normal work.
    async prepare(seat, address) {
      const headers = { 'content-type': 'application/json', cookie: await sessionCookie(seat.port, address), ...fromAddress(address) };
      const created = await fetch(`http://127.0.0.1:${seat.port}/api/plans`, { method: 'POST', headers, body: '{"name":"Big hall"}' });
      const { organisePath } = (await created.json()) as { organisePath: string };
      // its owner's session: a new plan's links admit its members only
      const s = await connect(seat.port, address, headers.cookie);
      await s.emitWithAck('join', join(organisePath.slice(3), 'abuse-floor'));
      const tables = Array.from({ length: HALL_TABLES }, (_, i) => ({
        type: 'addPhysicalTable',
        physicalTableId: `pt-${i}`,
        roomId: 'hall',
        label: `H-${i}`,
        capacity: 8,
      }));
      const setup = [
        { type: 'addRoom', roomId: 'hall', name: 'Hall' },
        { type: 'setRoomSize', roomId: 'hall', widthM: 200, depthM: 170 },
        ...tables,
        ...Array.from({ length: HALL_TABLES / 500 }, (_, k) => ({ type: 'arrangeFloor', roomId: 'hall', moves: hallMoves(k * 500, 0) })),
      ];
      await s
        .timeout(120_000)
        .emitWithAck('batch', { commandId: 'floor-setup', batchId: 'floor-setup', kind: 'bulk', label: 'Hall', commands: setup });
      return s;
    },
    async run(_seat, until, _address, prepared) {
      const s = prepared as Socket;
      const n = await flood(8, until, (lane, n) =>
        s.timeout(ABUSE_WAIT_MS).emitWithAck('command', {
          commandId: `floor-${lane}-${n}`,
          command: { type: 'arrangeFloor', roomId: 'hall', moves: hallMoves(n * 500, n % 2 ? 90 : 0) },
        }),
      );
      s.close();
      return n;
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
