import { stateHash, type Command } from '@seatfold/domain';
import { openMemoryStore } from '@seatfold/store/testing';
import { openStore, type EventStore } from '@seatfold/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type CommandReply, type JoinReply } from '../protocol.ts';
import { SyncHub, type HubOptions } from './hub.ts';

const backends: [string, () => Promise<EventStore>][] = [['PGlite', () => openMemoryStore()]];
if (process.env.DATABASE_URL) backends.push(['PostgreSQL', () => openStore({ databaseUrl: process.env.DATABASE_URL! })]);

let n = 0;
const id = (p: string) => `${p}-${++n}-${Math.random().toString(36).slice(2, 9)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

for (const [name, open] of backends) {
  describe(`unloading idle plans (${name})`, () => {
    let store: EventStore;
    const hubs: SyncHub[] = [];
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      for (const h of hubs) h.close();
      await store?.close();
    });
    const newHub = (o: Partial<HubOptions> = {}) => {
      const hub = new SyncHub({ store, ...o });
      hubs.push(hub);
      return hub;
    };

    async function plan(hub: SyncHub, guests = 5) {
      const planId = id('plan');
      const token = id('org');
      await store.createPlan({ id: planId, name: 'P', organiseToken: token, reviewToken: id('rev'), createdAt: Date.now() });
      const room = await hub.room(planId);
      const commands: Command[] = [
        { type: 'createPlan', name: 'P' },
        { type: 'addTable', tableId: 't1', name: '1', capacity: 100 },
        ...Array.from({ length: guests }, (_, i): Command => ({ type: 'addGuest', guestId: `g${i}`, name: `G${i}` })),
      ];
      for (const [i, command] of commands.entries())
        await room.submit({ commandId: `${planId}-s${i}`, command, batchId: null, actor: { id: 'name:Seatfold', name: 'Seatfold' }, resent: false });
      return { planId, token, room };
    }
    const joinAs = async (hub: SyncHub, token: string) => {
      const s = hub.connect({ handshake: { headers: {}, address: '127.0.0.1' }, send: () => {} });
      expect(
        (await s.handle('join', { protocol: PROTOCOL_VERSION, token, clientId: id('c'), userName: 'Ann', lastVersion: 0 })) as JoinReply,
      ).toMatchObject({ ok: true });
      return s;
    };
    const command = (s: ReturnType<SyncHub['connect']>, c: Command) =>
      s.handle('command', { commandId: id('cmd'), command: c }) as Promise<CommandReply>;

    it('keeps a plan with a joined session; unloads it when idle; reloads it with the same state; a command right after works', async () => {
      const hub = newHub({ unload: { idleMs: 30, sweepEveryMs: 0 } });
      const { planId, token, room } = await plan(hub);
      const ann = await joinAs(hub, token);
      expect(await command(ann, { type: 'seatGuest', guestId: 'g1', tableId: 't1' })).toMatchObject({ status: 'accepted' });
      await sleep(60);
      expect(await hub.unloader.sweep()).toBe(0); // Ann is in it
      expect(hub.openPlans).toBe(1);
      const before = await room.snapshot();

      ann.close();
      await sleep(60);
      expect(await hub.unloader.sweep()).toBe(1);
      expect(hub.openPlans).toBe(0);

      // A command right after the unload: the session's plan is loaded again on demand.
      const bob = await joinAs(hub, token);
      const reloaded = await hub.room(planId);
      expect(reloaded).not.toBe(room);
      expect(stateHash(await reloaded.snapshot())).toBe(stateHash(before));
      const next = await command(bob, { type: 'seatGuest', guestId: 'g2', tableId: 't1' });
      expect(next).toMatchObject({ status: 'accepted', version: before.version + 1 });
      expect(await store.streamVersion(planId)).toBe(before.version + 1);
    });

    it('unloads on its own timer', async () => {
      const hub = newHub({ unload: { idleMs: 30, sweepEveryMs: 20 } });
      await plan(hub);
      await waitFor('the idle plan to be unloaded', () => hub.openPlans === 0);
    });

    it('never unloads while a commit is in flight: the commit completes first and is kept', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let holding = false;
      const slow: EventStore = Object.create(store, {
        append: {
          value: async (...args: Parameters<EventStore['append']>) => {
            if (holding) await gate;
            return store.append(...args);
          },
        },
      });
      const hub = newHub({ store: slow, unload: { idleMs: 30, sweepEveryMs: 0 } });
      const { planId, token } = await plan(hub);
      const ann = await joinAs(hub, token);
      holding = true;
      const pending = command(ann, { type: 'addGuest', guestId: 'late', name: 'Late' });
      ann.close();
      await sleep(60);
      const sweep = hub.unloader.sweep();
      const early = await Promise.race([sweep, sleep(200).then(() => 'waiting' as const)]);
      expect(early).toBe('waiting');
      expect(hub.openPlans).toBe(1);
      release();
      expect(await pending).toMatchObject({ status: 'accepted' });
      await sweep;
      const state = await (await hub.room(planId)).snapshot();
      expect(state.guests.late?.name).toBe('Late');
    });

    it('over the memory budget, unloads idle plans least recently used first', async () => {
      const hub = newHub({ unload: { idleMs: 60 * 60_000, sweepEveryMs: 0 } });
      const a = await plan(hub, 20);
      const b = await plan(hub, 20);
      const c = await plan(hub, 20);
      const joined = await joinAs(hub, a.token); // a: oldest, but in use
      await hub.room(b.planId);
      await sleep(5);
      await hub.room(c.planId); // c: most recently used
      expect(await hub.unloader.sweep()).toBe(0); // under the default budget, nothing is idle long enough
      const one = c.room.estimatedBytes();
      hub.unloader.o.maxLoadedBytes = 2 * one + 1;
      expect(await hub.unloader.sweep()).toBe(1);
      expect(hub.openPlans).toBe(2);
      // b went (least recently used of the idle ones); a (joined) and c stayed.
      expect(await hub.room(a.planId)).toBe(a.room);
      expect(await hub.room(c.planId)).toBe(c.room);
      expect(await hub.room(b.planId)).not.toBe(b.room);
      joined.close();
    });

    it('past the most it may hold, refuses to open one more plan while the loaded ones are in use, retryably; opens it once one is idle', async () => {
      const hub = newHub({ unload: { idleMs: 30, sweepEveryMs: 0 } });
      const a = await plan(hub, 20);
      const b = await plan(hub, 20);
      const c = await plan(newHub(), 20); // stored, not loaded here
      const annA = await joinAs(hub, a.token);
      const annB = await joinAs(hub, b.token);
      const one = a.room.estimatedBytes();
      hub.unloader.o.maxLoadedBytes = hub.unloader.o.mostLoadedBytes = 2 * one;
      expect(hub.unloader.loadedBytes()).toBe(2 * one);

      const s = hub.connect({ handshake: { headers: {}, address: '127.0.0.1' }, send: () => {} });
      const join = () => s.handle('join', { protocol: PROTOCOL_VERSION, token: c.token, clientId: id('c'), userName: 'Cy', lastVersion: 0 });
      expect(await join()).toEqual({
        ok: false,
        error: {
          code: 'ServerBusy',
          message: 'Seatfold has as many plans open as it can hold right now. Try again in a few minutes.',
          retryAfterMs: 60_000,
        },
      });
      expect(hub.openPlans).toBe(2);
      // the plans in memory work on
      expect(await command(annA, { type: 'seatGuest', guestId: 'g1', tableId: 't1' })).toMatchObject({ status: 'accepted' });

      annB.close();
      await sleep(60); // b is idle now: the next load unloads it first
      expect(await join()).toMatchObject({ ok: true });
      expect(hub.openPlans).toBe(2);
      expect(await command(s, { type: 'seatGuest', guestId: 'g1', tableId: 't1' })).toMatchObject({ status: 'accepted' });
      annA.close();
      s.close();
    });
  });
}
