import { sql, type Kysely } from 'kysely';
import { migrateAuth, type AuthDatabase } from './schema.ts';
import { hashSecret, newPersonId, newSecret } from './secrets.ts';
import {
  EMAIL_LINK_TTL_MS,
  INVITE_TTL_MS,
  MAGIC_LINK_TTL_MS,
  SESSION_RENEW_MS,
  SESSION_TTL_MS,
  UNUSED_GUEST_TTL_MS,
  type Invite,
  type ReadInvite,
  type Member,
  type MemberRole,
  type OpenInvite,
  type OpenLinks,
  type Person,
} from './model.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const ms = (column: string) => sql<number>`round(date_part('epoch', ${sql.ref(column)}) * 1000)`;
const PERSON = ['id', 'name', 'email', 'pending_email as pendingEmail', 'guest'] as const;
const sameAddress = (a: string | null, b: string) => a !== null && a.toLowerCase() === b.toLowerCase();

/** The auth tables on the event store's connection (see schema.ts). Every secret goes in and out as a hash. */
export class AuthStore {
  private constructor(private readonly db: Kysely<AuthDatabase>) {}

  static async open(db: Kysely<AuthDatabase>, log: (msg: string) => void = () => {}): Promise<AuthStore> {
    await migrateAuth(db, log);
    return new AuthStore(db);
  }

  /** A new person, with no address (one is asked for with requestEmail, and counts once confirmed). */
  async createPerson(name: string, opts: { guest: boolean }): Promise<Person> {
    const person: Person = { id: newPersonId(), name, email: null, pendingEmail: null, guest: opts.guest };
    await this.db
      .insertInto('auth_people')
      .values({ id: person.id, name, email: null, pending_email: null, guest: person.guest, created_at: iso(Date.now()) })
      .execute();
    return person;
  }

  async person(id: string): Promise<Person | null> {
    const row = await this.db.selectFrom('auth_people').select(PERSON).where('id', '=', id).executeTakeFirst();
    return row ?? null;
  }

  async updatePerson(id: string, change: { name?: string; guest?: boolean }): Promise<void> {
    if (Object.keys(change).length === 0) return;
    await this.db.updateTable('auth_people').set(change).where('id', '=', id).execute();
  }

  /** The address a person asked for and has not confirmed yet (null: none waits). */
  async setPendingEmail(id: string, email: string | null): Promise<void> {
    await this.db.updateTable('auth_people').set({ pending_email: email }).where('id', '=', id).execute();
  }

  /** No address for sign-in any more, confirmed or waiting. */
  async removeEmail(id: string): Promise<void> {
    await this.db.updateTable('auth_people').set({ email: null, pending_email: null }).where('id', '=', id).execute();
  }

  /** A guest's chosen name; a person who has since become a member keeps theirs. */
  async renameGuest(id: string, name: string): Promise<void> {
    await this.db.updateTable('auth_people').set({ name }).where('id', '=', id).where('guest', '=', true).execute();
  }

  /** Members (never guests) who confirmed this e-mail address, case-insensitively. */
  async membersByEmail(email: string): Promise<Person[]> {
    return this.db
      .selectFrom('auth_people')
      .select(PERSON)
      .where(sql<boolean>`lower(email) = ${email.toLowerCase()}`)
      .where('guest', '=', false)
      .limit(10)
      .execute();
  }

  /** A new session for a person, ending after `ttlMs` unless used; returns the cookie value (only its hash is stored). */
  async createSession(personId: string, ttlMs = SESSION_TTL_MS): Promise<string> {
    const secret = newSecret();
    const now = Date.now();
    await this.db
      .insertInto('auth_sessions')
      .values({
        token_hash: hashSecret(secret),
        person_id: personId,
        created_at: iso(now),
        last_seen_at: iso(now),
        expires_at: iso(now + ttlMs),
      })
      .execute();
    return secret;
  }

  /** The person a session cookie belongs to, or null when it is unknown or expired. */
  async sessionPerson(secret: string): Promise<Person | null> {
    const row = await this.db
      .selectFrom('auth_sessions as s')
      .innerJoin('auth_people as p', 'p.id', 's.person_id')
      .select(['p.id', 'p.name', 'p.email', 'p.pending_email as pendingEmail', 'p.guest'])
      .where('s.token_hash', '=', hashSecret(secret))
      .where('s.expires_at', '>', iso(Date.now()))
      .executeTakeFirst();
    return row ?? null;
  }

  /**
   * One round trip for a join or a request: the session's person, their role in the plan (or null) and the plan's
   * open links. null when the session is unknown or expired.
   */
  async sessionAccess(secret: string, planId: string): Promise<{ person: Person; member: MemberRole | null; open: OpenLinks } | null> {
    const row = await this.db
      .selectFrom('auth_sessions as s')
      .innerJoin('auth_people as p', 'p.id', 's.person_id')
      .leftJoin('auth_members as m', (j) => j.onRef('m.person_id', '=', 'p.id').on('m.plan_id', '=', planId))
      .leftJoin('auth_plans as a', (j) => j.on('a.plan_id', '=', planId))
      .select(['p.id', 'p.name', 'p.email', 'p.pending_email', 'p.guest', 'm.role', 'a.open_organise', 'a.open_review', 's.expires_at'])
      .where('s.token_hash', '=', hashSecret(secret))
      .where('s.expires_at', '>', iso(Date.now()))
      .executeTakeFirst();
    if (!row) return null;
    await this.renew(secret, new Date(row.expires_at).getTime());
    return {
      person: { id: row.id, name: row.name, email: row.email, pendingEmail: row.pending_email, guest: row.guest },
      member: (row.role as MemberRole | null) ?? null,
      // No row: a plan from before members (or the demo) keeps both links open.
      open: { organise: row.open_organise ?? true, review: row.open_review ?? true },
    };
  }

  /**
   * A session that opens a plan lives SESSION_TTL_MS from now: renewed when it would end more than SESSION_RENEW_MS
   * sooner (so at most one write a day per session; a new guest's day-long session becomes a long one at its first plan).
   */
  private async renew(secret: string, expiresAt: number): Promise<void> {
    const now = Date.now();
    if (expiresAt > now + SESSION_TTL_MS - SESSION_RENEW_MS) return;
    await this.db
      .updateTable('auth_sessions')
      .set({ expires_at: iso(now + SESSION_TTL_MS), last_seen_at: iso(now) })
      .where('token_hash', '=', hashSecret(secret))
      .execute();
  }

  async endSession(secret: string): Promise<void> {
    await this.db.deleteFrom('auth_sessions').where('token_hash', '=', hashSecret(secret)).execute();
  }

  /** Signs a person out everywhere but the session `keep` (a new-device link moves them to one browser). */
  async endOtherSessions(personId: string, keep: string): Promise<void> {
    await this.db.deleteFrom('auth_sessions').where('person_id', '=', personId).where('token_hash', '<>', hashSecret(keep)).execute();
  }

  /** How many plans a person belongs to that `ownerId` is not an owner of. */
  async plansBeyond(personId: string, ownerId: string): Promise<number> {
    const row = await this.db
      .selectFrom('auth_members as m')
      .select((e) => e.fn.countAll<string | number>().as('n'))
      .where('m.person_id', '=', personId)
      .where((e) =>
        e.not(
          e.exists(
            e
              .selectFrom('auth_members as o')
              .select('o.plan_id')
              .whereRef('o.plan_id', '=', 'm.plan_id')
              .where('o.person_id', '=', ownerId)
              .where('o.role', '=', 'owner'),
          ),
        ),
      )
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async memberRole(planId: string, personId: string): Promise<MemberRole | null> {
    const row = await this.db
      .selectFrom('auth_members')
      .select('role')
      .where('plan_id', '=', planId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return (row?.role as MemberRole | undefined) ?? null;
  }

  async members(planId: string): Promise<Member[]> {
    const rows = await this.db
      .selectFrom('auth_members as m')
      .innerJoin('auth_people as p', 'p.id', 'm.person_id')
      .select(['m.person_id as personId', 'p.name', 'p.email', 'm.role', ms('m.joined_at').as('joinedAt'), ms('m.last_active_at').as('lastActiveAt')])
      .where('m.plan_id', '=', planId)
      .orderBy('m.joined_at')
      .execute();
    return rows.map((r) => ({
      ...r,
      role: r.role as MemberRole,
      joinedAt: Number(r.joinedAt),
      lastActiveAt: r.lastActiveAt === null ? null : Number(r.lastActiveAt),
    }));
  }

  /** The names of a plan's members other than `exceptPersonId` (at most 1,000): what a guest may not be shown as. */
  async memberNames(planId: string, exceptPersonId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('auth_members as m')
      .innerJoin('auth_people as p', 'p.id', 'm.person_id')
      .select('p.name')
      .where('m.plan_id', '=', planId)
      .where('p.id', '<>', exceptPersonId)
      .limit(1000)
      .execute();
    return rows.map((r) => r.name);
  }

  /**
   * The other members of the plans a person is a member of, with the plan's id (at most 5,000): whom a member's new
   * name must not read as.
   */
  async coMembers(personId: string): Promise<{ planId: string; name: string }[]> {
    return this.db
      .selectFrom('auth_members as mine')
      .innerJoin('auth_members as m', 'm.plan_id', 'mine.plan_id')
      .innerJoin('auth_people as p', 'p.id', 'm.person_id')
      .select(['m.plan_id as planId', 'p.name'])
      .where('mine.person_id', '=', personId)
      .where('p.id', '<>', personId)
      .limit(5000)
      .execute();
  }

  /** The plans a person is a member of (for the sign-in page). */
  async membershipsOf(personId: string): Promise<{ planId: string; role: MemberRole }[]> {
    const rows = await this.db
      .selectFrom('auth_members')
      .select(['plan_id', 'role'])
      .where('person_id', '=', personId)
      .orderBy('joined_at')
      .limit(200)
      .execute();
    return rows.map((r) => ({ planId: r.plan_id, role: r.role as MemberRole }));
  }

  /**
   * Changes a member's role, or removes them (`role` null), on behalf of owner `by` — refused when `by` is no longer an
   * owner, or when the plan would be left without one. One transaction holding the plan's owner rows: two owners
   * demoting or removing each other at once cannot both win (each checked first, then changed, both did, and left a
   * plan nobody could manage or, removed, open).
   */
  async changeMember(
    planId: string,
    personId: string,
    role: MemberRole | null,
    by: string,
  ): Promise<'changed' | 'not-member' | 'last-owner' | 'not-owner'> {
    return this.db.transaction().execute(async (tx) => {
      const owners = (
        await tx.selectFrom('auth_members').select('person_id').where('plan_id', '=', planId).where('role', '=', 'owner').forUpdate().execute()
      ).map((r) => r.person_id);
      if (!owners.includes(by)) return 'not-owner';
      if (role !== 'owner' && owners.length === 1 && owners[0] === personId) return 'last-owner';
      // An invite speaks for the owner who made it: once they are no longer one, the links they made that nobody has
      // claimed go, or a removed owner could claim one (an owner link, in a private window) and remove the rest.
      if (role !== 'owner' && owners.includes(personId))
        await tx
          .deleteFrom('auth_invites')
          .where('plan_id', '=', planId)
          .where('created_by', '=', personId)
          .where('claimed_at', 'is', null)
          .execute();
      if (role === null) {
        // The new links made for this member that nobody has claimed go too: a revoked member cannot come back by one.
        await tx.deleteFrom('auth_invites').where('plan_id', '=', planId).where('person_id', '=', personId).where('claimed_at', 'is', null).execute();
        const r = await tx.deleteFrom('auth_members').where('plan_id', '=', planId).where('person_id', '=', personId).executeTakeFirst();
        return Number(r.numDeletedRows) > 0 ? 'changed' : 'not-member';
      }
      const r = await tx.updateTable('auth_members').set({ role }).where('plan_id', '=', planId).where('person_id', '=', personId).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0 ? 'changed' : 'not-member';
    });
  }

  /** The plan's invites nobody has claimed and that have not expired, newest first (at most 200: the owner's list). */
  async openInvites(planId: string): Promise<OpenInvite[]> {
    const rows = await this.db
      .selectFrom('auth_invites as i')
      .leftJoin('auth_people as m', 'm.id', 'i.person_id')
      .leftJoin('auth_people as c', 'c.id', 'i.created_by')
      .select([
        'i.token_hash as id',
        'i.role',
        'i.email',
        'm.name as forMember',
        'c.name as createdBy',
        ms('i.created_at').as('createdAt'),
        ms('i.expires_at').as('expiresAt'),
      ])
      .where('i.plan_id', '=', planId)
      .where('i.claimed_at', 'is', null)
      .where('i.expires_at', '>', iso(Date.now()))
      .orderBy('i.created_at', 'desc')
      .limit(200)
      .execute();
    return rows.map((r) => ({ ...r, role: r.role as MemberRole, createdAt: Number(r.createdAt), expiresAt: Number(r.expiresAt) }));
  }

  /** Withdraws an unclaimed invite of the plan; true when there was one. */
  async withdrawInvite(planId: string, id: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('auth_invites')
      .where('plan_id', '=', planId)
      .where('token_hash', '=', id)
      .where('claimed_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async touchMember(planId: string, personId: string): Promise<void> {
    await this.db
      .updateTable('auth_members')
      .set({ last_active_at: iso(Date.now()) })
      .where('plan_id', '=', planId)
      .where('person_id', '=', personId)
      .execute();
  }

  /** The plan's open links; a plan without a row (created before members existed, or the demo) keeps both open. */
  async openLinks(planId: string): Promise<OpenLinks> {
    const row = await this.db.selectFrom('auth_plans').select(['open_organise', 'open_review']).where('plan_id', '=', planId).executeTakeFirst();
    return row ? { organise: row.open_organise, review: row.open_review } : { organise: true, review: true };
  }

  /**
   * A new plan's access, in one transaction: both links closed and its creator its owner. A connection lost halfway
   * leaves neither: never a plan closed to everybody, its owner included.
   */
  async makeOwned(planId: string, ownerId: string): Promise<void> {
    const now = iso(Date.now());
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('auth_plans')
        .values({ plan_id: planId, open_organise: false, open_review: false })
        .onConflict((oc) => oc.column('plan_id').doUpdateSet({ open_organise: false, open_review: false }))
        .execute();
      await tx
        .insertInto('auth_members')
        .values({ plan_id: planId, person_id: ownerId, role: 'owner', joined_at: now, last_active_at: now })
        .onConflict((oc) => oc.columns(['plan_id', 'person_id']).doUpdateSet({ role: 'owner' }))
        .execute();
    });
  }

  async setOpenLinks(planId: string, links: OpenLinks): Promise<void> {
    await this.db
      .insertInto('auth_plans')
      .values({ plan_id: planId, open_organise: links.organise, open_review: links.review })
      .onConflict((oc) => oc.column('plan_id').doUpdateSet({ open_organise: links.organise, open_review: links.review }))
      .execute();
  }

  /**
   * A per-person invite; returns the link's secret (only its hash is stored), or null when its maker is no longer an
   * owner of the plan. Checked holding the maker's member row (FOR SHARE) until the invite is stored: an owner being
   * removed meanwhile (changeMember locks the owner rows) either waits for this invite and withdraws it with the
   * maker's others, or has gone through and this one is never made.
   */
  async createInvite(i: Invite & { createdBy: string }): Promise<string | null> {
    return this.db.transaction().execute(async (tx) => {
      const maker = await tx
        .selectFrom('auth_members')
        .select('role')
        .where('plan_id', '=', i.planId)
        .where('person_id', '=', i.createdBy)
        .forShare()
        .executeTakeFirst();
      if (maker?.role !== 'owner') return null;
      return this.insertInvite(tx, i);
    });
  }

  private async insertInvite(tx: Kysely<AuthDatabase>, i: Invite & { createdBy: string }): Promise<string> {
    const secret = newSecret();
    const now = Date.now();
    await tx
      .insertInto('auth_invites')
      .values({
        token_hash: hashSecret(secret),
        plan_id: i.planId,
        role: i.role,
        person_id: i.personId,
        email: i.email,
        created_by: i.createdBy,
        created_at: iso(now),
        expires_at: iso(now + INVITE_TTL_MS),
        claimed_at: null,
      })
      .execute();
    return secret;
  }

  /** An unclaimed, unexpired invite (for the claim page), or null. */
  async invite(secret: string): Promise<ReadInvite | null> {
    const row = await this.db
      .selectFrom('auth_invites')
      .select(['plan_id', 'role', 'person_id', 'email', 'created_by'])
      .where('token_hash', '=', hashSecret(secret))
      .where('claimed_at', 'is', null)
      .where('expires_at', '>', iso(Date.now()))
      .executeTakeFirst();
    return row ? { planId: row.plan_id, role: row.role as MemberRole, personId: row.person_id, email: row.email, createdBy: row.created_by } : null;
  }

  /**
   * Claims an invite once (one statement: two browsers claiming at once cannot both win) and, for an invite of a new
   * member, makes its claimer one — this browser's person (`joining.personId`, renamed) or a new person — in the same
   * transaction: a connection lost halfway uses up no invite without the member it was for. Returns the invite and the
   * person it is now for, or null when it was claimed already or has expired.
   */
  async claimInvite(secret: string, joining: { name: string; personId?: string }): Promise<{ invite: ReadInvite; personId: string } | null> {
    return this.db.transaction().execute(async (tx) => {
      const row = await tx
        .updateTable('auth_invites')
        .set({ claimed_at: iso(Date.now()) })
        .where('token_hash', '=', hashSecret(secret))
        .where('claimed_at', 'is', null)
        .where('expires_at', '>', iso(Date.now()))
        .returning(['plan_id', 'role', 'person_id', 'email', 'created_by'])
        .executeTakeFirst();
      if (!row) return null;
      const invite: ReadInvite = {
        planId: row.plan_id,
        role: row.role as MemberRole,
        personId: row.person_id,
        email: row.email,
        createdBy: row.created_by,
      };
      // a new-device link brings back the member it was made for: nobody joins
      if (invite.personId) return { invite, personId: invite.personId };
      let personId = joining.personId;
      if (personId) await tx.updateTable('auth_people').set({ name: joining.name, guest: false }).where('id', '=', personId).execute();
      else {
        personId = newPersonId();
        await tx
          .insertInto('auth_people')
          .values({ id: personId, name: joining.name, email: null, pending_email: null, guest: false, created_at: iso(Date.now()) })
          .execute();
      }
      const now = iso(Date.now());
      await tx
        .insertInto('auth_members')
        .values({ plan_id: invite.planId, person_id: personId, role: invite.role, joined_at: now, last_active_at: now })
        .onConflict((oc) => oc.columns(['plan_id', 'person_id']).doUpdateSet({ role: invite.role }))
        .execute();
      return { invite, personId };
    });
  }

  /** Whether a sign-in link mailed to this person is still open: not used, not expired. */
  async hasOpenMagicLink(personId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('auth_magic_links')
      .select('token_hash')
      .where('person_id', '=', personId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', iso(Date.now()))
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async createMagicLink(personId: string): Promise<string> {
    const secret = newSecret();
    const now = Date.now();
    await this.db
      .insertInto('auth_magic_links')
      .values({ token_hash: hashSecret(secret), person_id: personId, created_at: iso(now), expires_at: iso(now + MAGIC_LINK_TTL_MS), used_at: null })
      .execute();
    return secret;
  }

  /** Uses a magic link once; the person it signs in, or null. */
  async useMagicLink(secret: string): Promise<string | null> {
    const row = await this.db
      .updateTable('auth_magic_links')
      .set({ used_at: iso(Date.now()) })
      .where('token_hash', '=', hashSecret(secret))
      .where('used_at', 'is', null)
      .where('expires_at', '>', iso(Date.now()))
      .returning('person_id')
      .executeTakeFirst();
    return row?.person_id ?? null;
  }

  /** A link confirming `email` for a person (mailed to that address); returns its secret (only its hash is stored). */
  async createEmailLink(personId: string, email: string): Promise<string> {
    const secret = newSecret();
    const now = Date.now();
    await this.db
      .insertInto('auth_email_links')
      .values({
        token_hash: hashSecret(secret),
        person_id: personId,
        email,
        created_at: iso(now),
        expires_at: iso(now + EMAIL_LINK_TTL_MS),
        used_at: null,
      })
      .execute();
    return secret;
  }

  /**
   * What an unused, unexpired confirmation link would confirm, without using it: for whom, which address, and whether
   * it still waits (the person may have asked for another address since, or confirmed it by an earlier mail).
   */
  async emailLink(secret: string): Promise<{ person: Person; email: string; waiting: boolean } | null> {
    const row = await this.db
      .selectFrom('auth_email_links')
      .select(['person_id', 'email'])
      .where('token_hash', '=', hashSecret(secret))
      .where('used_at', 'is', null)
      .where('expires_at', '>', iso(Date.now()))
      .executeTakeFirst();
    const person = row ? await this.person(row.person_id) : null;
    if (!row || !person) return null;
    return { person, email: row.email, waiting: sameAddress(person.pendingEmail, row.email) };
  }

  /**
   * Uses a confirmation link once: its address becomes its person's address for sign-in, if it is still the one
   * waiting. The person, or null when the link is unknown, used or expired, or its address no longer waits.
   */
  async useEmailLink(secret: string): Promise<Person | null> {
    const link = await this.db
      .updateTable('auth_email_links')
      .set({ used_at: iso(Date.now()) })
      .where('token_hash', '=', hashSecret(secret))
      .where('used_at', 'is', null)
      .where('expires_at', '>', iso(Date.now()))
      .returning(['person_id', 'email'])
      .executeTakeFirst();
    if (!link) return null;
    const done = await this.db
      .updateTable('auth_people')
      .set({ email: sql<string>`pending_email`, pending_email: null })
      .where('id', '=', link.person_id)
      .where(sql<boolean>`lower(pending_email) = ${link.email.toLowerCase()}`)
      .executeTakeFirst();
    return Number(done.numUpdatedRows) > 0 ? this.person(link.person_id) : null;
  }

  /**
   * Deletes what can never be used again: expired sessions, invites, sign-in and confirmation links (secrets, not facts — the
   * events keep who did what). Members, people and open-link switches stay. Run at start and hourly by the app.
   */
  async purgeExpired(now = Date.now()): Promise<{ sessions: number; invites: number; signInLinks: number; emailLinks: number; guests: number }> {
    const cut = iso(now);
    const [sessions, invites, signInLinks, emailLinks] = await Promise.all([
      this.db.deleteFrom('auth_sessions').where('expires_at', '<=', cut).executeTakeFirst(),
      this.db.deleteFrom('auth_invites').where('expires_at', '<=', cut).executeTakeFirst(),
      this.db.deleteFrom('auth_magic_links').where('expires_at', '<=', cut).executeTakeFirst(),
      this.db.deleteFrom('auth_email_links').where('expires_at', '<=', cut).executeTakeFirst(),
    ]);
    // A guest is nobody once no session of theirs is left and no plan or link names them: the changes they made keep
    // their id and the name they had then. (Older than a new guest's session, so one just made is never caught.)
    const guests = await this.db
      .deleteFrom('auth_people as p')
      .where('p.guest', '=', true)
      .where('p.created_at', '<=', iso(now - UNUSED_GUEST_TTL_MS))
      .where((e) =>
        e.and([
          e.not(e.exists(e.selectFrom('auth_sessions as s').select('s.person_id').whereRef('s.person_id', '=', 'p.id'))),
          e.not(e.exists(e.selectFrom('auth_members as m').select('m.person_id').whereRef('m.person_id', '=', 'p.id'))),
          e.not(e.exists(e.selectFrom('auth_invites as i').select('i.person_id').whereRef('i.person_id', '=', 'p.id'))),
        ]),
      )
      .executeTakeFirst();
    return {
      sessions: Number(sessions.numDeletedRows),
      invites: Number(invites.numDeletedRows),
      signInLinks: Number(signInLinks.numDeletedRows),
      emailLinks: Number(emailLinks.numDeletedRows),
      guests: Number(guests.numDeletedRows),
    };
  }
}
