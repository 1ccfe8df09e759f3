import { JOIN_ONLINE_MAX, type Presence, type PresenceChange } from '../protocol.ts';

export interface PresenceOptions {
  /** sends one plan's net changes to everybody in the plan */
  publish: (planId: string, change: PresenceChange) => void;
  /** at most one change message per plan per this many milliseconds (default 250) */
  intervalMs?: number;
}

interface Entry {
  presence: Presence;
  /** the connections showing this entry */
  sessions: Set<object>;
}

interface PlanPresence {
  /** by identity (clientId, role, actor id, name), in order of arrival */
  entries: Map<string, Entry>;
  /** each connection's identity */
  bySession: Map<object, string>;
  /** identities that came or went since the last message, with the entry as it was last shown */
  dirty: Map<string, Presence>;
  timer: ReturnType<typeof setTimeout> | null;
}

const identity = (p: Presence) => JSON.stringify([p.clientId, p.role, p.actorId, p.userName]);

/**
 * Who is online in each plan, and the messages that tell the others. A join reply carries the list; after that,
 * every plan's comings and goings are coalesced and sent as net changes, at most one message per plan per interval,
 * so a plan's presence traffic grows with the number of changes, not with changes × list length.
 */
export class PresenceBook {
  private readonly plans = new Map<string, PlanPresence>();
  private readonly intervalMs: number;

  constructor(private readonly o: PresenceOptions) {
    this.intervalMs = o.intervalMs ?? 250;
  }

  /** Shows `session` in the plan as `presence`, or (null) stops showing it. */
  set(planId: string, session: object, presence: Presence | null): void {
    let plan = this.plans.get(planId);
    if (!plan) {
      if (!presence) return;
      plan = { entries: new Map(), bySession: new Map(), dirty: new Map(), timer: null };
      this.plans.set(planId, plan);
    }
    const before = plan.bySession.get(session);
    const after = presence ? identity(presence) : undefined;
    if (before === after) return;
    if (before !== undefined) {
      const entry = plan.entries.get(before)!;
      entry.sessions.delete(session);
      plan.bySession.delete(session);
      if (entry.sessions.size === 0) {
        plan.entries.delete(before);
        this.changed(planId, plan, before, entry.presence);
      }
    }
    if (presence && after !== undefined) {
      let entry = plan.entries.get(after);
      if (!entry) {
        entry = {
          presence: { clientId: presence.clientId, userName: presence.userName, actorId: presence.actorId, role: presence.role },
          sessions: new Set(),
        };
        plan.entries.set(after, entry);
        this.changed(planId, plan, after, entry.presence);
      }
      entry.sessions.add(session);
      plan.bySession.set(session, after);
    }
    this.forgetIfIdle(planId, plan);
  }

  /** Everybody online in the plan, each once. */
  online(planId: string): Presence[] {
    return [...(this.plans.get(planId)?.entries.values() ?? [])].map((e) => e.presence);
  }

  /** The list for a join reply: the joiner first, then the others in order of arrival, at most JOIN_ONLINE_MAX. */
  forJoin(planId: string, self: Presence): { online: Presence[]; onlineCount: number } {
    const entries = this.plans.get(planId)?.entries;
    if (!entries) return { online: [self], onlineCount: 1 };
    const mine = identity(self);
    const online = entries.has(mine) ? [entries.get(mine)!.presence] : [];
    for (const [key, e] of entries) {
      if (online.length >= JOIN_ONLINE_MAX) break;
      if (key !== mine) online.push(e.presence);
    }
    return { online, onlineCount: entries.size };
  }

  private changed(planId: string, plan: PlanPresence, key: string, presence: Presence) {
    plan.dirty.set(key, presence);
    if (plan.timer) return;
    plan.timer = setTimeout(() => this.flush(planId, plan), this.intervalMs);
    plan.timer.unref?.();
  }

  /** Sends the net changes: an identity that is online now is (re)announced, one that is not is announced gone. */
  private flush(planId: string, plan: PlanPresence) {
    plan.timer = null;
    const change: PresenceChange = { joined: [], left: [] };
    for (const [key, presence] of plan.dirty) {
      const entry = plan.entries.get(key);
      if (entry) change.joined.push(entry.presence);
      else change.left.push(presence);
    }
    plan.dirty.clear();
    this.forgetIfIdle(planId, plan);
    if (change.joined.length + change.left.length > 0) this.o.publish(planId, change);
  }

  private forgetIfIdle(planId: string, plan: PlanPresence) {
    if (plan.entries.size === 0 && plan.dirty.size === 0 && !plan.timer && this.plans.get(planId) === plan) this.plans.delete(planId);
  }
}
