import type { DomainErrorCode } from '@seatfold/domain/core';
import type { z } from 'zod';

/**
 * Every error code that travels on the wire, as one declared set. A refusal is `{ code, message }` (+ `retryAfterMs`
 * when retryable): `code` is for programs, `message` for the planner. Three families:
 *   - the domain's codes: decide refused a command (TableFull, UnknownGuest, …);
 *   - request codes: the server refused the request itself (a ProtocolError, also used as `{ ok: false, error }`);
 *   - refusal codes of the batch-like requests (batch, revert, undo, and the HTTP import apply).
 */

/** The domain's codes, listed so the server can check a stored refusal's code (the check below keeps it complete). */
export const DOMAIN_ERROR_CODES = [
  'InvalidCommand',
  'PlanNotCreated',
  'PlanAlreadyCreated',
  'AlreadyExists',
  'UnknownRoom',
  'UnknownPhysicalTable',
  'UnknownTable',
  'UnknownGuest',
  'TableFull',
  'GuestAlreadySeated',
  'GuestNotSeated',
  'SameTable',
  'TableLocked',
  'RoomNotEmpty',
  'PhysicalTableTaken',
  'CapacityTooSmall',
  'UnknownParty',
  'Stale',
  'UnknownFixture',
  'OutsideRoom',
  'Overlap',
  'PlanFull',
] as const satisfies readonly DomainErrorCode[];
// A domain code missing from the list above is a type error here.
const _allDomainCodes: readonly (typeof DOMAIN_ERROR_CODES)[number][] = [] as DomainErrorCode[];

/** 'ServerBusy' (load) and 'Unavailable' (the database is unreachable) are retryable: nothing was applied. */
export const PROTOCOL_ERROR_CODES = [
  'BadMessage',
  'ProtocolVersion',
  'UnknownPlan',
  'NotJoined',
  'Forbidden',
  'ServerBusy',
  'Unavailable',
  'ServerError',
] as const;
export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number];

/**
 * Why a batch, revert, undo or import was refused as a whole (nothing was applied):
 *   NothingToDo      it would change nothing          UndoConflict    somebody else changed it since (undo)
 *   UnknownBatch     no such batch in this plan       NotRevertible   that batch cannot be reverted (setup)
 *   ImportBlocked    the file has blocking problems   PreviewOutdated the plan changed since the import's preview
 *   Unprocessable    the server could not process this change (its decision or events broke the server)
 */
export const REFUSAL_CODES = [
  'NothingToDo',
  'UndoConflict',
  'UnknownBatch',
  'NotRevertible',
  'ImportBlocked',
  'PreviewOutdated',
  'Unprocessable',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export type ErrorCode = DomainErrorCode | ProtocolErrorCode | RefusalCode;
export const ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([...DOMAIN_ERROR_CODES, ...PROTOCOL_ERROR_CODES, ...REFUSAL_CODES]);

export const isErrorCode = (code: string): code is ErrorCode => ERROR_CODES.has(code as ErrorCode);

/** A refusal as it travels: a DomainError from decide, a ProtocolError from the server, or a batch-like refusal. */
export interface ReplyError {
  code: ErrorCode;
  message: string;
  /** with a retryable code ('ServerBusy', 'Unavailable'): when to send the same request again (resent) */
  retryAfterMs?: number;
}

/** The server refused the request itself (malformed, not joined, forbidden, busy, …). */
export interface ProtocolError extends ReplyError {
  code: ProtocolErrorCode;
}

/**
 * A refusal read back from the store (a command's recorded outcome) as it goes on the wire. Seatfold only ever
 * records declared codes; anything else (written by an older server) is reported as Unprocessable, message kept.
 */
export function storedError(error: { code: string; message: string }): ReplyError {
  return { code: isErrorCode(error.code) ? error.code : 'Unprocessable', message: error.message };
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
