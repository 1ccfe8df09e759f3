import { type EventStore } from '@seatfold/store';
import { openMemoryStore } from '@seatfold/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PROTOCOL_VERSION,
  SYSTEM_ACTOR,
  FrameReader,
  type EventFrame,
  type AccessChange,
  type Admit,
  type JoinReply,
  type ProtocolError,
  type Role,
  type WireEvent,
} from '../protocol.ts';
import { TEST_HANDSHAKE } from '../testing/index.ts';
import { SyncHub, type Peer } from './hub.ts';

let store: EventStore;
beforeAll(async () => {
  store = await openMemoryStore();
});
afterAll(async () => {
  await store?.close();
});

/** An admit that holds every join until the test lets it go: the window in which a setAccess can overtake a join. */
function heldAdmit(planId: string) {
  const waiting: (() => void)[] = [];
  const admit: Admit = async (join) => {
    await new Promise<void>((resolve) => waiting.push(resolve));
    return { planId, planName: 'P', role: 'organise', actor: { id: `person:${join.userName}`, name: join.userName } };
  };
  return { admit, release: () => waiting.splice(0).forEach((f) => f()), held: () => waiting.length };
}

function peer() {
  const got: { events: WireEvent[]; access: AccessChange[]; closed: boolean } = { events: [], access: [], closed: false };
  const frames = new FrameReader();
  const p: Peer = {
    handshake: TEST_HANDSHAKE,
    send: (event: string, payload: unknown) => {
      if (event === 'events') got.events.push(...frames.read(payload as EventFrame)!);
      if (event === 'access') got.access.push(payload as AccessChange);
    },
    close: () => void (got.closed = true),
  };
  return { p, got };
}

async function setup(admit?: (planId: string) => Admit) {
  const planId = `access-${crypto.randomUUID()}`;
  await store.createPlan({ id: planId, name: 'P', organiseToken: `o-${planId}`, reviewToken: `r-${planId}`, createdAt: Date.now() });
  const held = heldAdmit(planId);
  const hub = new SyncHub({ store, admit: admit ? admit(planId) : held.admit });
  const room = await hub.room(planId);
  await room.submitBatch({
    commandId: `${planId}-setup`,
    batchId: `${planId}-setup`,
    actor: SYSTEM_ACTOR,
    resent: false,
    kind: 'setup',
    label: 'Set-up',
    fileName: null,
    fileHash: null,
    summary: null,
    reverts: null,
    build: () => ({ commands: [{ type: 'createPlan', name: 'P' }] }),
  });
  return { planId, hub, room, held };
}

const join = (userName: string) => ({ protocol: PROTOCOL_VERSION, token: 'any', clientId: `c-${userName}`, userName, lastVersion: 0 });

describe('setAccess', () => {
  it('withdraws access from a join whose admission was decided before the change', async () => {
    const { planId, hub, room, held } = await setup();
    const { p, got } = peer();
    const session = hub.connect(p);
    const reply = session.handle('join', join('Eve'));
    await expect.poll(held.held).toBe(1);
    expect(hub.setAccess(planId, 'person:Eve', null)).toBe(0); // not joined yet: nothing open to touch…
    held.release();
    // …but the join that was admitted before the change takes it on: refused, never subscribed
    expect(await reply).toMatchObject({ ok: false, error: { code: 'Forbidden' } });
    await room.submit({ commandId: 'later', command: { type: 'renamePlan', name: 'Q' }, batchId: null, actor: SYSTEM_ACTOR, resent: false });
    expect(got.events).toEqual([]);
    expect(hub.whoIsOnline(planId)).toEqual([]);
    expect(await session.handle('history', { afterVersion: 0, limit: 10 })).toMatchObject({ ok: false, error: { code: 'Forbidden' } });
  });

  it('a downgrade during a join is taken on by it; a join that starts after the change is decided by admit alone', async () => {
    const { planId, hub, held } = await setup();
    const { p } = peer();
    const session = hub.connect(p);
    const reply = session.handle('join', join('Rita'));
    await expect.poll(held.held).toBe(1);
    hub.setAccess(planId, 'person:Rita', 'review');
    held.release();
    expect(await reply).toMatchObject({ ok: true, role: 'review' });
    expect(hub.whoIsOnline(planId)).toMatchObject([{ actorId: 'person:Rita', role: 'review' }]);
    // no join in flight any more: the remembered change is gone, a new join gets what admit says
    const again = hub.connect(peer().p).handle('join', join('Rita'));
    await expect.poll(held.held).toBe(1);
    held.release();
    expect(((await again) as JoinReply & { ok: true }).role).toBe('organise');
  });

  it('touches only the named person’s sessions in the named plan, and closes the peer after the notice', async () => {
    const { planId, hub } = await setup((id) => async (j) => ({
      planId: id,
      planName: 'P',
      role: 'organise',
      actor: { id: `person:${j.userName}`, name: 'Same Name' },
    }));
    const a = peer();
    const b = peer();
    await hub.connect(a.p).handle('join', join('a'));
    await hub.connect(b.p).handle('join', join('b'));
    expect(hub.setAccess('other-plan', 'person:a', null)).toBe(0);
    expect(hub.setAccess(planId, 'person:a', null)).toBe(1);
    expect(a.got).toMatchObject({ access: [{ role: null }], closed: true });
    expect(b.got).toMatchObject({ access: [], closed: false });
    expect(hub.whoIsOnline(planId).map((x) => x.actorId)).toEqual(['person:b']);
  });
});

describe('reAdmit of one person', () => {
  /** An admit whose decisions the test makes, one call at a time, in the order they were asked. */
  function scriptedAdmit() {
    const asked: ((answer: Role | ProtocolError) => void)[] = [];
    const make = (planId: string): Admit => {
      const joined = new Set<string>();
      return (j) => {
        const admission = (role: Role) => ({ planId, planName: 'P', role, actor: { id: `person:${j.userName}`, name: j.userName } });
        // each person's join itself is admitted at once, as an organiser
        if (!joined.has(j.userName)) return (joined.add(j.userName), Promise.resolve(admission('organise')));
        return new Promise((resolve) => asked.push((a) => resolve(typeof a === 'string' ? admission(a) : { error: a })));
      };
    };
    return { make, asked };
  }

  it('applies decisions in the order they were asked for, each after the one before: the last one read the latest state', async () => {
    const script = scriptedAdmit();
    const { planId, hub } = await setup(script.make);
    const rita = peer();
    await hub.connect(rita.p).handle('join', join('Rita'));
    // Two membership changes in quick succession (say a demotion, then a promotion back): two re-decisions.
    const first = hub.reAdmit(planId, 'person:Rita');
    const second = hub.reAdmit(planId, 'person:Rita');
    await expect.poll(() => script.asked.length).toBe(1); // the second is not even asked before the first is applied
    script.asked[0]!('review');
    expect(await first).toBe(1);
    await expect.poll(() => script.asked.length).toBe(2);
    script.asked[1]!('organise');
    expect(await second).toBe(1);
    expect(rita.got.access.map((a) => a.role)).toEqual(['review', 'organise']);
    expect(hub.whoIsOnline(planId)).toMatchObject([{ actorId: 'person:Rita', role: 'organise' }]);
  });

  it('fails closed when the authenticator cannot decide for a change of that person; a plan-wide one leaves sessions be', async () => {
    const script = scriptedAdmit();
    const { planId, hub } = await setup(script.make);
    const [rita, gus] = [peer(), peer()];
    await hub.connect(rita.p).handle('join', join('Rita'));
    await hub.connect(gus.p).handle('join', join('Gus'));
    const away: ProtocolError = { code: 'Unavailable', message: 'The database cannot be reached right now. Reload in a moment.' };

    const everybody = hub.reAdmit(planId);
    await expect.poll(() => script.asked.length).toBe(2);
    script.asked.splice(0).forEach((answer) => answer(away));
    expect(await everybody).toBe(0);
    expect([rita.got.closed, gus.got.closed]).toEqual([false, false]);

    const justRita = hub.reAdmit(planId, 'person:Rita');
    await expect.poll(() => script.asked.length).toBe(1);
    script.asked[0]!(away);
    expect(await justRita).toBe(1);
    expect(rita.got).toMatchObject({ access: [{ role: null, message: away.message }], closed: true });
    expect(gus.got).toMatchObject({ access: [], closed: false });
    expect(hub.whoIsOnline(planId).map((x) => x.actorId)).toEqual(['person:Gus']);
  });
});
