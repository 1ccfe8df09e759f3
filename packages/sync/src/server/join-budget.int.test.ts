import { type EventStore } from '@seatfold/store';
import { openMemoryStore } from '@seatfold/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type JoinReply } from '../protocol.ts';
import { SyncHub } from './hub.ts';
import { planOnHub, testId } from './plan-fixture.ts';

let store: EventStore;
beforeAll(async () => {
  store = await openMemoryStore();
});
afterAll(async () => {
  await store?.close();
});

/** Joins the plan of `token` from a client address, as a new connection. */
const joiner = (hub: SyncHub) => (token: string, address: string) =>
  hub
    .connect({ handshake: { headers: {}, address }, send: () => {} })
    .handle('join', { protocol: PROTOCOL_VERSION, token, clientId: testId('c'), userName: `J ${address}`, lastVersion: 0 }) as Promise<JoinReply>;

describe('joins over the whole server (Limits.joinsServer)', () => {
  it('past the budget, an address that joined lately waits, told it is the server; one that has not joins from the reserve', async () => {
    let now = 1_000_000;
    const hub = new SyncHub({ store, now: () => now, limits: { joinsServer: { perSecond: 1, burst: 3 } } });
    const { planId } = await planOnHub(store, hub);
    const token = (await store.getPlan(planId))!.organiseToken;
    const joinFrom = (address: string) => joiner(hub)(token, address);

    // planOnHub's room needed no join; three addresses (one of them twice) spend the server's burst of 3
    for (const address of ['10.0.0.1', '10.0.0.1', '10.0.0.2']) expect(await joinFrom(address)).toMatchObject({ ok: true });
    const busy = await joinFrom('10.0.0.1');
    expect(busy).toMatchObject({
      ok: false,
      error: { code: 'ServerBusy', message: expect.stringMatching(/^Many people are opening plans on this server/) },
    });
    expect(!busy.ok && busy.error.retryAfterMs).toBe(1_000);
    // a person from an address that has not joined for 10 s still gets in, from the reserve (as large as the budget)
    for (const address of ['10.0.0.3', '10.0.0.4', '10.0.0.5']) expect(await joinFrom(address)).toMatchObject({ ok: true });
    // each such address once: it joined lately now
    expect(await joinFrom('10.0.0.3')).toMatchObject({ ok: false, error: { code: 'ServerBusy' } });
    // and the reserve is bounded too
    expect(await joinFrom('10.0.0.6')).toMatchObject({ ok: false, error: { code: 'ServerBusy' } });
    // paid off, anybody joins again
    now += 10_000;
    expect(await joinFrom('10.0.0.1')).toMatchObject({ ok: true });
    expect(await joinFrom('10.0.0.6')).toMatchObject({ ok: true });
  });

  it("an address past its own budget is told it is its network's doing, and spends none of the server's", async () => {
    const now = 2_000_000;
    const hub = new SyncHub({
      store,
      now: () => now,
      limits: { joinsPerAddress: { perSecond: 1, burst: 1 }, joinsServer: { perSecond: 1, burst: 2 } },
    });
    const { planId } = await planOnHub(store, hub);
    const token = (await store.getPlan(planId))!.organiseToken;
    const joinFrom = (address: string) => joiner(hub)(token, address);
    expect(await joinFrom('10.1.0.1')).toMatchObject({ ok: true });
    for (let i = 0; i < 5; i++)
      expect(await joinFrom('10.1.0.1')).toMatchObject({
        ok: false,
        error: { code: 'ServerBusy', message: expect.stringMatching(/from your network/) },
      });
    // the refused ones cost the server's budget nothing: one token is left of its 2, and then it owes a second's worth
    expect(await joinFrom('10.1.0.2')).toMatchObject({ ok: true });
    const next = await joinFrom('10.1.0.2');
    expect(next).toMatchObject({ ok: false, error: { code: 'ServerBusy', message: expect.stringMatching(/on this server/) } });
    expect(!next.ok && next.error.retryAfterMs).toBe(1_000);
  });
});

describe('plan loads (Limits.loadBytesPerAddress, loadBytesServer)', () => {
  /** Two plans in the store, loaded by a first hub; `cold` gives a hub that has loaded neither. */
  async function twoPlans() {
    const first = new SyncHub({ store });
    const a = await planOnHub(store, first);
    const b = await planOnHub(store, first);
    const tokenOf = async (planId: string) => (await store.getPlan(planId))!.organiseToken;
    return { tokens: [await tokenOf(a.planId), await tokenOf(b.planId)] as const };
  }

  it("an address that has loaded its share waits to load another plan, told it is its network's; plans in memory stay open to it", async () => {
    const now = 3_000_000;
    const { tokens } = await twoPlans();
    const hub = new SyncHub({ store, now: () => now, limits: { loadBytesPerAddress: { perSecond: 100_000, burst: 1 } } });
    const join = joiner(hub);
    expect(await join(tokens[0], '10.2.0.1')).toMatchObject({ ok: true });
    const refused = await join(tokens[1], '10.2.0.1');
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'ServerBusy', message: expect.stringMatching(/^Many plans have been opened from your network/) },
    });
    // the wait is what the first load cost at 100 kB/s: its estimate is at least the room's fixed 64 kB
    expect(!refused.ok && refused.error.retryAfterMs).toBeGreaterThan(600);
    // a plan already in memory costs no load
    expect(await join(tokens[0], '10.2.0.1')).toMatchObject({ ok: true });
    // another address loads it
    expect(await join(tokens[1], '10.2.0.2')).toMatchObject({ ok: true });
  });

  it('past the server’s budget, only an address that has loaded none lately loads a plan, from a reserve', async () => {
    const { tokens } = await twoPlans();
    const { tokens: more } = await twoPlans();
    const hub = new SyncHub({ store, limits: { loadBytesServer: { perSecond: 1, burst: 1 } } });
    const join = joiner(hub);
    expect(await join(tokens[0], '10.3.0.1')).toMatchObject({ ok: true });
    expect(await join(tokens[1], '10.3.0.1')).toMatchObject({
      ok: false,
      error: { code: 'ServerBusy', message: expect.stringMatching(/^Seatfold is opening many plans at once/) },
    });
    expect(await join(tokens[1], '10.3.0.2')).toMatchObject({ ok: true });
    // the reserve is as large as the budget: spent by that one load
    expect(await join(more[0], '10.3.0.3')).toMatchObject({ ok: false, error: { code: 'ServerBusy' } });
    // loaded plans stay open to everybody
    expect(await join(tokens[1], '10.3.0.3')).toMatchObject({ ok: true });
  });
});
