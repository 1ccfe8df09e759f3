import { PlanHistory, undoStacks, type BatchInfo, type HistoryEntry, type Presence, type UndoStacks, type WireEvent } from '@seatfold/sync';
import type { PlanState } from '@seatfold/domain/core';
import { NameBook, type ActorMeta } from '../actors.ts';
import { appendGroups, entrySentence, type BatchLabel } from '../timeline.ts';
import { MadeWatch } from './made.ts';
import { MyChanges } from './mine.ts';
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
  /** each actor id's newest name: the timeline shows people under their current name */
  private readonly names = new NameBook();
  private displayed: { version: number; state: PlanState } | null = null;
  private compared: { version: number; state: PlanState } | null = null;

  constructor(
    readonly token: string,
    private readonly storage: Storage | null,
  ) {
    this.stacks = storage ? undoStacks.loadStacks(storage, token) : undoStacks.emptyStacks();
  }

  /** Adds events that continue the held history; false (nothing added) when they would leave a gap. */
  add(events: readonly WireEvent[]): boolean {
    if (events.length === 0) return true;
    const fresh = events.filter((e) => e.version > this.history.length);
    const first = fresh[0];
    if (!first) return true;
    if (first.version !== this.history.length + 1) return false;
    this.history.append(fresh);
    appendGroups(this.entries, fresh);
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
  }

  /** Learns batch labels (the timeline's batch entries and the Undo button name batches by them); true if any is new. */
  learnBatches(batches: readonly Pick<BatchInfo, 'batchId' | 'kind' | 'label'>[]): boolean {
    let changed = false;
    for (const b of batches) {
      const known = this.batches.get(b.batchId);
      if (known?.kind === b.kind && known.label === b.label) continue;
      this.batches.set(b.batchId, { kind: b.kind, label: b.label });
      changed = true;
    }
    if (changed) this.labelsChanged();
    return changed;
  }

  /**
   * What Undo would take back (or Redo bring back) now, in the timeline's words without who ("moved Kim Doe from
   * table 3 to table 12"); null when there is nothing to, or the change was made before this page was loaded. An
   * undo or redo made here names the change it took back or brought back (`origin`).
   */
  undoWords(which: 'undo' | 'redo'): string | null {
    const id = which === 'undo' ? undoStacks.nextUndo(this.stacks) : undoStacks.nextRedo(this.stacks);
    return id ? this.mine.words(this.origin.get(id) ?? id, this.batches) : null;
  }

  setStacks(next: UndoStacks) {
    if (next === this.stacks) return false;
    this.stacks = next;
    if (this.storage) undoStacks.saveStacks(this.storage, this.token, next);
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
