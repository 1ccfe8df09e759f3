import { evolve, initialState, stateHash, type Command, type PlanEvent, type PlanState } from '@seatfold/domain';
import { openMemoryStore } from '@seatfold/store/testing';
import { type EventStore } from '@seatfold/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandReply } from '../protocol.ts';
import { SyncHub } from './hub.ts';
import { planOnHub } from './plan-fixture.ts';

/**
 * A batch is decided on a draft of the plan, not a copy of all of it: at a plan's ceiling a whole copy blocked every
 * plan for half a second or more per batch, a refused one too. Said without timing: what a batch did not change is
 * the very same object afterwards, a refused batch leaves the state as it was, and the room's state is the store's.
 */
let store: EventStore;
let hub: SyncHub;
beforeAll(async () => {
  store = await openMemoryStore();
  hub = new SyncHub({ store });
});
afterAll(async () => {
  await store?.close();
});

async function stored(planId: string): Promise<PlanState> {
  const s = initialState();
  for (const e of await store.readStream<PlanEvent>(planId)) evolve(s, e.event);
  return s;
}

describe('a batch decided on a draft', () => {
  it('shares what it did not change, changes nothing when refused, and leaves a state later commands can change', async () => {
    const { planId, room, join } = await planOnHub(store, hub);
    const setup: Command[] = [
      { type: 'addTable', tableId: 't1', name: '1', capacity: 4 },
      ...['a', 'b', 'c'].map((g): Command => ({ type: 'addGuest', guestId: g, name: g.toUpperCase() })),
    ];
    for (const [i, command] of setup.entries())
      await room.submit({ commandId: `${planId}-s${i}`, command, batchId: null, actor: { id: 'name:Seatfold', name: 'Seatfold' }, resent: false });
    const session = await join('Ann');
    const batch = async (n: number, commands: Command[]) =>
      (await session.handle('batch', {
        commandId: `${planId}-b${n}`,
        batchId: `${planId}-batch${n}`,
        kind: 'bulk',
        label: 'Bulk',
        commands,
      })) as CommandReply;

    const before = await room.read((s) => ({ a: s.guests.a, c: s.guests.c, rooms: s.rooms, hash: stateHash(s) }));
    expect(
      await batch(1, [
        { type: 'addGuest', guestId: 'd', name: 'D' },
        { type: 'seatGuest', guestId: 'c', tableId: 't1' },
      ]),
    ).toMatchObject({ status: 'accepted' });
    const after = await room.read((s) => ({ a: s.guests.a, c: s.guests.c, d: s.guests.d, rooms: s.rooms, hash: stateHash(s) }));
    expect(after.a).toBe(before.a); // not copied
    expect(after.rooms).toBe(before.rooms);
    expect(after.c).not.toBe(before.c);
    expect(before.c?.tableId ?? null).toBeNull(); // the state the batch began from was not written
    expect(after.c?.tableId).toBe('t1');
    expect(after.d?.name).toBe('D');

    // refused at its second change: the first is applied nowhere
    const refused = await batch(2, [
      { type: 'addGuest', guestId: 'e', name: 'E' },
      { type: 'seatGuest', guestId: 'nobody', tableId: 't1' },
    ]);
    expect(refused.status).toBe('rejected');
    const kept = await room.read((s) => ({ a: s.guests.a, e: s.guests.e, hash: stateHash(s) }));
    expect(kept).toEqual({ a: after.a, e: undefined, hash: after.hash });
    expect(kept.a).toBe(after.a);

    // the state a batch leaves is the room's to change in place: a command after it lands, and all is the store's
    const reply = (await session.handle('command', {
      commandId: `${planId}-c1`,
      command: { type: 'seatGuest', guestId: 'a', tableId: 't1' },
    })) as CommandReply;
    expect(reply.status).toBe('accepted');
    expect(await room.read((s) => stateHash(s))).toBe(stateHash(await stored(planId)));
    expect(await room.read((s) => s.guests.a?.tableId)).toBe('t1');
  });
});
