import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '@seatfold/store';
import { PROTOCOL_VERSION, unframe, type JoinReply, type PlanStateReply } from '@seatfold/sync';
import type { Socket } from 'socket.io-client';
import { ask, backends, connect, cookieOf, startApp, type RunningApp } from '../testing.ts';

type Session = {
  you: { id: string; name: string };
  plan?: (PlanStateReply & { state: { version: number; guests: Record<string, unknown> } }) | null;
};

/** A page opened at a plan link asks for its session and the plan's state in one request (POST /api/session with `plan`). */
for (const backend of backends()) {
  describe(`the plan's state with the session (${backend.name})`, () => {
    let store: EventStore;
    let server: RunningApp;
    let limited: RunningApp;
    const sockets: Socket[] = [];
    beforeAll(async () => {
      store = await backend.open();
      server = await startApp(store);
      // Two whole states per address, then one a second.
      limited = await startApp(store, { limits: { statesPerAddress: { perSecond: 1, burst: 2 } } });
    });
    afterAll(async () => {
      for (const s of sockets) s.disconnect();
      await limited?.close();
      await server?.close();
      await store?.close();
    });

    const post = async (url: string, path: string, body: unknown, cookie?: string, method = 'POST') => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Session & Record<string, unknown>, cookie: cookieOf(res) };
    };
    const ownedPlan = async (name: string) => {
      const r = await post(server.url, '/api/plans', { name, yourName: 'Olivia' });
      const body = r.body as unknown as { planId: string; organisePath: string; reviewPath: string };
      return { planId: body.planId, token: body.organisePath.slice(3), reviewToken: body.reviewPath.slice(3), owner: r.cookie! };
    };
    const join = async (cookie: string, token: string, lastVersion: number, url = server.url) => {
      const socket = await connect(url, { cookie });
      sockets.push(socket);
      return {
        socket,
        reply: await ask<Record<string, unknown>>(socket, 'join', {
          protocol: PROTOCOL_VERSION,
          token,
          clientId: `c-${sockets.length}`,
          userName: 'Ann',
          lastVersion,
        }),
      };
    };

    it('a first visit gets a guest session and the committed state it may see; its join then only catches up', async () => {
      const plan = await ownedPlan('State with the session');
      const owner = await join(plan.owner, plan.token, 0);
      const added = await ask<{ status: string }>(owner.socket, 'command', {
        commandId: 'ps-1',
        command: { type: 'addGuest', guestId: 'g-ps-1', name: 'Ann' },
      });
      expect(added.status).toBe('accepted');
      expect((await post(server.url, `/api/plans/${plan.token}/open-links`, { organise: false, review: true }, plan.owner, 'PUT')).status).toBe(200);

      const first = await post(server.url, '/api/session', { name: 'Ann', plan: plan.reviewToken });
      expect(first.status).toBe(201);
      expect(first.cookie).not.toBeNull();
      const state = first.body.plan!;
      expect(state).toMatchObject({
        planId: plan.planId,
        planName: 'State with the session',
        role: 'review',
        you: { id: first.body.you.id, name: 'Ann' },
      });
      expect(state.version).toBeGreaterThan(0);
      expect(state.state.version).toBe(state.version);
      expect(state.state.guests['g-ps-1']).toMatchObject({ name: 'Ann' });

      const guest = await join(first.cookie!, plan.reviewToken, state.version);
      expect(guest.reply).toMatchObject({ ok: true, version: state.version, snapshot: null });
      expect(unframe((guest.reply as Extract<JoinReply, { ok: true }>).events)).toEqual([]);

      // The same browser again, after a change: its session (200) and the new state.
      await ask(owner.socket, 'command', { commandId: 'ps-2', command: { type: 'addGuest', guestId: 'g-ps-2', name: 'Ben' } });
      const again = await post(server.url, '/api/session', { name: 'Ann', plan: plan.reviewToken }, first.cookie!);
      expect(again.status).toBe(200);
      expect(again.body.you.id).toBe(first.body.you.id);
      expect(again.body.plan!.version).toBe(state.version + 1);
      expect(again.body.plan!.state.guests['g-ps-2']).toBeDefined();
    });

    it('gives no state where the session may not open the plan, and keeps the session answer as it was', async () => {
      const plan = await ownedPlan('Members only');
      expect((await post(server.url, `/api/plans/${plan.token}/open-links`, { organise: false, review: false }, plan.owner, 'PUT')).status).toBe(200);
      const stranger = await post(server.url, '/api/session', { name: 'Eve', plan: plan.token });
      expect(stranger.status).toBe(201);
      expect(stranger.body).toMatchObject({ you: { name: 'Eve' }, plan: null });
      const unknown = await post(server.url, '/api/session', { plan: 'no-such-link' }, stranger.cookie!);
      expect(unknown).toMatchObject({ status: 200, body: { plan: null } });
      // Without `plan` the answer is the session alone.
      expect(Object.keys((await post(server.url, '/api/session', {}, stranger.cookie!)).body)).toEqual(['you']);
      // A token that is no token is refused with a sentence, not half answered.
      const bad = await post(server.url, '/api/session', { plan: '../api/demo' });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toBe('plan must be the token of a plan link (the part after /p/).');
    });

    it('bounds the whole states an address is sent: over the budget the session comes without the state, and a join that needs the whole plan waits', async () => {
      const plan = await ownedPlan('Busy opener');
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await post(limited.url, '/api/session', { plan: plan.token }, plan.owner));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(answers.map((a) => a.body.plan === null)).toEqual([false, false, true]);
      expect(answers[2]!.body.you.name).toBe('Olivia');
      // The same budget: a join that would be sent the whole plan (here: ahead of it, as after a reset store) is refused
      // with when to come back; a join that only catches up costs no state and goes through.
      const version = answers[0]!.body.plan!.version;
      const whole = await join(plan.owner, plan.token, version + 5, limited.url);
      expect(whole.reply).toMatchObject({ ok: false, error: { code: 'ServerBusy', retryAfterMs: expect.any(Number) } });
      expect((whole.reply as { error: { retryAfterMs: number } }).error.retryAfterMs).toBeLessThanOrEqual(1000);
      const caughtUp = await join(plan.owner, plan.token, version, limited.url);
      expect(caughtUp.reply).toMatchObject({ ok: true, version });
      // a second later the address has a state again: the whole plan comes
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const later = await join(plan.owner, plan.token, version + 5, limited.url);
      expect(later.reply).toMatchObject({ ok: true, snapshot: { version } });
    });
  });
}
