import { createNextState as produce } from '@reduxjs/toolkit';
import { evolve, type PlanState } from '@seatfold/domain/core';
import type { WireEvent } from '@seatfold/sync';
import type { Made } from '../undo-notice.ts';

/**
 * Undo and redo commands of this tab waiting for their events: the notice after each describes the change from the
 * events it made and the plan right before them (undo-notice.ts). The feed shows it every confirmed delivery.
 */
export class MadeWatch {
  private readonly waiting = new Map<string, (made: Made | null) => void>();

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
      this.waiting.set(commandId, done);
    });
    return { made, cancel };
  }

  /** Confirmed events arrived on top of `before` (null when they came without it, after a snapshot). */
  saw(events: readonly WireEvent[], before: PlanState | null): void {
    if (this.waiting.size === 0 || !before) return;
    const fresh = events.filter((e) => e.version > before.version);
    if (fresh[0]?.version !== before.version + 1) return;
    for (const [commandId, done] of [...this.waiting]) {
      const at = fresh.findIndex((e) => e.meta.commandId === commandId);
      if (at < 0) continue;
      const own = fresh.filter((e) => e.meta.commandId === commandId);
      const state = at === 0 ? before : produce(before, (d) => void fresh.slice(0, at).forEach((e) => evolve(d, e.event)));
      done({ events: own, before: state });
    }
  }
}
