import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { CommandOutcome, DomainErrorJson } from './types.ts';

/** `command_id in (...)` with the ids as ONE jsonb parameter: no parameter-count limit, same on both drivers. */
function idIn(commandIds: string[]) {
  return sql<boolean>`command_id in (select jsonb_array_elements_text(${JSON.stringify(commandIds)}::jsonb))`;
}

export async function findCommandOutcomes(
  db: Kysely<Database>,
  planId: string,
  commandIds: string[],
): Promise<Map<string, CommandOutcome>> {
  const outcomes = new Map<string, CommandOutcome>();
  if (commandIds.length === 0) return outcomes;
  const rows = await db
    .selectFrom('commands')
    .select(['command_id', 'status', 'first_version', 'last_version', 'event_count', 'error'])
    .where('plan_id', '=', planId)
    .where(idIn(commandIds))
    .execute();
  for (const r of rows) {
    outcomes.set(
      r.command_id,
      r.status === 'accepted'
        ? { status: 'accepted', firstVersion: r.first_version!, lastVersion: r.last_version!, eventCount: r.event_count }
        : { status: 'rejected', error: r.error as DomainErrorJson },
    );
  }
  return outcomes;
}

/** Which of `commandIds` are stored for the plan. */
export async function findCommandIds(db: Kysely<Database>, planId: string, commandIds: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('commands')
    .select('command_id')
    .where('plan_id', '=', planId)
    .where(idIn(commandIds))
    .execute();
  return rows.map((r) => r.command_id);
}
