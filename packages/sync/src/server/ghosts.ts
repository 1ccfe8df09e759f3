import { GHOST_PER_SECOND, type GhostMessage, type Presence } from '../protocol.ts';
import { parseGhost } from '../protocol/schemas.ts';
import { TokenBucket } from './buckets.ts';
import { DEFAULT_LIMITS, type Limits } from './limits.ts';

/** Where a ghost is delivered: a connection's way back to its client. */
export interface GhostPeer {
  send(event: 'ghost', payload: GhostMessage): void;
}

interface Member {
  planId: string;
  presence: Presence;
  peer: GhostPeer;
  bucket: TokenBucket;
  /** whether the others see a ghost of this member now (so leaving clears it) */
  showing: boolean;
}

/**
 * Relays drag ghosts between the connections of a plan (see protocol/ghost.ts). It holds no plan state and stores
 * nothing: a member is registered while its session is online in a plan (the hub tells it through `online`), and
 * each relayed message goes to the plan's other members only. Every message is rated per connection first (the
 * cheapest check), then validated; anything refused is dropped without an answer, as the channel has none.
 */
export class GhostRelay {
  private readonly members = new Map<object, Member>();
  private readonly plans = new Map<string, Set<Member>>();
  /** bytes relayed per plan (each recipient's copy counted), and over the server: see Limits.ghostBytesPerPlan */
  private readonly planBytes = new Map<string, TokenBucket>();
  private readonly serverBytes: TokenBucket;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly budget: Pick<Limits, 'ghostBytesPerPlan' | 'ghostBytesServer'> = DEFAULT_LIMITS,
  ) {
    this.serverBytes = new TokenBucket(budget.ghostBytesServer.perSecond, budget.ghostBytesServer.burst, now());
  }

  /** The session is online in a plan as `presence` (null: it is not, any more). */
  online(planId: string, session: object, peer: GhostPeer | undefined, presence: Presence | null): void {
    const before = this.members.get(session);
    if (before && (!presence || before.planId !== planId || before.presence.clientId !== presence.clientId)) {
      this.members.delete(session);
      const plan = this.plans.get(before.planId);
      plan?.delete(before);
      if (plan?.size === 0) {
        this.plans.delete(before.planId);
        this.planBytes.delete(before.planId);
      }
      if (before.showing) this.deliver(before, null);
    }
    const kept = this.members.get(session);
    if (kept && presence) kept.presence = presence;
    if (!presence || !peer || kept) return;
    const member: Member = { planId, presence, peer, bucket: new TokenBucket(GHOST_PER_SECOND, GHOST_PER_SECOND, this.now()), showing: false };
    this.members.set(session, member);
    (this.plans.get(planId) ?? this.plans.set(planId, new Set()).get(planId)!).add(member);
  }

  /** A ghost from a session: relayed to the others in its plan, or dropped (not joined, a reviewer, too many, malformed). */
  relay(session: object, payload: unknown): boolean {
    const m = this.members.get(session);
    if (!m || m.presence.role !== 'organise') return false;
    if (m.bucket.take(this.now()) > 0) return false;
    const parsed = parseGhost(payload);
    if (!parsed.ok) return false;
    this.deliver(m, parsed.ghost);
    return true;
  }

  private deliver(from: Member, ghost: GhostMessage['ghost']) {
    const message: GhostMessage = { clientId: from.presence.clientId, userName: from.presence.userName, ghost };
    const members = this.plans.get(from.planId);
    const to = (members?.size ?? 1) - 1;
    // Within the plan's and the server's budgets of bytes sent, or dropped: a ghost's end (null) always goes.
    if (ghost !== null && to > 0) {
      const bytes = JSON.stringify(message).length * to;
      const now = this.now();
      let plan = this.planBytes.get(from.planId);
      if (!plan)
        this.planBytes.set(from.planId, (plan = new TokenBucket(this.budget.ghostBytesPerPlan.perSecond, this.budget.ghostBytesPerPlan.burst, now)));
      if (plan.take(now, bytes) > 0 || this.serverBytes.take(now, bytes) > 0) return;
    }
    from.showing = ghost !== null;
    for (const other of members ?? []) if (other !== from) other.peer.send('ghost', message);
  }

  /** Members relayed to in a plan (for tests and the health of the relay). */
  membersOf(planId: string): number {
    return this.plans.get(planId)?.size ?? 0;
  }
}
