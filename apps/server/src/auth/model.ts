import type { Role } from '@seatfold/store';

/** What the auth tables hold, as the rest of the server sees it: roles, people, members, invites, secret lifetimes. */

/** A plan member's role. owner and organiser organise; reviewer reviews. (Door staff may come later.) */
export type MemberRole = 'owner' | 'organiser' | 'reviewer';
export const MEMBER_ROLES: readonly MemberRole[] = ['owner', 'organiser', 'reviewer'];

/** What a member role may do on the socket and over HTTP. */
export const capabilityOf = (role: MemberRole): Role => (role === 'reviewer' ? 'review' : 'organise');

export interface Person {
  id: string;
  name: string;
  /** the confirmed address sign-in links go to */
  email: string | null;
  /** an address asked for and not confirmed yet (used for nothing until then) */
  pendingEmail: string | null;
  /** an open-link visitor (no membership made this person) */
  guest: boolean;
}

export interface Member {
  personId: string;
  name: string;
  email: string | null;
  role: MemberRole;
  joinedAt: number;
  lastActiveAt: number | null;
}

/** An invite link nobody has claimed yet (its secret is never stored: the owner sees what it is for, not the link). */
export interface OpenInvite {
  /** the stored hash of its secret: names it to withdraw it, and cannot be used to claim it */
  id: string;
  role: MemberRole;
  email: string | null;
  /** a new link for this member (a new device), by name */
  forMember: string | null;
  createdBy: string | null;
  createdAt: number;
  expiresAt: number;
}

export interface OpenLinks {
  organise: boolean;
  review: boolean;
}

export interface Invite {
  planId: string;
  role: MemberRole;
  personId: string | null;
  /** whom the owner meant the link for: a note in the list of open invites, never given to whoever claims it */
  email: string | null;
}

/** An invite as read back: with who made it (the owner a new-device link speaks for). */
export interface ReadInvite extends Invite {
  createdBy: string;
}

export const SESSION_TTL_MS = 180 * 24 * 3600_000;
/**
 * A new guest's session lives a day until it opens a plan (then SESSION_TTL_MS from each use, renewed at most daily):
 * guest sessions are made on request (120 a minute per address), and ones that never open anything are purged with
 * their guest, instead of piling up for half a year.
 */
export const UNUSED_GUEST_TTL_MS = 24 * 3600_000;
/** a session is renewed when it opens a plan and would end sooner than this before its full lifetime */
export const SESSION_RENEW_MS = 24 * 3600_000;
export const INVITE_TTL_MS = 14 * 24 * 3600_000;
export const MAGIC_LINK_TTL_MS = 15 * 60_000;
export const EMAIL_LINK_TTL_MS = 24 * 3600_000;
