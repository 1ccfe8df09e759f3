import type { DomainError, PlanEvent, PlanState } from '@seatfold/domain';
import type { EventMeta, Role, StoredEvent } from '@seatfold/store';
import { z } from 'zod';

export type { EventMeta, Role };

/**
 * The wire protocol between browser and server, over socket.io. Bump PROTOCOL_VERSION on any change that
 * an older peer could misread; the server refuses a join that speaks another version.
 *
 * client → server (each with an acknowledgement):
 *   'join'    JoinRequest    → JoinReply
 *   'command' CommandRequest → CommandReply
 * server → client:
 *   'events'   WireEvent[]   — committed events of the plan, in version order, at most one message per commit
 *   'presence' Presence[]    — who is online in the plan (ephemeral, never stored)
 */
export const PROTOCOL_VERSION = 1;

/** A committed event as it travels: its stream version, the event, and who/when/which command. */
export type WireEvent = Omit<StoredEvent<PlanEvent>, 'planId'>;

export interface Presence {
  clientId: string;
  userName: string;
  role: Role;
}

const id = z.string().min(1).max(100);

export const joinRequestSchema = z
  .object({
    protocol: z.number().int(),
    token: z.string().min(1).max(200),
    clientId: id,
    userName: z.string().trim().min(1).max(80),
    lastVersion: z.number().int().min(0),
  })
  .strict();
export type JoinRequest = z.infer<typeof joinRequestSchema>;

export type JoinReply =
  | {
      ok: true;
      planId: string;
      planName: string;
      role: Role;
      version: number;
      /** Events after the client's lastVersion, or — when it is far behind — a snapshot of the state. */
      events: WireEvent[];
      snapshot: { version: number; state: PlanState } | null;
      online: Presence[];
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
  | { commandId: string; status: 'accepted'; version: number }
  | { commandId: string; status: 'rejected'; error: ReplyError };

/** A refusal as it travels: a DomainError from decide, or a ProtocolError from the server. */
export interface ReplyError {
  code: DomainError['code'] | ProtocolErrorCode | (string & {});
  message: string;
}

export type ProtocolErrorCode = 'BadMessage' | 'ProtocolVersion' | 'UnknownPlan' | 'NotJoined' | 'Forbidden' | 'ServerBusy' | 'ServerError';
export interface ProtocolError {
  code: ProtocolErrorCode;
  message: string;
}

/** Readable one-line summary of a zod failure for a client developer. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue?.message ?? 'malformed'}`;
}
