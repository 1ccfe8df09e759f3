import type { EventStore } from '@seatfold/store';
import type { GhostMessage, Presence, PresenceChange, WireEvent } from '../protocol.ts';
import type { Gate, Limits } from './limits.ts';
import type { PresenceBook } from './presence.ts';
import type { PlanRoom } from './room.ts';

/**
 * What a session and its request handlers need of the hub. Declared apart from hub.ts so that session.ts and
 * handlers.ts depend on this shape only: the hub imports them, never the other way round (no import cycle).
 */
export interface SessionHost {
  readonly o: { store: EventStore; now?: () => number; log?: (msg: string) => void };
  readonly limits: Limits;
  readonly fanout: { add(planId: string, peer: Peer): void; remove(planId: string, peer: Peer): void };
  readonly presence: PresenceBook;
  /** server-wide bound on history reads of the store */
  readonly historyGate: Gate;
  room(planId: string): Promise<PlanRoom>;
  /** A session joins a plan; false when the plan has as many as it may have. */
  enter(planId: string, member: object): boolean;
  exit(planId: string, member: object): void;
  setOnline(planId: string, member: object, presence: Presence | null): void;
  /** Charges `events` history events to the server's budget: 0 when within it, else the ms to wait. */
  chargeHistory(events: number): number;
}

/** One connection's way back to its client (socket.io's socket, or an in-memory link in tests). */
export interface Peer {
  send(event: 'events', payload: WireEvent[]): void;
  send(event: 'presence', payload: PresenceChange): void;
  send(event: 'ghost', payload: GhostMessage): void;
}
