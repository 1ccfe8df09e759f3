import { describeEvent, planRevert, type PlanEvent, type PlanState, type RecordedEvent } from '@seatfold/domain';
import type { EventStore, StoredEvent } from '@seatfold/store';
import type { RevertDetail } from '../protocol.ts';
import type { BatchBuild } from './room.ts';

const recorded = (e: StoredEvent<PlanEvent>): RecordedEvent => ({ version: e.version, event: e.event, actor: e.meta.actor, commandId: e.meta.commandId, batchId: e.meta.batchId });

function detailOf(state: PlanState, plan: ReturnType<typeof planRevert>): RevertDetail {
  return {
    restored: plan.restored,
    commands: plan.commands.length,
    conflicts: plan.conflicts.map((c) => ({
      version: c.version,
      sentence: describeEvent(c.event, state),
      reason: c.reason,
      laterActor: c.laterActor,
      laterVersion: c.laterVersion,
    })),
  };
}

/**
 * Takes back a whole batch on the current state, keeping everything done after it: what later events changed
 * again is listed as a conflict and left as it is. Runs inside the room's serial chain.
 */
export async function buildBatchRevert(store: EventStore, planId: string, targetBatchId: string, state: PlanState): Promise<BatchBuild> {
  const found = await store.readBatch<PlanEvent>(planId, targetBatchId);
  if (!found) return { error: { code: 'UnknownBatch', message: 'That batch does not exist in this plan.' } };
  if (found.batch.kind === 'setup') return { error: { code: 'NotRevertible', message: 'The plan’s initial setup cannot be reverted.' } };
  if (found.events.length === 0) return { error: { code: 'NothingToDo', message: 'That batch changed nothing, so there is nothing to revert.' } };
  const later = await store.readStream<PlanEvent>(planId, found.batch.lastVersion!);
  const plan = planRevert(state, found.events.map(recorded), later.map(recorded));
  const detail = detailOf(state, plan);
  if (plan.commands.length === 0) {
    return { error: { code: 'NothingToDo', message: `Nothing can be reverted: all ${plan.conflicts.length} changes of this batch were changed again since.` } };
  }
  return { commands: plan.commands, detail, summary: { restored: detail.restored, conflicts: detail.conflicts, reverts: targetBatchId }, label: `Revert of “${found.batch.label}”` };
}

/**
 * Takes back one of the actor's own commands — refused, with the reason, if anybody else changed any of the
 * same things since (never overwrite another organiser's newer work).
 */
export async function buildUndo(store: EventStore, planId: string, targetCommandId: string, actor: string, state: PlanState): Promise<BatchBuild> {
  const [outcome] = (await store.findCommandOutcomes(planId, [targetCommandId])).values();
  if (!outcome || outcome.status !== 'accepted' || outcome.eventCount === 0) {
    return { error: { code: 'NothingToDo', message: 'That change made no difference, so there is nothing to undo.' } };
  }
  const target = await store.readStream<PlanEvent>(planId, outcome.firstVersion - 1, outcome.eventCount);
  if (target.some((e) => e.meta.actor !== actor)) return { error: { code: 'Forbidden', message: 'You can only undo your own changes.' } };
  const later = await store.readStream<PlanEvent>(planId, outcome.lastVersion);
  const plan = planRevert(state, target.map(recorded), later.map(recorded), { ignoreActor: actor, granularity: 'entity' });
  const detail = detailOf(state, plan);
  const [first] = plan.conflicts;
  if (first) {
    const what = detail.conflicts[0].sentence;
    const message = first.laterActor
      ? `Cannot undo “${what}”: ${first.laterActor} changed it since, and undo never overwrites newer work.`
      : `Cannot undo “${what}”: ${first.reason}.`;
    return { error: { code: 'UndoConflict', message } };
  }
  if (plan.commands.length === 0) return { error: { code: 'NothingToDo', message: 'There is nothing left to undo for that change.' } };
  return { commands: plan.commands, detail, summary: { undoOf: targetCommandId } };
}
