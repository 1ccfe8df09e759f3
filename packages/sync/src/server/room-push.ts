import type { WireEvent } from '../protocol.ts';

/**
 * A room's pushes of committed events to its subscribers: at most one per `everyMs`. A commit after a quiet spell is
 * pushed at once; commits that follow it within the window are held and pushed together when it ends. Each push
 * goes to every subscriber of the plan (one frame per socket), so under a stream of small commits the window bounds
 * the frames the server writes and every client reads, while the senders' acks never wait for it. `flush` sends what
 * is held at once: the room calls it before a joiner subscribes, so a joiner is sent every event after its catch-up
 * once and none twice. With `everyMs` 0 every commit is pushed as it lands.
 */
export class EventPush {
  private held: WireEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private last = -Infinity;

  constructor(
    private readonly everyMs: number,
    private readonly send: (events: WireEvent[]) => void,
  ) {}

  push(events: WireEvent[]): void {
    if (events.length === 0) return;
    // concat, not push(...): a big batch has more events than a call may take arguments
    this.held = this.held.length === 0 ? events : this.held.concat(events);
    if (this.timer) return;
    const wait = this.last + this.everyMs - performance.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.held.length === 0) return;
    const events = this.held;
    this.held = [];
    this.last = performance.now();
    this.send(events);
  }
}
