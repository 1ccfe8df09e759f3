import { createNextState as produce } from '@reduxjs/toolkit';
import { evolve, type PlanState } from '@seatfold/domain/core';
import type { WireEvent } from '@seatfold/sync';
import type { Made } from '../undo-notice.ts';

interface Waiter {
  done: (made: Made | null) => void;
  /** the last version of its events, once the reply has said it */
  lastVersion?: number;
}

/**
 * Undo and redo commands of this tab waiting for their events: the notice after each describes the change from the
 * events it made and the plan right before them (undo-notice.ts). The feed shows it every confirmed delivery.
 *
 * Events that arrive folded into a snapshot (a join after a reconnect that was too far behind for a catch-up) are
 * never seen one by one: a waiter whose events the confirmed plan already holds gives up at once (a bare notice)
 * instead of at its deadline.
 */
export class MadeWatch {
  private readonly waiting = new Map<string, Waiter>();

  /** The events the command `commandId` makes, once confirmed; null if they have not arrived within `ms`. */
  wait(commandId: string, ms: number): { made: Promise<Made | null>; cancel: () => void } {
    let cancel = () => {};
    const made = new Promise<Made | null>((resolve) => {
      const timer = setTimeout(() => cancel(), ms);
      const done = (m: Made | null) => {
        clearTimeout(timer);
        this.waiting.delete(commandId);
        resolve(m);
      };
      cancel = () => done(null);
      this.waiting.set(commandId, { done });
    });
    return { made, cancel };
  }

  /**
   * The reply to `commandId` says its events end at `lastVersion`; `confirmed` is the confirmed plan's version now.
   * If the plan already holds them and they were not seen, they came in a snapshot: nothing more will come.
   */
  replied(commandId: string, lastVersion: number, confirmed: number): void {
    const w = this.waiting.get(commandId);
    if (!w) return;
    if (confirmed >= lastVersion) w.done(null);
    else w.lastVersion = lastVersion;
  }

  /** Confirmed events arrived on top of `before` (null when they came without it, after a snapshot at `head`). */
  saw(events: readonly WireEvent[], before: PlanState | null, head: number): void {
    if (this.waiting.size === 0) return;
    if (!before) {
      for (const w of [...this.waiting.values()]) if (w.lastVersion !== undefined && w.lastVersion <= head) w.done(null);
      return;
    }
    for (const [commandId, made] of madeIn(events, before, (id) => this.waiting.has(id))) this.waiting.get(commandId)?.done(made);
  }
}

/**
 * What each command `wanted` made among confirmed `events` delivered on top of `before`: its own events and the plan
 * right before them. Nothing when the events do not continue `before` (a gap: the plan before them is unknown).
 */
export function madeIn(events: readonly WireEvent[], before: PlanState, wanted: (commandId: string) => boolean): Map<string, Made> {
  const found = new Map<string, Made>();
  const fresh = events.filter((e) => e.version > before.version);
  if (fresh[0]?.version !== before.version + 1) return found;
  const ids = new Set(fresh.map((e) => e.meta.commandId).filter(wanted));
  for (const commandId of ids) {
    const at = fresh.findIndex((e) => e.meta.commandId === commandId);
    const own = fresh.filter((e) => e.meta.commandId === commandId);
    const state = at === 0 ? before : produce(before, (d) => void fresh.slice(0, at).forEach((e) => evolve(d, e.event)));
    found.set(commandId, { events: own, before: state });
  }
  return found;
}
