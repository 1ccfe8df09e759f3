/**
 * THE convergence fuzz test: several organisers edit one small, crowded plan at once over real socket.io, with
 * random valid and invalid commands, random small delays and random disconnects mid-flight. When the dust
 * settles every client's confirmed state and view, the server room's state and a fresh fold of the stored
 * events must all be the same, and no command may have produced events twice.
 *
 * Seeds are fixed so a failure can be replayed (timing still varies); SEATFOLD_FUZZ_SEED=<n> runs just seed n.
 */
import { stateHash, type Command, type PlanEvent, type PlanState } from '@seatfold/domain';
import type { EventStore } from '@seatfold/store';
import { bareHolder, clientReducer, socketTransport, SyncClient, type ProtocolError } from '@seatfold/sync';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan } from './plans.ts';
import { backends, connect, startApp, waitFor, type RunningApp, foldStore } from './testing.ts';
import { prng, type Rng } from '@seatfold/domain/testing';

const CLIENTS = 6;
const OPS_PER_CLIENT = 70;
const GUESTS = 40;
const TABLES = 10;
const PHYSICAL = 10;
const DEFAULT_SEEDS = [20260101, 7, 424242];

function seedsToRun(env: Record<string, string | undefined>): number[] {
  const pinned = env.SEATFOLD_FUZZ_SEED;
  if (pinned === undefined || pinned === '') return DEFAULT_SEEDS;
  const seed = Number(pinned);
  if (!Number.isInteger(seed)) throw new Error(`SEATFOLD_FUZZ_SEED must be an integer, got ${JSON.stringify(pinned)}`);
  return [seed];
}

/** A small plan with few seats, so conflicts are frequent. */
function setupCommands(r: Rng): Command[] {
  const out: Command[] = [{ type: 'createPlan', name: 'Fuzz' }];
  for (let i = 1; i <= 3; i++) out.push({ type: 'addRoom', roomId: `R${i}`, name: `Room ${i}` });
  for (let i = 1; i <= PHYSICAL; i++) {
    out.push({ type: 'addPhysicalTable', physicalTableId: `P${i}`, roomId: `R${1 + (i % 3)}`, label: `P-${i}`, capacity: 2 + r.int(3) });
  }
  for (let i = 1; i <= TABLES; i++) out.push({ type: 'addTable', tableId: `T${i}`, name: `Table ${i}`, capacity: 2 + r.int(3), vip: i === 1 });
  for (let i = 1; i <= 6; i++) out.push({ type: 'mapTable', tableId: `T${i}`, physicalTableId: `P${i}` });
  for (let i = 1; i <= GUESTS; i++) out.push({ type: 'addGuest', guestId: `G${i}`, name: `Guest ${i}` });
  for (let i = 1; i <= 12; i++) out.push({ type: 'seatGuest', guestId: `G${i}`, tableId: `T${1 + (i % 6)}` });
  return out;
}

/** Ids mostly of things that exist, sometimes of things that never did (or were removed). */
const guestId = (r: Rng) => `G${1 + r.int(GUESTS + 5)}`;
const tableId = (r: Rng) => `T${1 + r.int(TABLES + 2)}`;
const physicalId = (r: Rng) => `P${1 + r.int(PHYSICAL + 2)}`;

function randomCommand(r: Rng, view: PlanState, tag: string): Command {
  const roll = r.int(100);
  // Prefer targets that make sense in the client's view, so that many commands pass locally and clash on the server.
  const seated = Object.values(view.guests).filter((g) => g.tableId);
  const unseated = Object.values(view.guests).filter((g) => !g.tableId);
  const someSeated = () => (seated.length && r.chance(0.8) ? r.pick(seated).id : guestId(r));
  const someUnseated = () => (unseated.length && r.chance(0.8) ? r.pick(unseated).id : guestId(r));
  if (roll < 28) return { type: 'seatGuest', guestId: someUnseated(), tableId: tableId(r) };
  if (roll < 42) return { type: 'moveGuest', guestId: someSeated(), tableId: tableId(r) };
  if (roll < 50) return { type: 'swapGuests', guestId: someSeated(), otherGuestId: someSeated() };
  if (roll < 58) return { type: 'unseatGuest', guestId: someSeated() };
  if (roll < 63) return { type: 'mapTable', tableId: tableId(r), physicalTableId: physicalId(r) };
  if (roll < 67) return { type: 'unmapTable', tableId: tableId(r) };
  if (roll < 71) return { type: 'lockTable', tableId: tableId(r) };
  if (roll < 78) return { type: 'unlockTable', tableId: tableId(r) };
  if (roll < 84) return { type: 'editTable', tableId: tableId(r), changes: { capacity: 1 + r.int(5) } };
  if (roll < 87) return { type: 'editPhysicalTable', physicalTableId: physicalId(r), changes: { capacity: 1 + r.int(5) } };
  if (roll < 91) return { type: 'addGuest', guestId: r.chance(0.5) ? guestId(r) : `N-${tag}`, name: `New ${tag}` };
  if (roll < 94) return { type: 'editGuest', guestId: guestId(r), changes: { name: `Renamed ${tag}`, vip: r.chance(0.5) } };
  if (roll < 96) return { type: 'removeGuest', guestId: guestId(r) };
  if (roll < 98) return { type: 'addTable', tableId: r.chance(0.5) ? tableId(r) : `T-${tag}`, name: `Extra ${tag}`, capacity: 1 + r.int(4) };
  return { type: 'removeTable', tableId: tableId(r) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface FuzzClient {
  name: string;
  socket: Socket;
  client: SyncClient;
  holder: ReturnType<typeof bareHolder>;
  issued: string[];
  failures: ProtocolError[];
}

const fold = foldStore;

/**
 * Reconnects a socket the test disconnected, unless it is already connected or connecting: socket.io-client's
 * connect() while the namespace CONNECT is still unanswered sends a second CONNECT, which the server answers with a
 * second socket for the same connection (a client misuse that the real app never makes).
 */
function reconnect(c: FuzzClient) {
  if (!c.socket.active) c.socket.connect();
}

async function runScenario(server: RunningApp, store: EventStore, seed: number): Promise<void> {
  const r = prng(seed);
  const links = await createPlan(store, server.app.hub, `Fuzz ${seed}`, { commands: setupCommands(r) });
  const token = links.organisePath.replace(/^\/p\//, '');
  const room = await server.app.hub.room(links.planId);
  const clients: FuzzClient[] = [];
  const timers: ReturnType<typeof setTimeout>[] = [];
  const connectErrors: string[] = [];
  try {
    for (let i = 0; i < CLIENTS; i++) {
      const name = `c${i}`;
      const socket = await connect(server.url, { autoConnect: false });
      socket.on('connect_error', (err) => connectErrors.push(`${name}: ${err.message}`));
      const holder = bareHolder(clientReducer);
      let n = 0;
      const fc: FuzzClient = { name, socket, holder, issued: [], failures: [], client: null as unknown as SyncClient };
      fc.client = new SyncClient({
        transport: socketTransport(socket, 10_000),
        holder,
        token,
        clientId: `${name}-${seed}`,
        userName: `Organiser ${i}`,
        newId: () => `${seed}-${name}-${++n}`,
        onStatus: (status, error) => {
          if (status === 'failed' && error) fc.failures.push(error);
        },
      });
      fc.client.start();
      socket.connect();
      clients.push(fc);
    }
    await waitFor('all clients to join', () => clients.every((c) => c.client.isLive));

    // Each organiser acts on its own (random) schedule; each has its own stream of random numbers.
    await Promise.all(
      clients.map(async (c, i) => {
        const cr = prng(seed * 31 + i + 1);
        for (let op = 0; op < OPS_PER_CLIENT; op++) {
          if (cr.chance(0.6)) await sleep(cr.int(12));
          if (cr.chance(0.05) && c.socket.connected) {
            c.socket.disconnect(); // mid-flight: whatever is unanswered stays pending and is resent after the re-join
            const back = cr.int(40);
            if (cr.chance(0.5)) {
              await sleep(back);
              reconnect(c);
            } else {
              timers.push(setTimeout(() => reconnect(c), back)); // and go on issuing commands while offline
            }
            continue;
          }
          const burst = cr.chance(0.15) ? 2 + cr.int(4) : 1;
          for (let b = 0; b < burst; b++) {
            c.issued.push(c.client.issue(randomCommand(cr, c.holder.getState().view, `${c.name}-${op}-${b}`)));
          }
        }
        reconnect(c);
      }),
    );

    const describeClients = () =>
      `server at ${room.version}; ` +
      clients
        .map((c) => {
          const s = c.holder.getState();
          return `${c.name}: live=${c.client.isLive} connected=${c.socket.connected} active=${c.socket.active} confirmed=${s.confirmed.version} pending=${s.pending.length}${s.pending[0] ? ` (first ${s.pending[0].commandId} acked at ${s.pending[0].ackedAt})` : ''} resync=${s.needsResync}`;
        })
        .join('; ') +
      `; connect errors: ${connectErrors.join(', ') || 'none'}`;
    await waitFor(
      describeClients,
      async () => {
        for (const c of clients) reconnect(c);
        const version = (await room.snapshot()).version;
        return clients.every((c) => {
          const s = c.holder.getState();
          return c.client.isLive && s.pending.length === 0 && s.confirmed.version === version;
        });
      },
      30_000,
      25,
    );

    // Everybody agrees: clients (confirmed and view), the server room, and a fresh fold of the store.
    const serverState = await room.snapshot();
    const stored = await fold(store, links.planId);
    expect(stateHash(stored), 'fold of the stored events vs the server room').toBe(stateHash(serverState));
    expect(stored.version).toBe(serverState.version);
    for (const c of clients) {
      const s = c.holder.getState();
      expect(stateHash(s.confirmed), `${c.name} confirmed`).toBe(stateHash(serverState));
      expect(stateHash(s.view), `${c.name} view`).toBe(stateHash(serverState));
      expect(c.failures, `${c.name} join failures`).toEqual([]);
      // Conflicts are answered by the domain; transport or server trouble would show up here.
      const odd = c.holder.rejections.filter((x) => ['ServerError', 'NotJoined', 'BadMessage', 'InvalidCommand', 'Forbidden'].includes(x.error.code));
      expect(odd, `${c.name} rejections other than domain refusals`).toEqual([]);
    }

    // The stream is 1..n without holes, and every command's events are one run, stored once.
    const events = await store.readStream<PlanEvent>(links.planId);
    expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    const runs = new Map<string, number[]>();
    for (const e of events) (runs.get(e.meta.commandId) ?? runs.set(e.meta.commandId, []).get(e.meta.commandId)!).push(e.version);
    const issued = clients.flatMap((c) => c.issued);
    expect(new Set(issued).size, 'client command ids are unique').toBe(issued.length);
    const outcomes = await store.findCommandOutcomes(links.planId, [...runs.keys(), ...issued]);
    for (const [commandId, versions] of runs) {
      const o = outcomes.get(commandId);
      expect(o?.status, `outcome of ${commandId}, which has events`).toBe('accepted');
      if (o?.status !== 'accepted') continue;
      expect(versions, `events of ${commandId}: exactly its stored range, once`).toEqual(
        Array.from({ length: o.eventCount }, (_, k) => o.firstVersion + k),
      );
    }
    for (const [commandId, o] of outcomes) {
      if (o.status === 'accepted' && o.eventCount > 0) expect(runs.has(commandId), `events of accepted ${commandId}`).toBe(true);
    }
    // A good share of the commands must have clashed on the server, or this test does not test much.
    const rejectedOnServer = [...outcomes.values()].filter((o) => o.status === 'rejected').length;
    const acceptedOnServer = [...outcomes.values()].filter((o) => o.status === 'accepted').length;
    if (process.env.SEATFOLD_FUZZ_STATS)
      console.log(
        `seed ${seed}: ${events.length} events, ${acceptedOnServer} accepted, ${rejectedOnServer} rejected on the server, ${clients.reduce((n, c) => n + c.holder.rejections.length, 0)} rejections kept by clients, ${issued.length} issued`,
      );
    expect(acceptedOnServer).toBeGreaterThan(50);
    expect(rejectedOnServer).toBeGreaterThan(0);
  } finally {
    for (const t of timers) clearTimeout(t);
    for (const c of clients) {
      c.client.stop();
      c.socket.disconnect();
    }
  }
}

const seeds = seedsToRun(process.env);

for (const backend of backends()) {
  describe(`convergence fuzz (${backend.name})`, () => {
    let store: EventStore;
    let server: RunningApp;
    beforeAll(async () => {
      store = await backend.open();
      server = await startApp(store);
    });
    afterAll(async () => {
      await server?.close();
      await store?.close();
    });

    for (const seed of seeds) {
      it(`converges for seed ${seed}`, async () => {
        try {
          await runScenario(server, store, seed);
        } catch (err) {
          const e = err as Error;
          e.message = `convergence failed for seed ${seed} (${backend.name}) — pin it with SEATFOLD_FUZZ_SEED=${seed}\n${e.message}`;
          throw e;
        }
        expect(server.logs.filter((l) => /failed/.test(l))).toEqual([]);
      }, 45_000);
    }
  });
}
