import { ApiError, call } from './api.ts';

/** This browser's person as the server knows it (the session cookie is httpOnly: only the server reads it). */
export interface You {
  id: string;
  name: string;
  email?: string | null;
  /** a plan member (invited, or an owner); false for an open-link guest */
  member: boolean;
}

export type MemberRole = 'owner' | 'organiser' | 'reviewer';

export interface Member {
  personId: string;
  name: string;
  email: string | null;
  role: MemberRole;
  joinedAt: number;
  lastActiveAt: number | null;
}

export interface OpenLinks {
  organise: boolean;
  review: boolean;
}

const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });
const plan = (token: string) => `/api/plans/${encodeURIComponent(token)}`;

/** A session for this browser: the one it has, or a new guest identity with the name it would like. */
export const ensureSession = (name: string) =>
  call<{ you: You }>('/api/session', json('POST', { name })).catch((err: unknown) =>
    // A saved name the server refuses (say, an invisible character) must not keep the browser out: a default name then.
    err instanceof ApiError && err.status === 400 ? call<{ you: You }>('/api/session', json('POST', {})) : Promise.reject(err as Error),
  );
export const fetchMe = () => call<{ you: You | null; mail: boolean }>('/api/me');
export const updateMe = (change: { name?: string; email?: string | null }) => call<{ you: You }>('/api/me', json('PATCH', change));

export const fetchInvite = (secret: string) => call<{ planName: string; role: MemberRole; name: string | null }>(`/api/invites/${secret}`);
export const claimInvite = (secret: string, name: string) =>
  call<{ you: You; planName: string; role: MemberRole; path: string }>(`/api/invites/${secret}/claim`, json('POST', { name }));

export const fetchMembers = (token: string) => call<{ members: Member[]; openLinks: OpenLinks; you: string }>(`${plan(token)}/members`);
export const inviteMember = (token: string, role: MemberRole, email?: string) => call<{ path: string; role: MemberRole }>(`${plan(token)}/invites`, json('POST', email ? { role, email } : { role }));
export const reinviteMember = (token: string, personId: string) => call<{ path: string; role: MemberRole }>(`${plan(token)}/members/${personId}/invite`, { method: 'POST' });
export const changeRole = (token: string, personId: string, role: MemberRole) => call<{ members: Member[] }>(`${plan(token)}/members/${personId}`, json('PATCH', { role }));
export const revokeMember = (token: string, personId: string) => call<{ members: Member[] }>(`${plan(token)}/members/${personId}`, { method: 'DELETE' });
export const setOpenLinks = (token: string, links: OpenLinks) => call<{ openLinks: OpenLinks }>(`${plan(token)}/open-links`, json('PUT', links));

export const requestSignIn = (email: string) => call<{ sent: boolean }>('/api/sign-in', json('POST', { email }));
export const signInWithLink = (secret: string) =>
  call<{ you: You; plans: { name: string; role: MemberRole; path: string }[] }>(`/api/sign-in/${secret}`, { method: 'POST' });

export const ROLE_LABEL: Record<MemberRole, string> = { owner: 'Owner', organiser: 'Organiser', reviewer: 'Reviewer' };
