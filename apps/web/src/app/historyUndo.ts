import { capital, clipText, describeEvent, restoreCommands, restoreRemoves, type EntityKey } from '@seatfold/domain/core';
import { newCommandId, undoStacks, type BatchRequest, type CommandReply, type ProtocolError } from '@seatfold/sync';

const { dropped, issued, nextRedo, nextUndo, redone, undone } = undoStacks;
import { entityName, historyActions, planTimeline, undoCounts, type PlanTimeline } from './history.ts';
import type { AppStore } from './store.ts';
import { notificationsActions } from './notifications.ts';
import type { PlanConnection } from './connection.ts';
import { entrySentence, longTime } from './timeline.ts';
import { changeTakenBack, madeNothing, undoNotice } from './undo-notice.ts';

/*
 * Per-user undo and redo, and restoring one guest or table as it was: requests to the server on the open plan's
 * timeline registry (history.ts), with their outcome as notices.
 */

type UndoReply = CommandReply | { ok: false; error: ProtocolError };
const newId = newCommandId;

/** The open plan's connection (the store's `extra`); its requests reject while offline. */
function plan(store: AppStore) {
  const c = store.extra.connection.current;
  if (!c) throw new Error('The plan is not connected: wait until it is connected and try again.');
  return c;
}

function replyError(reply: UndoReply): { code: string; message: string } | null {
  if ('ok' in reply) return reply.error;
  return reply.status === 'rejected' ? reply.error : null;
}

/** Codes after which the target can never be taken back: it leaves the stack. */
const FINAL = new Set(['UndoConflict', 'NothingToDo', 'Forbidden', 'UnknownBatch']);

/** Batches this page sent as its own (sendAsMine) that may still be on their way: sent, not yet confirmed or refused. */
const batchesSent = new Set<string>();

/** Whether a change of mine is still on its way: a command not yet confirmed by its events, or a batch (the same). */
function onTheirWay(store: AppStore, t: PlanTimeline): boolean {
  if (store.getState().plan.pending.length > 0) return true;
  for (const id of batchesSent) if (!t.stacks.issued.includes(id)) batchesSent.delete(id); // confirmed or refused
  return batchesSent.size > 0;
}

/** How long an undo waits for my changes on their way before it says so (they wait for a connection, say). */
const SETTLE_MS = 8_000;

/**
 * Resolves true once none of my changes is on its way, false after `ms`. Looked at on every store change (events that
 * confirm a change move it onto the undo stack in the same dispatch, history/feed.ts) and every 100 ms (a refused
 * batch leaves the stacks without a store change).
 */
function settled(store: AppStore, t: PlanTimeline, ms: number): Promise<boolean> {
  if (!onTheirWay(store, t)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const check = () => {
      if (!onTheirWay(store, t)) done(true);
    };
    const done = (ok: boolean) => {
      clearTimeout(timer);
      clearInterval(poll);
      unsubscribe();
      resolve(ok);
    };
    const unsubscribe = store.subscribe(check);
    const poll = setInterval(check, 100);
    const timer = setTimeout(() => done(!onTheirWay(store, t)), ms);
  });
}

async function undoStep(store: AppStore, which: 'undo' | 'redo') {
  const t = planTimeline();
  if (!t || store.getState().history.undo.busy) return;
  // Newest first: a change of mine still on its way (a drop a moment ago) is the newest. Choosing now would take back
  // the change before it, or say there is nothing to undo; so the undo waits until it is confirmed or refused.
  if (onTheirWay(store, t)) {
    store.dispatch(historyActions.undoState({ busy: true }));
    const ok = await settled(store, t, SETTLE_MS);
    store.dispatch(historyActions.undoState({ busy: false }));
    if (planTimeline() !== t) return;
    if (!ok) {
      const text =
        which === 'undo'
          ? 'Your latest change is not saved yet, and undo goes newest first: try again once it is saved.'
          : 'Your latest change is not saved yet: redo once it is saved.';
      store.dispatch(notificationsActions.notice({ text, tone: 'info' }));
      return;
    }
  }
  const target = which === 'undo' ? nextUndo(t.stacks) : nextRedo(t.stacks);
  if (!target) {
    // Said, not silently ignored: from the keyboard (Ctrl+Z) nothing else tells the planner the key was heard.
    const text =
      which === 'undo'
        ? 'Nothing of yours to undo: undo takes back your own changes, newest first.'
        : 'Nothing to redo: redo brings back what you undid.';
    store.dispatch(notificationsActions.notice({ text, tone: 'info' }));
    return;
  }
  const commandId = newId();
  store.dispatch(historyActions.undoState({ busy: true }));
  // Watched from before it is sent: its events may arrive before the reply.
  const watch = t.made.wait(commandId, 10_000);
  try {
    // A redo is an undo of my undo: the flag only words a refusal as "redo".
    const reply = await plan(store).undo({ commandId, targetCommandId: target, ...(which === 'redo' ? { redo: true } : {}) });
    if (planTimeline() !== t) return watch.cancel();
    const error = replyError(reply);
    if (!error) {
      // An undo takes back a change (or the change a redo brought back); a redo brings back what its undo took back.
      // (As this page saw it, else as the undo's batch says: after a reload too.)
      const behind = t.changeBehind(target);
      const original = which === 'undo' ? behind : behind !== target ? behind : undefined;
      const held = original ? commandSentence(original) : null;
      if (original) t.origin.set(commandId, original);
      t.inheritWords(target, commandId);
      t.setStacks(which === 'undo' ? undone(t.stacks, target, commandId) : redone(t.stacks, target, commandId));
      const notice = (what: string | null) => store.dispatch(notificationsActions.notice({ text: undoNotice(which, what), tone: 'info' }));
      if (madeNothing(reply)) {
        // No events will come to wait for: said at once.
        watch.cancel();
        store.dispatch(notificationsActions.notice({ text: undoNotice(which, null, true), tone: 'info' }));
      } else if (held) {
        watch.cancel();
        notice(held);
      } else {
        // Not held (after a reload, or before the history is read): said from its own events once they are confirmed.
        void watch.made.then((made) => notice(made && changeTakenBack(which, made)));
        // Its events may already be folded into the plan unseen (a snapshot after a reconnect): then it says so now.
        if ('status' in reply && reply.status === 'accepted') t.made.replied(commandId, reply.version, store.getState().plan.confirmed.version);
      }
    } else {
      watch.cancel();
      let text = error.message;
      if (FINAL.has(error.code)) {
        t.setStacks(dropped(t.stacks, target));
        // The change leaves the list, so the next Ctrl+Z reaches the one beneath it: said now, so a second press
        // (the key pressed again in case the first was not heard) takes back nothing unawares.
        text = `${text} ${whatIsNext(which, t)}`;
      }
      store.dispatch(notificationsActions.notice({ text, tone: 'error' }));
    }
  } catch (err) {
    watch.cancel();
    store.dispatch(notificationsActions.notice({ text: err instanceof Error ? err.message : String(err), tone: 'error' }));
  } finally {
    if (planTimeline() === t) store.dispatch(undoCounts(t));
    store.dispatch(historyActions.undoState({ busy: false }));
  }
}

/** After a refused undo or redo left the list: what the next one would take back or bring back (as its button names it). */
function whatIsNext(which: 'undo' | 'redo', t: PlanTimeline): string {
  const next = which === 'undo' ? nextUndo(t.stacks) : nextRedo(t.stacks);
  if (!next) return which === 'undo' ? 'Nothing else of yours is left to undo.' : 'Nothing else is left to redo.';
  const words = t.undoWords(which);
  if (which === 'redo')
    return words ? `Redo now brings back what you undid before that (${words}).` : 'Redo now brings back what you undid before that.';
  return words ? `Undo now takes back your change before it (you ${words}).` : 'Undo now takes back your change before it.';
}

/** What the command `commandId` did, as the timeline says it with "you" ("you ran “Add 20 tables”"), when it is held. */
function commandSentence(commandId: string): string | null {
  const t = planTimeline();
  if (!t) return null;
  // Seen made by this page (what the Undo button names): no need to look through the history.
  const words = t.mine.words(commandId, t.batches);
  if (words) return `you ${words}`;
  for (let i = t.entries.length - 1; i >= 0; i--) {
    const entry = t.entries[i]!;
    if (entry.commandId !== commandId) continue;
    const batch = entry.batchId ? t.batches.get(entry.batchId) : null;
    return entrySentence(entry, t.history.stateAt(entry.firstVersion - 1), batch, 'you');
  }
  return null;
}

/**
 * Sends a change this browser makes outside the command stream — a batch (a bulk set-up, a duplicate, an automatic
 * seating, a restore), an import's apply, a revert — as one of my changes: `commandId` is the id its events will
 * carry, so once they are confirmed Ctrl+Z takes the whole change back as it takes back one command. Before, such a
 * change never entered the stack and Ctrl+Z silently took back the change before it (after an import: the planner's
 * last drag, the import left in place). A change refused (`refused`) or not sent leaves the stack as it was.
 */
export async function sendAsMine<R>(commandId: string, send: () => Promise<R>, refused: (reply: R) => boolean): Promise<R> {
  const t = planTimeline();
  // Marked before it is sent: its events may arrive before the reply.
  t?.setStacks(issued(t.stacks, commandId));
  batchesSent.add(commandId);
  const forget = () => {
    if (t && planTimeline() === t) t.setStacks(dropped(t.stacks, commandId));
  };
  try {
    const reply = await send();
    if (refused(reply)) forget();
    return reply;
  } catch (err) {
    forget();
    throw err;
  }
}

/** A batch this browser makes, sent as one of my changes (sendAsMine). */
export const sendOwnBatch = (connection: PlanConnection, req: BatchRequest): Promise<CommandReply> => {
  // Its label is known before it is stored: the Undo button and the timeline name it at once.
  planTimeline()?.learnBatches([req]);
  return sendAsMine(
    req.commandId,
    () => connection.batch(req),
    (reply) => reply.status === 'rejected',
  );
};

export const undoMine = (store: AppStore) => undoStep(store, 'undo');
export const redoMine = (store: AppStore) => undoStep(store, 'redo');

/**
 * Brings one guest or table back to how it was right after `version`, as new events: the commands come from the
 * domain's restoreCommands and go as ONE atomic batch, which the server refuses whole (with its reason) if any
 * of them no longer fits.
 */
export async function restoreEntity(store: AppStore, key: EntityKey, version: number): Promise<boolean> {
  const t = planTimeline();
  if (!t) return false;
  const live = store.getState().plan.view;
  const past = t.history.stateAt(version);
  const name = entityName(key, [live, past]);
  const when = version > 0 && t.history.event(version) ? longTime(t.history.event(version)!.meta.at) : 'the start';
  const removes = restoreRemoves(live, past, key);
  const commands = restoreCommands(live, past, key);
  const overwritten = restoreOverwrites(store, key, version);
  if (commands.length === 0) {
    store.dispatch(notificationsActions.notice({ text: `${capital(name)} is already as it was at ${when}.`, tone: 'info' }));
    return false;
  }
  try {
    // Restoring as it was before it was added removes it: the label and the notice say so, not "restored".
    const label = clipText(removes ? `Removed ${name} (it did not exist yet at ${when})` : `Restored ${name} as it was at ${when}`, 300);
    const reply = await sendOwnBatch(plan(store), { commandId: newId(), batchId: newId(), kind: 'restore', label, commands });
    const error = replyError(reply);
    if (error) {
      store.dispatch(notificationsActions.notice({ text: `Could not restore ${name}: ${error.message}`, tone: 'error' }));
      return false;
    }
    const others =
      overwritten.length === 0
        ? ''
        : ` ${overwritten.length === 1 ? 'One later change' : `${overwritten.length} later changes`} by others taken back.`;
    const done = removes
      ? `Removed ${name}: it did not exist yet at ${when}.${others} Undo (Ctrl+Z) brings it back.`
      : `${capital(name)} restored as it was at ${when}.${others} Undo (Ctrl+Z) takes the restore back.`;
    store.dispatch(notificationsActions.notice({ text: done, tone: 'info' }));
    store.dispatch(historyActions.view(null));
    return true;
  } catch (err) {
    store.dispatch(notificationsActions.notice({ text: err instanceof Error ? err.message : String(err), tone: 'error' }));
    return false;
  }
}

/**
 * The later changes that restoring `key` as it was after `version` takes back, oldest first, as the timeline tells
 * them ("Bob moved Anna Ames from table 1 to table 3"), each marked mine or not.
 */
export function restoreTakesBack(store: AppStore, key: EntityKey, version: number): { text: string; mine: boolean }[] {
  const t = planTimeline();
  const me = store.getState().plan.you?.id;
  if (!t) return [];
  return t.history
    .touching(key)
    .filter((e) => e.version > version)
    .map((e) => ({ text: `${t.nameOf(e.meta)} ${describeEvent(e.event, t.history.stateAt(e.version - 1))}`, mine: e.meta.actorId === me }));
}

/**
 * The later changes of other people that restoring `key` as it was after `version` takes back (restoreTakesBack):
 * the restore asks before overwriting them. Changes of my own are not listed (restoring over them is what I ask for).
 */
export function restoreOverwrites(store: AppStore, key: EntityKey, version: number): string[] {
  return restoreTakesBack(store, key, version)
    .filter((c) => !c.mine)
    .map((c) => c.text);
}

/** Whether restoring `key` as it was after `version` would remove it from the plan (it did not exist yet then). */
export function restoreWouldRemove(store: AppStore, key: EntityKey, version: number): boolean {
  const t = planTimeline();
  return t !== null && restoreRemoves(store.getState().plan.view, t.history.stateAt(version), key);
}
