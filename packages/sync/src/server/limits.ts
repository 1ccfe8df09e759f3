import type { ProtocolError } from '../protocol.ts';
import { TokenBucket, workMeter, type WorkMeter } from './buckets.ts';

/**
 * How much one connection, one address and one plan may ask of the server. Every refusal is a ServerBusy with
 * the time after which trying again can succeed; the numbers are generous for a planner and tight for a flood.
 */
export interface Limits {
  /** requests other than commands in flight on one socket */
  inFlight: number;
  /** commands in flight on one socket (a client pipelines its pending commands after a reconnect) */
  commandsInFlight: number;
  /** token buckets per request kind: refills `perSecond`, holds at most `burst` */
  rates: Record<string, { perSecond: number; burst: number }>;
  /** history reads of the store running at once, server-wide, and how many may wait for a turn */
  historyReads: number;
  historyQueue: number;
  /**
   * history events one socket, and the whole server, may read per second: a page costs the events it can return,
   * so a flood of big pages cannot keep the event loop busy encoding them while other plans' commands wait
   */
  historyEventsPerSocket: { perSecond: number; burst: number };
  historyEventsServer: { perSecond: number; burst: number };
  /**
   * the most events one history reply holds, whatever the request's limit (up to HISTORY_PAGE_MAX) asked: reading
   * and encoding a page is one stretch of main-thread work that every other plan's commands wait behind. Under a
   * reviewer's flood of history requests (noisy-neighbour), honest planners' ack p99 was 56–88 ms with pages of
   * 1,000 events and 32 ms with 250. The client reads on until it has everything.
   */
  historyPage: number;
  /** joined sockets per plan, and connected sockets per client address */
  socketsPerPlan: number;
  /**
   * of a plan's sockets, how many may review (the rest are kept for its organisers), and how many one person may have
   * joined: 300 sockets of one review-link visitor locked the plan's owner out for as long as they stayed (a probe)
   */
  socketsPerPlanForReviewers: number;
  socketsPerPersonInPlan: number;
  socketsPerAddress: number;
  /**
   * new connections per client address: a socket that connects, joins and leaves in a loop gets a fresh per-socket
   * join budget each time and costs a snapshot each time (the noisy-neighbour bench's presence churn)
   */
  connectionsPerAddress: { perSecond: number; burst: number };
  /**
   * at most one push of committed events to a plan's sockets per this many ms (room-push.ts): commits within it go
   * out together at its end; a commit after a quiet spell goes at once, and acks never wait for it (0: every commit
   * is pushed as it lands). Each push is one write per socket of the plan and one read in every client, so under a
   * stream of small commits the window bounds that work to what a screen can show (60 a second).
   */
  eventPushMs: number;
  /** push committed events after the commit's acks (room-push.ts), not before them */
  eventPushAfterAcks: boolean;
  /**
   * requests one socket may have refused (busy or malformed) per second: past it — a client that comes back before
   * the time it was told, thousands of times a second — its connection is not read for `pauseMs`, and what reaches
   * the server from it meanwhile is dropped unanswered (Session.dropping; a client's timeout resends). Every refusal
   * answered costs a parse, a check and a write; a paused connection costs next to nothing. A client that waits as
   * told never comes near.
   */
  refusedPerSocket: { perSecond: number; burst: number; pauseMs: number };
  /**
   * whole plan states sent to one client address per second, after a burst: a page's state request (POST /api/session
   * with a plan) and a join ahead of the plan or further behind than a catch-up by events (PlanRoom.sendsState) each
   * send the whole state, ~0.4–0.7 MB for the 1,500-guest demo. Per-socket join rates alone let one address with 30 sockets make the
   * server write 60 states a second; past the budget such a join is refused with ServerBusy (the client retries when
   * told) and the state request answers without the state.
   */
  statesPerAddress: { perSecond: number; burst: number };
  /**
   * bytes of whole plan states sent per second over the whole server, after a burst (the same states as above: page
   * state requests, server frames, far-behind joins). Each is written on the thread every plan shares: 300 joins of
   * a 20,000-guest plan (4.2 MB each) from 300 addresses held every plan 1-4.5 s (a probe). Past it, such a join is
   * refused with ServerBusy and the page is answered without the state (as for an address).
   */
  stateBytesServer: { perSecond: number; burst: number };
  /**
   * bytes of whole states sent to one client address per second, after a burst. Past it that address waits; and
   * while the server's budget above is spent, only addresses that have had no state for 10 s get one, from a reserve
   * as large as that budget: three addresses reopening a big plan in a loop had used the whole server budget, and
   * every other user's plan loads were refused (a probe: 23 of 24).
   */
  stateBytesPerAddress: { perSecond: number; burst: number };
  /**
   * joins per client address per second, after a burst, whatever the socket: each is two reads of the store (the plan
   * by its token, the session's access) before anything else is decided. The per-socket rate alone let one address
   * with 30 sockets make 60 a second.
   */
  joinsPerAddress: { perSecond: number; burst: number };
  /**
   * joins over the whole server per second, after a burst; past it an address that has not joined for 10 s joins from
   * a reserve as large again (SharedBudget). Each join costs the thread every plan shares ~1–4 ms (its two reads, on
   * PGlite in this thread; its presence to everybody in the plan): 40 addresses re-joining within their own budgets
   * (~230 joins a second) held another plan's commands up to 1 s (a probe, docs/performance.md stop 55).
   */
  joinsServer: { perSecond: number; burst: number };
  /**
   * bytes of drag ghosts relayed per second, after a burst, counting each copy a recipient gets: per plan, and over
   * the whole server. A ghost past either is dropped (the next carries the newer position; a client forgets a ghost
   * not refreshed). The per-socket rate alone let 50 organiser sockets of one address relay 20,000 ghosts of 12 kB in
   * 10 s: every plan held 15 s, +430 MB (a probe).
   */
  ghostBytesPerPlan: { perSecond: number; burst: number };
  ghostBytesServer: { perSecond: number; burst: number };
  /**
   * ms of the server's thread one socket's commands and batches may take to decide, per second, after a burst. A
   * command is decided on the thread every plan shares; what one costs grows with the plan (a floor move checks the
   * room's tables). The per-socket command rate alone let one organiser of a big plan keep the thread busy; past
   * this budget the socket's commands are refused with ServerBusy (the client sends them again when told).
   */
  decideMsPerSocket: { perSecond: number; burst: number };
  /** the same for all of one plan's sockets together (and the server's own batches for it, such as an import) */
  decideMsPerPlan: { perSecond: number; burst: number };
  /**
   * a plan decides its queued commands, and a batch (an import, a bulk change, a revert: up to 20,000 commands in one
   * request) its commands, for about this many ms of the thread at a time, other plans' work running in between: some
   * commands cost ms each in a big plan
   */
  decideSliceMs: number;
  /** a batch that took longer than this to decide is refused whole, nothing applied: no planner waits that long for one change */
  batchDecideMs: number;
  /**
   * bytes one connection may send per second, after a burst: past them it is not read until they are paid off (TCP
   * holds the client back; nothing is refused or lost). Each message is parsed and checked on the thread every plan
   * shares, and the rate per request kind alone let one socket send 500 commands of up to 1 MB a second.
   */
  inboundBytesPerSocket: { perSecond: number; burst: number };
  /**
   * the same over all the connections of one client address: 50 sockets of one address, each within its own budget,
   * made the server parse 50 MB of drag ghosts a second (every plan held ~3 s, a probe).
   */
  inboundBytesPerAddress: { perSecond: number; burst: number };
  /**
   * bytes of events one plan may store per second, after a burst (the store's estimate, AppendResult.bytes): events
   * are never deleted, so without it one organiser's loop of changes would fill the database's disk for every plan.
   * Past it the plan's changes are refused with ServerBusy until it is paid off (the client sends them again then).
   */
  storedBytesPerPlan: { perSecond: number; burst: number };
  /** the same for everything sent from one client address, whatever the plan (new plans are cheap to make) */
  storedBytesPerAddress: { perSecond: number; burst: number };
  /**
   * estimated bytes (PlanRoom.estimatedBytes) of plans loaded from the store for one client address per second, after
   * a burst: a join, a page's state or a page's server frame of a plan that is not in memory loads it, and the load
   * holds the thread every plan shares (~0.2 s for a 20,000-guest plan of ~20 MB on a busy machine). Hopping across
   * idle big plans reloaded one after another held other plans up to 1.7 s (a probe). Past it, the request is refused
   * with ServerBusy (a page without its state joins for it).
   */
  loadBytesPerAddress: { perSecond: number; burst: number };
  /** the same over the whole server, with a reserve as large for addresses that have loaded none for 10 s (SharedBudget) */
  loadBytesServer: { perSecond: number; burst: number };
}

export const DEFAULT_LIMITS: Limits = {
  inFlight: 8,
  commandsInFlight: 1000,
  rates: {
    command: { perSecond: 500, burst: 1000 },
    join: { perSecond: 2, burst: 5 },
    history: { perSecond: 20, burst: 40 },
    batches: { perSecond: 5, burst: 10 },
    batch: { perSecond: 5, burst: 20 },
    revert: { perSecond: 5, burst: 20 },
    undo: { perSecond: 5, burst: 20 },
    /** requests that fail their schema (or of unknown kinds): cheap to answer, but not unbounded */
    malformed: { perSecond: 20, burst: 100 },
  },
  historyReads: 4,
  historyQueue: 64,
  // Reading, parsing and encoding an event costs tens of µs on the main thread of a busy 2-core machine: 8,000
  // events/s server-wide keeps history below ~a quarter of it whatever the flood (the noisy-neighbour bench showed
  // 30,000/s saturating it). A reviewer alone loads 100,000 events in ~12 s, page by page, with progress.
  historyEventsPerSocket: { perSecond: 8_000, burst: 16_000 },
  historyEventsServer: { perSecond: 8_000, burst: 16_000 },
  historyPage: 250,
  socketsPerPlan: 300,
  socketsPerPlanForReviewers: 250,
  // a planner with the plan open in many tabs and a phone; never a wall of them
  socketsPerPersonInPlan: 20,
  socketsPerAddress: 50,
  // An office of 60 planners behind one address may open Seatfold at once; after that, 5 new connections a second.
  connectionsPerAddress: { perSecond: 5, burst: 60 },
  // 16 ms: at 500 commands/s from 50 clients the median ack was 0.33-0.56x and the p99 0.11-0.75x that of a push per
  // commit, in the same runs (two loaded runs, docs/performance.md); others see a change at most a frame later.
  eventPushMs: 16,
  refusedPerSocket: { perSecond: 20, burst: 100, pauseMs: 1000 },
  // an office behind one address opening the plan at once: 60 pages straight away, then 5 a second
  statesPerAddress: { perSecond: 5, burst: 60 },
  // ~5 states of a 20,000-guest plan a second (~40 of the 1,500-guest demo), after 40 MB at once (an office of 60
  // opening the demo together fits; 300 opening a 20,000-guest plan take a minute, instead of holding every plan)
  stateBytesServer: { perSecond: 20_000_000, burst: 40_000_000 },
  // an office behind one address: ~25 of the demo's states at once, then ~6 a second (4 of a 20,000-guest plan, then 1)
  stateBytesPerAddress: { perSecond: 4_000_000, burst: 16_000_000 },
  joinsPerAddress: { perSecond: 10, burst: 60 },
  // a fifth of the thread at most, sustained; a server restart's reconnecting pages (each retries when told) come back
  // at 100 a second from the budget and its reserve, after the first 200
  joinsServer: { perSecond: 50, burst: 100 },
  // one organiser dragging one table to 20 others at 30 frames a second: ~100 kB/s; a 200-table selection to 20: ~7 MB/s,
  // thinned to ~8 frames a second by the plan's 2 MB
  ghostBytesPerPlan: { perSecond: 2_000_000, burst: 4_000_000 },
  ghostBytesServer: { perSecond: 8_000_000, burst: 16_000_000 },
  // a quarter of the thread, sustained, and a second at once: an import of 20,000 guests takes about a fifth of that
  decideMsPerSocket: { perSecond: 250, burst: 1000 },
  decideMsPerPlan: { perSecond: 500, burst: 2000 },
  decideSliceMs: 10,
  batchDecideMs: 5000,
  // a batch of 20,000 commands is ~2 MB (MAX_MESSAGE_BYTES, 4 MB, is the largest message); a planner's own changes, a few kB
  inboundBytesPerSocket: { perSecond: 1_000_000, burst: 4_000_000 },
  // an office behind one address: each planner's changes are a few kB; two or three imports of 20,000 guests at once
  inboundBytesPerAddress: { perSecond: 3_000_000, burst: 12_000_000 },
  eventPushAfterAcks: true,
  // 20,000 guests added store ~7 MB (~350 B each) and a day of busy hand editing a few MB: 64 MB at once, then 64 MB an
  // hour (1.5 GB a day at most per plan, and per address), far from what a planner writes and far below a disk.
  storedBytesPerPlan: { perSecond: 64e6 / 3600, burst: 64e6 },
  storedBytesPerAddress: { perSecond: 64e6 / 3600, burst: 64e6 },
  // an office behind one address opening its plans after a restart: ~30 plans of the demo's size (~2 MB) or three at
  // the guest ceiling at once, then one of those every 20 s
  loadBytesPerAddress: { perSecond: 1_000_000, burst: 64_000_000 },
  // a server restart's plans coming back: ~120 of the demo's size at once, then ~4 a second (and as many again from
  // addresses that have loaded none lately); a load at the guest ceiling every ~3 s, a sixth of the thread
  loadBytesServer: { perSecond: 8_000_000, burst: 256_000_000 },
};

export function limitsWith(over: Partial<Limits> = {}): Limits {
  return { ...DEFAULT_LIMITS, ...over, rates: { ...DEFAULT_LIMITS.rates, ...over.rates } };
}

export const busy = (message: string, retryAfterMs: number): ProtocolError => ({
  code: 'ServerBusy',
  message,
  retryAfterMs: Math.max(1, Math.ceil(retryAfterMs)),
});

/** Requests the room decides on its thread, charged to the socket's decide time. */
const DECIDED: ReadonlySet<string> = new Set(['command', 'batch', 'revert', 'undo']);

/** The refusal of a command or batch whose connection, or plan, has used up its decide time. */
export const decideBusy = (retryAfterMs: number): ProtocolError =>
  busy("The server is busy checking this plan's recent changes. Yours will be sent again in a moment.", retryAfterMs);

/**
 * The refusal of a change whose plan (Limits.storedBytesPerPlan), or client address (storedBytesPerAddress), has
 * stored its budget of bytes: `plan` and `address` are what each still owes (ms), and the larger one is named.
 */
export function storedBusy(plan: number, address: number): ProtocolError {
  const wait = Math.max(plan, address);
  const who = plan >= address ? 'This plan has' : 'Your network has';
  return busy(
    `${who} saved an unusually large amount of changes recently, and the server is pacing it to keep room for every plan. Your change is kept and will be sent again in ${waitText(wait)}.`,
    wait,
  );
}

/** "a moment", "about 3 minutes", for a wait a planner is told about. */
export function waitText(ms: number): string {
  if (ms < 10_000) return 'a moment';
  if (ms < 90_000) return `about ${Math.ceil(ms / 1000)} seconds`;
  return `about ${Math.ceil(ms / 60_000)} minutes`;
}

/** One socket's limits: requests in flight, a token bucket per request kind, and its history-event budget. */
export class SocketLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private historyEvents: TokenBucket | null = null;

  /** Charges `events` history events to this socket: 0 when within its budget, else the ms to wait. */
  chargeHistory(events: number): number {
    const b = this.limits.historyEventsPerSocket;
    this.historyEvents ??= new TokenBucket(b.perSecond, b.burst, this.now());
    return this.historyEvents.take(this.now(), events);
  }
  private inFlight = 0;
  private commands = 0;
  /** This socket's decide time (Limits.decideMsPerSocket), charged by the room as it decides its commands. */
  readonly work: WorkMeter;

  constructor(
    private readonly limits: Limits,
    private readonly now: () => number = Date.now,
    /** the bytes its address may still have stored (Limits.storedBytesPerAddress), charged by the room */
    readonly stored?: WorkMeter,
  ) {
    this.work = workMeter(limits.decideMsPerSocket, now);
  }

  /** Admits a request (call `release` when it is answered), or says why not and when to try again. */
  admit(kind: string): { release: () => void } | { error: ProtocolError } {
    const isCommand = kind === 'command';
    if (isCommand ? this.commands >= this.limits.commandsInFlight : this.inFlight >= this.limits.inFlight) {
      const n = isCommand ? this.limits.commandsInFlight : this.limits.inFlight;
      return { error: busy(`Too many requests at once on this connection (at most ${n}). Wait for the answers, then try again.`, 250) };
    }
    const key = this.limits.rates[kind] ? kind : 'malformed';
    let bucket = this.buckets.get(key);
    if (!bucket) {
      const r = this.limits.rates[key] ?? { perSecond: 10, burst: 20 };
      this.buckets.set(key, (bucket = new TokenBucket(r.perSecond, r.burst, this.now())));
    }
    const wait = bucket.take(this.now());
    if (wait > 0) return { error: busy(`Too many ${key} requests from this connection. Try again in a moment.`, wait) };
    const owing = DECIDED.has(kind) ? this.work.owing() : 0;
    if (owing > 0) return { error: decideBusy(owing) };
    if (isCommand) this.commands++;
    else this.inFlight++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        if (isCommand) this.commands--;
        else this.inFlight--;
      },
    };
  }
}

/**
 * Bounds concurrent work server-wide: at most `running` tasks at once, at most `queued` waiting; beyond that a
 * task is refused at once (so a flood of one user never builds an unbounded queue in front of everybody else).
 */
export class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly running: number,
    private readonly queued: number,
  ) {}

  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }

  /** Runs `task` when a slot is free; null (without running it) when the queue is full. */
  async run<T>(task: () => Promise<T>): Promise<{ value: T } | null> {
    if (this.active >= this.running) {
      if (this.waiting.length >= this.queued) return null;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.active++;
    try {
      return { value: await task() };
    } finally {
      const next = this.waiting.shift();
      if (next)
        next(); // hands its slot over
      else this.active--;
    }
  }
}

/** Counts members per key (sockets per address, sessions per plan) against a cap. */
export class Counter<K> {
  private readonly counts = new Map<K, number>();

  constructor(private readonly max: number) {}

  count(key: K): number {
    return this.counts.get(key) ?? 0;
  }

  /** Adds one unless the key is at its cap; true when added. */
  tryAdd(key: K): boolean {
    const n = this.count(key);
    if (n >= this.max) return false;
    this.counts.set(key, n + 1);
    return true;
  }

  remove(key: K): void {
    const n = this.count(key);
    if (n <= 1) this.counts.delete(key);
    else this.counts.set(key, n - 1);
  }
}
