import {
  PlanHistory,
  undoStacks,
  type BatchInfo,
  type BatchSummary,
  type HistoryEntry,
  type Presence,
  type UndoStacks,
  type WireEvent,
} from '@seatfold/sync';
import type { PlanState } from '@seatfold/domain/core';
import { NameBook, type ActorMeta } from '../actors.ts';
import { appendGroups, entrySentence, type BatchLabel } from '../timeline.ts';
import { changeBehind, heldWords } from './held.ts';
import { MadeWatch } from './made.ts';
import { MyChanges } from './mine.ts';
import { loadWords, saveWords } from './saved-words.ts';
import { historyActions } from './slice.ts';

/*
 * Time travel, audit trail and per-user undo for the open plan: the plan's whole history (PlanHistory: events +
 * immutable checkpoints), read from the server in pages on demand (timeline opened, deep link) and continued by
 * live `sync/events` (feed.ts); the undo, redo and restore requests are in ../historyUndo.ts.
 */

/** Everything big or live about one open plan's history. */
export class PlanTimeline {
  readonly history = new PlanHistory();
  /** timeline entries (one per command or batch), oldest first, extended as events arrive */
  readonly entries: HistoryEntry[] = [];
  readonly batches = new Map<string, BatchLabel>();
  planId: string | null = null;
  stacks: UndoStacks;
  /** each undo or redo this tab made → the change it took back or brought back (an undo's and a redo's notices
   *  describe that change by its timeline entry while that is held); in memory only: after a reload, or before the
   *  history is read, the notice reads the change from the undo's or redo's own events (`made`) */
  readonly origin = new Map<string, string>();
  readonly made = new MadeWatch();
  /** my confirmed changes as they were made: what the Undo and Redo buttons name (undoWords) */
  readonly mine = new MyChanges();
  loading = false;
  /** history was asked for: keep it complete as events arrive */
  wanted = false;
  batchesLoading = false;
  /** batch labels asked for soon (new batches arrived while the timeline is wanted) */
  batchTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly sentences = new Map<string, string>();
  /** each command's timeline entry (by command id), kept as entries are added */
  private readonly byCommand = new Map<string, HistoryEntry>();
  /** the Undo and Redo buttons' words of my changes, by command id, once known (dropped with the sentences) */
  private readonly words = new Map<string, string>();
  /** the buttons' words by the command on my stack, as this browser last knew them (saved-words.ts) */
  private readonly saved: Map<string, string>;
  /** each actor id's newest name: the timeline shows people under their current name */
  private readonly names = new NameBook();
  private displayed: { version: number; state: PlanState } | null = null;
  private compared: { version: number; state: PlanState } | null = null;

  constructor(
    readonly token: string,
    private readonly storage: Storage | null,
  ) {
    this.stacks = storage ? undoStacks.loadStacks(storage, token) : undoStacks.emptyStacks();
    this.saved = loadWords(storage, token);
  }

  /** Adds events that continue the held history; false (nothing added) when they would leave a gap. */
  add(events: readonly WireEvent[]): boolean {
    if (events.length === 0) return true;
    const fresh = events.filter((e) => e.version > this.history.length);
    const first = fresh[0];
    if (!first) return true;
    if (first.version !== this.history.length + 1) return false;
    this.history.append(fresh);
    // The last entry may go on with these events (one batch across pages): it is indexed again, with the new ones.
    const from = Math.max(0, this.entries.length - 1);
    appendGroups(this.entries, fresh);
    for (const entry of this.entries.slice(from)) this.byCommand.set(entry.commandId, entry);
    let renamed = false;
    for (const e of fresh) renamed = this.names.learn(e.meta.actorId, e.meta.actor) || renamed;
    if (renamed) this.labelsChanged();
    return true;
  }

  /** Learns the names of the people online; true when somebody shown in the timeline is now called otherwise. */
  learnOnline(online: readonly Presence[]): boolean {
    let renamed = false;
    for (const p of online) renamed = this.names.learn(p.actorId, p.userName) || renamed;
    if (renamed) this.labelsChanged();
    return renamed;
  }

  /** The name to show for a change: its actor's current name (legacy changes: the name they were recorded with). */
  nameOf(m: ActorMeta): string {
    return this.names.nameOf(m);
  }

  /** The plan right after `version`, identical object for the same version (so views re-render only on a seek). */
  displayedAt(version: number): PlanState {
    if (this.displayed?.version !== version) this.displayed = { version, state: this.history.stateAt(version) };
    return this.displayed.state;
  }

  comparedAt(version: number): PlanState {
    if (this.compared?.version !== version) this.compared = { version, state: this.history.stateAt(version) };
    return this.compared.state;
  }

  sentence(entry: HistoryEntry): string {
    const key = `${entry.firstVersion}:${entry.lastVersion}`;
    let s = this.sentences.get(key);
    if (s === undefined) {
      s = entrySentence(
        entry,
        this.history.stateAt(entry.firstVersion - 1),
        entry.batchId ? this.batches.get(entry.batchId) : null,
        this.nameOf(entry),
      );
      this.sentences.set(key, s);
    }
    return s;
  }

  /** bumped whenever the sentences were dropped (labels or names changed) */
  labelsVersion = 0;

  labelsChanged() {
    this.labelsVersion++;
    this.sentences.clear();
    this.words.clear();
  }

  /** Whether some batch entry held has no label yet (a batch made while the timeline was not wanted). */
  labelsMissing(): boolean {
    return this.entries.some((e) => e.batchId !== null && !this.batches.has(e.batchId));
  }

  /** Learns batch labels (the timeline's batch entries and the Undo button name batches by them); true if any is new. */
  learnBatches(batches: readonly (Pick<BatchInfo, 'batchId' | 'kind' | 'label'> & { summary?: BatchSummary | undefined })[]): boolean {
    let changed = false;
    for (const b of batches) {
      const known = this.batches.get(b.batchId);
      const undoOf = (b.summary && 'undoOf' in b.summary ? b.summary.undoOf : undefined) ?? known?.undoOf;
      if (known?.kind === b.kind && known.label === b.label && known.undoOf === undoOf) continue;
      this.batches.set(b.batchId, { kind: b.kind, label: b.label, ...(undoOf ? { undoOf } : {}) });
      changed = true;
    }
    if (changed) this.labelsChanged();
    return changed;
  }

  /**
   * What Undo would take back (or Redo bring back) now, in the timeline's words without who ("moved Kim Doe from
   * table 3 to table 12"); null when there is nothing to, or the change is neither remembered from this page nor
   * held in the plan's history (its events, and a batch's label, not read yet). An undo or redo names the change it
   * took back or brought back: as this page saw it (`origin`), else as its batch says (undoOf).
   */
  undoWords(which: 'undo' | 'redo'): string | null {
    const id = which === 'undo' ? undoStacks.nextUndo(this.stacks) : undoStacks.nextRedo(this.stacks);
    return id ? this.wordsOf(id) : null;
  }

  /** The words of the command `id` on my stacks: worked out here (kept in this browser), else as this browser kept them. */
  private wordsOf(id: string): string | null {
    const change = this.changeBehind(id);
    let words = this.words.get(change) ?? null;
    if (words === null) {
      words = this.mine.words(change, this.batches) ?? heldWords(this.byCommand.get(change), this.history, this.batches);
      if (words !== null) this.words.set(change, words);
    }
    if (words === null) return this.saved.get(id) ?? null;
    if (this.saved.get(id) !== words) {
      this.saved.set(id, words);
      saveWords(this.storage, this.token, this.saved, this.stacks);
    }
    return words;
  }

  /**
   * The undo or redo `commandId` of `target` is named as its target was: Undo "W" leaves Redo "W" and back (kept in
   * this browser with the stacks, so a reload names it even when neither change's events are held).
   */
  inheritWords(target: string, commandId: string): void {
    const words = this.wordsOf(target);
    if (words !== null) this.saved.set(commandId, words);
  }

  /** The change the command `commandId` takes back or brings back if it is an undo or a redo (held.ts), else itself. */
  changeBehind(commandId: string): string {
    return changeBehind(commandId, this.origin, (c) => this.byCommand.get(c), this.batches);
  }

  /** Whether a top of my stacks is not named yet: its events or its batch's label are still to be read. */
  undoWordsMissing(): boolean {
    return (this.stacks.undo.length > 0 && !this.undoWords('undo')) || (this.stacks.redo.length > 0 && !this.undoWords('redo'));
  }

  setStacks(next: UndoStacks) {
    if (next === this.stacks) return false;
    this.stacks = next;
    if (this.storage) undoStacks.saveStacks(this.storage, this.token, next);
    saveWords(this.storage, this.token, this.saved, next);
    return true;
  }
}

/**
 * The open plan's registry. It stays module state because the board's selectors read past states from it and a
 * selector sees only the Redux state; it is replaced when another plan opens (listeners.ts) and read nowhere else.
 */
let current: PlanTimeline | null = null;

/** The open plan's timeline registry (null when no plan is open). */
export const planTimeline = (): PlanTimeline | null => current;
export function setPlanTimeline<T extends PlanTimeline | null>(t: T): T {
  current = t;
  return t;
}

/** A fresh registry for the plan behind `token` (its undo stacks come back from this browser's storage). */
export const newPlanTimeline = (token: string) => new PlanTimeline(token, storage());

const storage = (): Storage | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
};

export const undoCounts = (t: PlanTimeline) => historyActions.undoState({ undo: t.stacks.undo.length, redo: t.stacks.redo.length });
