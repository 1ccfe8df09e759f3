import { GHOST_PER_SECOND, GHOST_TTL_MS, type Ghost, type GhostItem, type GhostMessage } from './protocol.ts';

/** The transport's ghost channel: fire-and-forget sends, and the ghosts the server relays (see protocol/ghost.ts). */
export interface GhostChannel {
  send(ghost: Ghost): void;
  listen(handler: (message: GhostMessage) => void): () => void;
}

/** Another organiser's drag in progress, as this client last heard of it. */
export interface ReceivedGhost {
  clientId: string;
  userName: string;
  roomId: string;
  items: GhostItem[];
  /** local time it arrived (epoch ms) */
  at: number;
}

/**
 * The ghosts this client sees, keyed by the sender's clientId. A ghost not refreshed for GHOST_TTL_MS is dropped
 * (its sender may have crashed, or its "gone" message been dropped by the rate limit). Shaped for React's
 * `useSyncExternalStore(book.subscribe, book.getSnapshot)`: the snapshot is a new Map on every change, the same
 * Map otherwise.
 */
export class GhostBook {
  private snapshot: ReadonlyMap<string, ReceivedGhost> = new Map();
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = GHOST_TTL_MS,
  ) {}

  getSnapshot = (): ReadonlyMap<string, ReceivedGhost> => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  receive(m: GhostMessage): void {
    if (!m || typeof m.clientId !== 'string') return;
    const next = new Map(this.snapshot);
    if (m.ghost) next.set(m.clientId, { clientId: m.clientId, userName: m.userName, roomId: m.ghost.roomId, items: m.ghost.items, at: this.now() });
    else if (!next.delete(m.clientId)) return;
    this.set(next);
  }

  /** Forgets every ghost (the connection is gone: nobody's drag can be seen). */
  clear(): void {
    if (this.snapshot.size > 0) this.set(new Map());
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private set(next: Map<string, ReceivedGhost>) {
    this.snapshot = next;
    for (const l of [...this.listeners]) l();
    this.schedule();
  }

  private schedule() {
    this.stop();
    if (this.snapshot.size === 0) return;
    const oldest = Math.min(...[...this.snapshot.values()].map((g) => g.at));
    this.timer = setTimeout(() => this.sweep(), Math.max(0, oldest + this.ttlMs - this.now()) + 5);
    (this.timer as { unref?: () => void }).unref?.();
  }

  private sweep() {
    this.timer = null;
    const now = this.now();
    const next = new Map([...this.snapshot].filter(([, g]) => now - g.at < this.ttlMs));
    if (next.size !== this.snapshot.size) this.set(next);
    else this.schedule();
  }
}

/**
 * Sends at most one ghost per `gapMs` (below the server's GHOST_PER_SECOND, which drops the excess), always the
 * latest: a drag that moves faster is sampled, and its last position (or its end, null) is never lost to the limit.
 */
export class GhostThrottle {
  private latest: Ghost = null;
  private sentNull = true;
  private last = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (ghost: Ghost) => void,
    private readonly gapMs = Math.ceil(1000 / (GHOST_PER_SECOND - 5)),
    private readonly now: () => number = Date.now,
  ) {}

  push(ghost: Ghost): void {
    this.latest = ghost;
    if (this.timer) return;
    const wait = this.last + this.gapMs - this.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private flush() {
    this.timer = null;
    if (this.latest === null && this.sentNull) return;
    this.last = this.now();
    this.sentNull = this.latest === null;
    this.send(this.latest);
  }
}
