import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuplicateCommandError, PlanExistsError, VersionConflictError } from './errors.ts';
import type { EventStore } from './types.ts';
import { command, events, newPlan, rejects, uniqueId, type TestEvent } from './contract-fixtures.ts';
import { describeBatchContract, describeImageContract, describeSnapshotContract } from './contract-records.ts';
import { describeSingleEventContract } from './contract-single.ts';
import { describeBigAppendContract } from './contract-big.ts';

export { command, events, newPlan, uniqueId, type TestEvent } from './contract-fixtures.ts';

/** The behaviour every EventStore must have. `open` is called once; the store is shared by all cases. */
export function describeStoreContract(label: string, open: () => Promise<EventStore>): void {
  describe(`EventStore contract: ${label}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    describe('plans', () => {
      it('finds a plan by each token with the right role, and by id', async () => {
        const plan = newPlan();
        await store.createPlan(plan);
        expect(await store.findPlanByToken(plan.organiseToken)).toEqual({ plan, role: 'organise' });
        expect(await store.findPlanByToken(plan.reviewToken)).toEqual({ plan, role: 'review' });
        const found = await store.getPlan(plan.id);
        expect(found).toEqual(plan);
        expect(typeof found?.createdAt).toBe('number');
      });

      it('lists a plan under the name it was last given', async () => {
        const plan = newPlan();
        await store.createPlan(plan);
        await store.setPlanName(plan.id, 'Sommerfest – renamed');
        expect(await store.getPlan(plan.id)).toEqual({ ...plan, name: 'Sommerfest – renamed' });
        expect((await store.findPlanByToken(plan.reviewToken))?.plan.name).toBe('Sommerfest – renamed');
        await store.setPlanName(plan.id, 'Sommerfest – renamed');
        await store.setPlanName(uniqueId('nope'), 'Nothing to rename');
        expect(await store.getPlan(plan.id)).toEqual({ ...plan, name: 'Sommerfest – renamed' });
      });

      it('answers null for an unknown token or id', async () => {
        expect(await store.findPlanByToken(uniqueId('nope'))).toBeNull();
        expect(await store.getPlan(uniqueId('nope'))).toBeNull();
      });

      it('refuses a taken id or token with PlanExistsError', async () => {
        const plan = newPlan();
        await store.createPlan(plan);
        await rejects(store.createPlan({ ...newPlan(), id: plan.id }), PlanExistsError);
        await rejects(store.createPlan({ ...newPlan(), organiseToken: plan.organiseToken }), PlanExistsError);
        await rejects(store.createPlan({ ...newPlan(), reviewToken: plan.reviewToken }), PlanExistsError);
        // a token used by another plan in the other role is taken too
        await rejects(store.createPlan({ ...newPlan(), reviewToken: plan.organiseToken }), PlanExistsError);
        const same = uniqueId('tok');
        await rejects(store.createPlan({ ...newPlan(), organiseToken: same, reviewToken: same }), PlanExistsError);
        expect(await store.getPlan(plan.id)).toEqual(plan);
      });
    });

    describe('append and read', () => {
      it('round-trips events with meta, numbers as numbers', async () => {
        const planId = uniqueId('plan');
        const cmd = command(
          [
            { type: 'GuestAdded', v: 1, payload: { name: 'Zoë "Z" \\ Ünïcode', seats: [1, 2.5, -3], ok: true, none: null } },
            { type: 'TableAdded', v: 2, payload: [] },
          ],
          { actor: 'bob', actorId: 'id-bob', batchId: 'batch-1' },
        );
        const result = await store.append(planId, 0, [cmd]);
        expect(result.version).toBe(2);
        expect(result.outcomes.get(cmd.commandId)).toEqual({ status: 'accepted', firstVersion: 1, lastVersion: 2, eventCount: 2 });
        // what a writer is charged against its storage budget: at least the events' JSON, plus each row's overhead
        expect(result.bytes).toBeGreaterThanOrEqual(JSON.stringify(cmd.events).length + 2 * 100);
        expect(result.bytes).toBeLessThan(JSON.stringify(cmd.events).length + 2_000);

        const stored = await store.readStream<TestEvent>(planId);
        expect(stored).toEqual([
          {
            planId,
            version: 1,
            event: cmd.events[0],
            meta: { actor: 'bob', actorId: 'id-bob', commandId: cmd.commandId, batchId: 'batch-1', at: cmd.at },
          },
          {
            planId,
            version: 2,
            event: cmd.events[1],
            meta: { actor: 'bob', actorId: 'id-bob', commandId: cmd.commandId, batchId: 'batch-1', at: cmd.at },
          },
        ]);
        for (const e of stored) {
          expect(typeof e.version).toBe('number');
          expect(typeof e.meta.at).toBe('number');
          expect(typeof e.event.v).toBe('number');
        }
        expect(typeof (await store.streamVersion(planId))).toBe('number');
        const one = command([{ type: 'GuestAdded', v: 1, payload: { name: 'x'.repeat(5_000) } }]);
        expect((await store.append(planId, 2, [one])).bytes).toBeGreaterThan(5_000); // the single-event statement too
      });

      it('keeps each command’s actor id beside its name, and null for a legacy actor without one', async () => {
        const planId = uniqueId('plan');
        const a = command(events(1), { actor: 'Alice', actorId: 'member:1' });
        const b = command(events(1), { actor: 'Alice', actorId: 'member:2' });
        const legacy = command(events(1), { actor: 'Alice', actorId: null });
        await store.append(planId, 0, [a, b, legacy]);
        const stored = await store.readStream(planId);
        expect(stored.map((e) => [e.meta.actor, e.meta.actorId])).toEqual([
          ['Alice', 'member:1'],
          ['Alice', 'member:2'],
          ['Alice', null],
        ]);
      });

      it('reads after a version and with a limit', async () => {
        const planId = uniqueId('plan');
        await store.append(planId, 0, [command(events(3)), command(events(4))]);
        const versions = async (after?: number, limit?: number) => (await store.readStream(planId, after, limit)).map((e) => e.version);
        expect(await versions()).toEqual([1, 2, 3, 4, 5, 6, 7]);
        expect(await versions(4)).toEqual([5, 6, 7]);
        expect(await versions(2, 3)).toEqual([3, 4, 5]);
        expect(await versions(0, 1)).toEqual([1]);
        expect(await versions(7)).toEqual([]);
        expect(await versions(100)).toEqual([]);
        expect(await store.readStream(uniqueId('plan'))).toEqual([]);
      });

      it('reports the stream version, 0 for an unknown stream', async () => {
        const planId = uniqueId('plan');
        expect(await store.streamVersion(planId)).toBe(0);
        await store.append(planId, 0, [command(events(2))]);
        expect(await store.streamVersion(planId)).toBe(2);
        await store.append(planId, 2, [command(events(1))]);
        expect(await store.streamVersion(planId)).toBe(3);
      });

      it('gives a multi-command append consecutive versions and per-command outcomes', async () => {
        const planId = uniqueId('plan');
        await store.append(planId, 0, [command(events(2))]);
        const a = command(events(2), { batchId: 'b1' });
        const rejected = command([], { error: { code: 'SeatTaken', message: 'seat 3 is taken' }, batchId: 'b1' });
        const empty = command([], { batchId: 'b1' });
        const b = command(events(3), { actor: 'carol', batchId: 'b1' });
        const result = await store.append(planId, 2, [a, rejected, empty, b]);
        expect(result.version).toBe(7);
        const expected = new Map([
          [a.commandId, { status: 'accepted', firstVersion: 3, lastVersion: 4, eventCount: 2 }],
          [rejected.commandId, { status: 'rejected', error: { code: 'SeatTaken', message: 'seat 3 is taken' } }],
          [empty.commandId, { status: 'accepted', firstVersion: 5, lastVersion: 4, eventCount: 0 }],
          [b.commandId, { status: 'accepted', firstVersion: 5, lastVersion: 7, eventCount: 3 }],
        ]);
        expect(result.outcomes).toEqual(expected);
        const stored = await store.readStream(planId, 2);
        expect(stored.map((e) => [e.version, e.meta.commandId, e.meta.actor])).toEqual([
          [3, a.commandId, 'alice'],
          [4, a.commandId, 'alice'],
          [5, b.commandId, 'carol'],
          [6, b.commandId, 'carol'],
          [7, b.commandId, 'carol'],
        ]);
        expect(await store.findCommandOutcomes(planId, [...expected.keys(), uniqueId('cmd')])).toEqual(expected);
      });

      it('stores commands that produced no events, also on an empty stream', async () => {
        const planId = uniqueId('plan');
        const rejected = command([], { error: { code: 'Nope', message: 'no' } });
        const result = await store.append(planId, 0, [rejected]);
        expect(result.version).toBe(0);
        expect(await store.streamVersion(planId)).toBe(0);
        expect((await store.findCommandOutcomes(planId, [rejected.commandId])).get(rejected.commandId)).toEqual({
          status: 'rejected',
          error: { code: 'Nope', message: 'no' },
        });
        await rejects(store.append(planId, 1, [command([])]), VersionConflictError);
      });
    });

    describe('version conflicts', () => {
      it('refuses a stale expectedVersion and writes nothing', async () => {
        const planId = uniqueId('plan');
        await store.append(planId, 0, [command(events(3))]);
        const late = command(events(2));
        const err = await rejects(store.append(planId, 1, [late]), VersionConflictError);
        expect(err).toMatchObject({ planId, expectedVersion: 1, actualVersion: 3 });
        const lateEmpty = command([], { error: { code: 'X', message: 'x' } });
        await rejects(store.append(planId, 2, [lateEmpty]), VersionConflictError);
        expect(await store.streamVersion(planId)).toBe(3);
        expect(await store.findCommandOutcomes(planId, [late.commandId, lateEmpty.commandId])).toEqual(new Map());
      });

      it('refuses an expectedVersion ahead of the stream (a gap) and writes nothing', async () => {
        const planId = uniqueId('plan');
        await store.append(planId, 0, [command(events(1))]);
        const ahead = command(events(1));
        const err = await rejects(store.append(planId, 5, [ahead]), VersionConflictError);
        expect(err).toMatchObject({ planId, expectedVersion: 5, actualVersion: 1 });
        await rejects(store.append(uniqueId('plan'), 1, [command(events(1))]), VersionConflictError);
        expect(await store.readStream(planId)).toHaveLength(1);
        expect(await store.findCommandOutcomes(planId, [ahead.commandId])).toEqual(new Map());
      });

      it('lets exactly one of two concurrent appends at the same version win', async () => {
        const planId = uniqueId('plan');
        await store.append(planId, 0, [command(events(1))]);
        const results = await Promise.allSettled([
          store.append(planId, 1, [command(events(2, 'A'))]),
          store.append(planId, 1, [command(events(3, 'B'))]),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const failed = results.filter((r) => r.status === 'rejected');
        expect(failed).toHaveLength(1);
        expect(failed[0]!.reason).toBeInstanceOf(VersionConflictError);
        const types = new Set((await store.readStream<TestEvent>(planId, 1)).map((e) => e.event.type));
        expect(types.size).toBe(1);
      });
    });

    describeSingleEventContract(() => store);

    describe('idempotency', () => {
      it('refuses a resent command id with DuplicateCommandError, writes nothing, and answers the original outcomes', async () => {
        const planId = uniqueId('plan');
        const accepted = command(events(2));
        const rejected = command([], { error: { code: 'Invalid', message: 'bad' } });
        const first = await store.append(planId, 0, [accepted, rejected]);

        const fresh = command(events(1));
        const err = await rejects(
          store.append(planId, 2, [fresh, { ...accepted, events: events(5) }, { ...rejected, error: undefined, events: events(1) }]),
          DuplicateCommandError,
        );
        expect(err.planId).toBe(planId);
        expect([...err.commandIds].sort()).toEqual([accepted.commandId, rejected.commandId].sort());
        expect(await store.streamVersion(planId)).toBe(2);
        expect(await store.findCommandOutcomes(planId, [fresh.commandId])).toEqual(new Map());
        expect(await store.findCommandOutcomes(planId, [accepted.commandId, rejected.commandId])).toEqual(first.outcomes);
      });

      it('refuses a command id repeated within one append', async () => {
        const planId = uniqueId('plan');
        const cmd = command(events(1));
        const err = await rejects(store.append(planId, 0, [cmd, { ...cmd }]), DuplicateCommandError);
        expect(err.commandIds).toEqual([cmd.commandId]);
        expect(await store.streamVersion(planId)).toBe(0);
      });

      it('answers an empty map for no or unknown command ids', async () => {
        expect(await store.findCommandOutcomes(uniqueId('plan'), [])).toEqual(new Map());
        expect(await store.findCommandOutcomes(uniqueId('plan'), [uniqueId('cmd')])).toEqual(new Map());
      });
    });

    it('keeps plans apart: events and commands are never visible under another plan id', async () => {
      const p1 = uniqueId('plan');
      const p2 = uniqueId('plan');
      const shared = uniqueId('cmd');
      await store.append(p1, 0, [command(events(2, 'One'), { commandId: shared })]);
      // the same command id is independent per plan
      await store.append(p2, 0, [command(events(1, 'Two'), { commandId: shared })]);
      expect((await store.readStream<TestEvent>(p1)).map((e) => e.event.type)).toEqual(['One', 'One']);
      expect((await store.readStream<TestEvent>(p2)).map((e) => e.event.type)).toEqual(['Two']);
      expect(await store.streamVersion(p2)).toBe(1);
      expect((await store.findCommandOutcomes(p2, [shared])).get(shared)).toMatchObject({ eventCount: 1 });
      expect(await store.findCommandOutcomes(uniqueId('plan'), [shared])).toEqual(new Map());
    });

    describeSnapshotContract(() => store);

    it('appends 12,000 events in one call and reads them back in order', async () => {
      const planId = uniqueId('plan');
      const big = command(events(9_000, 'Big'));
      const cmds = [command(events(1)), big, ...Array.from({ length: 1_000 }, () => command(events(3, 'Small')))];
      const result = await store.append(planId, 0, cmds);
      expect(result.version).toBe(12_001);
      expect(result.outcomes.size).toBe(1_002);
      expect(result.outcomes.get(big.commandId)).toEqual({ status: 'accepted', firstVersion: 2, lastVersion: 9_001, eventCount: 9_000 });
      const stored = await store.readStream<TestEvent>(planId);
      expect(stored).toHaveLength(12_001);
      expect(stored.every((e, i) => e.version === i + 1)).toBe(true);
      expect(stored[9_000]).toMatchObject({ version: 9_001, event: { type: 'Big', n: 8_999 }, meta: { commandId: big.commandId } });
      expect(await store.readStream(planId, 11_990, 5)).toHaveLength(5);
      const outcomes = await store.findCommandOutcomes(
        planId,
        cmds.map((c) => c.commandId),
      );
      expect(outcomes).toEqual(result.outcomes);
    });

    describeBatchContract(() => store);
    describeBigAppendContract(() => store);
    describeImageContract(() => store);
  });
}
