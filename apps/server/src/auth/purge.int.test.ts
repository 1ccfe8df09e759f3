import type { EventStore } from '@seatfold/store';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../testing.ts';
import { openAuth, type AuthStore } from './index.ts';
import { SESSION_TTL_MS, UNUSED_GUEST_TTL_MS } from './model.ts';
import type { AuthDatabase } from './schema.ts';
import { hashSecret } from './secrets.ts';

/** Expired secrets are deleted; live ones, members and people stay (PGlite and PostgreSQL). */
for (const backend of backends()) {
  describe(`auth: purging expired secrets (${backend.name})`, () => {
    let store: EventStore;
    let auth: AuthStore;
    let db: Kysely<AuthDatabase>;
    beforeAll(async () => {
      store = await backend.open();
      auth = await openAuth(store);
      db = store.connection!() as Kysely<AuthDatabase>;
    });
    afterAll(async () => {
      await store?.close();
    });

    it('deletes expired sessions, invites, sign-in and confirmation links, and nothing else', async () => {
      // The purge is database-wide: what earlier runs left to expire (a sign-in link lives 15 minutes) goes first, so
      // the counts below are this test's own on a database used before.
      await auth.purgeExpired();
      const plan = { id: `plan-purge-${Date.now()}` };
      const person = await auth.createPerson('Olivia', { guest: false });
      const live = await auth.createSession(person.id);
      const old = await auth.createSession(person.id);
      await auth.makeOwned(plan.id, person.id);
      const liveInvite = (await auth.createInvite({ planId: plan.id, role: 'organiser', personId: null, email: null, createdBy: person.id }))!;
      await auth.createInvite({ planId: plan.id, role: 'reviewer', personId: null, email: null, createdBy: person.id });
      const liveLink = await auth.createMagicLink(person.id);
      await auth.createMagicLink(person.id);
      await auth.setPendingEmail(person.id, 'olivia@example.org');
      const liveConfirm = await auth.createEmailLink(person.id, 'olivia@example.org');
      await auth.createEmailLink(person.id, 'olivia@example.org');
      // The second of each kind expires a minute ago.
      const past = new Date(Date.now() - 60_000).toISOString();
      await db.updateTable('auth_sessions').set({ expires_at: past }).where('token_hash', '=', hashSecret(old)).execute();
      await db
        .updateTable('auth_invites')
        .set({ expires_at: past })
        .where('plan_id', '=', plan.id)
        .where('token_hash', '!=', hashSecret(liveInvite))
        .execute();
      await db
        .updateTable('auth_magic_links')
        .set({ expires_at: past })
        .where('person_id', '=', person.id)
        .where('token_hash', '!=', hashSecret(liveLink))
        .execute();
      await db
        .updateTable('auth_email_links')
        .set({ expires_at: past })
        .where('person_id', '=', person.id)
        .where('token_hash', '!=', hashSecret(liveConfirm))
        .execute();

      expect(await auth.purgeExpired()).toEqual({ sessions: 1, invites: 1, signInLinks: 1, emailLinks: 1, guests: 0 });
      expect(await auth.sessionPerson(live)).toMatchObject({ id: person.id });
      expect(await auth.sessionPerson(old)).toBeNull();
      expect(await auth.invite(liveInvite)).toMatchObject({ planId: plan.id, role: 'organiser' });
      expect(await auth.members(plan.id)).toHaveLength(1);
      expect(await auth.person(person.id)).toMatchObject({ name: 'Olivia' });
      expect(await auth.emailLink(liveConfirm)).toMatchObject({ email: 'olivia@example.org', waiting: true });
      expect(await auth.purgeExpired()).toEqual({ sessions: 0, invites: 0, signInLinks: 0, emailLinks: 0, guests: 0 });
    });

    it('a new guest’s session lives a day unless it opens a plan; a guest with nothing left is purged, one a plan names is not', async () => {
      const planId = `plan-guests-${Date.now()}`;
      const expiresIn = async (secret: string) =>
        new Date(
          (await db.selectFrom('auth_sessions').select('expires_at').where('token_hash', '=', hashSecret(secret)).executeTakeFirstOrThrow())
            .expires_at,
        ).getTime() - Date.now();
      const idle = await auth.createPerson('Idle guest', { guest: true });
      const idleSession = await auth.createSession(idle.id, UNUSED_GUEST_TTL_MS);
      const user = await auth.createPerson('Busy guest', { guest: true });
      const userSession = await auth.createSession(user.id, UNUSED_GUEST_TTL_MS);
      const member = await auth.createPerson('Guest member', { guest: true });
      await db
        .insertInto('auth_members')
        .values({ plan_id: planId, person_id: member.id, role: 'reviewer', joined_at: new Date().toISOString(), last_active_at: null })
        .execute();
      const fresh = await auth.createPerson('Just arrived', { guest: true });
      expect(await expiresIn(idleSession)).toBeLessThanOrEqual(UNUSED_GUEST_TTL_MS);
      // opening a plan makes it a long session (and a second use within the day writes nothing)
      expect(await auth.sessionAccess(userSession, planId)).toMatchObject({ person: { id: user.id } });
      expect(await expiresIn(userSession)).toBeGreaterThan(SESSION_TTL_MS - 60_000);
      await db
        .updateTable('auth_sessions')
        .set({ expires_at: new Date(Date.now() + SESSION_TTL_MS - 3_600_000).toISOString() })
        .where('token_hash', '=', hashSecret(userSession))
        .execute();
      await auth.sessionAccess(userSession, planId);
      expect(await expiresIn(userSession)).toBeLessThan(SESSION_TTL_MS - 3_000_000);
      // two days on: the idle guest's session has ended
      const twoDaysAgo = new Date(Date.now() - 2 * UNUSED_GUEST_TTL_MS).toISOString();
      await db.updateTable('auth_people').set({ created_at: twoDaysAgo }).where('id', 'in', [idle.id, user.id, member.id]).execute();
      await db.updateTable('auth_sessions').set({ expires_at: twoDaysAgo }).where('token_hash', '=', hashSecret(idleSession)).execute();
      const purged = await auth.purgeExpired();
      expect(purged.guests).toBeGreaterThanOrEqual(1);
      expect(await auth.person(idle.id)).toBeNull();
      for (const kept of [user, member, fresh]) expect(await auth.person(kept.id)).toMatchObject({ id: kept.id });
      expect(await auth.sessionPerson(userSession)).toMatchObject({ id: user.id });
    });

    it('a claim that fails halfway uses up no invite and leaves no person behind', async () => {
      const owner = await auth.createPerson('Olivia', { guest: false });
      const planId = `plan-claim-${Date.now()}`;
      await auth.makeOwned(planId, owner.id);
      const secret = (await auth.createInvite({ planId, role: 'organiser', personId: null, email: null, createdBy: owner.id }))!;
      // a role the members table refuses: the claim's last write fails, as a lost connection would fail it
      await db.updateTable('auth_invites').set({ role: 'boss' }).where('token_hash', '=', hashSecret(secret)).execute();
      const name = `Claimer ${Math.random().toString(36).slice(2)}`;
      await expect(auth.claimInvite(secret, { name })).rejects.toThrow();
      expect(await auth.invite(secret)).toMatchObject({ planId });
      expect(await db.selectFrom('auth_people').select('id').where('name', '=', name).execute()).toEqual([]);
    });
  });
}
