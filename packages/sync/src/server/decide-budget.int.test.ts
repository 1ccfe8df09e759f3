import { type Command } from '@seatfold/domain';
import { openMemoryStore } from '@seatfold/store/testing';
import { type EventStore } from '@seatfold/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandReply } from '../protocol.ts';
import { SyncHub } from './hub.ts';
import { planOnHub, testId } from './plan-fixture.ts';
import type { Limits } from './limits.ts';

/**
 * Deciding is work on the one thread every plan shares. A connection's commands are charged what they cost there
 * (Limits.decideMsPerSocket) and a batch is decided in slices (Limits.decideSliceMs, batchDecideMs): one organiser of a big plan
 * cannot keep the thread from the others.
 */
let store: EventStore;
beforeAll(async () => {
  store = await openMemoryStore();
});
afterAll(async () => {
  await store?.close();
});

const id = testId;
const SEATFOLD = { id: 'name:Seatfold', name: 'Seatfold' };
/** A hub clock that stands still: the budgets refill only as this clock moves, so a spent one stays spent. */
const frozen = () => 1_800_000_000_000;
const adds = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i): Command => ({ type: 'addGuest', guestId: `${prefix}-${i}`, name: `Guest ${i}` }));

/** A created plan on `hub` and two organisers' sessions joined to it. */
async function plan(hub: SyncHub) {
  const p = await planOnHub(store, hub);
  return { ...p, ann: await p.join('Ann'), bob: await p.join('Bob') };
}

/**
 * The store, watched: the plans whose appends reached it, in order (`onAppend` runs as each is sent). The store
 * itself is real; only its `append` is seen on the way.
 */
function watchAppends(onAppend: () => void = () => {}) {
  const appends: string[] = [];
  const watched = new Proxy(store, {
    get(target, key) {
      if (key === 'append') {
        return (...args: Parameters<EventStore['append']>) => {
          appends.push(args[0]);
          onAppend();
          return target.append(...args);
        };
      }
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { appends, watched };
}

describe("a connection's decide time", () => {
  it('refuses the commands of a connection that has used it up, retryably and without applying them; another goes on', async () => {
    const hub = new SyncHub({
      store,
      now: frozen,
      limits: {
        decideMsPerSocket: { perSecond: 0.001, burst: 1 },
        commandsInFlight: 5_000,
        rates: { command: { perSecond: 10_000, burst: 10_000 } },
      } satisfies Partial<Limits>,
    });
    const { planId, room, ann, bob } = await plan(hub);
    const before = room.version;
    // 3,000 adds sent at once are admitted together; deciding them takes well over the 1 ms Ann may spend (and her
    // budget never refills: the hub's clock stands still, so a debt of a few µs is not paid off while the test runs)
    const replies = (await Promise.all(
      adds(3_000, 'ann').map((command) => ann.handle('command', { commandId: id('cmd'), command })),
    )) as CommandReply[];
    const accepted = replies.filter((r) => r.status === 'accepted').length;
    const busy = replies.filter((r) => r.status === 'rejected' && r.error.code === 'ServerBusy');
    expect(accepted).toBeGreaterThan(0);
    expect(busy.length).toBeGreaterThan(0);
    expect(accepted + busy.length).toBe(3_000);
    for (const r of busy) {
      expect(r.status === 'rejected' && r.error.retryAfterMs).toBeGreaterThan(0);
      expect(r.status === 'rejected' && r.error.message).toBe(
        "The server is busy checking this plan's recent changes. Yours will be sent again in a moment.",
      );
    }
    // what was refused was not applied: the plan holds exactly the accepted guests
    expect(room.version).toBe(before + accepted);
    expect(await store.streamVersion(planId)).toBe(before + accepted);
    // Ann's next command is refused at once; Bob, on his own connection, is served
    expect(await ann.handle('command', { commandId: id('cmd'), command: { type: 'addGuest', guestId: 'ann-late', name: 'Late' } })).toMatchObject({
      status: 'rejected',
      error: { code: 'ServerBusy' },
    });
    expect(await bob.handle('command', { commandId: id('cmd'), command: { type: 'addGuest', guestId: 'bob-1', name: 'Bob’s' } })).toMatchObject({
      status: 'accepted',
      version: before + accepted + 1,
    });
  });

  it("charges a revert's preview like deciding: past the connection's time it is refused as busy, not computed", async () => {
    const hub = new SyncHub({ store, now: frozen, limits: { decideMsPerSocket: { perSecond: 0.001, burst: 0.5 } } satisfies Partial<Limits> });
    const { ann, room } = await plan(hub);
    const target = id('batch');
    // (made by the server itself: no connection's budget in the way)
    const made = await room.submitBatch({
      commandId: id('b'),
      batchId: target,
      actor: SEATFOLD,
      resent: false,
      kind: 'k',
      label: 'Adds',
      fileName: null,
      fileHash: null,
      summary: null,
      reverts: null,
      build: () => ({ commands: adds(50, 'rv') }),
    });
    expect(made).toMatchObject({ status: 'accepted' });
    const preview = () => ann.handle('revert', { commandId: id('p'), batchId: id('pb'), targetBatchId: target, preview: true });
    expect(await preview()).toMatchObject({ status: 'accepted', detail: { restored: 50 } });
    // the first took more than her half millisecond: the next is refused at once, retryably
    expect(await preview()).toMatchObject({ status: 'rejected', error: { code: 'ServerBusy' } });
  });

  it('charges checking a batch that is then refused as malformed: sent on and on, it is refused as busy unchecked', async () => {
    const hub = new SyncHub({ store, now: frozen, limits: { decideMsPerSocket: { perSecond: 0.001, burst: 5 } } satisfies Partial<Limits> });
    const { room, ann, bob } = await plan(hub);
    const before = room.version;
    // 19,999 good commands and a bad last one: all checked (tens of ms), then refused whole.
    const commands = [...adds(19_999, 'junk'), { type: 'addGuest', guestId: 'bad' }];
    const send = () => ann.handle('batch', { commandId: id('b'), batchId: id('batch'), kind: 'k', label: 'Junk', commands });
    expect(await send()).toMatchObject({ status: 'rejected', error: { code: 'InvalidCommand', message: /^Change 20000: / } });
    // Ann's 5 ms are spent on the checking: her next batch is refused before any is checked
    expect(await send()).toMatchObject({ status: 'rejected', error: { code: 'ServerBusy' } });
    expect(room.version).toBe(before);
    expect(await bob.handle('command', { commandId: id('cmd'), command: { type: 'addGuest', guestId: 'bob-1', name: 'Bob’s' } })).toMatchObject({
      status: 'accepted',
    });
  });

  it("bounds a plan's sockets together: past the plan's budget its organisers wait, another plan's do not", async () => {
    const hub = new SyncHub({
      store,
      now: frozen,
      limits: { decideMsPerPlan: { perSecond: 0.001, burst: 1 }, commandsInFlight: 5_000, rates: { command: { perSecond: 10_000, burst: 10_000 } } },
    });
    const busy = await plan(hub);
    const calm = await plan(hub);
    const replies = (await Promise.all(
      adds(3_000, 'ann').map((command) => busy.ann.handle('command', { commandId: id('cmd'), command })),
    )) as CommandReply[];
    expect(replies.some((r) => r.status === 'rejected' && r.error.code === 'ServerBusy')).toBe(true);
    // Bob has spent nothing on his own connection, but his plan has
    expect(await busy.bob.handle('command', { commandId: id('cmd'), command: { type: 'addGuest', guestId: 'bob-1', name: 'B' } })).toMatchObject({
      status: 'rejected',
      error: { code: 'ServerBusy' },
    });
    expect(await calm.ann.handle('command', { commandId: id('cmd'), command: { type: 'addGuest', guestId: 'calm-1', name: 'C' } })).toMatchObject({
      status: 'accepted',
    });
  });

  it('refuses a batch that takes longer than its most to decide, whole, and the plan works on', async () => {
    const hub = new SyncHub({ store, limits: { decideSliceMs: 1, batchDecideMs: 3 } satisfies Partial<Limits> });
    const { planId, room, ann } = await plan(hub);
    const before = room.version;
    const refused = (await ann.handle('batch', {
      commandId: id('b'),
      batchId: id('batch'),
      kind: 'bulk',
      label: 'Many guests',
      commands: adds(8_000, 'many'),
    })) as CommandReply;
    expect(refused.status === 'rejected' && refused.error.code).toBe('Unprocessable');
    expect(refused.status === 'rejected' && refused.error.message).toMatch(
      /^Checking this change took too long: after [\d,]+ of its 8,000 parts the server stopped\. Nothing was applied\. Send it in smaller parts\.$/,
    );
    expect(room.version).toBe(before);
    expect(await store.streamVersion(planId)).toBe(before);
    expect(await ann.handle('command', { commandId: id('cmd'), command: { type: 'addGuest', guestId: 'one', name: 'One' } })).toMatchObject({
      status: 'accepted',
      version: before + 1,
    });
  });

  it('lets another plan commit while a big batch is decided in slices (and not when it is decided in one go)', async () => {
    const { appends, watched } = watchAppends();
    const race = async (sliceMs: number) => {
      const hub = new SyncHub({ store: watched, limits: { decideSliceMs: sliceMs, batchDecideMs: 60_000 } satisfies Partial<Limits> });
      const big = await plan(hub);
      const other = await plan(hub);
      appends.length = 0;
      let otherReply: Promise<CommandReply> | null = null;
      const batch = await big.room.submitBatch({
        commandId: id('b'),
        batchId: id('batch'),
        actor: SEATFOLD,
        resent: false,
        kind: 'bulk',
        label: 'Many guests',
        fileName: null,
        fileHash: null,
        summary: null,
        reverts: null,
        // the other plan's command arrives as the batch's turn comes, just before its 10,000 commands are decided
        build: () => {
          otherReply = other.room.submit({
            commandId: id('cmd'),
            command: { type: 'addGuest', guestId: 'g', name: 'G' },
            batchId: null,
            actor: SEATFOLD,
            resent: false,
          });
          return { commands: adds(10_000, 'big') };
        },
      });
      expect(batch.status).toBe('accepted');
      expect(await otherReply!).toMatchObject({ status: 'accepted' });
      return appends.map((p) => (p === big.planId ? 'big' : p === other.planId ? 'other' : p));
    };
    expect(await race(1)).toEqual(['other', 'big']);
    expect(await race(60_000)).toEqual(['big', 'other']);
  });

  it('decides a long queue of commands a slice at a time, another plan committing between the slices', async () => {
    let onFirstAppend: (() => void) | null = null;
    const { appends, watched } = watchAppends(() => {
      const hook = onFirstAppend;
      onFirstAppend = null;
      hook?.();
    });
    const run = async (decideSliceMs: number) => {
      const hub = new SyncHub({ store: watched, limits: { decideSliceMs } satisfies Partial<Limits> });
      const busy = await plan(hub);
      const other = await plan(hub);
      appends.length = 0;
      let otherReply: Promise<CommandReply> | null = null;
      // the other plan's command arrives as the busy plan's first append goes out
      onFirstAppend = () => {
        otherReply = other.room.submit({ commandId: id('cmd'), command: adds(1, 'o')[0]!, batchId: null, actor: SEATFOLD, resent: false });
      };
      const replies = await Promise.all(
        adds(1_500, 'q').map((command) => busy.room.submit({ commandId: id('cmd'), command, batchId: null, actor: SEATFOLD, resent: false })),
      );
      expect(replies.every((r) => r.status === 'accepted')).toBe(true);
      expect(await otherReply!).toMatchObject({ status: 'accepted' });
      return appends.map((p) => (p === busy.planId ? 'busy' : p === other.planId ? 'other' : p));
    };
    // 1,500 commands take more than a ms to decide: several groups, the other plan's between them
    const sliced = await run(1);
    expect(sliced.filter((p) => p === 'busy').length).toBeGreaterThan(1);
    expect(sliced.indexOf('other')).toBeLessThan(sliced.lastIndexOf('busy'));
    // decided in one go, they are one group (maxGroup is 2,000)
    expect((await run(60_000)).filter((p) => p === 'busy')).toEqual(['busy']);
  });
});
