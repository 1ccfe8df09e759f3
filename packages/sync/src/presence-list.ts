import type { Presence, PresenceChange } from './protocol.ts';

const identity = (p: Presence) => JSON.stringify([p.clientId, p.role, p.userName]);

/**
 * A client's copy of who is online in its plan: set from the join reply, then kept up to date with the server's
 * presence changes, so the app is handed the full list as before. Entries are told apart by clientId, name and role.
 */
export class PresenceList {
  private readonly entries = new Map<string, Presence>();

  /** Replaces the list (a join reply). */
  reset(online: readonly Presence[]): Presence[] {
    this.entries.clear();
    for (const p of online) this.entries.set(identity(p), p);
    return this.list;
  }

  /** Applies a change message: who left goes, who joined is added (once). */
  apply(change: PresenceChange): Presence[] {
    for (const p of change.left ?? []) this.entries.delete(identity(p));
    for (const p of change.joined ?? []) this.entries.set(identity(p), p);
    return this.list;
  }

  get list(): Presence[] {
    return [...this.entries.values()];
  }
}
