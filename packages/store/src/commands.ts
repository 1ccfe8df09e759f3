import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { CommandOutcome, DomainErrorJson } from './types.ts';

/** `command_id in (...)` with the ids as ONE jsonb parameter: no parameter-count limit, same on both drivers. */
function idIn(commandIds: string[]) {
  return sql<boolean>`command_id in (select jsonb_array_elements_text(${JSON.stringify(commandIds)}::jsonb))`;
}

/**
 * The rows with these command ids, looked up by id alone: OFFSET 0 keeps the plan test out of the scan,
 * so the ids' own index serves it whatever the statistics say of the plan (migration 0011).
 */
const eventsByIds = (db: Kysely<Database>, commandIds: string[]) => db.selectFrom('events').selectAll().where(idIn(commandIds)).offset(0).as('e');
const commandsByIds = (db: Kysely<Database>, commandIds: string[]) => db.selectFrom('commands').selectAll().where(idIn(commandIds)).offset(0).as('k');

/**
 * Outcomes of stored commands. Since migration 0006 an accepted command with events has no commands row: its
 * outcome is read from its events (consecutive versions, events_command_id_idx). Commands without events (rejected,
 * or accepted with none) and every command stored before 0006 have a row; an old accepted command has both, and
 * they agree.
 */
export async function findCommandOutcomes(db: Kysely<Database>, planId: string, commandIds: string[]): Promise<Map<string, CommandOutcome>> {
  const outcomes = new Map<string, CommandOutcome>();
  if (commandIds.length === 0) return outcomes;
  const [rows, fromEvents] = await Promise.all([
    db
      .selectFrom(commandsByIds(db, commandIds))
      .select(['command_id', 'status', 'first_version', 'last_version', 'event_count', 'error'])
      .where('plan_id', '=', planId)
      .execute(),
    db
      .selectFrom(eventsByIds(db, commandIds))
      .select(({ fn }) => ['command_id', fn.min<number>('version').as('first'), fn.max<number>('version').as('last'), fn.countAll<string>().as('n')])
      .where('plan_id', '=', planId)
      .groupBy('command_id')
      .execute(),
  ]);
  for (const r of fromEvents) {
    outcomes.set(r.command_id, { status: 'accepted', firstVersion: r.first, lastVersion: r.last, eventCount: Number(r.n) });
  }
  for (const r of rows) {
    if (outcomes.has(r.command_id)) continue;
    outcomes.set(
      r.command_id,
      r.status === 'accepted'
        ? { status: 'accepted', firstVersion: r.first_version!, lastVersion: r.last_version!, eventCount: r.event_count }
        : { status: 'rejected', error: r.error as DomainErrorJson },
    );
  }
  return outcomes;
}

/** Which of `commandIds` are stored for the plan (as a commands row or on events). */
export async function findCommandIds(db: Kysely<Database>, planId: string, commandIds: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom(commandsByIds(db, commandIds))
    .select('command_id')
    .where('plan_id', '=', planId)
    .union(db.selectFrom(eventsByIds(db, commandIds)).select('command_id').distinct().where('plan_id', '=', planId))
    .execute();
  return rows.map((r) => r.command_id);
}
