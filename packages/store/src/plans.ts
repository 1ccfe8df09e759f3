import { sql, type Kysely } from 'kysely';
import { PlanExistsError, uniqueViolation } from './errors.ts';
import type { Database } from './schema.ts';
import { epochMs, toTimestamp } from './time.ts';
import type { PlanRecord, Role } from './types.ts';

/**
 * Inserts the plan unless its id or one of its tokens is already used. The unique constraints cover each column;
 * the NOT EXISTS guard also refuses a token that another plan uses in the other role, so a token always
 * resolves to exactly one (plan, role).
 */
export async function createPlan(db: Kysely<Database>, plan: PlanRecord): Promise<void> {
  const { id, name, organiseToken: org, reviewToken: rev } = plan;
  if (org === rev) throw new PlanExistsError(`plan ${id}: organise and review tokens must differ`);
  try {
    const result = await sql`
      insert into plans (id, name, organise_token, review_token, created_at)
      select ${id}, ${name}, ${org}, ${rev}, ${toTimestamp(plan.createdAt)}::timestamptz
      where not exists (
        select 1 from plans where organise_token in (${org}, ${rev}) or review_token in (${org}, ${rev})
      )`.execute(db);
    // the PGlite dialect leaves numAffectedRows undefined when it is 0
    if (!result.numAffectedRows) throw new PlanExistsError(`plan ${id}: a token is already taken`);
  } catch (err) {
    if (uniqueViolation(err) !== null) throw new PlanExistsError(`plan ${id}: id or token already taken`);
    throw err;
  }
}

function selectPlans(db: Kysely<Database>) {
  return db.selectFrom('plans').select(['id', 'name', 'organise_token', 'review_token', epochMs('created_at').as('created_at')]);
}

type PlanRow = Awaited<ReturnType<ReturnType<typeof selectPlans>['executeTakeFirstOrThrow']>>;

function toPlan(row: PlanRow): PlanRecord {
  return {
    id: row.id,
    name: row.name,
    organiseToken: row.organise_token,
    reviewToken: row.review_token,
    createdAt: row.created_at,
  };
}

/**
 * Keeps the plan's listed name (invitations, "my plans", export file names, the first page) the one its events last
 * gave it. Writes nothing when it is that already.
 */
export async function setPlanName(db: Kysely<Database>, planId: string, name: string): Promise<void> {
  await db.updateTable('plans').set({ name }).where('id', '=', planId).where('name', '<>', name).execute();
}

export async function getPlan(db: Kysely<Database>, planId: string): Promise<PlanRecord | null> {
  const row = await selectPlans(db).where('id', '=', planId).executeTakeFirst();
  return row ? toPlan(row) : null;
}

export async function findPlanByToken(db: Kysely<Database>, token: string): Promise<{ plan: PlanRecord; role: Role } | null> {
  const row = await selectPlans(db)
    .where((eb) => eb.or([eb('organise_token', '=', token), eb('review_token', '=', token)]))
    .executeTakeFirst();
  if (!row) return null;
  return { plan: toPlan(row), role: row.organise_token === token ? 'organise' : 'review' };
}
