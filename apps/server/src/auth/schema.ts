import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';

/**
 * The auth tables: people (a browser identity, guest or member), their sessions, plan memberships, invites,
 * magic links and each plan's open-link switches. Apart from the event store: own tables (prefixed `auth_`), own
 * migration history (`auth_migration`), on the store's connection. Secrets are stored only as SHA-256 hashes.
 */
export interface AuthDatabase {
  auth_people: {
    id: string;
    name: string;
    /** the address sign-in links go to: confirmed by a link sent to it (auth_email_links) */
    email: string | null;
    /** an address the person asked for and has not confirmed yet: used for nothing until then */
    pending_email: string | null;
    guest: boolean;
    created_at: string;
  };
  auth_sessions: { token_hash: string; person_id: string; created_at: string; last_seen_at: string; expires_at: string };
  auth_members: { plan_id: string; person_id: string; role: string; joined_at: string; last_active_at: string | null };
  auth_invites: {
    token_hash: string;
    plan_id: string;
    role: string;
    /** set when the invite brings an existing member back in (a fresh invite for a new device) */
    person_id: string | null;
    email: string | null;
    created_by: string;
    created_at: string;
    expires_at: string;
    claimed_at: string | null;
  };
  auth_magic_links: { token_hash: string; person_id: string; created_at: string; expires_at: string; used_at: string | null };
  /** a link mailed to an address a person asked for: opening it confirms that the person may use it to sign in */
  auth_email_links: { token_hash: string; person_id: string; email: string; created_at: string; expires_at: string; used_at: string | null };
  auth_plans: { plan_id: string; open_organise: boolean; open_review: boolean };
}

const migrations: Record<string, Migration> = {
  '0001_auth': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('auth_people')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('guest', 'boolean', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await sql`create index if not exists auth_people_email on auth_people (lower(email))`.execute(db);
      await db.schema
        .createTable('auth_sessions')
        .ifNotExists()
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('auth_members')
        .ifNotExists()
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'organiser', 'reviewer')`))
        .addColumn('joined_at', 'timestamptz', (c) => c.notNull())
        .addColumn('last_active_at', 'timestamptz')
        .addPrimaryKeyConstraint('auth_members_pkey', ['plan_id', 'person_id'])
        .execute();
      await db.schema
        .createTable('auth_invites')
        .ifNotExists()
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text')
        .addColumn('email', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('claimed_at', 'timestamptz')
        .execute();
      await db.schema
        .createTable('auth_magic_links')
        .ifNotExists()
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('used_at', 'timestamptz')
        .execute();
      await db.schema
        .createTable('auth_plans')
        .ifNotExists()
        .addColumn('plan_id', 'text', (c) => c.primaryKey())
        .addColumn('open_organise', 'boolean', (c) => c.notNull())
        .addColumn('open_review', 'boolean', (c) => c.notNull())
        .execute();
    },
  },
  /**
   * Addresses count for sign-in only once confirmed. Before this, anybody could put somebody else's address on their
   * own account and have sign-in links to that account mailed to its owner: every address stored so far is unconfirmed
   * (pending), and its person confirms it from the start page.
   */
  '0002_email_confirm': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('auth_people').addColumn('pending_email', 'text').execute();
      await sql`update auth_people set pending_email = email, email = null where email is not null`.execute(db);
      await db.schema
        .createTable('auth_email_links')
        .ifNotExists()
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('used_at', 'timestamptz')
        .execute();
    },
  },
};

/** Migrates the auth tables to the latest version (or, for a test of an upgrade, to the migration named `to`). */
export async function migrateAuth(db: Kysely<AuthDatabase>, log: (msg: string) => void, to?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: 'auth_migration',
    migrationLockTableName: 'auth_migration_lock',
  });
  const { error, results } = await (to ? migrator.migrateTo(to) : migrator.migrateToLatest());
  for (const r of results ?? []) log(`auth migration ${r.migrationName}: ${r.status}`);
  if (error) throw error instanceof Error ? error : new Error('auth migration failed', { cause: error });
}
