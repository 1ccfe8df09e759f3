import type { EventStore } from '@seatfold/store';
import type { AccessChange, Admit, GhostMessage, Handshake, Presence, PresenceChange, Role, EventFrame } from '../protocol.ts';
import type { WorkMeter } from './buckets.ts';
import type { Gate, Limits } from './limits.ts';
import type { PresenceBook } from './presence.ts';
import type { PlanRoom } from './room.ts';

/** Why a plan takes no further session: every place taken, every reviewer's place, or the person's share. */
export type PlanFull = 'full' | 'reviewers' | 'person';

/**
 * What a session and its request handlers need of the hub. Declared apart from hub.ts so that session.ts and
 * handlers.ts depend on this shape only: the hub imports them, never the other way round (no import cycle).
 */
export interface SessionHost {
  readonly o: { store: EventStore; now?: () => number; log?: (msg: string) => void };
  /** decides who a join is (the app's authenticator, or the default for tests) */
  readonly admit: Admit;
  readonly limits: Limits;
  readonly fanout: { remove(planId: string, peer: Peer): void };
  /** the peer receives the plan's pushes from now on */
  subscribe(planId: string, peer: Peer): void;
  readonly presence: PresenceBook;
  /** server-wide bound on history reads of the store */
  readonly historyGate: Gate;
  /** the plan's room; with `address`, a plan not in memory is loaded only within its budget of loads (SyncHub.room) */
  room(planId: string, address?: string): Promise<PlanRoom>;
  /** A session joins a plan as `actorId` in `role`; null, or why the plan is full for it (see SyncHub.enter). */
  enter(planId: string, member: object, role: Role, actorId: string): PlanFull | null;
  exit(planId: string, member: object): void;
  setOnline(planId: string, member: object, presence: Presence | null): void;
  /** Charges `events` history events to the server's budget: 0 when within it, else the ms to wait. */
  chargeHistory(events: number): number;
  /** charges one whole plan state sent to a client address: null, or why and how long to wait (SyncHub.chargeState) */
  chargeState(address: string): BudgetRefusal | null;
  /** the bytes of a whole state sent to a client address after chargeState: charged to its and the server's budgets */
  sentState(address: string, bytes: number): void;
  /** charges one join to a client address: null, or why and how long to wait (SyncHub.chargeJoin) */
  chargeJoin(address: string): BudgetRefusal | null;
  /** the bytes a client address may still have stored, whatever the plan (Limits.storedBytesPerAddress) */
  storedBy(address: string): WorkMeter;
  /** A join starts: answers a mark for `accessSince` (so a setAccess during the join's admit is not missed). */
  beginJoin(): number;
  endJoin(): void;
  /** Tracks a join under way until it settles (so `reAdmit` can wait for the joins that began before it). */
  trackJoin<T>(join: Promise<T>): Promise<T>;
  /** The latest setAccess of this actor in this plan after `mark`, or undefined when there was none. */
  accessSince(planId: string, actorId: string, mark: number): Role | null | undefined;
}

/** One connection's way back to its client (socket.io's socket, or an in-memory link in tests). */
export interface Peer {
  /** what the connection's HTTP upgrade carried (headers incl. cookie, peer address): what `Admit` decides from */
  readonly handshake: Handshake;
  send(event: 'events', payload: EventFrame): void;
  send(event: 'presence', payload: PresenceChange): void;
  send(event: 'ghost', payload: GhostMessage): void;
  send(event: 'access', payload: AccessChange): void;
  /** Ends the connection (after an 'access' change that withdrew it); optional: an in-memory peer may just stop. */
  close?(): void;
  /**
   * Stops reading the connection's messages for `ms` (Limits.refusedPerSocket): the transport's flow control holds
   * the client back. Optional: without it, the session still drops the connection's requests while it is paused.
   */
  pause?(ms: number): void;
}

/** Why a whole state may not be sent, or a join made, now: the ms to wait, and whether the server's budget (not the address's) is spent. */
export interface BudgetRefusal {
  waitMs: number;
  server: boolean;
}
