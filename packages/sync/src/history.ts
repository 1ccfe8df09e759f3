import { evolve, initialState, mentionedIn, type EntityKey, type EventOf, type PlanState } from '@seatfold/domain/core';
import { freeze, produce } from 'immer';
import type { WireEvent } from './protocol.ts';

/** Events between two fine steps inside a checkpoint's stretch (stateAt). */
const FINE_EVERY = 16;

/**
 * A plan's whole history on the client, for time travel. Events are kept in version order; every K-th state is
 * kept as an immutable checkpoint, each produced from the one before by immer, so checkpoints share everything
 * that did not change between them. Seeking folds at most K-1 events onto the nearest checkpoint.
 */
export class PlanHistory {
  private readonly events: WireEvent[] = [];
  /** checkpoints[i] = state at version i*K */
  private readonly checkpoints: PlanState[] = [freeze(initialState(), true)];
  private last: { version: number; state: PlanState } | null = null;
  /** the fine steps of the stretch after one checkpoint (fineStep) */
  private fine: { checkpoint: number; states: PlanState[] } | null = null;

  constructor(readonly checkpointEvery = 256) {}

  /** Number of events held: versions 1..length are available. */
  get length(): number {
    return this.events.length;
  }

  /** Adds events that continue the history (older or repeated ones are ignored); a gap throws. */
  append(events: readonly WireEvent[]): void {
    for (const e of events) {
      if (e.version <= this.events.length) continue;
      if (e.version !== this.events.length + 1) throw new Error(`history gap: have ${this.events.length}, got ${e.version}`);
      this.events.push(e);
    }
  }

  event(version: number): WireEvent | undefined {
    return this.events[version - 1];
  }

  /** Events with from < version ≤ to. */
  slice(from: number, to: number): WireEvent[] {
    return this.events.slice(Math.max(0, from), Math.min(to, this.events.length));
  }

  /** The plan as it was right after `version` (0 = before anything), as an immutable state. */
  stateAt(version: number): PlanState {
    const v = Math.max(0, Math.min(version, this.events.length));
    if (this.last?.version === v) return this.last.state;
    const k = this.checkpointEvery;
    const cp = Math.floor(v / k);
    this.buildCheckpoints(cp);
    // The nearest state kept at or before v: the checkpoint, the last state asked for (a scrubber dragged forward, a
    // replay: each step folds its own events only), or — going back inside the stretch last sought in, as a scrubber
    // dragged back does — a fine step of that stretch. A plain jump (a page of history read, the state before an
    // entry) folds from the checkpoint in one pass: fine steps would copy what they change once a step, up to
    // K / FINE_EVERY times over.
    let from = cp * k;
    let base = this.checkpoints[cp]!; // buildCheckpoints(cp) just made checkpoints 0..cp
    const last = this.last;
    if (last !== null && last.version < v && last.version > from) {
      base = last.state;
      from = last.version;
    }
    const back = last !== null && last.version > v && Math.floor((last.version - 1) / k) === cp;
    const j = Math.floor((v - cp * k) / FINE_EVERY);
    if (j > 0 && cp * k + j * FINE_EVERY > from && (back || this.fine?.checkpoint === cp)) {
      base = this.fineStep(cp, j);
      from = cp * k + j * FINE_EVERY;
    }
    const state =
      v === from
        ? base
        : produce(base, (d) => {
            for (let i = from; i < v; i++) evolve(d, this.events[i]!.event);
          });
    this.last = { version: v, state };
    return state;
  }

  /**
   * The state at the j-th fine step of checkpoint cp's stretch (cp·K + j·FINE_EVERY), made on first need. Only the
   * stretch last sought in keeps its fine steps: a scrubber dragged back folds at most FINE_EVERY − 1 events a step
   * instead of up to K − 1, for a few states' worth of memory (they share all that did not change).
   */
  private fineStep(cp: number, j: number): PlanState {
    if (this.fine?.checkpoint !== cp) this.fine = { checkpoint: cp, states: [this.checkpoints[cp]!] };
    const states = this.fine.states;
    const start = cp * this.checkpointEvery;
    while (states.length <= j) {
      const i = states.length;
      states.push(
        produce(states[i - 1]!, (d) => {
          for (let e = start + (i - 1) * FINE_EVERY; e < start + i * FINE_EVERY; e++) evolve(d, this.events[e]!.event);
        }),
      );
    }
    return states[j]!;
  }

  private buildCheckpoints(upTo: number) {
    const k = this.checkpointEvery;
    while (this.checkpoints.length <= upTo) {
      const i = this.checkpoints.length;
      // From the checkpoint before (i ≥ 1: the list starts with version 0 and only grows), or from the last state
      // asked for where it lies in between: history read page by page asks for each page's end, and folding those
      // events again into the checkpoint would fold the whole history twice.
      let from = (i - 1) * k;
      let base = this.checkpoints[i - 1]!;
      const last = this.last;
      if (last !== null && last.version > from && last.version <= i * k) {
        base = last.state;
        from = last.version;
      }
      this.checkpoints.push(
        from === i * k
          ? base
          : produce(base, (d) => {
              for (let j = from; j < i * k; j++) evolve(d, this.events[j]!.event);
            }),
      );
    }
  }

  /** How many checkpoints exist (for memory measurements). */
  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  /**
   * Every guest and table removed at some point, by its last removal, newest first: whoever looks for one deleted by
   * mistake finds it by the name it had (its removal event keeps its fields). Whether it was added back since is the
   * caller's to see in the state.
   */
  removals(): Removal[] {
    if (this.removalsRead < this.events.length) {
      for (let i = this.removalsRead; i < this.events.length; i++) {
        const e = this.events[i]!;
        const ev = e.event;
        if (ev.type === 'GuestRemoved')
          this.lastRemoval.set(`guest:${ev.guestId}`, { key: `guest:${ev.guestId}`, version: e.version, at: e.meta.at, event: ev });
        else if (ev.type === 'TableRemoved')
          this.lastRemoval.set(`table:${ev.tableId}`, { key: `table:${ev.tableId}`, version: e.version, at: e.meta.at, event: ev });
      }
      this.removalsRead = this.events.length;
      this.removalList = [...this.lastRemoval.values()].sort((a, b) => b.version - a.version);
    }
    return this.removalList;
  }

  private removalsRead = 0;
  private readonly lastRemoval = new Map<EntityKey, Removal>();
  private removalList: Removal[] = [];

  /** Every event that names the entity (a guest, a table…), oldest first. */
  touching(key: EntityKey): WireEvent[] {
    return this.events.filter((e) => mentionedIn(e.event).includes(key));
  }

  /** The last version at or before `at` (epoch ms), or 0. */
  versionAtTime(at: number): number {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.events[mid - 1]!.meta.at <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** A guest's or table's last removal (PlanHistory.removals). */
export interface Removal {
  key: EntityKey;
  version: number;
  /** epoch ms */
  at: number;
  event: EventOf<'GuestRemoved'> | EventOf<'TableRemoved'>;
}

/** One line of the timeline: the events of one command, or of one batch. */
export interface HistoryEntry {
  firstVersion: number;
  lastVersion: number;
  /** display name then, and the stable id (null: recorded before actors had ids) */
  actor: string;
  actorId: string | null;
  at: number;
  commandId: string;
  batchId: string | null;
  events: WireEvent[];
}

/**
 * Groups consecutive events of the same batch (or, outside batches, the same command) into timeline entries.
 * Given `into`, extends those entries instead (mutating and returning them): events they already hold are skipped,
 * so pages can arrive with overlaps and the result is the same as grouping everything at once.
 */
export function groupHistory(events: readonly WireEvent[], into: HistoryEntry[] = []): HistoryEntry[] {
  for (const e of events) {
    const last = into[into.length - 1];
    if (last && e.version <= last.lastVersion) continue;
    const same = last && (e.meta.batchId ? last.batchId === e.meta.batchId : !last.batchId && last.commandId === e.meta.commandId);
    if (same) {
      last.lastVersion = e.version;
      last.events.push(e);
    } else {
      into.push({
        firstVersion: e.version,
        lastVersion: e.version,
        actor: e.meta.actor,
        actorId: e.meta.actorId,
        at: e.meta.at,
        commandId: e.meta.commandId,
        batchId: e.meta.batchId,
        events: [e],
      });
    }
  }
  return into;
}
