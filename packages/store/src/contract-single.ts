import { describe, expect, it } from 'vitest';
import { DuplicateCommandError, VersionConflictError } from './errors.ts';
import type { EventStore } from './types.ts';
import { command, events, rejects, uniqueId, type TestEvent } from './contract-fixtures.ts';

// Part of the EventStore contract (describeStoreContract in contract.ts): the append of ONE accepted command with ONE
// event and no batch, which takes its own statement (seatfold_append_one, migration 0008). It must keep every promise
// of the general append: the head check, the refusal of stored ids, one winner at a version, the same rows.

export function describeSingleEventContract(store: () => EventStore): void {
  describe('one command with one event', () => {
    it('stores the event with its meta and answers the outcome, as the general append does', async () => {
      const planId = uniqueId('plan');
      const viaGeneral = command(events(2, 'Pair'), { actor: 'eve', actorId: null });
      await store().append(planId, 0, [viaGeneral]);
      const event: TestEvent = { type: 'GuestSeated', v: 3, payload: { seat: 2, note: 'Zoë "Z" \\ ü', none: null } };
      const one = command([event], { actor: 'bob', actorId: 'id-bob', batchId: 'b-7', at: 1_700_000_009_001 });
      const result = await store().append(planId, 2, [one]);
      expect({ version: result.version, outcomes: result.outcomes }).toEqual({
        version: 3,
        outcomes: new Map([[one.commandId, { status: 'accepted', firstVersion: 3, lastVersion: 3, eventCount: 1 }]]),
      });
      expect(result.bytes).toBeGreaterThan(JSON.stringify(event).length);
      const stored = await store().readStream<TestEvent>(planId, 2);
      expect(stored).toEqual([
        { planId, version: 3, event, meta: { actor: 'bob', actorId: 'id-bob', commandId: one.commandId, batchId: 'b-7', at: 1_700_000_009_001 } },
      ]);
      expect(await store().findCommandOutcomes(planId, [one.commandId, viaGeneral.commandId])).toEqual(
        new Map([
          [one.commandId, { status: 'accepted', firstVersion: 3, lastVersion: 3, eventCount: 1 }],
          [viaGeneral.commandId, { status: 'accepted', firstVersion: 1, lastVersion: 2, eventCount: 2 }],
        ]),
      );
      // A later append (general or single) continues from it.
      await store().append(planId, 3, [command(events(1))]);
      expect(await store().streamVersion(planId)).toBe(4);
    });

    it('refuses a stale or an ahead expectedVersion with the actual head and writes nothing', async () => {
      const planId = uniqueId('plan');
      await store().append(planId, 0, [command(events(1)), command(events(1))]);
      for (const expected of [0, 1, 3, 9]) {
        const late = command(events(1));
        const err = await rejects(store().append(planId, expected, [late]), VersionConflictError);
        expect(err).toMatchObject({ planId, expectedVersion: expected, actualVersion: 2 });
        expect(await store().findCommandOutcomes(planId, [late.commandId])).toEqual(new Map());
      }
      expect(await store().streamVersion(planId)).toBe(2);
    });

    it('refuses an id stored as an accepted command, a rejected one, or inside a multi-event command', async () => {
      const planId = uniqueId('plan');
      const accepted = command(events(1));
      const rejected = command([], { error: { code: 'Full', message: 'table full' } });
      const multi = command(events(3));
      const first = await store().append(planId, 0, [accepted, rejected, multi]);
      for (const resent of [accepted, rejected, multi]) {
        const err = await rejects(store().append(planId, 4, [{ ...resent, error: undefined, events: events(1, 'Again') }]), DuplicateCommandError);
        expect(err).toMatchObject({ planId, commandIds: [resent.commandId] });
      }
      expect(await store().streamVersion(planId)).toBe(4);
      expect(await store().findCommandOutcomes(planId, [accepted.commandId, rejected.commandId, multi.commandId])).toEqual(first.outcomes);
      // A stale resend is a conflict first (the head is checked before the ids, as in the general append).
      await rejects(store().append(planId, 1, [{ ...accepted }]), VersionConflictError);
    });

    it('lets exactly one of two concurrent single-event appends at the same version win', async () => {
      const planId = uniqueId('plan');
      await store().append(planId, 0, [command(events(1))]);
      const results = await Promise.allSettled([
        store().append(planId, 1, [command(events(1, 'A'))]),
        store().append(planId, 1, [command(events(1, 'B'))]),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const failed = results.filter((r) => r.status === 'rejected');
      expect(failed).toHaveLength(1);
      expect(failed[0]!.reason).toBeInstanceOf(VersionConflictError);
      expect(await store().readStream(planId)).toHaveLength(2);
    });
  });
}
