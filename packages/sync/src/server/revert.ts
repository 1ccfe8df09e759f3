import {
  changedBy,
  describeEffects,
  describeEvent,
  evolve,
  GuestLabelIndex,
  LaterChanges,
  planRevertSteps,
  type RevertPlan,
  type PlanEvent,
  type PlanState,
  type RecordedEvent,
} from '@seatfold/domain';
import type { EventStore, StoredEvent } from '@seatfold/store';
import { SYSTEM_ACTOR, type ReplyError, type RevertDetail } from '../protocol.ts';
import type { BatchBuild } from './room.ts';
import { storedConflicts } from '../summary.ts';
import { drafts } from './drafts.ts';
import { nextTurn, runSliced } from './slices.ts';
import { undoLabel } from './undo-label.ts';

/**
 * What to take back: a whole batch (revert: keeps everything done after it, what later events changed again is
 * listed as a conflict and left as it is), or one of the actor's own commands (undo: refused, with the reason, if
 * anybody else changed any of the same things since — never overwrite another organiser's newer work).
 * "Own" is by actor id, never by name: a command recorded before actors had ids (actorId null) is nobody's to undo;
 * organisers take such work back by reverting its batch.
 */
export type TakeBackTarget = { revert: string } | { undo: string; actorId: string; redo?: boolean };

const recorded = (e: StoredEvent<PlanEvent>): RecordedEvent => ({
  version: e.version,
  event: e.event,
  actor: e.meta.actor,
  actorId: e.meta.actorId,
  commandId: e.meta.commandId,
  batchId: e.meta.batchId,
});
const refuse = (code: ReplyError['code'], message: string): { error: ReplyError } => ({ error: { code, message } });

/**
 * A revert's name: "Revert of “Guest import: …”"; reverting that revert brings the import back, "Re-apply of “Guest
 * import: …”" (not a revert of a revert of …), and reverting a re-apply is a revert of the import again.
 */
export function takeBackLabel(label: string): string {
  const revert = /^Revert of “([\s\S]*)”$/.exec(label);
  if (revert) return `Re-apply of “${revert[1]}”`;
  const reapply = /^Re-apply of “([\s\S]*)”$/.exec(label);
  return `Revert of “${reapply ? reapply[1] : label}”`;
}

/** The changes a revert names one by one (the rest are counted): enough to check, little to send. */
export const REVERT_CHANGES_LISTED = 100;

/**
 * Each of the first events a take-back makes, as the timeline will tell it ("took Anna Ames off table 1"). Guests are
 * named through an index kept up to date as the copy changes: naming one by reading all (guestLabel) cost ~9 ms a
 * sentence on a plan of 11,500 guests, ~0.9 s of the shared thread for a revert's list.
 */
function changesOf(state: PlanState, events: readonly PlanEvent[]): string[] {
  if (events.length === 0) return [];
  // Told on a draft: only what the listed changes touch is copied (a whole copy of 20,000 guests held every plan's
  // thread 0.1–0.17 s); the guests are filed from the plan as it is, and read back through the draft.
  const s = drafts.createDraft(state) as PlanState;
  const labels = new GuestLabelIndex(s.guests, Object.values(state.guests));
  return events.slice(0, REVERT_CHANGES_LISTED).map((e) => {
    const sentence = describeEvent(e, s, labels);
    evolve(s, e);
    labels.refresh(guestsOf(e));
    return sentence;
  });
}

const guestsOf = (e: PlanEvent): string[] => changedBy(e).flatMap((k) => (k.startsWith('guest:') ? [k.slice('guest:'.length)] : []));

function detailOf(state: PlanState, plan: RevertPlan): RevertDetail {
  // every conflict is told on the current state: one index for all of them (a revert can have thousands)
  const labels = plan.conflicts.length > 1 ? new GuestLabelIndex(state.guests) : undefined;
  return {
    restored: plan.restored,
    commands: plan.commands.length,
    effects: describeEffects(plan.events, 'will'),
    changes: changesOf(state, plan.events),
    changeCount: plan.events.length,
    conflicts: plan.conflicts.map((c) => ({
      version: c.version,
      sentence: describeEvent(c.event, state, labels),
      reason: c.reason,
      laterActor: c.laterActor,
      laterVersion: c.laterVersion,
    })),
  };
}

/** Later events read at a time while a take-back is planned. */
const LATER_PAGE = 5_000;

/**
 * Builds a revert or an undo on the current state: both are the domain's planRevert of the target's events against
 * everything recorded after them; they differ only in how the target is found and how conflicts are treated.
 * Runs inside the room's serial chain, planned a slice of `sliceMs` at a time (Limits.decideSliceMs).
 */
export async function buildTakeBack(
  store: EventStore,
  planId: string,
  target: TakeBackTarget,
  state: PlanState,
  sliceMs: number,
): Promise<BatchBuild> {
  const found =
    'revert' in target
      ? await batchEvents(store, planId, target.revert)
      : await commandEvents(store, planId, target.undo, target.actorId, target.redo ?? false);
  if ('error' in found) return found;
  // Undo counts the same facts as revert (a guest's seat, one of their fields…): another organiser's note on the
  // guest does not block undoing my seating of them. Unlike a revert, it is refused whole on any conflict.
  const later = new LaterChanges('undo' in target ? { ignoreActorId: target.actorId } : {});
  // Everything recorded since, a page at a time: what is kept is what changed, not the events (a plan's history can
  // be hundreds of thousands of events long).
  for (let after = found.lastVersion; after < state.version;) {
    await nextTurn(); // see readRange
    const page = await store.readStream<PlanEvent>(planId, after, LATER_PAGE);
    if (page.length === 0) break;
    await runSliced(later.read(page.filter((e) => e.version <= state.version).map(recorded)), sliceMs);
    after = page.at(-1)!.version;
  }
  const copy = (s: PlanState) => drafts.createDraft(s) as PlanState;
  const plan = await runSliced(planRevertSteps(state, found.events.map(recorded), later, { firstConflict: 'undo' in target, copy }), sliceMs);
  if ('revert' in target && plan.commands.length === 0) {
    // Said so a planner sees why (after an undo and a redo of an import, say, its own events are all "changed since").
    // Before any detail is told: telling 20,000 conflicts held the shared thread ~0.1–0.2 s, for a refusal.
    return refuse(
      'NothingToDo',
      `Nothing is left to revert: everything “${found.label}” did has already been taken back or changed again since (${plan.conflicts.length} ${plan.conflicts.length === 1 ? 'change' : 'changes'}).`,
    );
  }
  const detail = detailOf(state, plan);
  if ('revert' in target) {
    return {
      commands: plan.commands,
      detail,
      summary: {
        restored: detail.restored,
        ...storedConflicts(detail.conflicts),
        reverts: target.revert,
        effects: describeEffects(plan.events, 'did'),
      },
      label: takeBackLabel(found.label),
    };
  }
  const [first] = plan.conflicts;
  if (first) {
    const what = detail.conflicts[0]!.sentence;
    // decide's reasons end with a full stop; the refusal adds its own
    const reason = first.reason.replace(/\.+$/, '');
    // A redo takes back the planner's own undo: its refusal names that undo and says "redo".
    if (target.redo) {
      return refuse(
        'UndoConflict',
        first.laterActor
          ? `Cannot redo: ${first.laterActor} changed it since your undo (“${what}”), and redo never overwrites newer work.`
          : `Cannot redo: ${reason}.`,
      );
    }
    // An import or another batch is taken back whole or not at all by undo; its revert takes back the rest and leaves
    // what was changed since. The refusal names the batch (the Undo button did) and says so.
    const batchId = found.events[0]?.meta.batchId;
    const batch = batchId ? await store.batchInfo(planId, batchId) : null;
    if (batch && batch.kind !== 'undo') {
      const why = first.laterActor
        ? `${first.laterActor} changed some of it since (“${what}”), and undo never overwrites newer work`
        : `${reason} (“${what}”)`;
      return refuse(
        'UndoConflict',
        `Cannot undo “${batch.label}”: ${why}. To take back the rest of it, revert it in Export, import & batches: a revert leaves what was changed since as it is.`,
      );
    }
    return refuse(
      'UndoConflict',
      first.laterActor
        ? `Cannot undo “${what}”: ${first.laterActor} changed it since, and undo never overwrites newer work.`
        : `Cannot undo “${what}”: ${reason}.`,
    );
  }
  if (plan.commands.length === 0) return refuse('NothingToDo', `There is nothing left to ${target.redo ? 'redo' : 'undo'} for that change.`);
  // The batch the change was (an import, a bulk change, an undo): the Batches list links the undo to it.
  const batchId = found.events[0]?.meta.batchId ?? null;
  return {
    commands: plan.commands,
    detail,
    summary: batchId ? { undoOf: target.undo, undoOfBatch: batchId } : { undoOf: target.undo },
    label: await undoLabel(store, planId, { events: found.events, batchId }, state, target.redo ?? false),
  };
}

/** The target's events (and, for a batch, its label), or why it cannot be taken back. */
type Found = { events: StoredEvent<PlanEvent>[]; lastVersion: number; label: string } | { error: ReplyError };

async function batchEvents(store: EventStore, planId: string, batchId: string): Promise<Found> {
  const batch = await store.batchInfo(planId, batchId);
  if (!batch) return refuse('UnknownBatch', 'That batch does not exist in this plan.');
  // The plan's creation, made by Seatfold itself (a client cannot send a batch of that kind).
  if (batch.kind === 'setup' && batch.actorId === SYSTEM_ACTOR.id) {
    return refuse('NotRevertible', 'The plan’s initial setup cannot be reverted.');
  }
  if (batch.firstVersion === null || batch.lastVersion === null || batch.eventCount === 0) {
    return refuse('NothingToDo', 'That batch changed nothing, so there is nothing to revert.');
  }
  return { events: await readRange(store, planId, batch.firstVersion, batch.lastVersion), lastVersion: batch.lastVersion, label: batch.label };
}

/**
 * The events of versions first..last, a page at a time, as the later events are: on PGlite, which runs in the server's
 * thread, reading a 20,000-event import in one statement held every plan ~0.4 s (a probe), and a revert's preview
 * or an undo can be asked again and again. A turn of the event loop before each page: PGlite answers within
 * microtasks, so pages read one after another without it were one piece still (4 × 60 ms, an 18,000-event import).
 */
async function readRange(store: EventStore, planId: string, first: number, last: number): Promise<StoredEvent<PlanEvent>[]> {
  const events: StoredEvent<PlanEvent>[] = [];
  for (let after = first - 1; after < last;) {
    await nextTurn();
    const page = await store.readStream<PlanEvent>(planId, after, Math.min(LATER_PAGE, last - after));
    if (page.length === 0) break;
    events.push(...page);
    after = page.at(-1)!.version;
  }
  return events;
}

async function commandEvents(store: EventStore, planId: string, commandId: string, actorId: string, redo: boolean): Promise<Found> {
  const [outcome] = (await store.findCommandOutcomes(planId, [commandId])).values();
  // Each case said as it is, in redo's words for a redo: "made no difference" for a change never stored misled.
  const verb = redo ? 'redo' : 'undo';
  if (!outcome) return refuse('NothingToDo', `That change is not in this plan’s history, so there is nothing to ${verb}.`);
  if (outcome.status !== 'accepted') return refuse('NothingToDo', `That change was refused when it was sent, so there is nothing to ${verb}.`);
  if (outcome.eventCount === 0) return refuse('NothingToDo', `That change made no difference, so there is nothing to ${verb}.`);
  const events = await readRange(store, planId, outcome.firstVersion, outcome.lastVersion);
  if (events.some((e) => e.meta.actorId === null)) {
    return refuse(
      'Forbidden',
      'This change was recorded before Seatfold knew who made it, so it cannot be undone per person; an organiser can revert its batch instead.',
    );
  }
  if (events.some((e) => e.meta.actorId !== actorId)) return refuse('Forbidden', 'You can only undo your own changes.');
  if (redo) {
    // A redo takes back an undo, nothing else: an ordinary change "redone" would read as a redo in the history.
    const batchId = events[0]?.meta.batchId;
    const batch = batchId ? await store.batchInfo(planId, batchId) : null;
    if (batch?.kind !== 'undo') return refuse('NothingToDo', 'There is nothing to redo: that change was not an undo.');
  }
  return { events, lastVersion: outcome.lastVersion, label: 'Undo' };
}
