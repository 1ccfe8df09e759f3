import type { EventStore } from '@seatfold/store';
import { FrameWriter, type Admit, type Presence, type Role } from '../protocol.ts';
import type { Peer, PlanFull, SessionHost, BudgetRefusal } from './host.ts';
import { MeterMap, SharedBudget, TokenBucket, TokenBuckets, type WorkMeter } from './buckets.ts';
import { Gate, limitsWith, waitText, type Limits } from './limits.ts';
import { PlanRoom } from './room.ts';
import { GhostRelay } from './ghosts.ts';
import { PresenceBook } from './presence.ts';
import { Session, tokenAdmit } from './session.ts';
import { ServerFullError, Unloader, type UnloadOptions } from './unload.ts';

export { Session, tokenAdmit } from './session.ts';

/** A connected client as the hub sees it: something it can push to. */
export type { Peer, SessionHost } from './host.ts';

/** Delivers a plan's pushes to its peers. The default loops over peers; socket.io's rooms encode once for all. */
export interface Fanout {
  add(planId: string, peer: Peer): void;
  remove(planId: string, peer: Peer): void;
  publish: (planId: string, event: 'events' | 'presence', payload: unknown) => void;
}

export function loopFanout(): Fanout {
  const peers = new Map<string, Set<Peer>>();
  return {
    add: (planId, peer) => void (peers.get(planId) ?? peers.set(planId, new Set()).get(planId)!).add(peer),
    remove: (planId, peer) => void peers.get(planId)?.delete(peer),
    publish: (planId, event, payload) => {
      for (const p of peers.get(planId) ?? []) (p.send as (e: string, x: unknown) => void)(event, payload);
    },
  };
}

export interface HubOptions {
  store: EventStore;
  fanout?: Fanout;
  now?: () => number;
  snapshotEvery?: number;
  /** group appends in flight per plan (PlanRoom's `pipeline`; default 1) */
  pipeline?: number;
  log?: (msg: string) => void;
  /** at most one presence message per plan per this many milliseconds (default 250) */
  presenceIntervalMs?: number;
  /** per-socket, per-plan and server-wide limits (DEFAULT_LIMITS for what is not given) */
  limits?: Partial<Limits>;
  /** when idle plans are unloaded from memory */
  unload?: Partial<UnloadOptions>;
  /** how long a plan keeps the state it encoded for far-behind joiners after the last of them (PlanRoom's option) */
  joinSnapshotMs?: number;
  /**
   * Decides who a join is: plan, role and actor (see `Admit`). The default (`tokenAdmit`, for the sync package's own
   * tests) resolves the share token and names the actor after the name the client asked for.
   */
  admit?: Admit;
}

/**
 * The server half of sync, free of socket.io: resolves share links to plans and roles, keeps one PlanRoom per
 * open plan (loaded from the store on first use), validates every message at the boundary, enforces the role
 * on every command, and tracks who is online.
 */
export class SyncHub implements SessionHost {
  private readonly rooms = new Map<string, Promise<PlanRoom>>();
  /** plans whose load has begun and not ended (see room) */
  private readonly loading = new Set<string>();
  /** each open plan's push framing (its actor list restarts when a connection subscribes) */
  private readonly writers = new Map<string, FrameWriter>();
  /** joined sessions per plan: capped, and a plan with members is never unloaded */
  private readonly members = new Map<string, Set<Session>>();
  readonly fanout: Fanout;
  readonly presence: PresenceBook;
  readonly limits: Limits;
  /** server-wide bound on history reads of the store */
  readonly historyGate: Gate;
  /** server-wide budget of history events read per second (see Limits.historyEventsServer) */
  private readonly historyEvents: TokenBucket;
  /** bytes of whole states sent, server-wide, with its reserve (Limits.stateBytesServer) */
  private readonly stateBytes: SharedBudget;
  /** whole plan states sent per client address (see Limits.statesPerAddress) */
  private readonly states: TokenBuckets;
  /** bytes of whole states sent per client address (see Limits.stateBytesPerAddress) */
  private readonly stateBytesOf: MeterMap;
  /** joins per client address (see Limits.joinsPerAddress) */
  private readonly joins: TokenBuckets;
  /** joins server-wide, with its reserve (Limits.joinsServer) */
  private readonly joinsShared: SharedBudget;
  /** estimated bytes of plans loaded for each client address, and server-wide (Limits.loadBytesPerAddress, loadBytesServer) */
  private readonly loadBytesOf: MeterMap;
  private readonly loadBytes: SharedBudget;
  /** bytes stored per client address (see Limits.storedBytesPerAddress) */
  private readonly stored: MeterMap;
  readonly unloader: Unloader;
  /** drag ghosts between a plan's connections (never stored) */
  readonly ghosts: GhostRelay;
  private readonly peers = new WeakMap<Session, Peer>();
  readonly admit: Admit;

  constructor(readonly o: HubOptions) {
    this.admit = o.admit ?? tokenAdmit(o.store);
    this.fanout = o.fanout ?? loopFanout();
    this.presence = new PresenceBook({
      publish: (planId, change) => this.fanout.publish(planId, 'presence', change),
      intervalMs: o.presenceIntervalMs,
    });
    this.limits = limitsWith(o.limits);
    this.ghosts = new GhostRelay(o.now, this.limits);
    this.historyGate = new Gate(this.limits.historyReads, this.limits.historyQueue);
    this.stateBytes = new SharedBudget(this.limits.stateBytesServer, o.now);
    this.historyEvents = new TokenBucket(this.limits.historyEventsServer.perSecond, this.limits.historyEventsServer.burst, (o.now ?? Date.now)());
    this.joins = TokenBuckets.of(this.limits.joinsPerAddress, o.now);
    this.joinsShared = new SharedBudget(this.limits.joinsServer, o.now);
    this.states = TokenBuckets.of(this.limits.statesPerAddress, o.now);
    this.stateBytesOf = new MeterMap(this.limits.stateBytesPerAddress, o.now);
    this.stored = new MeterMap(this.limits.storedBytesPerAddress, o.now);
    this.loadBytesOf = new MeterMap(this.limits.loadBytesPerAddress, o.now);
    this.loadBytes = new SharedBudget(this.limits.loadBytesServer, o.now);
    this.unloader = new Unloader(
      {
        loaded: () => (this.loading.size === 0 ? this.rooms : new Map([...this.rooms].filter(([planId]) => !this.loading.has(planId)))),
        hasMembers: (planId) => (this.members.get(planId)?.size ?? 0) > 0,
        drop: (planId, room) => {
          if (this.rooms.get(planId) !== room) return;
          this.rooms.delete(planId);
          this.writers.delete(planId);
        },
        log: o.log,
      },
      o.unload,
      o.now,
    );
  }

  /**
   * The plan's room, loaded from the store on first use. With `address` (a client's request), a plan not in memory is
   * loaded only within that address's and the server's budgets of plan loads (Limits.loadBytesPerAddress,
   * loadBytesServer), else refused with a ServerFullError saying when to come back: each load holds the thread every
   * plan shares (~0.2 s for a plan at the guest ceiling), and hopping across idle plans would load one after another.
   */
  room(planId: string, address?: string): Promise<PlanRoom> {
    this.unloader.touch(planId);
    const loaded = this.rooms.get(planId);
    if (loaded) return loaded;
    const refused = address === undefined ? null : this.loadRefusal(address);
    if (refused) return Promise.reject(refused);
    const writer = new FrameWriter();
    this.writers.set(planId, writer);
    // A plan is loaded only while the loaded ones leave memory for it (UnloadOptions.mostLoadedBytes).
    // (Until then it is not the unloader's to measure or unload: its sweep would wait for this very load.)
    this.loading.add(planId);
    const room = this.unloader
      .mayLoad()
      .then(async (may) => {
        if (!may) throw new ServerFullError();
        const made = await this.load(planId, writer);
        this.unloader.loaded(planId, made);
        // what the load cost is known once it is made: charged to the address that asked for it, and the server
        if (address !== undefined) {
          const bytes = made.estimatedBytes();
          this.loadBytes.spend(address, bytes);
          this.loadBytesOf.for(address).spend(bytes);
        }
        return made;
      })
      .finally(() => this.loading.delete(planId));
    room.catch(() => {
      if (this.rooms.get(planId) !== room) return;
      this.rooms.delete(planId);
      this.writers.delete(planId);
    });
    this.rooms.set(planId, room);
    return room;
  }

  private loadRefusal(address: string): ServerFullError | null {
    const own = this.loadBytesOf.for(address).owing();
    if (own > 0)
      return new ServerFullError(
        `Many plans have been opened from your network in a short time. Seatfold opens this one by itself in ${waitText(own)}.`,
        own,
      );
    const server = this.loadBytes.owing(address);
    return server > 0
      ? new ServerFullError('Seatfold is opening many plans at once right now. It opens this one by itself in a moment.', server)
      : null;
  }

  private load(planId: string, writer: FrameWriter): Promise<PlanRoom> {
    return PlanRoom.load({
      store: this.o.store,
      planId,
      publish: (events) => this.fanout.publish(planId, 'events', writer.frame(events)),
      pushEveryMs: this.limits.eventPushMs,
      pushAfterAcks: this.limits.eventPushAfterAcks,
      now: this.o.now,
      snapshotEvery: this.o.snapshotEvery,
      pipeline: this.o.pipeline,
      joinSnapshotMs: this.o.joinSnapshotMs,
      decideSliceMs: this.limits.decideSliceMs,
      batchDecideMs: this.limits.batchDecideMs,
      decideMs: this.limits.decideMsPerPlan,
      storedBytes: this.limits.storedBytesPerPlan,
      log: this.o.log,
    });
  }

  get openPlans(): number {
    return this.rooms.size;
  }

  connect(peer: Peer): Session {
    const session = new Session(this, peer);
    this.peers.set(session, peer);
    return session;
  }

  /** A drag ghost sent on a connection (fire and forget): relayed to the plan's others, or dropped. */
  ghost(session: Session, payload: unknown): void {
    this.ghosts.relay(session, payload);
  }

  /**
   * @internal The peer receives the plan's pushes from now on. Its first push starts a new actor list (FrameWriter):
   * it cannot know the entries the others were sent before.
   */
  subscribe(planId: string, peer: Peer): void {
    this.fanout.add(planId, peer);
    this.writers.get(planId)?.restart();
  }

  /**
   * @internal A session joins the plan's members as `actorId` in `role`, unless the plan is full for it: every place
   * taken, every place a reviewer may take taken (the rest are kept for organisers), or its person has as many
   * sessions joined as one may. Null when it entered, else which.
   */
  enter(planId: string, session: Session, role: Role, actorId: string): PlanFull | null {
    let m = this.members.get(planId);
    if (!m) this.members.set(planId, (m = new Set()));
    if (m.has(session)) return null;
    if (m.size >= this.limits.socketsPerPlan) return 'full';
    let [reviewers, theirs] = [0, 0];
    for (const other of m) {
      if (other.role === 'review') reviewers++;
      if (other.actorId === actorId) theirs++;
    }
    if (role === 'review' && reviewers >= this.limits.socketsPerPlanForReviewers) return 'reviewers';
    if (theirs >= this.limits.socketsPerPersonInPlan) return 'person';
    m.add(session);
    return null;
  }

  /** @internal */
  exit(planId: string, session: Session): void {
    const m = this.members.get(planId);
    if (!m) return;
    m.delete(session);
    if (m.size === 0) this.members.delete(planId);
    this.unloader.touch(planId);
  }

  /**
   * Changes what `actorId` may do in `planId`, at once, on every open session of theirs: `null` withdraws access (each
   * session gets an 'access' notice, receives no event committed after this call, and every later request is refused
   * with Forbidden; the peer is closed), a role down- or upgrades them (organiser-only requests are refused from now on
   * after a downgrade). A join of theirs in flight (admitted before the change) takes it on when it completes.
   * The caller first records the change where its `Admit` reads it, so that new joins are decided by it. Returns how
   * many open sessions it touched.
   */
  setAccess(planId: string, actorId: string, role: Role | null): number {
    if (this.joinsInFlight > 0) this.recentAccess.set(`${planId}\n${actorId}`, { mark: ++this.accessMark, role });
    let touched = 0;
    for (const session of [...(this.members.get(planId) ?? [])]) {
      if (session.actorId === actorId && session.applyAccess(role)) touched++;
    }
    return touched;
  }

  /**
   * Re-decides, with the app's authenticator, the access of every connection joined to a plan — after something it
   * reads changed (an open link switched off; with `actorId`, one person's membership: a new role, a removal, a
   * claim). Each connection is decided exactly as a new join with its handshake and link would be, so what an open
   * link grants and what a membership grants combine in one place (the authenticator), never here. Waits first for
   * the joins already under way, so none of them stays subscribed with the access it was admitted with before.
   * Resolves with how many changed. For one person's membership the decision fails closed: a connection the
   * authenticator cannot decide now (its database away) is ended with that refusal rather than left as it was.
   */
  async reAdmit(planId: string, actorId?: string): Promise<number> {
    await Promise.allSettled([...this.joining]);
    const sessions = [...(this.members.get(planId) ?? [])].filter((s) => actorId === undefined || s.actorId === actorId);
    const changed = await Promise.all(sessions.map((s) => s.reAdmit(actorId !== undefined).catch(() => false)));
    return changed.filter(Boolean).length;
  }

  /**
   * Re-decides every open connection of one person, in every plan — after sessions of theirs ended (a sign-out, a
   * new-device link that moves them): a connection whose handshake's session is gone is closed, the person's others
   * keep their access. Resolves with how many changed.
   */
  async reAdmitActor(actorId: string): Promise<number> {
    await Promise.allSettled([...this.joining]);
    const sessions = [...this.members.values()].flatMap((set) => [...set].filter((s) => s.actorId === actorId));
    const changed = await Promise.all(sessions.map((s) => s.reAdmit().catch(() => false)));
    return changed.filter(Boolean).length;
  }

  private readonly joining = new Set<Promise<unknown>>();

  /** @internal */
  trackJoin<T>(join: Promise<T>): Promise<T> {
    this.joining.add(join);
    const forget = () => void this.joining.delete(join);
    join.then(forget, forget);
    return join;
  }

  private accessMark = 0;
  private joinsInFlight = 0;
  /** setAccess calls while joins were in flight (cleared when none is): bounded by what those joins can need */
  private readonly recentAccess = new Map<string, { mark: number; role: Role | null }>();

  /** @internal */
  beginJoin(): number {
    this.joinsInFlight++;
    return this.accessMark;
  }

  /** @internal */
  endJoin(): void {
    if (--this.joinsInFlight === 0) this.recentAccess.clear();
  }

  /** @internal */
  accessSince(planId: string, actorId: string, mark: number): Role | null | undefined {
    const change = this.recentAccess.get(`${planId}\n${actorId}`);
    return change && change.mark > mark ? change.role : undefined;
  }

  /**
   * Charges one whole plan state sent to `address` (a page's state request, a far-behind join): null when it may be
   * sent, else the ms until it may, and whether it is the server's budget that is spent rather than the address's
   * (Limits.statesPerAddress, stateBytesPerAddress, stateBytesServer). Past the server's budget an address that has
   * had none for 10 s still gets its state from a reserve: a few busy addresses cannot turn everybody else away.
   */
  chargeState(address: string): BudgetRefusal | null {
    const own = this.stateBytesOf.for(address).owing();
    if (own > 0) return { waitMs: own, server: false };
    const server = this.stateBytes.owing(address);
    if (server > 0) return { waitMs: server, server: true };
    const count = this.states.take(address);
    return count > 0 ? { waitMs: count, server: false } : null;
  }

  /** A whole state of `bytes` was sent to `address` (after chargeState said yes): charged to its and the server's budgets. */
  sentState(address: string, bytes: number): void {
    this.stateBytes.spend(address, bytes);
    this.stateBytesOf.for(address).spend(bytes);
  }

  storedBy(address: string): WorkMeter {
    return this.stored.for(address);
  }

  /**
   * Charges one join to `address`: null when within its budget and the server's (Limits.joinsPerAddress, joinsServer),
   * else the ms until it may join and whose budget is spent. As for states, an address that has not joined for 10 s
   * joins from a reserve while the server's budget is spent.
   */
  chargeJoin(address: string): BudgetRefusal | null {
    const server = this.joinsShared.owing(address);
    if (server > 0) return { waitMs: server, server: true };
    const own = this.joins.take(address);
    if (own > 0) return { waitMs: own, server: false };
    this.joinsShared.spend(address, 1);
    return null;
  }

  chargeHistory(events: number): number {
    return this.historyEvents.take((this.o.now ?? Date.now)(), events);
  }

  /** Stops the unloader's timer (the rooms stay usable). */
  close(): void {
    this.unloader.stop();
  }

  /** @internal */
  setOnline(planId: string, session: Session, presence: Presence | null) {
    this.presence.set(planId, session, presence);
    this.ghosts.online(planId, session, this.peers.get(session), presence);
  }

  whoIsOnline(planId: string): Presence[] {
    return this.presence.online(planId);
  }
}
