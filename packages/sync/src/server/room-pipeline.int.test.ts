/**
 * The pipelined group commit: the next group is decided and its append sent while the previous commit is in flight;
 * when that commit fails, the speculative state is thrown away and everything after it is redone from the store.
 * Real PGlite underneath; the wrapper holds the first append on a gate and decides how it ends.
 */
import { evolve, initialState, stateHash, type Command, type PlanEvent, type PlanState } from '@seatfold/domain';
import { openMemoryStore } from '@seatfold/store/testing';
import { StoreUnavailableError, type EventStore } from '@seatfold/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandReply } from '../protocol.ts';
import { PlanRoom, type Submission } from './room.ts';

let store: EventStore;
beforeAll(async () => {
  store = await openMemoryStore();
}, 120_000);
afterAll(async () => {
  await store?.close();
});

const newPlanId = () => `room-pipe-${Math.random().toString(36).slice(2, 10)}`;
const sub = (commandId: string, command: Command, over: Partial<Submission> = {}): Submission => ({
  commandId,
  command,
  batchId: null,
  actor: { id: 'name:A', name: 'A' },
  resent: false,
  ...over,
});
const guest = (i: number): Command => ({ type: 'addGuest', guestId: `G${i}`, name: `Guest ${i}` });
const lost = () => new StoreUnavailableError(new Error('connection lost (simulated)'));

async function until(cond: () => boolean) {
  for (let i = 0; !cond(); i++) {
    if (i > 2000) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function foldStored(planId: string): Promise<PlanState> {
  const s = initialState();
  for (const e of await store.readStream<PlanEvent>(planId)) evolve(s, e.event);
  return s;
}

/**
 * Appends run one after another in the order they were called (as PostgreSQL's per-plan lock orders them). While
 * `hold` is set, the next append waits for `release(outcome)`: 'ok', 'before' (fails, nothing stored) or 'after'
 * (stored, but the answer is lost with the connection).
 */
function gatedStore(inner: EventStore) {
  const g = {
    hold: false,
    calls: 0,
    inFlight: 0,
    maxInFlight: 0,
    release: null as ((outcome: 'ok' | 'before' | 'after') => void) | null,
  };
  let order: Promise<unknown> = Promise.resolve();
  const wrapped: EventStore = {
    ...inner,
    kind: inner.kind,
    append: (planId, expected, records, batch, options) => {
      g.calls++;
      g.inFlight++;
      g.maxInFlight = Math.max(g.maxInFlight, g.inFlight);
      const held = g.hold ? new Promise<'ok' | 'before' | 'after'>((resolve) => (g.release = resolve)) : Promise.resolve('ok' as const);
      g.hold = false;
      const run = order.then(async () => {
        const outcome = await held;
        if (outcome === 'before') throw lost();
        const r = await inner.append(planId, expected, records, batch, options);
        if (outcome === 'after') throw lost();
        return r;
      });
      order = run.catch(() => undefined);
      return run.finally(() => g.inFlight--);
    },
  };
  return { store: wrapped, g };
}

describe('PlanRoom: pipelined group commit', () => {
  for (const failure of ['before', 'after'] as const) {
    it(`when a commit fails (${failure === 'before' ? 'nothing stored' : 'stored, answer lost'}) with the next group in flight, nothing unstored is served and every command lands exactly once`, async () => {
      const planId = newPlanId();
      const gated = gatedStore(store);
      const published: number[] = [];
      const room = await PlanRoom.load({
        store: gated.store,
        planId,
        publish: (ev) => published.push(...ev.map((e) => e.version)),
        log: () => {},
        pipeline: 2,
      });
      expect((await room.submit(sub('c0', { type: 'createPlan', name: 'P' }))).status).toBe('accepted');

      // Group 1 (a1) is held in flight; a2 and a3 arrive meanwhile and are decided and sent behind it.
      gated.g.hold = true;
      const calls = gated.g.calls;
      const first = room.submit(sub('a1', guest(1)));
      await until(() => gated.g.release !== null);
      const later: Promise<CommandReply>[] = [room.submit(sub('a2', guest(2))), room.submit(sub('a3', guest(3)))];
      await until(() => gated.g.calls === calls + 2);
      expect(gated.g.maxInFlight).toBe(2);
      // Nothing of the speculative state is visible while the commits are in flight.
      expect(room.version).toBe(1);
      gated.g.release!(failure);

      // a1 is refused as retryable; a2 and a3 are answered from the store (they landed behind a1) or decided
      // again on the rebuilt state (their append conflicted with the missing a1).
      expect(await first).toMatchObject({ status: 'rejected', error: { code: 'Unavailable' } });
      const answers = await Promise.all(later);
      for (const r of answers) expect(r.status).toBe('accepted');
      const stored = await store.readStream<PlanEvent>(planId);
      expect(stored.map((e) => e.version)).toEqual(stored.map((_, i) => i + 1));
      expect(stored.map((e) => e.meta.commandId).sort()).toEqual(failure === 'before' ? ['a2', 'a3', 'c0'] : ['a1', 'a2', 'a3', 'c0']);
      expect(room.version).toBe(stored.length);
      expect(stateHash(await room.snapshot())).toBe(stateHash(await foldStored(planId)));

      // The resend of a1 lands exactly once (or is answered with the version it landed at).
      const again = await room.submit(sub('a1', guest(1), { resent: true }));
      expect(again.status).toBe('accepted');
      const final = await store.readStream<PlanEvent>(planId);
      expect(final.filter((e) => e.meta.commandId === 'a1')).toHaveLength(1);
      // Published at most once each, in order, and only stored versions. A commit whose answer was lost is not
      // published (as without pipelining): the next event shows subscribers the gap and they re-join.
      expect(published).toEqual([...new Set(published)].sort((x, y) => x - y));
      expect(published.every((v) => v <= final.length)).toBe(true);
      if (failure === 'before') expect(published).toEqual(final.map((e) => e.version));
      expect(stateHash(await room.snapshot())).toBe(stateHash(await foldStored(planId)));
    }, 120_000);
  }
});
