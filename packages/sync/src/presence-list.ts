import type { JoinReply, Presence, PresenceChange } from './protocol.ts';

const identity = (p: Presence) => JSON.stringify([p.clientId, p.role, p.actorId, p.userName]);

/**
 * A client's copy of who is online in its plan: set from the join reply, then kept up to date with the server's
 * presence changes, so the app is handed the full list as before. Entries are told apart by clientId, actor id, name and role.
 *
 * A change can arrive before the reply of a join in flight is read (one socket read holds both; the reply is handled
 * a tick later), so changes received while a join is in flight are applied again on top of its reply's list. That is
 * safe: the server announces an entry again in its next message whenever it changes, so the last message naming an
 * entry is never older than the reply.
 */
export class PresenceList {
  private readonly entries = new Map<string, Presence>();
  private joinsInFlight = 0;
  private early: PresenceChange[] = [];

  /** Sends a join through `send` and answers its reply with `online` set to the list as it is now. */
  async join(send: () => Promise<JoinReply>): Promise<JoinReply> {
    this.joinsInFlight++;
    try {
      const reply = await send();
      if (!reply.ok) return reply;
      this.entries.clear();
      this.add(reply.online);
      for (const change of this.early) this.change(change);
      return { ...reply, online: this.list };
    } finally {
      if (--this.joinsInFlight === 0) this.early = [];
    }
  }

  /** Applies a change message (who left goes, who joined is added once) and answers the list. */
  apply(change: PresenceChange): Presence[] {
    if (this.joinsInFlight > 0) this.early.push(change);
    this.change(change);
    return this.list;
  }

  private change(change: PresenceChange) {
    for (const p of change.left ?? []) this.entries.delete(identity(p));
    this.add(change.joined ?? []);
  }

  get list(): Presence[] {
    return [...this.entries.values()];
  }

  private add(online: readonly Presence[]) {
    for (const p of online) this.entries.set(identity(p), p);
  }
}
