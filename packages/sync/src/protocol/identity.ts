import type { ProtocolError } from './errors.ts';
import type { Role } from './wire.ts';

/**
 * Who is acting, as the server knows them. Identity is decided by the server (the app's `Admit`), never taken from a
 * name the client typed: everything downstream of the join — events, commands, batches, undo, presence — keys on `id`.
 */

/** A person (or an open-link browser) as the server knows them. `id` is stable and never reused; `name` may change. */
export interface Actor {
  id: string;
  name: string;
}

/** The actor of what Seatfold does by itself (a plan's set-up, the demo plan). */
export const SYSTEM_ACTOR: Actor = Object.freeze({ id: 'system', name: 'Seatfold' });

/** What the app's authenticator decided for one join: which plan, with which capability, as whom. */
export interface Admission {
  planId: string;
  /** the plan's name, read with the plan when deciding (the join reply names the plan; no second read for it) */
  planName: string;
  role: Role;
  actor: Actor;
}

/** What the socket's HTTP upgrade carried: headers (incl. cookie) and the peer address. */
export interface Handshake {
  headers: Record<string, string | string[] | undefined>;
  address: string;
}

/**
 * Decides a join. `join` is what the client asked (the token in the URL, the name it would like, its tab id);
 * `handshake` is what the socket's HTTP upgrade carried (headers incl. cookie, peer address). Never trust join.userName
 * for identity. Returns an Admission, or a refusal the client shows.
 */
export type Admit = (
  join: { token: string; userName: string; clientId: string },
  handshake: Handshake,
) => Promise<Admission | { error: ProtocolError }>;
