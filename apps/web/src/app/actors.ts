import type { Actor, Presence } from '@seatfold/sync';

/**
 * People, not names (issue #11): the server records every change under the actor's stable id with the display name
 * they had then. Here the browser tells people apart by id and shows each under their newest known name. Changes
 * recorded before actors had ids (actorId null) keep the name they were recorded with, and count as that name's.
 */

export interface ActorMeta {
  actor: string;
  actorId: string | null;
}

/** Who a change is by: the actor id, or — for a legacy change without one — the name it was recorded under. */
export const actorKey = (m: ActorMeta): string => (m.actorId !== null ? `id:${m.actorId}` : `name:${m.actor}`);

/** The newest name seen for each actor id (from later events and from who is online). */
export class NameBook {
  private readonly names = new Map<string, string>();

  /** Notes `name` as the newest of `actorId`; true when it renamed somebody already known. */
  learn(actorId: string | null, name: string): boolean {
    if (actorId === null) return false;
    const before = this.names.get(actorId);
    this.names.set(actorId, name);
    return before !== undefined && before !== name;
  }

  /** The name to show for a change: its actor's newest name, else the name it was recorded with. */
  nameOf(m: ActorMeta): string {
    return (m.actorId !== null ? this.names.get(m.actorId) : undefined) ?? m.actor;
  }
}

/** One person online, however many tabs they have open. */
export interface PersonOnline {
  key: string;
  name: string;
  /** the name, told apart from somebody else's equal name ("Alex (2)") */
  label: string;
  role: Presence['role'];
  tabs: number;
}

/**
 * The people online besides me, one entry per person (by actor id; two tabs are one person), in order of arrival.
 * Two people who chose the same name stay two entries, numbered in their labels so a planner can tell them apart.
 * My own other tabs are not "somebody else".
 */
export function peopleOnline(online: readonly Presence[], me: { you: Actor | null; clientId: string }): PersonOnline[] {
  const people = new Map<string, PersonOnline>();
  for (const p of online) {
    if (p.clientId === me.clientId || (me.you && p.actorId === me.you.id)) continue;
    const key = p.actorId !== null ? `id:${p.actorId}` : `tab:${p.clientId}`;
    const known = people.get(key);
    if (known) {
      known.tabs++;
      if (p.role === 'organise') known.role = 'organise';
    } else people.set(key, { key, name: p.userName, label: p.userName, role: p.role, tabs: 1 });
  }
  const list = [...people.values()];
  const byName = new Map<string, PersonOnline[]>();
  for (const p of list) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  for (const same of byName.values()) if (same.length > 1) same.forEach((p, i) => (p.label = `${p.name} (${i + 1})`));
  return list;
}
