import { StoreUnavailableError, type EventStore } from '@seatfold/store';
import {
  describeIssue,
  frame,
  PROTOCOL_VERSION,
  type Actor,
  type Admit,
  type AnyReply,
  type CommandAnswer,
  type JoinReply,
  type Presence,
  type ProtocolError,
  type ReplyOf,
  type RequestType,
  type Role,
} from '../protocol.ts';
import { isRequestType, REQUEST_SCHEMAS } from '../protocol/schemas.ts';
import { JOINED_HANDLERS, type Handler, type Handlers, type Joined, type Parsed } from './handlers.ts';
import type { Peer, PlanFull, SessionHost } from './host.ts';
import { TokenBucket } from './buckets.ts';
import { busy, SocketLimiter } from './limits.ts';
import { unavailable } from './room.ts';
import { ServerFullError } from './unload.ts';

const perr = (code: ProtocolError['code'], message: string): ProtocolError => ({ code, message });
/** Requests answered as a CommandReply when they carry a usable command id. */
const COMMAND_LIKE: ReadonlySet<string> = new Set<RequestType>(['command', 'batch', 'revert', 'undo']);
const REPLACED = () => perr('BadMessage', 'Another join on this connection replaced this one.');
const REVOKED = () => perr('Forbidden', 'Your access to this plan was withdrawn. Ask its owner if you still need it.');
const DOWNGRADED = 'You can now only review this plan: your changes are no longer accepted.';
const UPGRADED = 'You can now change this plan.';
const UNKNOWN_PLAN = () => perr('UnknownPlan', 'This link does not open any plan. Check that it was copied completely.');

/**
 * The default `Admit`, for the sync package's own tests and until the app brings its authenticator: the share token
 * decides plan and role, and the actor is named after the name the client asked for — which is NOT an identity.
 */
export function tokenAdmit(store: EventStore): Admit {
  return async (join) => {
    const found = await store.findPlanByToken(join.token);
    if (!found) return { error: UNKNOWN_PLAN() };
    return { planId: found.plan.id, planName: found.plan.name, role: found.role, actor: { id: `name:${join.userName}`, name: join.userName } };
  };
}

type Checked = { [K in RequestType]: { type: K; req: Parsed<K> } }[RequestType];
/** A handler of some request, as the dispatch calls it (the table below pairs each request with its handler). */
type AnyHandler = { what: string; access: Handler<RequestType>['access']; doing?: string; run(req: unknown, ctx: unknown): Promise<AnyReply> };

/** One connection as the hub sees it: its plan and role once joined, and what it may still ask for. */
export class Session {
  /** The handler table, checked against the protocol's `Requests`: join is the session's own, the rest need a plan. */
  private static readonly handlers: Handlers = {
    join: { what: 'join request', access: 'anyone', run: (req, { session }) => session.join(req) },
    ...JOINED_HANDLERS,
  };

  private joined: Joined | null = null;
  /** set when the server withdrew this connection's access: every later request gets this refusal */
  private revoked: ProtocolError | null = null;
  /** how this session is shown in its plan's presence */
  private shown: Presence | null = null;
  /** counts join requests: only the latest one may subscribe (a join is async, two can overlap) */
  private joins = 0;
  /** the join this session was admitted by (for `reAdmit`) */
  private admittedBy: { token: string; userName: string; clientId: string } | null = null;
  private closed = false;
  private readonly limiter: SocketLimiter;
  /** this connection's budget of refused requests (Limits.refusedPerSocket): past it, the peer is paused */
  private readonly refusals: TokenBucket;

  constructor(
    private readonly hub: SessionHost,
    private readonly peer: Peer,
  ) {
    this.limiter = new SocketLimiter(hub.limits, hub.o.now, hub.storedBy(peer.handshake.address));
    const r = hub.limits.refusedPerSocket;
    this.refusals = new TokenBucket(r.perSecond, r.burst, this.now());
  }

  private now(): number {
    return (this.hub.o.now ?? Date.now)();
  }

  /** until when this connection's requests are dropped unanswered (see `dropping`) */
  private droppingUntil = 0;

  /**
   * True while this connection is paused for sending what is refused past its budget (Limits.refusedPerSocket): its
   * requests are dropped without an answer — the transport calls nothing for them. What it had sent before the
   * pause took hold arrives all at once when it ends (a full read of the socket); answering each with a refusal made
   * a stall of tens of ms. A client that waits as told never gets here; a request dropped is resent by its timeout.
   */
  get dropping(): boolean {
    return this.droppingUntil > this.now();
  }

  /** A request was refused for its rate or its form: one past the budget pauses the connection. */
  private refused(): void {
    if (this.refusals.take(this.now()) === 0 || this.dropping) return;
    const { pauseMs } = this.hub.limits.refusedPerSocket;
    this.droppingUntil = this.now() + pauseMs;
    this.peer.pause?.(pauseMs);
  }

  get role(): Role | null {
    return this.joined?.role ?? null;
  }

  /** The actor this session acts as in its joined plan, or null while not joined. */
  get actorId(): string | null {
    return this.joined?.actor.id ?? null;
  }

  /**
   * The hub's setAccess for this session: a new role (told to the client, shown in presence), or null — the session
   * leaves its plan at once (no later event reaches it), the client is told why and the peer is closed. False when
   * nothing changed.
   */
  applyAccess(role: Role | null, why?: ProtocolError): boolean {
    const joined = this.joined;
    if (!joined) return false;
    if (role === null) {
      this.revoked = why ?? REVOKED();
      this.leave();
      this.peer.send('access', { role: null, message: this.revoked.message });
      this.peer.close?.();
      return true;
    }
    if (joined.role === role) return false;
    joined.role = role;
    if (this.shown) this.hub.setOnline(joined.planId, this, (this.shown = { ...this.shown, role }));
    this.peer.send('access', { role, message: role === 'review' ? DOWNGRADED : UPGRADED });
    return true;
  }

  /**
   * Asks the app's authenticator again with the join this session was admitted by (the hub's `reAdmit`, after a
   * plan's open links or one person's membership changed) and applies the answer as setAccess would: a new role, or
   * none. A refusal that is about the server (its database unreachable, an error) changes nothing, unless
   * `failClosed` (a change of this very person's membership, which may have withdrawn their access): the session
   * then ends with that refusal, and the client's next join is decided afresh.
   */
  async reAdmit(failClosed = false): Promise<boolean> {
    // One at a time: two changes made in quick succession (a role, then a removal) are applied in the order they were
    // decided in, each reading what the one before it stored, so the last decision read the latest state.
    const turn = this.reAdmitting.then(() => this.decideAgain(failClosed));
    this.reAdmitting = turn.catch(() => false);
    return turn;
  }

  private reAdmitting: Promise<boolean> = Promise.resolve(false);

  private async decideAgain(failClosed: boolean): Promise<boolean> {
    const joined = this.joined;
    const join = this.admittedBy;
    if (!joined || !join || this.revoked) return false;
    const a = await this.hub.admit(join, this.peer.handshake);
    if (this.joined !== joined || this.revoked) return false; // left, re-joined or revoked meanwhile
    // Refused: told why in the authenticator's words (a session gone says to reload, which brings a renewed cookie).
    if ('error' in a) {
      const aboutServer = a.error.code === 'Unavailable' || a.error.code === 'ServerError';
      if (aboutServer && !failClosed) return false;
      // Their own membership's change that withdrew access says just that (the authenticator's words are for joins).
      return this.applyAccess(null, failClosed && !aboutServer ? undefined : a.error);
    }
    return this.applyAccess(a.planId === joined.planId ? a.role : null);
  }

  /**
   * Handles one request; never throws — every failure becomes an answer the client can show. A request beyond
   * this connection's limits (in flight, rate per kind) is refused at once with ServerBusy and when to retry.
   */
  async handle<K extends RequestType>(type: K, payload: unknown): Promise<ReplyOf<K>>;
  async handle(type: string, payload: unknown): Promise<AnyReply>;
  async handle(type: string, payload: unknown): Promise<AnyReply> {
    // A session whose access was withdrawn (setAccess null) answers every request with the same refusal.
    if (this.revoked) return this.refusal(type, payload, this.revoked);
    const checked = Session.check(type, payload);
    // A malformed request is rated on a bucket of its own: it is cheap to answer, and a client's mistakes should
    // not use up its joins or commands.
    const admitted = this.limiter.admit('error' in checked ? 'malformed' : type);
    if ('error' in admitted) {
      this.refused();
      return this.refusal(type, payload, admitted.error);
    }
    try {
      if ('error' in checked) {
        this.refused();
        return this.refusal(type, payload, checked.error);
      }
      return await this.dispatch(checked);
    } catch (err) {
      if (err instanceof ServerFullError) return this.refusal(type, payload, busy(err.message, err.retryAfterMs));
      // the client tries again later; a request that changes nothing has nothing kept to send again
      const retryable = err instanceof StoreUnavailableError ? unavailable(err, changesNothing(type, payload)) : null;
      if (!retryable) this.hub.o.log?.(`request ${type} failed: ${(err as Error).stack ?? String(err)}`);
      return this.refusal(type, payload, retryable ?? perr('ServerError', 'The server could not handle this request. Please try again.'));
    } finally {
      admitted.release();
    }
  }

  /** A refusal in the shape the request expects: a rejected CommandReply when it names a command id. */
  private refusal(type: string, payload: unknown, error: ProtocolError): CommandAnswer {
    const commandId = (payload as { commandId?: unknown } | null)?.commandId;
    return COMMAND_LIKE.has(type) && typeof commandId === 'string' && commandId.length > 0 && commandId.length <= 100
      ? { commandId, status: 'rejected', error }
      : { ok: false, error };
  }

  /** Checks a request against its schema: the parsed request, or the refusal to send back. */
  private static check(type: string, payload: unknown): Checked | { error: ProtocolError } {
    if (!isRequestType(type)) return { error: perr('BadMessage', `Unknown message type ${JSON.stringify(type)}.`) };
    const parsed = REQUEST_SCHEMAS[type].safeParse(payload);
    if (parsed.success) return { type, req: parsed.data } as Checked;
    return { error: perr('BadMessage', `Invalid ${Session.handlers[type].what} — ${describeIssue(parsed.error)}`) };
  }

  /** Runs a checked request through its handler, behind the one guard its access needs. */
  private dispatch({ type, req }: Checked): Promise<AnyReply> {
    const handler = Session.handlers[type] as AnyHandler;
    if (handler.access === 'anyone') return handler.run(req, { hub: this.hub, session: this });
    // The guards: a request other than join needs a joined plan; an organiser's request also the organiser's role.
    const who = this.joined;
    if (!who) return Promise.resolve(this.refusal(type, req, perr('NotJoined', `Open a plan before ${handler.doing}.`)));
    if (handler.access === 'organiser' && who.role !== 'organise') {
      return Promise.resolve(this.refusal(type, req, perr('Forbidden', 'This is a review link: it shows the plan but cannot change it.')));
    }
    // A copy: the connection may close (or re-join) meanwhile, and the request was sent for this plan. Whether it may
    // still write is asked of the join itself (setAccess changes its role) when the change's turn comes.
    const mayWrite = () => !this.revoked && who.role === 'organise';
    return handler.run(req, { hub: this.hub, who: { ...who }, limiter: this.limiter, mayWrite });
  }

  /** Joins a plan by its share token (the join request's handler). */
  async join(req: Parsed<'join'>): Promise<JoinReply> {
    if (req.protocol !== PROTOCOL_VERSION) {
      return {
        ok: false,
        error: perr(
          'ProtocolVersion',
          `Seatfold was updated since this page was opened (protocol ${req.protocol}, now ${PROTOCOL_VERSION}): reload the page to go on.`,
        ),
      };
    }
    const refused = this.hub.chargeJoin(this.peer.handshake.address);
    if (refused)
      return {
        ok: false,
        error: busy(
          refused.server
            ? 'Many people are opening plans on this server right now. Seatfold tries again by itself in a moment.'
            : 'Too many plans are being opened from your network right now. Seatfold tries again by itself in a moment.',
          refused.waitMs,
        ),
      };
    const mark = this.hub.beginJoin();
    try {
      return await this.hub.trackJoin(this.joinAdmitted(req, mark));
    } finally {
      this.hub.endJoin();
    }
  }

  private async joinAdmitted(req: Parsed<'join'>, accessMark: number): Promise<JoinReply> {
    const attempt = ++this.joins;
    // A join that lost the race against a later join on the same connection, or whose connection closed (or lost its
    // access) while it waited, must not subscribe: the peer would get two plans' events, or stay online as a ghost.
    const superseded = () => this.closed || this.revoked !== null || attempt !== this.joins;
    // Who joins, as whom, with which role: the app's authenticator decides; the name the client asked for is a wish.
    const admitted = await this.hub.admit({ token: req.token, userName: req.userName, clientId: req.clientId }, this.peer.handshake);
    if ('error' in admitted) return { ok: false, error: admitted.error };
    // The admission names the plan as the authenticator read it: a join reads the plans table once, not twice.
    const plan = { id: admitted.planId, name: admitted.planName };
    if (superseded()) return { ok: false, error: REPLACED() };
    this.leave();
    const { role } = admitted;
    const you: Actor = { id: admitted.actor.id, name: admitted.actor.name };
    const room = await this.hub.room(plan.id, this.peer.handshake.address);
    if (superseded()) return { ok: false, error: REPLACED() };
    // A join far behind is sent the whole plan: it is charged to the address's budget of states, which a page's state
    // request shares (Limits.statesPerAddress). Within a burst honest pages never meet it; a loop of re-joins does.
    if (room.sendsState(req.lastVersion)) {
      const refused = this.hub.chargeState(this.peer.handshake.address);
      if (refused)
        return {
          ok: false,
          error: busy(
            refused.server
              ? 'Seatfold is sending many plans to many people right now. It tries again by itself in a moment.'
              : 'This plan is being opened from your network too often. Seatfold tries again by itself in a moment.',
            refused.waitMs,
          ),
        };
    }
    const mine: Joined = { planId: plan.id, role, actor: you };
    let subscribed = false;
    let full: PlanFull | null = null;
    let withdrawn = false;
    const caught = await room.catchUp(req.lastVersion, () => {
      if (superseded()) return;
      // A setAccess while this join was being admitted: take it on before subscribing (none: no event ever arrives).
      const late = this.hub.accessSince(plan.id, you.id, accessMark);
      if (late === null) {
        withdrawn = true;
        return;
      }
      if (late !== undefined) mine.role = late;
      full = this.hub.enter(plan.id, this, mine.role, you.id);
      if (full) return;
      this.joined = mine;
      this.admittedBy = { token: req.token, userName: req.userName, clientId: req.clientId };
      this.hub.subscribe(plan.id, this.peer);
      subscribed = true;
    });
    if (full) {
      const { socketsPerPlan, socketsPerPlanForReviewers, socketsPerPersonInPlan } = this.hub.limits;
      const message = {
        full: `This plan has ${socketsPerPlan} open connections, the most it allows. Try again in a minute, or close it in other tabs.`,
        reviewers: `This plan has ${socketsPerPlanForReviewers} reviewers connected, the most it takes (the other places are kept for its organisers). Try again in a minute.`,
        person: `You have this plan open in ${socketsPerPersonInPlan} tabs or windows, the most one person may. Close it in one of them, then try again.`,
      }[full];
      return { ok: false, error: busy(message, 30_000) };
    }
    if (withdrawn) this.revoked = REVOKED();
    if (this.revoked) return { ok: false, error: this.revoked };
    if (!subscribed || superseded()) {
      if (this.joined === mine) this.leave(); // undo; a later join that succeeds subscribes itself
      return { ok: false, error: REPLACED() };
    }
    if (caught.snapshot) this.hub.sentState(this.peer.handshake.address, caught.snapshot.state.byteLength);
    // mine.role, not role: a setAccess may have changed it since the admission
    const presence: Presence = { clientId: req.clientId, userName: you.name, actorId: you.id, role: mine.role };
    this.shown = presence;
    this.hub.setOnline(plan.id, this, presence);
    return {
      ok: true,
      planId: plan.id,
      planName: plan.name,
      role: mine.role,
      you,
      version: caught.version,
      events: frame(caught.events),
      snapshot: caught.snapshot,
      ...this.hub.presence.forJoin(plan.id, presence),
    };
  }

  private leave() {
    if (!this.joined) return;
    this.hub.exit(this.joined.planId, this);
    this.hub.fanout.remove(this.joined.planId, this.peer);
    this.hub.setOnline(this.joined.planId, this, null);
    this.joined = null;
    this.shown = null;
  }

  /** The connection is gone. */
  close(): void {
    this.closed = true;
    this.leave();
  }
}

/** A request that only reads: a history page, the batch list, or the preview of a revert or undo. */
const changesNothing = (type: string, payload: unknown): boolean =>
  type === 'history' || type === 'batches' || (payload as { preview?: unknown } | null)?.preview === true;
