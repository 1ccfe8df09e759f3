import { type Command } from '@seatfold/domain';
import { openMemoryStore } from '@seatfold/store/testing';
import { type EventStore } from '@seatfold/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandReply } from '../protocol.ts';
import { SyncHub } from './hub.ts';
import { planOnHub, testId } from './plan-fixture.ts';
import type { Limits } from './limits.ts';

/**
 * Events are never deleted, so what a plan, or a client address, stores is budgeted (Limits.storedBytesPerPlan,
 * storedBytesPerAddress): past it, changes are refused retryably until the budget has refilled. Without it one
 * organiser's loop of changes would fill the disk for every plan. The clock is the test's: nothing waits.
 */
let store: EventStore;
beforeAll(async () => {
  store = await openMemoryStore();
});
afterAll(async () => {
  await store?.close();
});

const id = testId;
const add = (guestId: string): Command => ({ type: 'addGuest', guestId, name: `Guest ${guestId}` });
const unmetered = { perSecond: 1e12, burst: 1e12 };

function clockedHub(limits: Partial<Limits>) {
  const clock = { now: 1_800_000_000_000 };
  const hub = new SyncHub({ store, now: () => clock.now, limits });
  return { hub, clock };
}

const plan = (hub: SyncHub) => planOnHub(store, hub);

type Session = Awaited<ReturnType<Awaited<ReturnType<typeof plan>>['join']>>;
const send = (s: Session, command: Command, commandId = id('cmd'), resent = false) =>
  s.handle('command', { commandId, command, resent }) as Promise<CommandReply>;

/** Sends adds one at a time until one is refused: the accepted count and the refusal. */
async function untilRefused(s: Session, prefix: string) {
  for (let i = 0; i < 10_000; i++) {
    const r = await send(s, add(`${prefix}-${i}`));
    if (r.status === 'rejected') return { accepted: i, refusal: r };
  }
  throw new Error('never refused');
}

describe('the storage budget', () => {
  it("refuses a plan's changes past its budget, retryably, applying nothing; once refilled the resend lands, once", async () => {
    // about 20 single-guest commands of ~450 bytes each, then 1,000 bytes a second
    const { hub, clock } = clockedHub({ storedBytesPerPlan: { perSecond: 1_000, burst: 9_000 }, storedBytesPerAddress: unmetered });
    const { planId, room, join } = await plan(hub);
    const ann = await join('Ann');
    const { accepted, refusal } = await untilRefused(ann, 'a');
    expect(accepted).toBeGreaterThan(5);
    expect(accepted).toBeLessThan(40);
    expect(refusal.status === 'rejected' && refusal.error).toMatchObject({ code: 'ServerBusy' });
    const error = refusal.status === 'rejected' ? refusal.error : null;
    expect(error?.message).toMatch(
      /^This plan has saved an unusually large amount of changes recently.*Your change is kept and will be sent again in a moment\.$/,
    );
    expect(error?.retryAfterMs).toBeGreaterThan(0);
    expect(error?.retryAfterMs).toBeLessThan(2_000);
    const version = room.version;
    expect(await store.streamVersion(planId)).toBe(version); // nothing of the refused change was stored

    // Another organiser of the same plan, from another address, is refused too: it is the plan's budget.
    const bob = await join('Bob', '10.0.0.2');
    expect(await send(bob, add('bob-1'))).toMatchObject({ status: 'rejected', error: { code: 'ServerBusy' } });

    // After the wait it was told, the client's resend lands, once.
    clock.now += error!.retryAfterMs!;
    const again = await send(ann, add(`a-${accepted}`), refusal.commandId, true);
    expect(again).toMatchObject({ status: 'accepted', version: version + 1 });
    expect(await send(ann, add(`a-${accepted}`), refusal.commandId, true)).toMatchObject({ status: 'accepted', version: version + 1 });
    expect(await store.streamVersion(planId)).toBe(version + 1);
  });

  it('answers a resend of a change that landed with its outcome even while the budget is spent', async () => {
    const { hub } = clockedHub({ storedBytesPerPlan: { perSecond: 0.001, burst: 5_000 }, storedBytesPerAddress: unmetered });
    const { join } = await plan(hub);
    const ann = await join('Ann');
    const first = id('cmd');
    const landed = await send(ann, add('first'), first);
    expect(landed.status).toBe('accepted');
    await untilRefused(ann, 'b');
    expect(await send(ann, add('first'), first, true)).toEqual(landed);
  });

  it("bounds an address across plans (new plans are cheap); another address's changes go on", async () => {
    const { hub, clock } = clockedHub({ storedBytesPerPlan: unmetered, storedBytesPerAddress: { perSecond: 1_000, burst: 9_000 } });
    const one = await plan(hub);
    const two = await plan(hub);
    const annInOne = await one.join('Ann', '10.0.0.7');
    const annInTwo = await two.join('Ann', '10.0.0.7');
    const { refusal } = await untilRefused(annInOne, 'one');
    expect(refusal.status === 'rejected' && refusal.error.message).toMatch(/^Your network has saved an unusually large amount/);
    // The address's budget is spent whatever the plan, and a new connection from it does not reset it.
    expect(await send(annInTwo, add('two-1'))).toMatchObject({ status: 'rejected', error: { code: 'ServerBusy' } });
    const fresh = await two.join('Ann again', '10.0.0.7');
    expect(await send(fresh, add('two-2'))).toMatchObject({ status: 'rejected', error: { code: 'ServerBusy' } });
    // Somebody else, from another address, is served in either plan.
    const bob = await one.join('Bob', '10.0.0.8');
    expect(await send(bob, add('bob-1'))).toMatchObject({ status: 'accepted' });
    clock.now += (refusal.status === 'rejected' && refusal.error.retryAfterMs) || 0;
    expect(await send(annInTwo, add('two-3'))).toMatchObject({ status: 'accepted' });
  });

  it("charges a batch's bytes and refuses a batch whole once the budget is spent, with minutes to wait", async () => {
    // A 200-guest batch stores ~40 kB: it fits the burst and spends it, then the plan waits ~40 kB at 100 B/s.
    const { hub } = clockedHub({ storedBytesPerPlan: { perSecond: 100, burst: 50_000 }, storedBytesPerAddress: unmetered });
    const { planId, room, join } = await plan(hub);
    const ann = await join('Ann');
    const batch = (prefix: string, count: number) =>
      ann.handle('batch', {
        commandId: id('b'),
        batchId: id('batch'),
        kind: 'bulk',
        label: 'Guests',
        commands: Array.from({ length: count }, (_, i) => add(`${prefix}-${i}`)),
      }) as Promise<CommandReply>;
    expect(await batch('first', 200)).toMatchObject({ status: 'accepted' });
    const version = room.version;
    await untilRefused(ann, 'c'); // what is left of the burst
    const after = room.version;
    const refused = await batch('second', 10);
    expect(refused).toMatchObject({ status: 'rejected', error: { code: 'ServerBusy' } });
    expect(refused.status === 'rejected' && refused.error.message).toMatch(/will be sent again in about \d+ (seconds|minutes)\.$/);
    expect(after - version).toBeLessThan(40);
    expect(await store.streamVersion(planId)).toBe(after);
  });
});
