import type { EventStore } from '@seatfold/store';
import type { Kysely } from 'kysely';
import type { AuthDatabase } from './schema.ts';
import { AuthStore } from './store.ts';

export { AuthStore } from './store.ts';

/** Opens the auth tables on the event store's own connection (PGlite or PostgreSQL) and migrates them. */
export async function openAuth(store: EventStore, log: (msg: string) => void = () => {}): Promise<AuthStore> {
  const db = store.connection?.() as Kysely<AuthDatabase> | undefined;
  if (!db) throw new Error('openAuth: this store does not share its connection (open it with openStore)');
  return AuthStore.open(db, log);
}
