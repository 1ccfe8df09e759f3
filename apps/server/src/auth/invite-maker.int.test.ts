import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '@seatfold/store';
import { backends, cookieOf, startApp, type RunningApp } from '../testing.ts';

/**
 * An invite speaks for the owner who made it. Over real HTTP, on PGlite and (with DATABASE_URL) PostgreSQL: an owner
 * who is removed or demoted cannot come back by a link they made while they were one — and take the plan from the
 * owner who removed them.
 */
for (const backend of backends()) {
  describe(`invites of an owner who is no longer one (${backend.name})`, () => {
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

    const call = async (path: string, cookie: string | null, method = 'GET', body?: unknown) => {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown>, cookie: cookieOf(res) };
    };
    const invite = async (token: string, cookie: string, role: string) => {
      const res = await call(`/api/plans/${token}/invites`, cookie, 'POST', { role });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return (res.body as { path: string }).path.slice('/invite/'.length);
    };
    const claim = (secret: string, name: string, cookie: string | null = null) => call(`/api/invites/${secret}/claim`, cookie, 'POST', { name });

    for (const change of ['removed', 'demoted'] as const) {
      it(`an owner ${change} cannot come back as owner by an invite they made, nor take the plan`, async () => {
        const made = await call('/api/plans', null, 'POST', { name: `Coup ${change}`, yourName: 'Olga' });
        expect(made.status).toBe(201);
        const olga = made.cookie!;
        const token = (made.body as { organisePath: string }).organisePath.slice(3);
        const xaver = (await claim(await invite(token, olga, 'owner'), 'Xaver')).cookie!;
        // Xaver, an owner, keeps links of every role for later
        const kept = [await invite(token, xaver, 'owner'), await invite(token, xaver, 'organiser')];
        const olgaOwn = await invite(token, olga, 'reviewer');
        const members = (await call(`/api/plans/${token}/members`, olga)).body as { members: { personId: string; name: string }[] };
        const xaverId = members.members.find((m) => m.name === 'Xaver')!.personId;
        const changed =
          change === 'removed'
            ? await call(`/api/plans/${token}/members/${xaverId}`, olga, 'DELETE')
            : await call(`/api/plans/${token}/members/${xaverId}`, olga, 'PATCH', { role: 'reviewer' });
        expect(changed.status).toBe(200);

        // the list Olga sees no longer offers his links; hers stays
        const open = (await call(`/api/plans/${token}/members`, olga)).body as { invites: { createdBy: string }[] };
        expect(open.invites.map((i) => i.createdBy)).toEqual(['Olga']);
        // neither from his own browser nor from a fresh one
        for (const secret of kept) {
          expect((await claim(secret, 'Xaver', change === 'removed' ? xaver : null)).status).toBe(404);
          expect((await claim(secret, 'Xaver again')).status).toBe(404);
        }
        // and Olga is still the plan's owner
        const after = await call(`/api/plans/${token}/members`, olga);
        expect(after.status).toBe(200);
        expect((after.body as { members: { name: string; role: string }[] }).members).toContainEqual(
          expect.objectContaining({ name: 'Olga', role: 'owner' }),
        );
        expect((await claim(olgaOwn, 'Rita')).status).toBe(200);
      });
    }
  });
}
