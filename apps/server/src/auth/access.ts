import { personNameSchema } from '@seatfold/domain';
import type { EventStore, PlanRecord, Role } from '@seatfold/store';
import type { Actor } from '@seatfold/sync';
import { sessionSecret } from './cookies.ts';
import { GuestNames } from './guest-names.ts';
import { nameKey } from './name-key.ts';
import { capabilityOf, type MemberRole, type Person } from './model.ts';
import type { AuthStore } from './store.ts';

/** Who is asking, for which plan, with what capability — decided from the session cookie and the link's token. */
export interface Access {
  plan: PlanRecord;
  /** the capability: a member's role, or what the open link grants, whichever is more */
  role: Role;
  person: Person;
  /** the person's membership of this plan; null for an open-link guest */
  member: MemberRole | null;
}

export type AccessRefusal = { code: 'UnknownPlan' | 'Forbidden'; status: 404 | 401 | 403; message: string };

export const NO_SESSION =
  'Your browser has no Seatfold session: reload the page. If this plan is for its members only, open your invite link (or sign in again).';
export const MEMBERS_ONLY = 'This plan is open to its members only. Open your invite link, or ask the plan’s owner for one.';
export const UNKNOWN_LINK = 'This link does not open any plan.';

const rank = (r: Role | null) => (r === 'organise' ? 2 : r === 'review' ? 1 : 0);

/** The one decision "who are you and what may you do here", shared by the socket's admit and every HTTP route. */
export class Gate {
  private readonly names: GuestNames;

  constructor(
    readonly auth: AuthStore,
    private readonly store: EventStore,
    log: (msg: string) => void = () => {},
  ) {
    this.names = new GuestNames((id, name) => this.auth.renameGuest(id, name), log);
  }

  /** The person of a request's (or handshake's) session cookie, or null. */
  async person(headers: Record<string, string | string[] | undefined>): Promise<Person | null> {
    const secret = sessionSecret(headers);
    return secret ? this.auth.sessionPerson(secret) : null;
  }

  async access(token: string, headers: Record<string, string | string[] | undefined>): Promise<Access | AccessRefusal> {
    return this.accessBySecret(token, sessionSecret(headers));
  }

  /** `access` for a session secret in hand (one just created, whose cookie the browser does not send yet). */
  async accessBySecret(token: string, secret: string | null): Promise<Access | AccessRefusal> {
    const found = await this.store.findPlanByToken(token);
    if (!found) return { code: 'UnknownPlan', status: 404, message: UNKNOWN_LINK };
    const session = secret ? await this.auth.sessionAccess(secret, found.plan.id) : null;
    if (!session) return { code: 'Forbidden', status: 401, message: NO_SESSION };
    const { person, member, open } = session;
    const plan = found.plan;
    const linkRole = found.role;
    const viaLink: Role | null = open[linkRole] ? linkRole : null;
    const viaMember: Role | null = member ? capabilityOf(member) : null;
    const role = rank(viaMember) >= rank(viaLink) ? viaMember : viaLink;
    if (!role) return { code: 'Forbidden', status: 403, message: MEMBERS_ONLY };
    if (member) this.touch(plan.id, person.id);
    return { plan, role, person, member };
  }

  /**
   * What a page request for a plan link may see before the page has a session (its server frame, http/server-frame.ts):
   * its session's access when it has one that opens the plan, else what the link grants when it is open — exactly
   * what the guest session the page is about to ask for would get. Null: nothing.
   */
  async pageAccess(token: string, headers: Record<string, string | string[] | undefined>): Promise<{ plan: PlanRecord; role: Role } | null> {
    const secret = sessionSecret(headers);
    const a = secret ? await this.accessBySecret(token, secret) : null;
    if (a && !isRefusal(a)) return { plan: a.plan, role: a.role };
    const found = await this.store.findPlanByToken(token);
    if (!found) return null;
    const open = await this.auth.openLinks(found.plan.id);
    return open[found.role] ? { plan: found.plan, role: found.role } : null;
  }

  /** "Last active" is written at most once a minute per member and plan (a write per join or request would cost). */
  private readonly touched = new Map<string, number>();
  private touch(planId: string, personId: string) {
    const key = `${planId}\n${personId}`;
    const now = Date.now();
    if (now - (this.touched.get(key) ?? 0) < 60_000) return;
    if (this.touched.size > 10_000) this.touched.clear();
    this.touched.set(key, now);
    void this.auth.touchMember(planId, personId).catch(() => {});
  }

  /** A person chose their name by other means (PATCH /api/me, an invite's claim): a guest name held back is dropped. */
  nameChosen(personId: string): void {
    this.names.drop(personId);
  }

  /**
   * The name an open-link guest chose at join becomes their name (a name is never identity: the id stays). Members
   * keep the name they gave when claiming (changed on purpose, server-side, with PATCH /api/me). Stored at most once
   * per guest per window (GuestNames): a join under a new name each time must not be a database write each time.
   * In the plan, a guest whose name is a member's of that plan, or Seatfold's own, is shown as "… (guest)": who is
   * online and who made a change must not read as the plan's owner, or as Seatfold, when it is somebody on a link.
   */
  async guestName(person: Person, wanted: string, planId: string): Promise<Person> {
    if (!person.guest) return person;
    const parsed = personNameSchema.safeParse(wanted);
    let name = person.name;
    if (parsed.success && parsed.data !== person.name) {
      await this.names.rename(person.id, parsed.data);
      name = parsed.data;
    }
    const key = nameKey(name);
    if (RESERVED_NAMES.has(key) || (await this.memberReadAs(planId, person.id, name)) !== undefined)
      name = `${Array.from(name).slice(0, 190).join('')} (guest)`;
    return name === person.name ? person : { ...person, name };
  }

  /**
   * Why a member may not take a name, or null: it reads (`nameKey`) as another member's of `planId` (a claim), else
   * of any plan the person is a member of (a rename). Two members nobody can tell apart would make "who changed what"
   * useless; guests are marked instead (guestName).
   */
  async memberNameRefusal(personId: string, name: string, planId?: string): Promise<string | null> {
    const key = nameKey(name);
    const clash = planId
      ? { planId, name: await this.memberReadAs(planId, personId, name) }
      : (await this.auth.coMembers(personId)).find((o) => nameKey(o.name) === key);
    if (clash?.name === undefined) return null;
    const plan = (await this.store.getPlan(clash.planId))?.name ?? 'one of your plans';
    return `Another member of “${plan}” is called ${clash.name}. Choose a name people can tell apart from theirs: add an initial or your team, say.`;
  }

  /** The name of a member of `planId` other than `exceptPersonId` that `name` reads as (`nameKey`), if any. */
  private async memberReadAs(planId: string, exceptPersonId: string, name: string): Promise<string | undefined> {
    const key = nameKey(name);
    return (await this.auth.memberNames(planId, exceptPersonId)).find((n) => nameKey(n) === key);
  }
}

/** Names that are Seatfold's own: changes the server makes (the demo, a plan's start) are recorded under them. */
const RESERVED_NAMES = new Set(['seatfold']);

export const isRefusal = (a: Access | AccessRefusal): a is AccessRefusal => 'code' in a;

export const actorOf = (p: Person): Actor => ({ id: p.id, name: p.name });
