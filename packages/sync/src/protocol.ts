import { personNameSchema, type DomainError, type PlanEvent, type PlanState } from '@seatfold/domain';
import type { BatchInfo, EventMeta, Role, StoredEvent } from '@seatfold/store';
import { z } from 'zod';
import { batchKindSchema, clientSummarySchema } from './summary.ts';

export type { BatchInfo, EventMeta, Role };
export { batchKindSchema, batchSummarySchema, clientSummarySchema, readSummary, SUMMARY_MAX_BYTES, type BatchSummary } from './summary.ts';

/**
 * The wire protocol between browser and server, over socket.io. Bump PROTOCOL_VERSION on any change that
 * an older peer could misread; the server refuses a join that speaks another version.
 *
 * client → server (each with an acknowledgement):
 *   'join'    JoinRequest    → JoinReply
 *   'command' CommandRequest → CommandReply
 * server → client:
 *   'events'   WireEvent[]     — committed events of the plan, in version order, at most one message per commit
 *   'presence' PresenceChange — who came and went since the last one (ephemeral, never stored): the join reply
 *                               carries the list, these the net changes after it, at most one per plan per 250 ms
 */
export const PROTOCOL_VERSION = 2;

/** A committed event as it travels: its stream version, the event, and who/when/which command. */
export type WireEvent = Omit<StoredEvent<PlanEvent>, 'planId'>;

export interface Presence {
  clientId: string;
  userName: string;
  role: Role;
}

/**
 * Net changes to a plan's online list since the previous message. A client removes every entry of `left` (equal
 * clientId, userName and role), then adds or keeps every entry of `joined`; an entry is listed once however many
 * connections show it (a reconnecting tab is not listed twice).
 */
export interface PresenceChange {
  joined: Presence[];
  left: Presence[];
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

const id = z.string().min(1).max(100);

export const joinRequestSchema = z
  .object({
    protocol: z.number().int(),
    token: z.string().min(1).max(200),
    clientId: id,
    /** the domain's person-name schema: the same rules as a guest's name (NFC, trimmed, no control or invisible characters) */
    userName: personNameSchema,
    lastVersion: z.number().int().min(0),
  })
  .strict();
export type JoinRequest = z.infer<typeof joinRequestSchema>;

/** A join reply lists at most this many of the people online (the rest arrive as presence changes when they come). */
export const JOIN_ONLINE_MAX = 200;

export type JoinReply =
  | {
      ok: true;
      planId: string;
      planName: string;
      role: Role;
      version: number;
      /** Events after the client's lastVersion, or — when it is far behind — a snapshot of the state. */
      events: WireEvent[];
      snapshot: { version: number; state: EncodedState } | null;
      /** who is online, the joiner first; at most JOIN_ONLINE_MAX entries of `onlineCount` */
      online: Presence[];
      onlineCount: number;
    }
  | { ok: false; error: ProtocolError };

export const commandRequestSchema = z
  .object({
    commandId: id,
    /** validated by the domain's parseCommand, so the error names the field */
    command: z.unknown(),
    batchId: id.nullable().optional(),
    /** true when the client sends it again after a reconnect: the server then looks the id up in the store */
    resent: z.boolean().optional(),
  })
  .strict();
export type CommandRequest = z.infer<typeof commandRequestSchema>;

export type CommandReply =
  | { commandId: string; status: 'accepted'; version: number; detail?: RevertDetail }
  | { commandId: string; status: 'rejected'; error: ReplyError };

/** A refusal as it travels: a DomainError from decide, or a ProtocolError from the server. */
export interface ReplyError {
  code: DomainError['code'] | ProtocolErrorCode | (string & {});
  message: string;
  /** with a retryable code ('ServerBusy', 'Unavailable'): when to send the same request again (resent) */
  retryAfterMs?: number;
}

/** 'ServerBusy' (load) and 'Unavailable' (the database is unreachable) are retryable: nothing was applied. */
export type ProtocolErrorCode =
  | 'BadMessage'
  | 'ProtocolVersion'
  | 'UnknownPlan'
  | 'NotJoined'
  | 'Forbidden'
  | 'ServerBusy'
  | 'Unavailable'
  | 'ServerError';
export interface ProtocolError {
  code: ProtocolErrorCode;
  message: string;
  retryAfterMs?: number;
}

/** True for a refusal the client should retry later (same command id, `resent: true`) instead of rolling back. */
export function isRetryable(error: { code: string }): boolean {
  return error.code === 'ServerBusy' || error.code === 'Unavailable';
}

/** Readable one-line summary of a zod failure for a client developer. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue?.message ?? 'malformed'}`;
}

/*
 * Requests beyond the live edit loop (each with an acknowledgement):
 *   'history'  HistoryRequest → HistoryReply        — a page of past events, for time travel (any role)
 *   'batches'  BatchesRequest → BatchesReply        — a page of the plan's batches, newest page first (any role)
 *   'batch'    BatchRequest   → CommandReply        — many commands applied all-or-nothing as one batch (organisers)
 *   'revert'   RevertRequest  → CommandReply        — take back a batch, keeping later work; conflicts in `detail`
 *   'undo'     UndoRequest    → CommandReply        — take back one of MY commands unless somebody changed it since
 * A request with `preview: true` answers what it would do without doing it.
 */
export const HISTORY_PAGE_MAX = 5000;


export const historyRequestSchema = z.object({ afterVersion: z.number().int().min(0), limit: z.number().int().min(1).max(HISTORY_PAGE_MAX) }).strict();
export type HistoryRequest = z.infer<typeof historyRequestSchema>;
export type HistoryReply = { ok: true; events: WireEvent[]; version: number } | { ok: false; error: ProtocolError };

export const batchRequestSchema = z
  .object({
    commandId: id,
    batchId: id,
    kind: batchKindSchema,
    label: z.string().trim().min(1).max(300),
    commands: z.array(z.unknown()).min(1).max(20_000),
    fileName: z.string().max(300).nullable().optional(),
    fileHash: z.string().regex(/^[0-9a-f]{1,128}$/i, 'a hex digest').nullable().optional(),
    summary: clientSummarySchema.optional(),
    resent: z.boolean().optional(),
  })
  .strict();
export type BatchRequest = z.infer<typeof batchRequestSchema>;

export const revertRequestSchema = z.object({ commandId: id, batchId: id, targetBatchId: id, preview: z.boolean().optional(), resent: z.boolean().optional() }).strict();
export type RevertRequest = z.infer<typeof revertRequestSchema>;

export const undoRequestSchema = z.object({ commandId: id, targetCommandId: id, preview: z.boolean().optional(), resent: z.boolean().optional() }).strict();
export type UndoRequest = z.infer<typeof undoRequestSchema>;

/** What a revert or undo did (or, as a preview, would do). */
export interface RevertDetail {
  restored: number;
  commands: number;
  conflicts: { version: number; sentence: string; reason: string; laterActor: string | null; laterVersion: number | null }[];
}

/** Batches are listed in pages: the newest `limit` batches older than the batch `before` (default: the newest). */
export const BATCHES_PAGE_MAX = 100;
export const batchesRequestSchema = z
  .object({ before: id.optional(), limit: z.number().int().min(1).max(BATCHES_PAGE_MAX).optional() })
  .strict();
export type BatchesRequest = z.infer<typeof batchesRequestSchema>;
/** `batches` oldest first; `more` says whether older batches exist (ask again with `before` = the first batch's id). */
export type BatchesReply = { ok: true; batches: BatchInfo[]; more: boolean } | { ok: false; error: ProtocolError };
