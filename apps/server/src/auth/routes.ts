import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { personNameSchema } from '@seatfold/domain';
import type { EventStore, Role } from '@seatfold/store';
import { TokenBuckets, type WorkMeter } from '@seatfold/sync/server';
import { requestAddress } from '../http/address.ts';
import { jsonBody } from '../http/body.ts';
import type { HttpEnv } from '../http/env.ts';
import { HttpError, jsonReply } from '../http/errors.ts';
import { jsonWith, type PlanStateReader } from '../http/plan-state.ts';
import { busyRefusal } from '../http/rate-limit.ts';
import { slicedBody } from '../http/sliced-body.ts';
import { AUTH_ROW_BYTES, storedBudget } from '../http/stored-budget.ts';
import { isRefusal, type Access, type Gate } from './access.ts';
import { clearSessionCookie, sessionSecret, setSessionCookie } from './cookies.ts';
import { emailField, emailFlows, NO_MAIL } from './email-routes.ts';
import type { Mailer } from './mail.ts';
import { capabilityOf, MEMBER_ROLES, UNUSED_GUEST_TTL_MS, type MemberRole, type Person } from './model.ts';

export interface AuthRouteDeps {
  gate: Gate;
  store: EventStore;
  /**
   * re-decides open sockets as new joins would be (hub.reAdmit): every socket of a plan after its open links changed,
   * or one person's after their membership did (closed, down- or upgraded), before the answer
   */
  reAdmit: (planId: string, personId?: string) => Promise<unknown>;
  /** re-decides every open socket of a person after sessions of theirs ended: those of a gone session close (hub.reAdmitActor) */
  sessionsEnded: (personId: string) => Promise<unknown>;
  mailer: Mailer | null;
  /** where links in e-mails point (SEATFOLD_PUBLIC_URL) */
  publicUrl: string | null;
  trustedProxies: number;
  /** claims and sign-in requests per address and minute */
  attemptsPerMinute?: number;
  /** new guest sessions per address and minute (each is a row in auth_people) */
  guestSessionsPerMinute?: number;
  /** renames (PATCH /api/me with a new name) per address and minute: each is a database write (default 60) */
  renamesPerMinute?: number;
  /** the plan's state for a session request that names a plan link (http/plan-state.ts) */
  planState?: PlanStateReader;
  /** an address's storage budget (hub.storedBy): invites are rows that stay */
  storedBy?: (address: string) => WorkMeter;
  /** where a sign-in mail that could not be sent is reported (the answer cannot say it) */
  log?: (msg: string) => void;
  /** mails one address may receive at one client address's request, and from everybody (email-routes.ts) */
  mailsPerSender?: { perSecond: number; burst: number };
  mailsPerRecipient?: { perSecond: number; burst: number };
}

const TOKEN = '{[A-Za-z0-9_-]{1,200}}';
const SECRET = '{[A-Za-z0-9_-]{43}}';

const nameField = personNameSchema;
const PLAN_LINK = { error: 'plan must be the token of a plan link (the part after /p/).' };
const SessionBody = z.object(
  {
    name: nameField.optional(),
    /** a plan link's token: the answer then carries the plan's state too (or null) */
    plan: z
      .string(PLAN_LINK)
      .regex(/^[A-Za-z0-9_-]{1,200}$/, PLAN_LINK)
      .optional(),
  },
  { error: 'Send {}, { name } or { name, plan }.' },
);
/** A claim: the name, and the claimer's own e-mail for sign-in links if they give one (an invite's never becomes theirs). */
const Claim = z.object({ name: nameField, email: emailField.optional() }, { error: 'Send { name }, and { email } if you like.' });
const Rename = z.object({ name: nameField.optional(), email: emailField.nullable().optional() }, { error: 'Send { name } or { email }.' });
const Role_ = z.enum(MEMBER_ROLES as [MemberRole, ...MemberRole[]], { error: 'role must be owner, organiser or reviewer.' });
const InviteBody = z.object({ role: Role_, email: emailField.optional() }, { error: 'Send { role }.' });
const RoleBody = z.object({ role: Role_ }, { error: 'Send { role }.' });
const OpenBody = z.object({ organise: z.boolean(), review: z.boolean() }, { error: 'Send { organise, review } (true or false).' });

export const ONLY_OWNERS = 'Only the plan’s owners can manage its members.';
export const LAST_OWNER = 'A plan needs an owner: make somebody else owner first.';

const planPath = (plan: { organiseToken: string; reviewToken: string }, role: Role) =>
  `/p/${role === 'organise' ? plan.organiseToken : plan.reviewToken}`;

/** Sessions, the person's own name, invites and their claim, members and open links, sign-in by e-mail. */
export function authRoutes(d: AuthRouteDeps) {
  const { gate } = d;
  const auth = gate.auth;
  const attempts = new TokenBuckets(d.attemptsPerMinute ?? 10);
  const guests = new TokenBuckets(d.guestSessionsPerMinute ?? 120);
  // Each rename is a database write: a probe made 1,855 in 10 s. An office renaming itself by hand stays far below.
  const renames = new TokenBuckets(d.renamesPerMinute ?? 60);
  const mail = emailFlows({
    auth,
    mailer: d.mailer,
    publicUrl: d.publicUrl,
    log: d.log,
    mailsPerSender: d.mailsPerSender,
    mailsPerRecipient: d.mailsPerRecipient,
  });
  const address = (c: Context<HttpEnv>) => requestAddress(c.env?.incoming, d.trustedProxies);
  const limited = (c: Context<HttpEnv>, what: string, buckets = attempts) =>
    busyRefusal(buckets.take(address(c)), (s) => `Too many ${what} from your address. Please wait ${s} seconds and try again.`);
  const headers = (c: Context<HttpEnv>) => c.env.incoming.headers;
  /** the address's storage budget, refused when spent (http/stored-budget.ts); charge it once the row is stored */
  const budget = (c: Context<HttpEnv>): WorkMeter | null => (d.storedBy ? storedBudget(d.storedBy(address(c))) : null);
  const me = async (c: Context<HttpEnv>) => gate.person(headers(c));
  const signIn = async (c: Context<HttpEnv>, personId: string, ttlMs?: number) => {
    const secret = await auth.createSession(personId, ttlMs);
    setSessionCookie(c, secret, d.trustedProxies);
    return secret;
  };
  const you = (p: Person) => ({ id: p.id, name: p.name, email: p.email, pendingEmail: p.pendingEmail, member: !p.guest });
  /** The plans a person is a member of, with their links (for the sign-in page). */
  const plansOf = async (personId: string) => {
    const plans = [];
    for (const m of await auth.membershipsOf(personId)) {
      const plan = await d.store.getPlan(m.planId);
      if (plan) plans.push({ name: plan.name, role: m.role, path: planPath(plan, capabilityOf(m.role)) });
    }
    return plans;
  };
  const owner = async (c: Context<HttpEnv>): Promise<Access> => {
    const a = await gate.access(c.req.param('token')!, headers(c));
    if (isRefusal(a)) throw new HttpError(a.status, a.message);
    if (a.member !== 'owner') throw new HttpError(403, ONLY_OWNERS);
    return a;
  };
  /**
   * Why an owner's new-device link for a member must not sign anybody in as them, or null when it may. The link signs
   * its claimer in as that person everywhere: so only for a person whose every plan the owner owns (else it would
   * open plans and settings the owner has no say over), and not for one who can sign in with their e-mail.
   */
  const deviceLinkRefusal = async (person: Person, ownerId: string): Promise<string | null> => {
    if (mail.sendsMail() && person.email)
      return `${person.name} signs in on a new device with their e-mail address: “Sign in” on Seatfold’s start page sends them a link.`;
    if ((await auth.plansBeyond(person.id, ownerId)) > 0)
      return `${person.name} is also a member of plans you do not own, and a new-device link would sign in as them there too. Invite them again as a new member instead${d.mailer ? ', or ask them to sign in with their e-mail address' : ''}.`;
    return null;
  };
  /** A member's role changed, or the member removed (null), by the owner asking; refused in words otherwise. */
  const changeMember = async (a: Access, personId: string, role: MemberRole | null) => {
    const done = await auth.changeMember(a.plan.id, personId, role, a.person.id);
    if (done === 'not-owner') throw new HttpError(403, ONLY_OWNERS);
    if (done === 'last-owner') throw new HttpError(409, LAST_OWNER);
    if (done === 'not-member') throw new HttpError(404, 'This person is not a member of the plan.');
  };

  return (
    new Hono<HttpEnv>()
      /** Who this browser is (or null), and whether the server can send sign-in e-mails. */
      .get('/api/me', async (c) => {
        const p = await me(c);
        return jsonReply(c, 200, { you: p ? you(p) : null, mail: d.mailer !== null });
      })
      /** A session for this browser: a guest identity (stable per browser) when it has none yet. */
      .post('/api/session', jsonBody(SessionBody), async (c) => {
        const body = c.req.valid('json');
        const existing = await me(c);
        let secret = sessionSecret(headers(c));
        let status: 200 | 201 = 200;
        let person = existing;
        if (!person) {
          // Bounded by its own rate (guestSessionsPerMinute), not by the storage budget: a session is what opens a
          // plan at all, and an office behind one address that imported a lot must still be able to open it.
          limited(c, 'new browser sessions', guests);
          person = await auth.createPerson(body.name ?? `Guest ${1000 + Math.floor(Math.random() * 9000)}`, { guest: true });
          // a day until it opens a plan (it is renewed then: AuthStore.sessionAccess), else purged with its guest
          secret = await signIn(c, person.id, UNUSED_GUEST_TTL_MS);
          status = 201;
        }
        if (!body.plan || !d.planState) return jsonReply(c, status, { you: you(person) });
        // On a plan link the page asks for the plan's state in the same request: one round trip before it can draw.
        const state = await d.planState(body.plan, secret, address(c));
        const answer = jsonWith({ you: you(person) }, 'plan', state ?? Buffer.from('null'));
        return c.body(slicedBody(answer), status, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': String(answer.byteLength),
          'cache-control': 'no-store',
        });
      })
      /**
       * Changes one's own display name, and a member's e-mail for sign-in links: a new address counts once the link
       * mailed to it is opened (`confirmationSent`), the confirmed one meanwhile stays; null removes both. The id stays.
       */
      .patch('/api/me', jsonBody(Rename), async (c) => {
        const p = await me(c);
        if (!p) throw new HttpError(401, 'Your browser has no Seatfold session: reload the page.');
        const body = c.req.valid('json');
        if (body.email !== undefined && p.guest)
          throw new HttpError(403, 'Only members can add an e-mail address (guests of an open link have no membership to sign back in to).');
        // Checked before anything changes: nothing is applied halfway.
        if (body.email) {
          if (!mail.sendsMail()) throw new HttpError(409, NO_MAIL);
          limited(c, 'e-mail changes');
        }
        const renamed = body.name !== undefined && body.name !== p.name;
        if (renamed) limited(c, 'name changes', renames);
        const taken = renamed && !p.guest ? await gate.memberNameRefusal(p.id, body.name!) : null;
        if (taken) throw new HttpError(409, taken);
        if (body.name !== undefined) gate.nameChosen(p.id);
        if (renamed) await auth.updatePerson(p.id, { name: body.name });
        let confirmationSent = false;
        if (body.email === null) await auth.removeEmail(p.id);
        else if (body.email !== undefined) confirmationSent = await mail.requestEmail({ ...p, name: body.name ?? p.name }, body.email, address(c));
        return jsonReply(c, 200, { you: you((await auth.person(p.id)) ?? p), confirmationSent });
      })
      .post('/api/sign-out', async (c) => {
        const secret = sessionSecret(headers(c));
        const p = secret ? await auth.sessionPerson(secret) : null;
        if (secret) await auth.endSession(secret);
        // Its open sockets too (a copied cookie's included), before the answer.
        if (p) await d.sessionsEnded(p.id);
        clearSessionCookie(c, d.trustedProxies);
        return jsonReply(c, 200, { ok: true });
      })
      /** The claim page reads the invite (without claiming it). */
      .get(`/api/invites/:secret${SECRET}`, async (c) => {
        const invite = await auth.invite(c.req.param('secret'));
        if (!invite) throw new HttpError(404, 'This invite link has been used already or has expired. Ask the plan’s owner for a new one.');
        const plan = await d.store.getPlan(invite.planId);
        const returning = invite.personId ? await auth.person(invite.personId) : null;
        const role = returning ? await auth.memberRole(invite.planId, returning.id) : invite.role;
        if (!role) throw new HttpError(404, 'This link was for a member of the plan who is no longer one. Ask the plan’s owner for a new one.');
        const refused = returning ? await deviceLinkRefusal(returning, invite.createdBy) : null;
        if (refused) throw new HttpError(409, refused);
        return jsonReply(c, 200, { planName: plan?.name ?? '', role, name: returning?.name ?? null, mail: d.mailer !== null });
      })
      /** Claims an invite once, in this browser: it becomes (or stays) a member with a session. */
      .post(`/api/invites/:secret${SECRET}/claim`, jsonBody(Claim), async (c) => {
        limited(c, 'invite claims');
        // Refused before anything is used up: the claimer can try again without the address.
        if (c.req.valid('json').email && !mail.sendsMail()) throw new HttpError(409, NO_MAIL);
        const secret = c.req.param('secret');
        const current = await me(c);
        const peek = await auth.invite(secret);
        if (!peek) throw new HttpError(404, 'This invite link has been used already or has expired. Ask the plan’s owner for a new one.');
        if (current && !peek.personId && (await auth.memberRole(peek.planId, current.id))) {
          throw new HttpError(
            409,
            `This browser is already a member of this plan as ${current.name}. Open the invite in another browser (or a private window) to add somebody else.`,
          );
        }
        // A new-device link is checked before it is used up: its person may have joined plans its maker does not own.
        const back = peek.personId ? await auth.person(peek.personId) : null;
        const refused = back ? await deviceLinkRefusal(back, peek.createdBy) : null;
        if (refused) throw new HttpError(409, refused);
        const { name, email } = c.req.valid('json');
        const taken = peek.personId ? null : await gate.memberNameRefusal(current?.id ?? '', name, peek.planId);
        if (taken) throw new HttpError(409, taken);
        const claimed = await auth.claimInvite(secret, { name, ...(current && !peek.personId ? { personId: current.id } : {}) });
        if (!claimed) throw new HttpError(404, 'This invite link has been used already or has expired. Ask the plan’s owner for a new one.');
        const { invite } = claimed;
        const plan = await d.store.getPlan(invite.planId);
        if (!plan) throw new HttpError(404, 'The plan of this invite no longer exists.');
        let person: Person;
        let role = invite.role;
        let moved = false;
        if (invite.personId) {
          // A fresh invite for a member on a new device: the same person, signed in here, in the role they have now
          // (the owner may have changed it since the link was made; revoking withdrew such links).
          const now = back ? await auth.memberRole(plan.id, back.id) : null;
          if (!back || !now)
            throw new HttpError(404, 'This link was for a member of the plan who is no longer one. Ask the plan’s owner for a new one.');
          person = back;
          role = now;
          moved = true;
        } else if (current) {
          person = { ...current, name, guest: false };
          gate.nameChosen(current.id);
        } else {
          person = { id: claimed.personId, name, email: null, pendingEmail: null, guest: false };
        }
        // The e-mail for sign-in links is the claimer's own, if they give one, and counts once confirmed: an invite's
        // (typed by its owner) would let whoever typed it sign in as them.
        if (email && !moved) {
          await mail.requestEmail(person, email, address(c));
          person = (await auth.person(person.id)) ?? person;
        }
        // A guest's session that becomes a member's is renewed: it may have been planted by somebody who kept its
        // secret (session fixation). The old one ends, and so do its open sockets, before the new role reaches any
        // socket of the person: the planter's would gain it. (This browser's other tabs are told to reload, which
        // brings the new cookie. A member's own session was renewed when they became one, and other tabs use it.)
        const planted = current?.guest ? sessionSecret(headers(c)) : null;
        const session = !current || current.id !== person.id || planted ? await signIn(c, person.id) : sessionSecret(headers(c))!;
        if (planted) await auth.endSession(planted);
        // A new-device link moves the person to this browser: signed out everywhere else, so a link that reached
        // the wrong hands is seen (the member's own browser asks them to sign in again) and holds no plan it did not.
        if (moved) await auth.endOtherSessions(person.id, session);
        if (planted || moved) await d.sessionsEnded(person.id);
        else await d.reAdmit(plan.id, person.id);
        return jsonReply(c, 200, { you: you(person), planName: plan.name, role, path: planPath(plan, capabilityOf(role)) });
      })
      /** The owner's view: members with role and last activity, and the open-link switches. */
      .get(`/api/plans/:token${TOKEN}/members`, async (c) => {
        const a = await owner(c);
        const [members, openLinks, invites] = await Promise.all([auth.members(a.plan.id), auth.openLinks(a.plan.id), auth.openInvites(a.plan.id)]);
        return jsonReply(c, 200, { members, openLinks, invites, you: a.person.id });
      })
      /** Withdraws an invite link nobody has claimed yet (sent to the wrong person, or no longer wanted). */
      .delete(`/api/plans/:token${TOKEN}/invites/:id{[0-9a-f]{64}}`, async (c) => {
        const a = await owner(c);
        if (!(await auth.withdrawInvite(a.plan.id, c.req.param('id'))))
          throw new HttpError(404, 'This invite link has been claimed, withdrawn or has expired meanwhile: nothing to withdraw.');
        return jsonReply(c, 200, { invites: await auth.openInvites(a.plan.id) });
      })
      .post(`/api/plans/:token${TOKEN}/invites`, jsonBody(InviteBody), async (c) => {
        const a = await owner(c);
        const body = c.req.valid('json');
        const stored = budget(c);
        const secret = await auth.createInvite({
          planId: a.plan.id,
          role: body.role,
          personId: null,
          email: body.email ?? null,
          createdBy: a.person.id,
        });
        if (!secret) throw new HttpError(403, ONLY_OWNERS);
        stored?.spend(AUTH_ROW_BYTES);
        return jsonReply(c, 201, { path: `/invite/${secret}`, role: body.role });
      })
      /** A fresh invite for an existing member (a new device, when the server sends no e-mail). */
      .post(`/api/plans/:token${TOKEN}/members/:personId{[A-Za-z0-9_-]{1,100}}/invite`, async (c) => {
        const a = await owner(c);
        const personId = c.req.param('personId');
        const role = await auth.memberRole(a.plan.id, personId);
        const person = role ? await auth.person(personId) : null;
        if (!role || !person) throw new HttpError(404, 'This person is not a member of the plan.');
        const refused = await deviceLinkRefusal(person, a.person.id);
        if (refused) throw new HttpError(409, refused);
        const stored = budget(c);
        const secret = await auth.createInvite({ planId: a.plan.id, role, personId, email: null, createdBy: a.person.id });
        if (!secret) throw new HttpError(403, ONLY_OWNERS);
        stored?.spend(AUTH_ROW_BYTES);
        return jsonReply(c, 201, { path: `/invite/${secret}`, role });
      })
      .patch(`/api/plans/:token${TOKEN}/members/:personId{[A-Za-z0-9_-]{1,100}}`, jsonBody(RoleBody), async (c) => {
        const a = await owner(c);
        const personId = c.req.param('personId');
        const { role } = c.req.valid('json');
        await changeMember(a, personId, role);
        await d.reAdmit(a.plan.id, personId);
        return jsonReply(c, 200, { members: await auth.members(a.plan.id) });
      })
      .delete(`/api/plans/:token${TOKEN}/members/:personId{[A-Za-z0-9_-]{1,100}}`, async (c) => {
        const a = await owner(c);
        const personId = c.req.param('personId');
        await changeMember(a, personId, null);
        // What the link each socket came by still grants to anybody, it keeps (never more); otherwise it is closed.
        await d.reAdmit(a.plan.id, personId);
        return jsonReply(c, 200, { members: await auth.members(a.plan.id) });
      })
      .put(`/api/plans/:token${TOKEN}/open-links`, jsonBody(OpenBody), async (c) => {
        const a = await owner(c);
        await auth.setOpenLinks(a.plan.id, c.req.valid('json'));
        // Guests the link let in lose (or keep) their access now, before the answer — not at their next join.
        await d.reAdmit(a.plan.id);
        return jsonReply(c, 200, { openLinks: await auth.openLinks(a.plan.id) });
      })
      .route('/', mail.routes({ limited, address, signIn, you, plansOf }))
  );
}
