import { z } from 'zod';
import { idSchema } from './id-schema.ts';
import { floorCommandSchemas, roomSide } from './floor/commands.ts';
import { entityNameSchema, guestTextSchemas } from './text.ts';
import { MAX_TABLE_SEATS, SEATING_RULE_KINDS } from './model.ts';

/** Commands are what a planner asks for. New entity ids are chosen by the caller (the browser), never by decide.
 *  Ids follow the one grammar in ids.ts; every text field has its one schema in text.ts. */
const id = idSchema;
const name = entityNameSchema;
// Sentences a planner reads under the seats field (text.ts speaks the same way).
const capacity = z
  .number()
  .int('Seats must be a whole number, such as 10.')
  .min(1, 'A table needs at least 1 seat.')
  .max(MAX_TABLE_SEATS, `A table has at most ${MAX_TABLE_SEATS} seats.`);

const guestFields = { ...guestTextSchemas, vip: z.boolean() };
/** An edit's `expected` values are what the plan holds, not what the planner types: a value stored before a character
 *  was refused (text.ts) must still be expected, or nobody could edit that field to take the character out. Compared
 *  with the plan, never stored; bounded by the longest field (notes). */
const seenText = z.string().max(2000);
const seenGuestFields = {
  ...(Object.fromEntries(Object.keys(guestTextSchemas).map((k) => [k, seenText])) as Record<keyof typeof guestTextSchemas, typeof seenText>),
  vip: z.boolean(),
};

/** What the planner saw when a drag began (a guest's table, a table's physical table; null = none). Optional, so
 *  commands stored before it existed still decide; when given and the plan has changed since, decide refuses the
 *  command as Stale instead of silently overriding somebody else's change. */
const seen = id.nullable().optional();

export const commandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('createPlan'), name }).strict(),
  z.object({ type: z.literal('renamePlan'), name }).strict(),
  // With its size, one command (so it waits offline like any other): the room comes with its walls, or not at all.
  z
    .object({ type: z.literal('addRoom'), roomId: id, name, widthM: roomSide.optional(), depthM: roomSide.optional() })
    .strict()
    .refine((c) => (c.widthM === undefined) === (c.depthM === undefined), 'give width and depth together'),
  z.object({ type: z.literal('renameRoom'), roomId: id, name }).strict(),
  z.object({ type: z.literal('removeRoom'), roomId: id }).strict(),
  z.object({ type: z.literal('addPhysicalTable'), physicalTableId: id, roomId: id, label: name, capacity }).strict(),
  z
    .object({
      type: z.literal('editPhysicalTable'),
      physicalTableId: id,
      changes: z.object({ label: name, roomId: id, capacity }).partial().strict(),
    })
    .strict(),
  z.object({ type: z.literal('removePhysicalTable'), physicalTableId: id }).strict(),
  z.object({ type: z.literal('addTable'), tableId: id, name, capacity, vip: z.boolean().optional() }).strict(),
  z
    .object({
      type: z.literal('editTable'),
      tableId: id,
      changes: z.object({ name, capacity, vip: z.boolean() }).partial().strict(),
    })
    .strict(),
  // expectedGuestIds: who sat there when the planner confirmed the removal (see `seen`); a guest seated or taken off
  // since refuses it as Stale, so nobody's seat is taken away unasked.
  z.object({ type: z.literal('removeTable'), tableId: id, expectedGuestIds: z.array(id).max(500).optional() }).strict(),
  z.object({ type: z.literal('mapTable'), tableId: id, physicalTableId: id, expectedPhysicalTableId: seen }).strict(),
  z.object({ type: z.literal('unmapTable'), tableId: id, expectedPhysicalTableId: seen }).strict(),
  z.object({ type: z.literal('lockTable'), tableId: id }).strict(),
  z.object({ type: z.literal('unlockTable'), tableId: id }).strict(),
  z
    .object({ type: z.literal('addGuest'), guestId: id, ...guestFields })
    .partial({ email: true, party: true, department: true, dietary: true, accessibility: true, vip: true, notes: true, ref: true })
    .strict(),
  // expected: the changed fields as the planner saw them (see `seen`); one somebody else changed since refuses the edit
  // as Stale instead of writing over their value.
  z
    .object({
      type: z.literal('editGuest'),
      guestId: id,
      changes: z.object(guestFields).partial().strict(),
      expected: z.object(seenGuestFields).partial().strict().optional(),
    })
    .strict(),
  z.object({ type: z.literal('removeGuest'), guestId: id }).strict(),
  z.object({ type: z.literal('seatGuest'), guestId: id, tableId: id, expectedTableId: seen }).strict(),
  z.object({ type: z.literal('moveGuest'), guestId: id, tableId: id, expectedTableId: seen }).strict(),
  z.object({ type: z.literal('swapGuests'), guestId: id, otherGuestId: id, expectedTableId: seen, expectedOtherTableId: seen }).strict(),
  z.object({ type: z.literal('unseatGuest'), guestId: id, expectedTableId: seen }).strict(),
  z
    .object({
      type: z.literal('seatParty'),
      party: guestTextSchemas.party.refine((p) => p !== '', 'name the party to seat'),
      tableId: id,
      expected: z
        .array(z.object({ guestId: id, tableId: id.nullable() }).strict())
        .max(500, 'a party has at most 500 members')
        .optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('addSeatingRule'),
      ruleId: id,
      kind: z.enum(SEATING_RULE_KINDS),
      hard: z.boolean(),
      guestIds: z.array(id).min(1, 'a rule names at least one guest').max(50, 'a rule names at most 50 guests'),
      /** atTable: the (logical) table; inRoom: the room */
      tableId: id.optional(),
      roomId: id.optional(),
      /** nearFixture / awayFromFixture: the fixture and the distance in metres */
      fixtureId: id.optional(),
      distanceM: z.number().finite().positive('a distance is more than 0 m').max(1000, 'a distance is at most 1000 m').optional(),
    })
    .strict()
    .superRefine((c, ctx) => {
      if ((c.kind === 'together' || c.kind === 'apart') && c.guestIds.length < 2)
        ctx.addIssue({ code: 'custom', path: ['guestIds'], message: 'a rule names at least two guests' });
    }),
  z.object({ type: z.literal('removeSeatingRule'), ruleId: id }).strict(),
  z.object({ type: z.literal('pinGuest'), guestId: id, pinned: z.boolean() }).strict(),
  z.object({ type: z.literal('markTableAccessible'), physicalTableId: id, accessible: z.boolean() }).strict(),
  z.object({ type: z.literal('setDepartmentSeating'), departments: z.enum(['mix', 'group', 'ignore']) }).strict(),
  ...floorCommandSchemas,
]);

export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/** Validates untrusted input (a socket message, an upload row) into a Command, or explains what is wrong. */
export function parseCommand(input: unknown): { ok: true; command: Command } | { ok: false; message: string } {
  const result = commandSchema.safeParse(input);
  if (result.success) return { ok: true, command: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length ? `${issue.path.join('.')}: ` : '';
  return { ok: false, message: `Invalid command — ${where}${issue?.message ?? 'unrecognised shape'}` };
}
