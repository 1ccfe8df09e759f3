import { z } from 'zod';

/**
 * What a batch's `summary` may hold: the shapes Seatfold itself stores (an import's counts, a draw's counts, a
 * revert's outcome, an undo's target) and nothing else. A client's summary must match one of them and fit in
 * SUMMARY_MAX_BYTES of JSON; a stored summary that does not (written before this rule) reads as null.
 */
export const SUMMARY_MAX_BYTES = 8 * 1024;

const text = (max: number) => z.string().max(max);
const count = z.number().int().min(0);
const counts = z.record(z.string().max(40), count).refine((c) => Object.keys(c).length <= 20, 'at most 20 counts');

const guestImportSummary = z.object({ kind: z.literal('guests'), sheet: text(300), key: z.enum(['id', 'ref', 'email', 'name']), counts }).strict();
const drawSummary = z
  .object({
    kind: z.literal('draw'),
    sheet: text(300),
    counts,
    keptVipOrLocked: z.array(z.object({ tableId: text(100), name: text(300), why: text(300) }).strict()).max(10_000),
    excludedRows: z.array(count).max(100_000),
  })
  .strict();
const revertSummary = z
  .object({
    restored: count,
    conflicts: z
      .array(
        z
          .object({
            version: count,
            sentence: text(1000),
            reason: text(1000),
            laterActor: text(100).nullable(),
            laterVersion: count.nullable(),
          })
          .strict(),
      )
      .max(100_000),
    /** how many changes the revert left as they are, when `conflicts` holds only the first of them (storedConflicts) */
    conflictCount: count.optional(),
    reverts: text(100),
    /** what the revert did, in counted phrases ("removed 500 physical tables"); absent on reverts stored before */
    effects: z.array(text(200)).max(60).optional(),
  })
  .strict();
/** an undo's (or redo's) target command, and the batch that command was, if it was one */
const undoSummary = z.object({ undoOf: text(100), undoOfBatch: text(100).optional() }).strict();

/** Every summary shape Seatfold stores (any size: the server writes some of them itself). */
export const batchSummarySchema = z.union([guestImportSummary, drawSummary, revertSummary, undoSummary, z.null()]);
export type BatchSummary = z.infer<typeof batchSummarySchema>;

const utf8 = new TextEncoder();
const jsonBytes = (v: unknown) => utf8.encode(JSON.stringify(v) ?? '').length;

/** The most conflicts a revert's stored summary lists, and the most JSON they may take (the store reads 64 kB back). */
export const SUMMARY_CONFLICTS = 100;
const SUMMARY_CONFLICT_BYTES = 32 * 1024;

/**
 * A revert's conflicts as its stored summary keeps them: all of them when few, else the first ones and their count.
 * A revert that left 990 changes alone stored 138 kB of sentences, over what the store reads back, and the Batches
 * list then said nothing of what the revert did (a probe). The reply to the revert itself still carries them all.
 */
export function storedConflicts<T>(conflicts: readonly T[]): { conflicts: T[]; conflictCount?: number } {
  let bytes = 0;
  let kept = 0;
  for (const c of conflicts) {
    bytes += jsonBytes(c);
    if (kept === SUMMARY_CONFLICTS || bytes > SUMMARY_CONFLICT_BYTES) break;
    kept++;
  }
  return kept === conflicts.length ? { conflicts: [...conflicts] } : { conflicts: conflicts.slice(0, kept), conflictCount: conflicts.length };
}

/** What a client may send as a batch's summary: a known shape, at most SUMMARY_MAX_BYTES of JSON. */
export const clientSummarySchema = z
  .unknown()
  .superRefine((v, ctx) => {
    // Size first: a huge value is refused without walking it through the shapes.
    let bytes: number;
    try {
      bytes = jsonBytes(v);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON' });
      return;
    }
    if (bytes > SUMMARY_MAX_BYTES) ctx.addIssue({ code: 'custom', message: `at most ${SUMMARY_MAX_BYTES} bytes of JSON (got ${bytes})` });
  })
  .pipe(batchSummarySchema);

/** A stored summary as readers see it: a known shape, or null (junk stored before summaries were checked). */
export function readSummary(stored: unknown): BatchSummary {
  const parsed = batchSummarySchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/**
 * A batch's kind: a short lowercase token (Seatfold makes 'guest-import', 'table-draw', 'revert', 'undo', 'setup',
 * 'restore'); it ends up in a CSS class name and a label lookup, so nothing else is let through.
 */
export const batchKindSchema = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a short lowercase word such as "restore"');
