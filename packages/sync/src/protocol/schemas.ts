import { coordinateSchema, idSchema, personNameSchema, rotationSchema, textSchema } from '@seatfold/domain/validation';
import { z } from 'zod';
import { batchKindSchema, clientSummarySchema } from '../summary.ts';
import { GHOST_MAX_ITEMS, type Ghost } from './ghost.ts';
import { BATCHES_PAGE_MAX, HISTORY_PAGE_MAX, type RequestType } from './requests.ts';

/**
 * The protocol's runtime checks, as the server makes them: each request's schema (the request types in
 * requests.ts are inferred from these) and the drag ghost's. Only the server loads this file, and with it zod: the
 * browser's client (`@seatfold/sync`) sends what its types allow and never parses a request.
 */

/**
 * A command, batch or client id: made by the client (a UUID in the browser), 1–100 printable ASCII characters — what
 * every client sends, and what the store can always hold (a NUL or half an emoji is refused here, not by the database).
 */
const id = z.string().regex(/^[\x21-\x7e]{1,100}$/, 'Ids are 1–100 printable ASCII characters (letters, digits, “-”…), without spaces.');

export const joinRequestSchema = z
  .object({
    protocol: z.number().int(),
    token: z.string().min(1).max(200),
    clientId: id,
    /**
     * The name the client would like to be shown as — a wish, never an identity: the server's `Admit` decides who the
     * connection is. The domain's person-name schema (NFC, trimmed, no control or invisible characters).
     */
    userName: personNameSchema,
    lastVersion: z.number().int().min(0),
  })
  .strict();

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

export const historyRequestSchema = z
  .object({ afterVersion: z.number().int().min(0), limit: z.number().int().min(1).max(HISTORY_PAGE_MAX) })
  .strict();

export const batchesRequestSchema = z.object({ before: id.optional(), limit: z.number().int().min(1).max(BATCHES_PAGE_MAX).optional() }).strict();

export const batchRequestSchema = z
  .object({
    commandId: id,
    batchId: id,
    kind: batchKindSchema,
    label: textSchema({ label: 'Batch labels', max: 300, required: true }),
    commands: z.array(z.unknown()).min(1).max(20_000),
    fileName: textSchema({ label: 'File names', max: 300 }).nullable().optional(),
    fileHash: z
      .string()
      .regex(/^[0-9a-f]{1,128}$/i, 'a hex digest')
      .nullable()
      .optional(),
    summary: clientSummarySchema.optional(),
    resent: z.boolean().optional(),
  })
  .strict();

export const revertRequestSchema = z
  .object({ commandId: id, batchId: id, targetBatchId: id, preview: z.boolean().optional(), resent: z.boolean().optional() })
  .strict();

/** `redo`: the client's redo (an undo of its undo); only the wording of a refusal differs. */
export const undoRequestSchema = z
  .object({ commandId: id, targetCommandId: id, preview: z.boolean().optional(), resent: z.boolean().optional(), redo: z.boolean().optional() })
  .strict();

/** Each request's schema, as the server checks it (the parsed value is what the handler gets). */
export const REQUEST_SCHEMAS = {
  join: joinRequestSchema,
  command: commandRequestSchema,
  history: historyRequestSchema,
  // a batches request may come without a payload: it asks for the newest page
  batches: z.preprocess((v) => v ?? {}, batchesRequestSchema),
  batch: batchRequestSchema,
  revert: revertRequestSchema,
  undo: undoRequestSchema,
} as const satisfies { [K in RequestType]: z.ZodType<unknown> };

/** Every request name, in the order above (the socket server listens to exactly these). */
export const REQUEST_TYPES = Object.keys(REQUEST_SCHEMAS) as RequestType[];

export const isRequestType = (type: string): type is RequestType => Object.hasOwn(REQUEST_SCHEMAS, type);

export const ghostItemSchema = z
  .object({ kind: z.enum(['table', 'fixture']), id: idSchema, x: coordinateSchema, y: coordinateSchema, rotation: rotationSchema })
  .strict();
export const ghostSchema = z
  .object({ roomId: idSchema, items: z.array(ghostItemSchema).max(GHOST_MAX_ITEMS) })
  .strict()
  .nullable();

/** Parses a ghost from the wire, cheaply refusing an oversized list before looking at its items. */
export function parseGhost(payload: unknown): { ok: true; ghost: Ghost } | { ok: false } {
  if (payload !== null && typeof payload === 'object') {
    const items = (payload as { items?: unknown }).items;
    if (Array.isArray(items) && items.length > GHOST_MAX_ITEMS) return { ok: false };
  }
  const parsed = ghostSchema.safeParse(payload);
  return parsed.success ? { ok: true, ghost: parsed.data } : { ok: false };
}
