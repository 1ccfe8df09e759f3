import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '@seatfold/store';
import { openMemoryStore } from '@seatfold/store/testing';
import { migrateAuth, type AuthDatabase } from './schema.ts';
import { AuthStore } from './store.ts';

/** An upgrade of the auth tables, as a server that ran an older version meets it (PGlite, migrated step by step). */
describe('auth tables: upgrading', () => {
  let store: EventStore;
  let db: Kysely<AuthDatabase>;
  beforeAll(async () => {
    store = await openMemoryStore();
    db = store.connection!() as Kysely<AuthDatabase>;
  });
  afterAll(async () => {
    await store?.close();
  });

  it('an address stored before confirmations existed waits for confirmation and signs nobody in meanwhile', async () => {
    await migrateAuth(db, () => {}, '0001_auth');
    // As 0001 stored them: an address anybody could have typed, and a person without one.
    await db
      .insertInto('auth_people')
      .values([
        { id: 'p-marta', name: 'Marta', email: 'Marta@Example.org', guest: false, created_at: new Date().toISOString() },
        { id: 'p-nils', name: 'Nils', email: null, guest: false, created_at: new Date().toISOString() },
      ] as never)
      .execute();
    const auth = await AuthStore.open(db);
    expect(await auth.person('p-marta')).toEqual({ id: 'p-marta', name: 'Marta', email: null, pendingEmail: 'Marta@Example.org', guest: false });
    expect(await auth.person('p-nils')).toMatchObject({ email: null, pendingEmail: null });
    expect(await auth.membersByEmail('marta@example.org')).toEqual([]);

    // Confirmed by the link mailed to it, it counts.
    const link = await auth.createEmailLink('p-marta', 'marta@example.org');
    expect(await auth.useEmailLink(link)).toMatchObject({ email: 'Marta@Example.org', pendingEmail: null });
    expect((await auth.membersByEmail('MARTA@example.org')).map((p) => p.id)).toEqual(['p-marta']);
  });
});
