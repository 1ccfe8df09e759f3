import type { WireEvent } from '../protocol.ts';

/**
 * A room's pushes of committed events to its subscribers: at most one per `everyMs`. A commit after a quiet spell is
 * pushed at once; commits that follow it within the window are held and pushed together when it ends. Each push
 * goes to every subscriber of the plan (one frame per socket), so under a stream of small commits the window bounds
 * the frames the server writes and every client reads, while the senders' acks never wait for it. A joiner's
 * catch-up goes as far as `heldFrom` (what was pushed), and the held events reach it with the next push; `flush`
 * sends what is held at once (the room calls it when a joiner's snapshot is newer than the last push). With
 * `everyMs` 0 every commit is pushed as it lands.
 *
 * `afterAcks`: a push that is due is sent from a setImmediate, after the microtasks that answer the commit's
 * commands, instead of in the middle of the commit. Each push is one write per socket of the plan (50 sockets: 50
 * writes), and a socket.io ack waits behind every write made before it; pushed after the acks, the commands'
 * senders have their answers first. (Clients take an ack before its events: the pending command waits for them.)
 */
export class EventPush {
  private held: WireEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private soon: ReturnType<typeof setImmediate> | null = null;
  private last = -Infinity;

  constructor(
    private readonly everyMs: number,
    private readonly send: (events: WireEvent[]) => void,
    private readonly afterAcks = false,
  ) {}

  push(events: WireEvent[]): void {
    if (events.length === 0) return;
    // concat, not push(...): a big batch has more events than a call may take arguments
    this.held = this.held.length === 0 ? events : this.held.concat(events);
    if (this.timer || this.soon) return;
    const wait = this.last + this.everyMs - performance.now();
    if (wait > 0) this.timer = setTimeout(() => this.flush(), wait);
    else if (this.afterAcks) this.soon = setImmediate(() => this.flush());
    else this.flush();
  }

  /** The version of the first event held for the next push, or null when none is held. */
  heldFrom(): number | null {
    return this.held[0]?.version ?? null;
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.soon) clearImmediate(this.soon);
    this.timer = null;
    this.soon = null;
    if (this.held.length === 0) return;
    const events = this.held;
    this.held = [];
    this.last = performance.now();
    this.send(events);
  }
}
