/**
 * The domain without its input checks: the model, decide, evolve, the queries and every pure rule, and the types
 * of commands and events. It loads no zod, so a browser can fold, decide and draw a plan without evaluating the
 * schema library first. What checks untrusted input (the zod schemas, parseCommand, checkGuestText, the guest
 * sheet import that checks each row with them) is in validation.ts; index.ts is both.
 */
export * from './model.ts';
export * from './ids.ts';
export type { GuestTextField } from './text.ts';
export type { Command, CommandType, CommandOf } from './commands.ts';
export * from './events.ts';
export * from './errors.ts';
export * from './decide.ts';
export * from './evolve.ts';
export * from './hash.ts';
export * from './queries.ts';
export * from './demo.ts';
export * from './targets.ts';
export * from './inverse.ts';
export * from './revert.ts';
export * from './describe.ts';
export { changesText, fieldWord } from './changes-text.ts';
export * from './effects.ts';
export * from './words.ts';
export * from './diff.ts';
export * from './steps.ts';
export * from './import/normalize.ts';
export * from './import/columns.ts';
export * from './import/tables.ts';
export * from './import/draw.ts';
export type * from './import/guests.ts';
export * from './restore.ts';
export * from './seating.ts';
export * from './bulk.ts';
export { PLAN_BOUNDS } from './bounds.ts';
export { sizeOf } from './record-index.ts';
export { fixturesIn, physicalTablesIn, tableOn } from './where.ts';
export * from './parties.ts';
export * from './stale.ts';
export * from './catering.ts';
export * from './guest-labels.ts';
export * from './rules.ts';
export * from './rules-fixture.ts';
export * from './autoseat.ts';
export * from './floor/index.ts';
