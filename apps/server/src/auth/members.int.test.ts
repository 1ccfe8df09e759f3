import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '@seatfold/store';
import { createPlan } from '../plans.ts';
import { backends, cookieOf, guestCookie, startApp, type RunningApp } from '../testing.ts';
import { hashSecret } from './secrets.ts';

/** Members, invites, open links and cross-site writes over real HTTP, on PGlite and (with DATABASE_URL) PostgreSQL. */
for (const backend of backends()) {
  describe(`members and sessions (${backend.name})`, () => {
    let store: EventStore;
    let server: RunningApp;
    beforeAll(async () => {
      store = await backend.open();
      server = await startApp(store, { authAttemptsPerMinute: 1000, creationLimits: { perAddressPerMinute: 1000, totalPerMinute: 1000 } });
    });
    afterAll(async () => {
      await server?.close();
      await store?.close();
    });

    const json = (cookie: string | null, body: unknown, method = 'POST', extra: Record<string, string> = {}): RequestInit => ({
      method,
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...extra },
      body: JSON.stringify(body),
    });
    const call = async (path: string, init?: RequestInit) => {
      const res = await fetch(`${server.url}${path}`, init);
      return {
        status: res.status,
        body: (await res.json()) as Record<string, unknown>,
        cookie: cookieOf(res),
        setCookie: res.headers.get('set-cookie'),
      };
    };
    /** A plan made as a browser makes it: the answer's cookie is the owner's session. */
    const ownedPlan = async (name: string, yourName = 'Olivia Owner') => {
      const res = await call('/api/plans', json(null, { name, yourName }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const links = res.body as unknown as { planId: string; organisePath: string; reviewPath: string };
      return { ...links, owner: res.cookie!, organise: links.organisePath.slice(3), review: links.reviewPath.slice(3), setCookie: res.setCookie! };
    };
    const invite = async (p: { organise: string; owner: string }, role: string) => {
      const res = await call(`/api/plans/${p.organise}/invites`, json(p.owner, { role }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return (res.body as { path: string }).path.slice('/invite/'.length);
    };
    const claim = async (secret: string, name: string, cookie: string | null = null) => call(`/api/invites/${secret}/claim`, json(cookie, { name }));

    it('a new plan’s name is held to a rename’s rules: no NUL, no invisible or direction characters, no line breaks', async () => {
      for (const name of ['Gala\u0000', 'Gala \u202eevil', 'Gala\u200b', 'Two\nlines', '   ']) {
        const res = await call('/api/plans', json(null, { name, yourName: 'Olivia' }));
        expect(res.status, JSON.stringify(name)).toBe(400);
        expect((res.body as { error: string }).error, JSON.stringify(name)).toMatch(/^Plan names /);
      }
    });

    it('a guest session that becomes a member’s or an owner’s is renewed: a planted cookie gains nothing', async () => {
      const plan = await ownedPlan('Fixation');
      const me = async (cookie: string) => (await call('/api/me', { headers: { cookie } })).body as { you: { name: string; member: boolean } | null };
      // the attacker's guest session, planted in the victim's browser
      const planted = await guestCookie(server.url);
      const claimed = await claim(await invite(plan, 'organiser'), 'Vic', planted);
      expect(claimed.status).toBe(200);
      expect(claimed.cookie).not.toBeNull();
      expect(claimed.cookie).not.toBe(planted);
      expect(await me(claimed.cookie!)).toMatchObject({ you: { name: 'Vic', member: true } });
      expect(await me(planted)).toEqual({ you: null, mail: false });
      // creating a plan with a planted guest session
      const planted2 = await guestCookie(server.url);
      const created = await call('/api/plans', json(planted2, { name: 'Vic’s own', yourName: 'Vic' }));
      expect(created.status).toBe(201);
      expect(created.cookie).not.toBe(planted2);
      expect(await me(created.cookie!)).toMatchObject({ you: { name: 'Vic', member: true } });
      expect((await me(planted2)).you).toBeNull();
    });

    it('two owners demoting or removing each other at once leave the plan one owner, never none', async () => {
      for (const method of ['PATCH', 'DELETE', 'PATCH', 'DELETE']) {
        const plan = await ownedPlan(`Duel ${method}`, 'Ada');
        const bea = await claim(await invite(plan, 'owner'), 'Bea');
        const beaId = (bea.body as { you: { id: string } }).you.id;
        const adaId = ((await call(`/api/links/${plan.organise}`, { headers: { cookie: plan.owner } })).body as { you: { id: string } }).you.id;
        const act = (cookie: string, target: string) =>
          call(`/api/plans/${plan.organise}/members/${target}`, json(cookie, method === 'PATCH' ? { role: 'organiser' } : {}, method));
        const answers = await Promise.all([act(plan.owner, beaId), act(bea.cookie!, adaId)]);
        // one wins; the other is refused (no longer an owner, or the last one)
        expect(answers.map((a) => a.status).sort()).toEqual([200, 403]);
        const members = (
          await call(`/api/plans/${plan.organise}/members`, { headers: { cookie: answers[0].status === 200 ? plan.owner : bea.cookie! } })
        ).body as { members: { role: string }[] };
        expect(members.members.filter((m) => m.role === 'owner')).toHaveLength(1);
      }
    });

    it('makes the creator the owner with an httpOnly SameSite=Lax session; the links open to members only', async () => {
      const plan = await ownedPlan('Gala');
      expect(plan.setCookie).toMatch(/^seatfold_session=[A-Za-z0-9_-]{43}; /);
      expect(plan.setCookie).toMatch(/HttpOnly/);
      expect(plan.setCookie).toMatch(/SameSite=Lax/);
      expect(plan.setCookie).not.toMatch(/Secure/); // plain http here; Secure behind HTTPS
      const mine = await call(`/api/links/${plan.organise}`, { headers: { cookie: plan.owner } });
      expect(mine.body).toMatchObject({ role: 'organise', member: 'owner', you: { name: 'Olivia Owner', member: true } });
      // A stranger's browser (a guest session) learns nothing: members only.
      const stranger = await guestCookie(server.url);
      expect((await call(`/api/links/${plan.organise}`, { headers: { cookie: stranger } })).status).toBe(403);
      expect((await call(`/api/plans/${plan.organise}/export.csv`.replace('.csv', '.csv'), { headers: { cookie: stranger } })).status).toBe(403);
      // No cookie at all: refused too (no header or name makes anybody anybody).
      expect((await call(`/api/plans/${plan.organise}/members`)).status).toBe(401);
    });

    it('invites by role, each link claimed once by one browser; the owner sees, re-roles and revokes members', async () => {
      const plan = await ownedPlan('Sommerfest');
      const org = await claim(await invite(plan, 'organiser'), 'Otto');
      expect(org.status, JSON.stringify(org.body)).toBe(200);
      expect(org.body).toMatchObject({ role: 'organiser', path: plan.organisePath, you: { name: 'Otto', member: true } });
      const reviewerSecret = await invite(plan, 'reviewer');
      const rev = await claim(reviewerSecret, 'Rita');
      expect(rev.body).toMatchObject({ role: 'reviewer', path: plan.reviewPath });
      // Claimed once: a second browser gets nothing from the same link.
      expect((await claim(reviewerSecret, 'Mallory')).status).toBe(404);

      const list = await call(`/api/plans/${plan.organise}/members`, { headers: { cookie: plan.owner } });
      const members = (list.body as { members: { personId: string; name: string; role: string; lastActiveAt: number | null }[] }).members;
      expect(members.map((m) => [m.name, m.role])).toEqual([
        ['Olivia Owner', 'owner'],
        ['Otto', 'organiser'],
        ['Rita', 'reviewer'],
      ]);
      expect(members.every((m) => typeof m.lastActiveAt === 'number')).toBe(true);
      // Only owners manage members.
      expect((await call(`/api/plans/${plan.organise}/members`, { headers: { cookie: org.cookie! } })).status).toBe(403);
      // A reviewer's session reviews, whatever link it holds: no uploads.
      const upload = await fetch(`${server.url}/api/plans/${plan.organise}/uploads?name=g.csv`, {
        method: 'POST',
        headers: { cookie: rev.cookie!, 'content-type': 'application/octet-stream' },
        body: 'Name\nA\n',
      });
      expect(upload.status).toBe(403);

      const otto = members[1]!.personId;
      const down = await call(`/api/plans/${plan.organise}/members/${otto}`, json(plan.owner, { role: 'reviewer' }, 'PATCH'));
      expect(down.status).toBe(200);
      expect((await call(`/api/links/${plan.organise}`, { headers: { cookie: org.cookie! } })).body).toMatchObject({
        role: 'review',
        member: 'reviewer',
      });
      expect((await call(`/api/plans/${plan.organise}/members/${otto}`, { method: 'DELETE', headers: { cookie: plan.owner } })).status).toBe(200);
      expect((await call(`/api/links/${plan.organise}`, { headers: { cookie: org.cookie! } })).status).toBe(403);
      // The last owner stays.
      const self = members[0]!.personId;
      expect((await call(`/api/plans/${plan.organise}/members/${self}`, { method: 'DELETE', headers: { cookie: plan.owner } })).status).toBe(409);
    });

    it('lists the invites nobody has claimed, withdraws one; a revoked or re-roled member gains nothing by an old link', async () => {
      const plan = await ownedPlan('Invites');
      const wrong = await invite(plan, 'owner');
      const kept = await invite(plan, 'reviewer');
      type Listed = { invites: { id: string; role: string; createdBy: string | null; forMember: string | null; expiresAt: number }[] };
      const listed = async () =>
        ((await call(`/api/plans/${plan.organise}/members`, { headers: { cookie: plan.owner } })).body as unknown as Listed).invites;
      const open = await listed();
      expect(open.map((i) => [i.role, i.createdBy, i.forMember])).toEqual([
        ['reviewer', 'Olivia Owner', null],
        ['owner', 'Olivia Owner', null],
      ]);
      expect(open[0]!.expiresAt).toBeGreaterThan(Date.now());
      // The list names each by its stored hash, never by the secret that claims it.
      expect(open.map((i) => i.id)).toEqual([hashSecret(kept), hashSecret(wrong)]);
      const withdrawn = await call(`/api/plans/${plan.organise}/invites/${hashSecret(wrong)}`, { method: 'DELETE', headers: { cookie: plan.owner } });
      expect(withdrawn.status).toBe(200);
      expect((await claim(wrong, 'Mallory')).status).toBe(404);
      expect(
        (await call(`/api/plans/${plan.organise}/invites/${hashSecret(wrong)}`, { method: 'DELETE', headers: { cookie: plan.owner } })).status,
      ).toBe(404);
      // Only the owner withdraws; a claimed invite leaves the list.
      const rita = await claim(kept, 'Rita');
      expect(rita.status).toBe(200);
      expect(await listed()).toEqual([]);
      expect(
        (await call(`/api/plans/${plan.organise}/invites/${hashSecret(kept)}`, { method: 'DELETE', headers: { cookie: rita.cookie! } })).status,
      ).toBe(403);

      // A new link for a member keeps the role they have when it is claimed, not the one they had when it was made…
      const otto = await claim(await invite(plan, 'organiser'), 'Otto');
      const ottoId = (otto.body as { you: { id: string } }).you.id;
      const again = async () => {
        const res = await call(`/api/plans/${plan.organise}/members/${ottoId}/invite`, json(plan.owner, {}));
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        return (res.body as { path: string }).path.slice('/invite/'.length);
      };
      const newDevice = await again();
      expect((await call(`/api/plans/${plan.organise}/members/${ottoId}`, json(plan.owner, { role: 'reviewer' }, 'PATCH'))).status).toBe(200);
      expect((await call(`/api/invites/${newDevice}`)).body).toMatchObject({ role: 'reviewer', name: 'Otto' });
      expect((await claim(newDevice, 'Otto')).body).toMatchObject({ role: 'reviewer', path: plan.reviewPath });
      // …and revoking withdraws the ones not claimed yet.
      const later = await again();
      expect((await call(`/api/plans/${plan.organise}/members/${ottoId}`, { method: 'DELETE', headers: { cookie: plan.owner } })).status).toBe(200);
      expect((await claim(later, 'Otto')).status).toBe(404);
      const members = (await call(`/api/plans/${plan.organise}/members`, { headers: { cookie: plan.owner } })).body as {
        members: { name: string }[];
      };
      expect(members.members.map((m) => m.name)).toEqual(['Olivia Owner', 'Rita']);
    });

    it('no owner can sign in as a member beyond their own plans, nor give a claimer an e-mail that signs in as them', async () => {
      // Alice owns a plan of her own; Mallory invites her to his, and she claims it in her browser.
      const alices = await ownedPlan('Alice private', 'Alice');
      const mallorys = await ownedPlan('Mallory trap', 'Mallory');
      const alice = alices.owner;
      const aliceId = ((await call(`/api/links/${alices.organise}`, { headers: { cookie: alice } })).body as { you: { id: string } }).you.id;
      const lure = await call(`/api/plans/${mallorys.organise}/invites`, json(mallorys.owner, { role: 'reviewer', email: 'mallory@evil.example' }));
      const claimed = await call(`/api/invites/${(lure.body as { path: string }).path.slice(8)}/claim`, json(alice, { name: 'Alice' }));
      expect(claimed.status).toBe(200);
      // The invite's e-mail (typed by Mallory) did not become hers: it would let him sign in as her.
      expect((claimed.body as { you: { email: string | null } }).you.email).toBeNull();

      // A new-device link for Alice would sign its claimer in as her, in her own plan too: refused, saying why.
      const device = await call(`/api/plans/${mallorys.organise}/members/${aliceId}/invite`, json(mallorys.owner, {}));
      expect(device.status).toBe(409);
      expect((device.body as { error: string }).error).toMatch(/Alice is also a member of plans you do not own/);

      // A link made while she belonged to his plan only, claimed after she joined another: refused, not used up.
      const [bob, carols] = [mallorys, alices];
      const ben = await claim(await invite(bob, 'organiser'), 'Ben');
      const benId = (ben.body as { you: { id: string } }).you.id;
      const early = await call(`/api/plans/${bob.organise}/members/${benId}/invite`, json(bob.owner, {}));
      expect(early.status).toBe(201);
      const earlySecret = (early.body as { path: string }).path.slice(8);
      expect((await claim(await invite(carols, 'reviewer'), 'Ben', ben.cookie)).status).toBe(200);
      expect((await call(`/api/invites/${earlySecret}`)).status).toBe(409);
      const late = await claim(earlySecret, 'Ben');
      expect(late.status).toBe(409);
      expect(late.cookie).toBeNull();

      // Within the owner's own plans it works, and moves the member: signed out of every other browser.
      const otto = await claim(await invite(bob, 'organiser'), 'Otto', null);
      const ottoId = (otto.body as { you: { id: string } }).you.id;
      const link = await call(`/api/plans/${bob.organise}/members/${ottoId}/invite`, json(bob.owner, {}));
      const moved = await claim((link.body as { path: string }).path.slice(8), 'Otto');
      expect(moved.status).toBe(200);
      expect((moved.body as { you: { id: string } }).you.id).toBe(ottoId);
      expect((await call(`/api/links/${bob.organise}`, { headers: { cookie: moved.cookie! } })).body).toMatchObject({ you: { id: ottoId } });
      expect((await call('/api/me', { headers: { cookie: otto.cookie! } })).body).toMatchObject({ you: null });
    });

    it('open links by choice: the owner switches "anyone with the link can review" on and off', async () => {
      const plan = await ownedPlan('Open');
      const guest = await guestCookie(server.url, 'Gustav');
      expect((await call(`/api/links/${plan.review}`, { headers: { cookie: guest } })).status).toBe(403);
      expect((await call(`/api/plans/${plan.organise}/open-links`, json(plan.owner, { organise: false, review: true }, 'PUT'))).status).toBe(200);
      expect((await call(`/api/links/${plan.review}`, { headers: { cookie: guest } })).body).toMatchObject({
        role: 'review',
        member: null,
        you: { name: 'Gustav', member: false },
      });
      // The review link does not open organising.
      expect((await call(`/api/links/${plan.organise}`, { headers: { cookie: guest } })).status).toBe(403);
      // Plans from before members (and the demo) keep both links open.
      const legacy = await createPlan(store, server.app.hub, 'Old plan');
      expect((await call(`/api/links/${legacy.organisePath.slice(3)}`, { headers: { cookie: guest } })).body).toMatchObject({ role: 'organise' });
    });

    it('refuses a write from another site carrying the victim’s cookie, and applies nothing', async () => {
      const plan = await ownedPlan('Victim');
      const evil = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
      const inv = await call(`/api/plans/${plan.organise}/invites`, json(plan.owner, { role: 'owner' }, 'POST', evil));
      expect(inv.status).toBe(403);
      expect(inv.body).toEqual({ error: expect.stringMatching(/another web site/) });
      const up = await fetch(`${server.url}/api/plans/${plan.organise}/uploads?name=g.csv`, {
        method: 'POST',
        headers: { cookie: plan.owner, 'content-type': 'text/plain', ...evil },
        body: 'Name\nA\n',
      });
      expect(up.status).toBe(403);
      // Without Origin but marked cross-site by the browser: refused as well.
      const open = await call(
        `/api/plans/${plan.organise}/open-links`,
        json(plan.owner, { organise: true, review: true }, 'PUT', { 'sec-fetch-site': 'cross-site' }),
      );
      expect(open.status).toBe(403);
      const members = await call(`/api/plans/${plan.organise}/members`, { headers: { cookie: plan.owner } });
      expect(members.body).toMatchObject({ openLinks: { organise: false, review: false } });
      // The same write from Seatfold's own page goes through.
      const own = await call(
        `/api/plans/${plan.organise}/invites`,
        json(plan.owner, { role: 'reviewer' }, 'POST', { origin: server.url, 'sec-fetch-site': 'same-origin' }),
      );
      expect(own.status).toBe(201);
    });

    it('keeps only hashes of session and invite secrets', async () => {
      const plan = await ownedPlan('Hashes');
      const secret = plan.owner.slice('seatfold_session='.length);
      const inviteSecret = await invite(plan, 'organiser');
      const db = store.connection!();
      const sessions = await db.selectFrom('auth_sessions').select('token_hash').execute();
      const invites = await db.selectFrom('auth_invites').select('token_hash').execute();
      const all = JSON.stringify([sessions, invites]);
      expect(all).not.toContain(secret);
      expect(all).not.toContain(inviteSecret);
      expect(sessions.map((r: { token_hash: string }) => r.token_hash)).toContain(hashSecret(secret));
      expect(invites.map((r: { token_hash: string }) => r.token_hash)).toContain(hashSecret(inviteSecret));
    });

    it('lets a person change their own display name; the id stays', async () => {
      const plan = await ownedPlan('Rename', 'Anna');
      const before = (await call('/api/me', { headers: { cookie: plan.owner } })).body as { you: { id: string } };
      const after = await call('/api/me', json(plan.owner, { name: 'Anna Berg' }, 'PATCH'));
      expect(after.body).toMatchObject({ you: { id: before.you.id, name: 'Anna Berg' } });
      expect((await call('/api/me', json(plan.owner, { name: 'Anna\u202Eevil' }, 'PATCH'))).status).toBe(400);
    });

    it("counts invites against the address's storage budget: past it, 429 with Retry-After; a new browser still gets a session", async () => {
      // A budget of one byte: the first row spends it (into debt); the next is refused until it is paid off.
      const paced = await startApp(store, { authAttemptsPerMinute: 1000, limits: { storedBytesPerAddress: { perSecond: 0.001, burst: 1 } } });
      try {
        const made = await fetch(`${paced.url}/api/plans`, json(null, { name: 'Paced', yourName: 'Pia' }));
        expect(made.status).toBe(201);
        const owner = cookieOf(made)!;
        const organise = ((await made.json()) as { organisePath: string }).organisePath.slice(3);
        const ask = () => fetch(`${paced.url}/api/plans/${organise}/invites`, json(owner, { role: 'organiser' }));
        expect((await ask()).status).toBe(201);
        const refused = await ask();
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
        expect(await refused.json()).toMatchObject({
          code: 'ServerBusy',
          error: expect.stringMatching(/^Your network has stored an unusually large amount recently.*Try again in about \d+ minutes\.$/) as unknown,
        });
        // what opens a plan at all is bounded by its own rate, not by this budget
        expect((await fetch(`${paced.url}/api/session`, json(null, {}))).status).toBe(201);
      } finally {
        await paced.close();
      }
    });
  });
}

describe('claims are rate-limited per address', () => {
  it('answers 429 with Retry-After once an address has used its attempts', async () => {
    const [backend] = backends();
    const store = await backend!.open();
    const server = await startApp(store, { authAttemptsPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await fetch(`${server.url}/api/invites/${'x'.repeat(43)}/claim`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Guess' }),
        });
        statuses.push(res.status);
        if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      expect(statuses).toEqual([404, 404, 404, 429]);
    } finally {
      await server.close();
      await store.close();
    }
  });
});
