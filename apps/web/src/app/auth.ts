import { takeEarlySession } from '../boot.ts';
import { answer, api, ApiError, INVITE, PERSON, planApi, SECRET, tokenParam, type Ok } from './http.ts';

type Reply<F extends (...a: never[]) => Promise<unknown>> = Ok<Awaited<ReturnType<F>>>;

const session = (name?: string) => api.api.session.$post({ json: name === undefined ? {} : { name } });
/**
 * The page's first session request is the one boot.ts sent before the bundle arrived: the same request by a raw
 * fetch, answered with the Response's status and body (all that `answer` reads), hence the one cast of it.
 */
const firstSession = (name: string) => (takeEarlySession(name) as unknown as ReturnType<typeof session> | null) ?? session(name);
/** A session for this browser: the one it has, or a new guest identity with the name it would like. */
export const ensureSession = (name: string) =>
  answer(() => firstSession(name)).catch((err: unknown) =>
    // A saved name the server refuses (say, an invisible character) must not keep the browser out: a default name then.
    err instanceof ApiError && err.status === 400 ? answer(() => session()) : Promise.reject(err as Error),
  );

/** This browser's person as the server knows it (the session cookie is httpOnly: only the server reads it). */
export type You = Reply<typeof session>['you'];

export const fetchMe = () => answer(() => api.api.me.$get());
export const updateMe = (change: { name?: string; email?: string | null }) => answer(() => api.api.me.$patch({ json: change }));

export const fetchInvite = (secret: string) => answer(() => api.api.invites[SECRET].$get({ param: { secret: encodeURIComponent(secret) } }));
export const claimInvite = (secret: string, name: string, email?: string) =>
  answer(() => api.api.invites[SECRET].claim.$post({ param: { secret: encodeURIComponent(secret) }, json: email ? { name, email } : { name } }));

const members = (token: string) => planApi().members.$get({ param: tokenParam(token) });
export const fetchMembers = (token: string) => answer(() => members(token));
export type Member = Reply<typeof members>['members'][number];
export type MemberRole = Member['role'];
export type OpenLinks = Reply<typeof members>['openLinks'];
/** An invite link nobody has claimed yet: what it is for, never the link. */
export type OpenInvite = Reply<typeof members>['invites'][number];

export const inviteMember = (token: string, role: MemberRole, email?: string) =>
  answer(() => planApi().invites.$post({ param: tokenParam(token), json: email ? { role, email } : { role } }));
export const reinviteMember = (token: string, personId: string) =>
  answer(() => planApi().members[PERSON].invite.$post({ param: { ...tokenParam(token), personId } }));
export const changeRole = (token: string, personId: string, role: MemberRole) =>
  answer(() => planApi().members[PERSON].$patch({ param: { ...tokenParam(token), personId }, json: { role } }));
export const revokeMember = (token: string, personId: string) =>
  answer(() => planApi().members[PERSON].$delete({ param: { ...tokenParam(token), personId } }));
export const withdrawInvite = (token: string, id: string) => answer(() => planApi().invites[INVITE].$delete({ param: { ...tokenParam(token), id } }));
export const setOpenLinks = (token: string, links: OpenLinks) =>
  answer(() => planApi()['open-links'].$put({ param: tokenParam(token), json: links }));

/** What a confirmation link (mailed to an address its person asked for) would confirm, without using it. */
export const readEmailLink = (secret: string) => answer(() => api.api['email-links'][SECRET].$get({ param: { secret: encodeURIComponent(secret) } }));
/** Confirms the address once: from then on sign-in links for its person go to it. Signs nobody in. */
export const confirmEmail = (secret: string) =>
  answer(() => api.api['email-links'][SECRET].confirm.$post({ param: { secret: encodeURIComponent(secret) } }));

export const requestSignIn = (email: string) => answer(() => api.api['sign-in'].$post({ json: { email } }));
export const signInWithLink = (secret: string) => answer(() => api.api['sign-in'][SECRET].$post({ param: { secret: encodeURIComponent(secret) } }));

export const ROLE_LABEL: Record<MemberRole, string> = { owner: 'Owner', organiser: 'Organiser', reviewer: 'Reviewer' };
