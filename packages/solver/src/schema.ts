import { z } from 'zod';
import { SolverInputError, type SolverInstance } from './types.ts';

const id = z.string().min(1).max(200);
const name = z.string().max(500).optional();
const weight = z.number().finite().min(0).max(1e6);

/** The shape of an instance, checked where it enters (a Worker message, a file): wrong types never reach the search. */
export const solverInstanceSchema = z.object({
  guests: z
    .array(
      z.object({
        id,
        name,
        party: z.string().max(500).optional(),
        department: z.string().max(500).optional(),
        vip: z.boolean().optional(),
        needsAccessible: z.boolean().optional(),
        pinned: z.boolean().optional(),
        seated: z.boolean().optional(),
      }),
    )
    .max(100_000),
  tables: z
    .array(
      z.object({
        id,
        name,
        capacity: z.number().int().min(0).max(10_000),
        vip: z.boolean().optional(),
        locked: z.boolean().optional(),
        accessible: z.boolean().optional(),
      }),
    )
    .max(10_000),
  rules: z
    .array(
      z.object({
        id,
        kind: z.enum(['together', 'apart', 'place']),
        guestIds: z.array(id).max(10_000),
        hard: z.boolean(),
        weight: weight.optional(),
        tableIds: z.array(id).max(10_000).optional(),
        placeName: name,
        tableNotes: z.record(id, z.string().max(500)).optional(),
      }),
    )
    .max(100_000)
    .optional(),
  current: z.record(z.string(), id.nullable()).optional(),
  departments: z.enum(['mix', 'group', 'ignore']).optional(),
});

/** Reads an untrusted instance; throws SolverInputError naming the first wrong field ("tables.3.capacity: …"). */
export function parseInstance(input: unknown): SolverInstance {
  const r = solverInstanceSchema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new SolverInputError(`The seating instance is malformed at ${issue.path.join('.') || 'the top'}: ${issue.message}.`);
}
