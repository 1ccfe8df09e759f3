import type { Command } from '@seatfold/domain';
import type { EventStore } from '@seatfold/store';
import { framedCount, PROTOCOL_VERSION, type CommandReply, type HistoryReply, type JoinReply, type ProtocolError } from '@seatfold/sync';
import { DEFAULT_LIMITS } from '@seatfold/sync/server';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppOptions } from './app.ts';
import { createPlan } from './plans.ts';
import { ask, backends, connect, guestCookie, startApp, waitFor, type RunningApp } from './testing.ts';

const tokenOf = (path: string) => path.replace(/^\/p\//, '');
let n = 0;
const uid = (p: string) => `${p}-${++n}-${Math.random().toString(36).slice(2, 9)}`;
const join = (s: Socket, token: string) =>
  ask<JoinReply>(s, 'join', { protocol: PROTOCOL_VERSION, token, clientId: uid('c'), userName: 'Tester', lastVersion: 0 });
const guests = (k: number): Command[] => Array.from({ length: k }, (_, i): Command => ({ type: 'addGuest', guestId: `g${i}`, name: `Guest ${i}` }));
/** A batch of ~20 kB: 80 guests with notes, their ids starting with `prefix`. */
const notesBatch = (prefix: string) => ({
  commandId: uid('batch'),
  batchId: uid('b'),
  kind: 'bulk',
  label: 'Guests with notes',
  commands: Array.from({ length: 80 }, (_, i) => ({ type: 'addGuest', guestId: `${prefix}-${i}`, name: `Heavy ${i}`, notes: 'n'.repeat(180) })),
});
const isBusy = (e: ProtocolError | undefined) =>
  e?.code === 'ServerBusy' && typeof e.retryAfterMs === 'number' && e.retryAfterMs > 0 && e.message.length > 10;

for (const backend of backends()) {
  describe(`request, socket and plan limits over socket.io (${backend.name})`, () => {
    let store: EventStore;
    const servers: RunningApp[] = [];
    const sockets: Socket[] = [];
    const start = async (over: Partial<AppOptions> = {}) => {
      const s = await startApp(store, over);
      servers.push(s);
      return s;
    };
    const open = async (server: RunningApp) => {
      const s = await connect(server.url);
      sockets.push(s);
      return s;
    };
    /** A connection attempt's connect_error (null: it connected, and is closed with the others). */
    const refusal = (server: RunningApp) =>
      connect(server.url).then(
        (s) => {
          sockets.push(s);
          return null;
        },
        (err: Error & { data?: ProtocolError }) => err,
      );
    const plan = async (server: RunningApp, commands: Command[] = []) => {
      const links = await createPlan(store, server.app.hub, 'Gala', { commands: [{ type: 'createPlan', name: 'Gala' }, ...commands] });
      return { organise: tokenOf(links.organisePath), review: tokenOf(links.reviewPath) };
    };

    beforeAll(async () => {
      store = await backend.open();
    });
    afterAll(async () => {
      for (const s of sockets) s.disconnect();
      for (const s of servers) await s.close();
      await store?.close();
    });

    it("refuses a reviewer's flood of history requests with ServerBusy while another plan's organiser works", async () => {
      const server = await start();
      const big = await plan(server, guests(300));
      const other = await plan(server);
      const reviewer = await open(server);
      expect(await join(reviewer, big.review)).toMatchObject({ ok: true });
      const organiser = await open(server);
      expect(await join(organiser, other.organise)).toMatchObject({ ok: true });

      const flood = Array.from({ length: 100 }, () => ask<HistoryReply>(reviewer, 'history', { afterVersion: 0, limit: 5000 }));
      const edit = await ask<CommandReply>(organiser, 'command', { commandId: uid('cmd'), command: { type: 'addGuest', guestId: 'x', name: 'X' } });
      expect(edit).toMatchObject({ status: 'accepted' });
      const replies = await Promise.all(flood);
      const refused = replies.filter((r) => !r.ok);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.every((r) => !r.ok && isBusy(r.error))).toBe(true);
      // A plan of 300 guests holds more than a page: each answer is a full page (the client reads on for the rest).
      expect(replies.filter((r) => r.ok).every((r) => r.ok && framedCount(r.events) === DEFAULT_LIMITS.historyPage)).toBe(true);
      // Retryable: after the time it names, the same request is answered.
      const retry = refused[0]!;
      await new Promise((r) => setTimeout(r, !retry.ok ? retry.error.retryAfterMs : 0));
      await waitFor(
        'a retried history request to be answered',
        async () => (await ask<HistoryReply>(reviewer, 'history', { afterVersion: 0, limit: 10 })).ok,
        15_000,
        200,
      );
    });

    it('pauses a connection that keeps sending what is refused; it stays connected, and others are answered meanwhile', async () => {
      const server = await start();
      const big = await plan(server, guests(50));
      const other = await plan(server);
      const flooder = await open(server);
      expect(await join(flooder, big.review)).toMatchObject({ ok: true });
      const organiser = await open(server);
      expect(await join(organiser, other.organise)).toMatchObject({ ok: true });

      // Eight lanes of history requests, each sent again the moment its answer comes (or after 1 s without one),
      // whatever it says, for 1.5 s.
      let answers = 0;
      let refused = 0;
      const end = Date.now() + 1500;
      const lanes = Array.from({ length: 8 }, async () => {
        while (Date.now() < end) {
          const r = (await flooder
            .timeout(1000)
            .emitWithAck('history', { afterVersion: 0, limit: 5 })
            .catch(() => null)) as HistoryReply | null;
          if (!r) continue;
          answers++;
          if (!r.ok && isBusy(r.error)) refused++;
        }
      });
      await new Promise((r) => setTimeout(r, 300));
      const edit = await ask<CommandReply>(organiser, 'command', { commandId: uid('cmd'), command: { type: 'addGuest', guestId: 'x', name: 'X' } });
      expect(edit).toMatchObject({ status: 'accepted' });
      await Promise.all(lanes);
      // Unpaused, a loopback client is answered tens of thousands of times in 1.5 s; past its budget of refusals (100,
      // then 20 a second) it is paused for a second at a time, its requests unanswered meanwhile.
      expect(refused).toBeGreaterThan(100);
      expect(answers).toBeLessThan(1000);
      // It is paused, not cut off: the connection stays, and answers again once the pause is over.
      expect(flooder.connected).toBe(true);
      await waitFor(
        'a history request after the pause',
        async () => (await ask<HistoryReply>(flooder, 'history', { afterVersion: 0, limit: 5 })).ok,
        15_000,
        300,
      );
    });

    it('holds all connections of one address to the address’s budget of bytes, losing nothing', async () => {
      const server = await start({
        limits: { inboundBytesPerSocket: { perSecond: 1e9, burst: 1e9 }, inboundBytesPerAddress: { perSecond: 20_000, burst: 40_000 } },
      });
      const p = await plan(server);
      // three connections of one address (every test socket is 127.0.0.1), each far within its own budget
      const heavy = await Promise.all([open(server), open(server), open(server)]);
      for (const h of heavy) expect(await join(h, p.organise)).toMatchObject({ ok: true });
      const batch = (h: number, b: number) => notesBatch(`addr-${h}-${b}`);
      const started = Date.now();
      const replies = await Promise.all(
        heavy.map(async (h, i) => {
          const out: CommandReply[] = [];
          for (let b = 0; b < 3; b++) out.push(await ask<CommandReply>(h, 'batch', batch(i, b)));
          return out;
        }),
      );
      expect(replies.flat().map((r) => r.status)).toEqual(Array(9).fill('accepted'));
      // 180 kB together: 40 kB at once, then 20 kB a second for the address; a message is read before its connection
      // is paused, so each of the three may be one ahead: 4 s at the earliest
      expect(Date.now() - started).toBeGreaterThanOrEqual(3_900);
    });

    it('reads a connection sending more bytes than its budget more slowly, losing nothing; another is answered meanwhile', async () => {
      const server = await start({ limits: { inboundBytesPerSocket: { perSecond: 20_000, burst: 40_000 } } });
      const p = await plan(server);
      const heavy = await open(server);
      expect(await join(heavy, p.organise)).toMatchObject({ ok: true });
      const other = await open(server);
      expect(await join(other, p.organise)).toMatchObject({ ok: true });
      // six batches of 20 kB (guests with notes): 120 kB, two of them within the burst, the rest at 20 kB a second
      const batch = (b: number) => notesBatch(`heavy-${b}`);
      expect(JSON.stringify(batch(0)).length).toBeGreaterThan(20_000);
      // one after another, as a client streaming changes does (what already sits in the connection's buffers when it
      // is paused is still read)
      const started = Date.now();
      let heavyDone = false;
      const sending = (async () => {
        const replies: CommandReply[] = [];
        for (let b = 0; b < 6; b++) replies.push(await ask<CommandReply>(heavy, 'batch', batch(b)));
        heavyDone = true;
        return replies;
      })();
      await new Promise((r) => setTimeout(r, 200));
      // the other connection is read as usual while the heavy one waits
      const quick = await ask<CommandReply>(other, 'command', {
        commandId: uid('cmd'),
        command: { type: 'addGuest', guestId: 'light', name: 'Light' },
      });
      expect(quick).toMatchObject({ status: 'accepted' });
      expect(heavyDone).toBe(false); // (it takes 3 s at least, below)
      const replies = await sending;
      expect(replies.map((r) => r.status)).toEqual(Array(6).fill('accepted'));
      // 40 kB at once, then 20 kB a second: the sixth batch is read once 100 kB and more have been, 3 s at the earliest
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
      expect(heavy.connected).toBe(true);
    });

    it('limits the rate of joins per socket', async () => {
      const server = await start();
      const p = await plan(server);
      const s = await open(server);
      const replies = await Promise.all(Array.from({ length: 12 }, () => join(s, p.organise)));
      const busy = replies.filter((r) => !r.ok && r.error.code === 'ServerBusy');
      expect(busy.length).toBeGreaterThan(0);
      expect(busy.every((r) => !r.ok && isBusy(r.error))).toBe(true);
    });

    it('caps the sockets joined to one plan; a place freed is a place to join', async () => {
      const server = await start({ limits: { socketsPerPlan: 2 } });
      const p = await plan(server);
      const [a, b, c] = [await open(server), await open(server), await open(server)];
      expect(await join(a, p.organise)).toMatchObject({ ok: true });
      expect(await join(b, p.review)).toMatchObject({ ok: true });
      const third = await join(c, p.organise);
      expect(!third.ok && isBusy(third.error)).toBe(true);
      expect(!third.ok && third.error.message).toMatch(/2 open connections/);
      // A refused join leaves nothing behind: that socket gets none of the plan's events.
      const seen = { b: 0, c: 0 };
      b.on('events', () => seen.b++);
      c.on('events', () => seen.c++);
      expect(await ask<CommandReply>(a, 'command', { commandId: uid('cmd'), command: { type: 'addGuest', guestId: 'z', name: 'Z' } })).toMatchObject({
        status: 'accepted',
      });
      await waitFor('the joined reviewer to get the event', () => seen.b > 0);
      expect(seen.c).toBe(0);
      a.disconnect();
      await waitFor('a freed place in the plan', async () => (await join(c, p.organise)).ok, 15_000, 200);
    });

    it('keeps places for organisers when reviewers fill a plan, and holds one person to their share of it', async () => {
      const server = await start({ limits: { socketsPerPlan: 6, socketsPerPlanForReviewers: 2, socketsPerPersonInPlan: 2 } });
      const p = await plan(server);
      const [r1, r2, r3] = [await open(server), await open(server), await open(server)];
      expect(await join(r1, p.review)).toMatchObject({ ok: true });
      expect(await join(r2, p.review)).toMatchObject({ ok: true });
      const third = await join(r3, p.review);
      expect(!third.ok && isBusy(third.error)).toBe(true);
      expect(!third.ok && third.error.message).toMatch(/2 reviewers connected, the most it takes/);
      // the places kept: an organiser still gets in
      expect(await join(await open(server), p.organise)).toMatchObject({ ok: true });
      // one person (one browser's session) on many sockets: their share, then refused, whatever the plan has left
      const cookie = await guestCookie(server.url);
      const theirs = await Promise.all([1, 2, 3].map(() => connect(server.url, { cookie })));
      sockets.push(...theirs);
      expect(await join(theirs[0]!, p.organise)).toMatchObject({ ok: true });
      expect(await join(theirs[1]!, p.organise)).toMatchObject({ ok: true });
      const over = await join(theirs[2]!, p.organise);
      expect(!over.ok && isBusy(over.error)).toBe(true);
      expect(!over.ok && over.error.message).toMatch(/open in 2 tabs or windows/);
      theirs[0]!.disconnect();
      await waitFor('a place of theirs freed', async () => (await join(theirs[2]!, p.organise)).ok, 15_000, 200);
    });

    it('caps the sockets per client address with a connect_error that says ServerBusy', async () => {
      const server = await start({ limits: { socketsPerAddress: 3 } });
      const first = [await open(server), await open(server), await open(server)];
      const error = await refusal(server);
      expect(error?.data && isBusy(error.data)).toBe(true);
      expect(error?.data?.message).toMatch(/at most 3/);
      first[0]!.disconnect();
      const again = (await waitFor('a freed connection slot', () => connect(server.url).catch(() => null), 15_000, 200))!;
      sockets.push(again);
      expect(again.connected).toBe(true);
    });

    it('caps new connections per client address: past the burst, a connect_error says when to come back', async () => {
      // The noisy neighbour that connects, joins and leaves in a loop: each new socket had its own join budget.
      const server = await start({ limits: { connectionsPerAddress: { perSecond: 0.5, burst: 3 } } });
      for (let i = 0; i < 3; i++) (await open(server)).disconnect();
      const error = await refusal(server);
      expect(error?.data && isBusy(error.data)).toBe(true);
      expect(error?.data?.message).toMatch(/Too many new connections from your address\. Try again in [12] s\./);
      expect(error?.data?.retryAfterMs).toBeLessThanOrEqual(2000);
      await new Promise((r) => setTimeout(r, error?.data?.retryAfterMs ?? 0));
      const again = await open(server);
      expect(again.connected).toBe(true);
    });

    it('bounds the joins per client address across its sockets: past the burst, ServerBusy says when to come back', async () => {
      // The noisy neighbour re-joining on 30 sockets: each join is two reads of the store before anything is decided.
      const server = await start({ limits: { joinsPerAddress: { perSecond: 1, burst: 2 } } });
      const p = await plan(server, guests(3));
      const clients = [await open(server), await open(server), await open(server)];
      expect(await join(clients[0]!, p.review)).toMatchObject({ ok: true });
      expect(await join(clients[1]!, p.review)).toMatchObject({ ok: true });
      const refused = await join(clients[2]!, p.review);
      expect(refused).toMatchObject({ ok: false, error: { code: 'ServerBusy' } });
      const wait = (refused as { error: { retryAfterMs: number } }).error.retryAfterMs;
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(1000);
      await new Promise((r) => setTimeout(r, wait));
      expect(await join(clients[2]!, p.review)).toMatchObject({ ok: true });
    });

    it('charges loads of plans not in memory to the address: past its budget an export of another is 503 with Retry-After', async () => {
      // a budget that refills at a byte a second: the first load leaves it owing for hours
      const server = await start({ limits: { loadBytesPerAddress: { perSecond: 1, burst: 1 } } });
      // plans made by another server on the same store: not in this one's memory
      const other = await start();
      const made = await Promise.all(['Cold A', 'Cold B'].map((name) => createPlan(store, other.app.hub, name)));
      const [a, b] = made.map((links) => tokenOf(links.organisePath));
      const cookie = await guestCookie(server.url);
      const exportOf = (token: string) => fetch(`${server.url}/api/plans/${token}/export.csv`, { headers: { cookie } });
      expect((await exportOf(a!)).status).toBe(200);
      const refused = await exportOf(b!);
      expect(refused.status).toBe(503);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await refused.json()).toMatchObject({
        code: 'ServerBusy',
        error: expect.stringMatching(/^Many plans have been opened from your network/),
      });
      // the plan already in memory costs no load
      expect((await exportOf(a!)).status).toBe(200);
    });

    it('bounds concurrent history reads server-wide: a bounded queue, then ServerBusy', async () => {
      // A store whose marked history reads wait until released, so the bound is seen without racing the clock.
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let blocked = 0;
      const gated: EventStore = Object.create(store, {
        readStream: {
          value: async (planId: string, after?: number, limit?: number) => {
            if (limit === 123) {
              blocked++;
              await released;
            }
            return store.readStream(planId, after, limit);
          },
        },
      });
      const server = await start({ store: gated, limits: { historyReads: 1, historyQueue: 2 } });
      const p = await plan(server, guests(3));
      const readers = [await open(server), await open(server), await open(server)];
      for (const r of readers) expect(await join(r, p.review)).toMatchObject({ ok: true });
      const asks = readers.flatMap((r) => [0, 1].map(() => ask<HistoryReply>(r, 'history', { afterVersion: 0, limit: 123 })));
      await waitFor('one read running', () => blocked === 1);
      release();
      const replies = await Promise.all(asks);
      expect(blocked).toBe(3);
      expect(replies.filter((r) => r.ok)).toHaveLength(3);
      const refused = replies.filter((r) => !r.ok);
      expect(refused).toHaveLength(3);
      expect(refused.every((r) => !r.ok && isBusy(r.error) && /histories/.test(r.error.message))).toBe(true);
    });
  });
}
