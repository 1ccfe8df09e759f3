import type { PlanEvent, PlanState } from '@seatfold/domain/core';
import type { BatchSummary } from '../summary.ts';

/**
 * The data types that travel between browser and server. They are declared here, on the wire side, and not borrowed
 * from the store: the store's rows may grow columns the wire must not leak, and a change of the wire is a change of
 * PROTOCOL_VERSION. The server converts its rows into these at the boundary (server/wire.ts).
 */

/** Bump on any change that an older peer could misread; the server refuses a join that speaks another version.
 *  3: floor plan events (an older page would fold them as nothing), the ghost message, and actor ids
 *  (EventMeta, BatchInfo, Presence carry actorId; the join reply carries `you`).
 *  4: the 'events' push carries an EventFrame (protocol/frame.ts) instead of WireEvent[].
 *  5: the frame's actors continue a list kept across pushes; times count from the frame's `at`.
 *  6: a join's catch-up and a history page carry their events as a frame standing alone, not WireEvent[].
 *  7: a frame's events travel as [shape, ...values], their property names once per list (frame.ts). */
export const PROTOCOL_VERSION = 7;

/** What a share link lets its holder do: change the plan, or only look at it. */
export type Role = 'organise' | 'review';

/**
 * Who made an event, when (server time, epoch ms), and as part of which command and batch. `actor` is the display
 * name the actor had then; `actorId` their stable id — null for events recorded before actors had ids (legacy).
 */
export interface EventMeta {
  actor: string;
  actorId: string | null;
  commandId: string;
  batchId: string | null;
  at: number;
}

/** A committed event as it travels: its stream version, the event, and who/when/which command. */
export interface WireEvent {
  version: number;
  event: PlanEvent;
  meta: EventMeta;
}

/** One batch of the plan (an import, a draw, a restore, a revert, an undo) as the batch list shows it. */
export interface BatchInfo {
  batchId: string;
  /** a short lowercase token, e.g. 'guest-import', 'table-draw', 'revert', 'undo', 'setup', 'restore' */
  kind: string;
  /** display name at the time, and the stable id (null: recorded before actors had ids) */
  actor: string;
  actorId: string | null;
  /** server time, epoch ms */
  at: number;
  label: string;
  fileName: string | null;
  /** sha-256 of the uploaded file, hex */
  fileHash: string | null;
  /** one of the declared summary shapes, or null */
  summary: BatchSummary;
  /** the batch this one reverts, if it is a revert */
  reverts: string | null;
  /** versions of its events; null when it produced none */
  firstVersion: number | null;
  lastVersion: number | null;
  eventCount: number;
}

/** One person online in one tab: `actorId` tells people apart (two tabs of one person share it); `userName` is shown. */
export interface Presence {
  clientId: string;
  userName: string;
  actorId: string | null;
  role: Role;
}

/**
 * Net changes to a plan's online list since the previous message. A client removes every entry of `left` (equal
 * clientId, actorId, userName and role), then adds or keeps every entry of `joined`; an entry is listed once however many
 * connections show it (a reconnecting tab is not listed twice).
 */
export interface PresenceChange {
  joined: Presence[];
  left: Presence[];
}

/**
 * The server changed what this connection may do in its plan (`SyncHub.setAccess`): a new role, or none (null) — then
 * the connection receives nothing more of the plan and every later request is refused. `message` is for the planner.
 */
export interface AccessChange {
  role: Role | null;
  message: string;
}

/** What a revert or undo did (or, as a preview, would do). */
export interface RevertDetail {
  restored: number;
  commands: number;
  /** what it does, in counted phrases ("remove 500 physical tables"), most frequent first */
  effects: string[];
  /** its first changes one by one, as the timeline will tell them ("removed Anna Ames"); absent from older servers */
  changes?: string[];
  /** how many changes it makes in all */
  changeCount?: number;
  conflicts: { version: number; sentence: string; reason: string; laterActor: string | null; laterVersion: number | null }[];
}

/**
 * A plan state as JSON text, UTF-8 encoded: serialised once per version on the server and sent to every far-behind
 * joiner as it is (socket.io sends the bytes as a binary attachment; a browser receives an ArrayBuffer).
 */
export type EncodedState = Uint8Array | ArrayBuffer | string;

export function encodeState(state: PlanState): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(state));
}

export function decodeState(data: EncodedState): PlanState {
  return JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data)) as PlanState;
}
