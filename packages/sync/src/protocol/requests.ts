import type { z } from 'zod';
import type { ProtocolError, ReplyError } from './errors.ts';
import type { Actor } from './identity.ts';
import type { EventFrame } from './frame.ts';
import type {
  batchesRequestSchema,
  batchRequestSchema,
  commandRequestSchema,
  historyRequestSchema,
  joinRequestSchema,
  revertRequestSchema,
  undoRequestSchema,
} from './schemas.ts';
import type { BatchInfo, EncodedState, Presence, RevertDetail, Role, WireEvent } from './wire.ts';

/**
 * Every request a client may send (each with an acknowledgement), its schema and its reply. `Requests` is the
 * contract: the server's handler table and the client's typed methods are both checked against it. The schemas
 * themselves (zod) are in schemas.ts, which only the server loads; the types here are inferred from them.
 */

export type JoinRequest = z.infer<typeof joinRequestSchema>;

/** A join reply lists at most this many of the people online (the rest arrive as presence changes when they come). */
export const JOIN_ONLINE_MAX = 200;

/**
 * The answer of `GET /api/plans/<token>/state` (HTTP, not the socket): the plan's committed state as the caller's
 * session may see it. A page fetches it while its socket connects and draws it at once; the join then asks only for
 * what came after `version`. `state` is the same JSON the join's snapshot carries.
 */
export interface PlanStateReply {
  planId: string;
  planName: string;
  role: Role;
  you: Actor;
  version: number;
  state: unknown;
}

/** The server refused a request that names no command (or not a usable one). */
export interface Refused {
  ok: false;
  error: ProtocolError;
}

export type JoinReply =
  | {
      ok: true;
      planId: string;
      planName: string;
      role: Role;
      /** who the server admitted this connection as: its events, undo and presence are this actor's */
      you: Actor;
      version: number;
      /** Events after the client's lastVersion (a frame standing alone: `unframe`), or — when it is far behind — a snapshot of the state. */
      events: EventFrame;
      snapshot: { version: number; state: EncodedState } | null;
      /** who is online, the joiner first; at most JOIN_ONLINE_MAX entries of `onlineCount` */
      online: Presence[];
      onlineCount: number;
    }
  | Refused;

export type CommandRequest = z.infer<typeof commandRequestSchema>;

/** The outcome of a command-like request (command, batch, revert, undo), keyed by its command id. */
export type CommandReply =
  | {
      commandId: string;
      status: 'accepted';
      version: number;
      /** how many events it made (absent on a preview, which makes none): with 0, none will arrive to wait for */
      events?: number;
      detail?: RevertDetail;
    }
  | { commandId: string; status: 'rejected'; error: ReplyError };

/** A command-like request's answer: a CommandReply, or a plain refusal when the request names no usable command id. */
export type CommandAnswer = CommandReply | Refused;

/** The most events a history request may ask for; the server may answer fewer (its Limits.historyPage): read on. */
export const HISTORY_PAGE_MAX = 5000;
export type HistoryRequest = z.infer<typeof historyRequestSchema>;
/** A page of history as the wire carries it: its events in a frame standing alone (`unframe`). */
export type HistoryReply = { ok: true; events: EventFrame; version: number } | Refused;
/** A page of history as the client API hands it over: its events read. */
export type HistoryPage = { ok: true; events: WireEvent[]; version: number } | Refused;

/** Batches are listed in pages: the newest `limit` batches older than the batch `before` (default: the newest). */
export const BATCHES_PAGE_MAX = 100;

/**
 * The largest message a socket takes (the server's socket.io maxHttpBufferSize): a batch of 20,000 seat changes with
 * UUID ids is ~2 MB. The client refuses a bigger request before sending it — socket.io would drop the connection
 * without an answer — and the server reads any socket at most this far ahead of its byte budget (inboundBytesPerSocket).
 */
export const MAX_MESSAGE_BYTES = 4_000_000;
export type BatchesRequest = z.infer<typeof batchesRequestSchema>;
/** `batches` oldest first; `more` says whether older batches exist (ask again with `before` = the first batch's id). */
export type BatchesReply = { ok: true; batches: BatchInfo[]; more: boolean } | Refused;

export type BatchRequest = z.infer<typeof batchRequestSchema>;

export type RevertRequest = z.infer<typeof revertRequestSchema>;

export type UndoRequest = z.infer<typeof undoRequestSchema>;

/**
 * The contract: each request's name → what the client sends and what the server answers.
 *   join     JoinRequest    → JoinReply       open a plan: catch up from lastVersion, get who is online
 *   command  CommandRequest → CommandReply    one command of the live edit loop (organisers)
 *   history  HistoryRequest → HistoryReply    a page of past events, for time travel (anyone joined)
 *   batches  BatchesRequest → BatchesReply    a page of the plan's batches, newest page first (anyone joined)
 *   batch    BatchRequest   → CommandAnswer   many commands applied all-or-nothing as one batch (organisers)
 *   revert   RevertRequest  → CommandAnswer   take back a batch, keeping later work; conflicts in `detail` (organisers)
 *   undo     UndoRequest    → CommandAnswer   take back one of MY commands unless somebody changed it since (organisers)
 * A revert or undo with `preview: true` answers what it would do without doing it.
 */
export interface Requests {
  join: { req: JoinRequest; reply: JoinReply };
  command: { req: CommandRequest; reply: CommandAnswer };
  history: { req: HistoryRequest; reply: HistoryReply };
  batches: { req: BatchesRequest; reply: BatchesReply };
  batch: { req: BatchRequest; reply: CommandAnswer };
  revert: { req: RevertRequest; reply: CommandAnswer };
  undo: { req: UndoRequest; reply: CommandAnswer };
}
export type RequestType = keyof Requests;
export type RequestOf<K extends RequestType> = Requests[K]['req'];
export type ReplyOf<K extends RequestType> = Requests[K]['reply'];
/** Any reply the server sends to a request. */
export type AnyReply = ReplyOf<RequestType>;
