import { getHeapStatistics } from 'node:v8';
import { ROOM_BASE_BYTES } from './room-core.ts';
import type { PlanRoom } from './room.ts';

export interface UnloadOptions {
  /** a plan nobody has joined and nobody used for this long is unloaded */
  idleMs: number;
  /** above this estimate of loaded plans' memory, idle plans are unloaded least recently used first */
  maxLoadedBytes: number;
  /** how often to look (0: never on its own; call sweep()) */
  sweepEveryMs: number;
  /**
   * above this estimate, once idle plans are unloaded, no further plan is loaded: opening it is refused, retryably
   * (ServerFullError), instead of the process running out of memory for every plan. Plans in use are never unloaded,
   * so without it enough plans joined at once, each filled to its ceiling (~22 MB), would take the server down.
   */
  mostLoadedBytes: number;
}

export const DEFAULT_UNLOAD: UnloadOptions = {
  idleMs: 10 * 60_000,
  maxLoadedBytes: 512 * 1024 * 1024,
  sweepEveryMs: 60_000,
  // half of V8's heap: the rest is for what plans do (encoding states, exports, imports) and everything else
  mostLoadedBytes: Math.min(2048 * 1024 * 1024, getHeapStatistics().heap_size_limit / 2),
};

/** When a refused plan may be asked for again: idle plans are unloaded on the next sweeps. */
export const SERVER_FULL_RETRY_MS = 60_000;

/**
 * The refusal to load one more plan now, retryably after `retryAfterMs`: while the loaded ones fill the memory set
 * aside for plans (UnloadOptions), or — with a message saying so — past a budget of plan loads (SyncHub.room).
 */
export class ServerFullError extends Error {
  constructor(
    message = 'Seatfold has as many plans open as it can hold right now. Try again in a few minutes.',
    readonly retryAfterMs = SERVER_FULL_RETRY_MS,
  ) {
    super(message);
    this.name = 'ServerFullError';
  }
}

interface Host {
  loaded(): ReadonlyMap<string, Promise<PlanRoom>>;
  hasMembers(planId: string): boolean;
  /** forget the room (a later use loads it again from the store) */
  drop(planId: string, room: Promise<PlanRoom>): void;
  log?: (msg: string) => void;
}

/**
 * Unloads plans nobody uses. Safe by construction: a plan with joined sessions is skipped, and the decision is
 * taken inside the room's serial chain — after every commit, batch and join queued before it — and only if
 * nobody asked the hub for the room since the sweep began. A room used by a late straggler still works: the store
 * refuses any append at a stale version.
 */
export class Unloader {
  readonly o: UnloadOptions;
  private readonly uses = new Map<string, { count: number; at: number }>();
  /** the loaded plans, once loaded: each says its estimated size (PlanRoom.estimatedBytes) */
  private readonly rooms = new Map<string, PlanRoom>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private sweeping: Promise<number> | null = null;

  constructor(
    private readonly host: Host,
    o: Partial<UnloadOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.o = { ...DEFAULT_UNLOAD, ...o };
  }

  /** The plan is being used now. */
  touch(planId: string): void {
    const u = this.uses.get(planId);
    if (u) {
      u.count++;
      u.at = this.now();
    } else this.uses.set(planId, { count: 1, at: this.now() });
    if (!this.timer && this.o.sweepEveryMs > 0) {
      this.timer = setInterval(() => void this.sweep(), this.o.sweepEveryMs);
      this.timer.unref?.();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** A plan was loaded. */
  loaded(planId: string, room: PlanRoom): void {
    this.rooms.set(planId, room);
  }

  /** The loaded plans' estimated memory, as they are now (a plan still loading counts its fixed part). */
  loadedBytes(): number {
    let total = 0;
    for (const planId of this.host.loaded().keys()) total += this.rooms.get(planId)?.estimatedBytes() ?? ROOM_BASE_BYTES;
    return total;
  }

  /**
   * Whether one more plan may be loaded: yes below `mostLoadedBytes`; at or above it, after a sweep has unloaded what
   * is idle, only if that brought it below.
   */
  async mayLoad(): Promise<boolean> {
    if (this.loadedBytes() < this.o.mostLoadedBytes) return true;
    await this.sweep();
    return this.loadedBytes() < this.o.mostLoadedBytes;
  }

  /** Unloads what should go; answers how many plans were unloaded. One sweep at a time. */
  sweep(): Promise<number> {
    this.sweeping ??= this.run().finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async run(): Promise<number> {
    const now = this.now();
    const measured = await Promise.all(
      [...this.host.loaded()].map(async ([planId, promise]) => {
        const room = await promise.catch(() => null);
        if (!room) return null;
        const bytes = room.estimatedBytes();
        return { planId, promise, room, bytes, at: this.uses.get(planId)?.at ?? 0 };
      }),
    );
    const rooms = measured.filter((r) => r !== null);
    let total = rooms.reduce((n, r) => n + r.bytes, 0);
    let unloaded = 0;
    // Least recently used first; past the idle time always, before it only while over the budget.
    for (const r of rooms.sort((a, b) => a.at - b.at)) {
      const idle = now - r.at >= this.o.idleMs;
      if (!idle && total <= this.o.maxLoadedBytes) break;
      if (this.host.hasMembers(r.planId)) continue;
      if (await this.unload(r.planId, r.promise, r.room)) {
        unloaded++;
        total -= r.bytes;
      }
    }
    for (const planId of this.uses.keys()) if (!this.host.loaded().has(planId)) this.uses.delete(planId);
    for (const planId of this.rooms.keys()) if (!this.host.loaded().has(planId)) this.rooms.delete(planId);
    return unloaded;
  }

  private async unload(planId: string, promise: Promise<PlanRoom>, room: PlanRoom): Promise<boolean> {
    const before = this.uses.get(planId)?.count ?? 0;
    return room
      .read(() => {
        // Everything queued before this step is done; anything asked for since makes the plan busy again.
        if ((this.uses.get(planId)?.count ?? 0) !== before || this.host.hasMembers(planId)) return false;
        this.host.drop(planId, promise);
        this.host.log?.(`plan ${planId}: unloaded (idle)`);
        return true;
      })
      .catch(() => false);
  }
}
