import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '@seatfold/store';
import { PROTOCOL_VERSION } from '@seatfold/sync';
import type { Socket } from 'socket.io-client';
import { ask, authFor, backends, connect, cookieOf, guestCookie, startApp, waitFor, type RunningApp } from '../testing.ts';

type Joined = { ok: boolean; role?: string; you?: { id: string; name: string }; error?: { code: string; message: string } };
type Reply = { commandId?: string; status?: string; error?: { code: string; message: string } };

/** Who acts is decided by the server from the session, over HTTP and the socket, on PGlite (and PostgreSQL). */
for (const backend of backends()) {
  describe(`identity over HTTP and socket (${backend.name})`, () => {
    let store: EventStore;
    let server: RunningApp;
    const sockets: Socket[] = [];
    beforeAll(async () => {
      store = await backend.open();
      server = await startApp(store, { authAttemptsPerMinute: 1000, creationLimits: { perAddressPerMinute: 1000, totalPerMinute: 1000 } });
    });
    afterAll(async () => {
      for (const s of sockets) s.disconnect();
      await server?.close();
      await store?.close();
    });

    const post = async (path: string, body: unknown, cookie?: string, method = 'POST') => {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown>, cookie: cookieOf(res) };
    };
    const ownedPlan = async (name: string) => {
      const r = await post('/api/plans', { name, yourName: 'Olivia' });
      const body = r.body as { planId: string; organisePath: string };
      return { planId: body.planId, token: body.organisePath.slice(3), owner: r.cookie! };
    };
    /** A member as a browser becomes one: the owner invites, a browser without a session claims. */
    const member = async (plan: { token: string; owner: string }, role: string, name: string) => {
      const invite = await post(`/api/plans/${plan.token}/invites`, { role }, plan.owner);
      const claimed = await post(`/api/invites/${(invite.body.path as string).slice('/invite/'.length)}/claim`, { name });
      expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
      return { cookie: claimed.cookie!, id: (claimed.body.you as { id: string }).id };
    };
    const join = async (cookie: string, token: string, userName: string) => {
      const socket = await connect(server.url, { cookie });
      sockets.push(socket);
      const reply = await ask<Joined>(socket, 'join', {
        protocol: PROTOCOL_VERSION,
        token,
        clientId: `c-${Math.random().toString(36).slice(2)}`,
        userName,
        lastVersion: 0,
      });
      return { socket, reply };
    };
    let n = 0;
    const command = (socket: Socket, command: unknown) => ask<Reply>(socket, 'command', { commandId: `id-cmd-${Date.now()}-${++n}`, command });

    it('signing out closes the sockets of that session (a copied cookie’s too); the person’s other devices stay', async () => {
      const plan = await ownedPlan('Sign-out');
      const ann = await member(plan, 'organiser', 'Ann');
      // a second device of Ann's: a new-device session of her own (a new link, claimed elsewhere, is a move: not that)
      const laptop = await (await authFor(store)).createSession(ann.id);
      const stolen = await join(ann.cookie, plan.token, 'Ann'); // the same cookie, copied
      const own = await join(`seatfold_session=${laptop}`, plan.token, 'Ann');
      expect(stolen.reply).toMatchObject({ ok: true, role: 'organise' });
      const notices: unknown[] = [];
      stolen.socket.on('access', (n: unknown) => notices.push(n));
      expect((await post('/api/sign-out', {}, ann.cookie)).status).toBe(200);
      // the copied session's socket is told and closed; nothing it sends lands
      await waitFor('the signed-out socket closed', () => !stolen.socket.connected);
      expect(notices).toEqual([expect.objectContaining({ role: null })]);
      expect(await command(own.socket, { type: 'addGuest', guestId: 'g-so-2', name: 'Real' })).toMatchObject({ status: 'accepted' });
    });

    it('a planted guest session renewed at a claim closes its open sockets: they never gain the claim’s role', async () => {
      const made = await post('/api/plans', { name: 'Planted socket', yourName: 'Olivia' });
      const links = made.body as { organisePath: string; reviewPath: string };
      const [token, owner] = [links.organisePath.slice(3), made.cookie!];
      expect((await post(`/api/plans/${token}/open-links`, { organise: false, review: true }, owner, 'PUT')).status).toBe(200);
      // The attacker's guest session, planted in the victim's browser; the attacker keeps a socket on the open review link.
      const planted = await guestCookie(server.url);
      const attacker = await join(planted, links.reviewPath.slice(3), 'Vic');
      expect(attacker.reply).toMatchObject({ ok: true, role: 'review' });
      const notices: { role: string | null; message?: string }[] = [];
      attacker.socket.on('access', (n: { role: string | null }) => notices.push(n));
      // The victim claims an organiser invite in the browser holding the planted cookie.
      const invite = await post(`/api/plans/${token}/invites`, { role: 'organiser' }, owner);
      const claimed = await post(`/api/invites/${(invite.body.path as string).slice('/invite/'.length)}/claim`, { name: 'Vic' }, planted);
      expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
      expect(claimed.cookie).not.toBe(planted);
      // The planted session's socket was re-decided before the answer: closed, told to reload, never an organiser.
      await waitFor('the planted socket closed', () => !attacker.socket.connected);
      expect(notices).toEqual([{ role: null, message: expect.stringMatching(/reload the page/) }]);
      // The victim's own browser, reloaded with the renewed cookie, organises.
      const victim = await join(claimed.cookie!, token, 'Vic');
      expect(victim.reply).toMatchObject({ ok: true, role: 'organise', you: { name: 'Vic' } });
    });

    it('a member who picks another’s display name is still themselves: cannot undo their change, is recorded as themselves', async () => {
      const plan = await ownedPlan('Impersonation');
      const alice = await member(plan, 'organiser', 'Alice');
      const mallory = await member(plan, 'organiser', 'Mallory');
      const a = await join(alice.cookie, plan.token, 'Alice');
      expect(a.reply).toMatchObject({ ok: true, role: 'organise', you: { id: alice.id, name: 'Alice' } });
      const added = await ask<Reply>(a.socket, 'command', {
        commandId: 'imp-alice-1',
        command: { type: 'addGuest', guestId: 'g-imp-1', name: 'Ann' },
      });
      expect(added).toMatchObject({ status: 'accepted' });

      // Mallory joins calling herself "Alice": the server knows better.
      const m = await join(mallory.cookie, plan.token, 'Alice');
      expect(m.reply).toMatchObject({ ok: true, you: { id: mallory.id, name: 'Mallory' } });
      const undo = await ask<Reply>(m.socket, 'undo', { commandId: 'imp-mal-u1', targetCommandId: 'imp-alice-1' });
      expect(undo.status).toBe('rejected');
      expect((await (await server.app.hub.room(plan.planId)).snapshot()).guests['g-imp-1']).toBeDefined();

      const hers = await ask<Reply>(m.socket, 'command', { commandId: 'imp-mal-1', command: { type: 'addGuest', guestId: 'g-imp-2', name: 'Bob' } });
      expect(hers).toMatchObject({ status: 'accepted' });
      const events = await store.readStream<{ type: string; guestId?: string }>(plan.planId);
      const metaOf = (guestId: string) =>
        events.find((e) => e.event.guestId === guestId)!.meta as unknown as { actor: string; actorId: string | null };
      expect(metaOf('g-imp-1')).toMatchObject({ actorId: alice.id, actor: 'Alice' });
      expect(metaOf('g-imp-2')).toMatchObject({ actorId: mallory.id, actor: 'Mallory' });
      // Alice can still undo her own change.
      expect(await ask<Reply>(a.socket, 'undo', { commandId: 'imp-alice-u1', targetCommandId: 'imp-alice-1' })).toMatchObject({ status: 'accepted' });
    });

    it('revocation: the socket is closed at once, later joins, uploads and applies are refused, no later event reaches it', async () => {
      const plan = await ownedPlan('Revocation');
      const oskar = await member(plan, 'organiser', 'Oskar');
      const o = await join(oskar.cookie, plan.token, 'Oskar');
      expect(o.reply).toMatchObject({ ok: true, role: 'organise' });
      const owner = await join(plan.owner, plan.token, 'Olivia');
      expect(await command(o.socket, { type: 'addGuest', guestId: 'g-rev-1', name: 'Ann' })).toMatchObject({ status: 'accepted' });
      // An upload made while still a member, to apply after the revocation.
      const upload = await fetch(`${server.url}/api/plans/${plan.token}/uploads?name=g.csv`, {
        method: 'POST',
        headers: { cookie: oskar.cookie, 'content-type': 'application/octet-stream' },
        body: 'Name\nBen\n',
      });
      expect(upload.status).toBe(201);
      const { uploadId } = (await upload.json()) as { uploadId: string };

      let revoked = false;
      const after: string[] = [];
      o.socket.onAny((event: string) => revoked && event === 'events' && after.push(event));
      const res = await fetch(`${server.url}/api/plans/${plan.token}/members/${oskar.id}`, { method: 'DELETE', headers: { cookie: plan.owner } });
      expect(res.status).toBe(200);
      // The hub acted before the owner got the answer: the socket is closing (or closed) already.
      revoked = true;
      await waitFor('the revoked socket to close', () => o.socket.disconnected);

      const again = await join(oskar.cookie, plan.token, 'Oskar');
      expect(again.reply).toMatchObject({ ok: false, error: { code: 'Forbidden' } });
      const up = await fetch(`${server.url}/api/plans/${plan.token}/uploads?name=g.csv`, {
        method: 'POST',
        headers: { cookie: oskar.cookie, 'content-type': 'application/octet-stream' },
        body: 'Name\nCid\n',
      });
      expect(up.status).toBe(403);
      const apply = await fetch(`${server.url}/api/plans/${plan.token}/uploads/${uploadId}/apply`, {
        method: 'POST',
        headers: { cookie: oskar.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'guests' }),
      });
      expect(apply.status).toBe(403);

      // The owner keeps working; none of it reaches the revoked socket, and nothing of Oskar's is committed.
      const version = await store.streamVersion(plan.planId);
      expect(await command(owner.socket, { type: 'addGuest', guestId: 'g-rev-2', name: 'Dora' })).toMatchObject({ status: 'accepted' });
      expect(after).toEqual([]);
      const later = (await store.readStream(plan.planId, version)).map((e) => (e.meta as unknown as { actorId: string | null }).actorId);
      expect(later).not.toContain(oskar.id);
      expect((await (await server.app.hub.room(plan.planId)).snapshot()).guests['g-rev-2']).toBeDefined();
    });

    it('a downgraded organiser’s open socket reviews from then on', async () => {
      const plan = await ownedPlan('Downgrade');
      const otto = await member(plan, 'organiser', 'Otto');
      const o = await join(otto.cookie, plan.token, 'Otto');
      expect(await command(o.socket, { type: 'addGuest', guestId: 'g-down-1', name: 'Ann' })).toMatchObject({ status: 'accepted' });
      const res = await post(`/api/plans/${plan.token}/members/${otto.id}`, { role: 'reviewer' }, plan.owner, 'PATCH');
      expect(res.status).toBe(200);
      // The open socket follows at once: its very next command is refused.
      expect(await command(o.socket, { type: 'addGuest', guestId: 'g-down-2', name: 'Ben' })).toMatchObject({
        status: 'rejected',
        error: { code: 'Forbidden' },
      });
      const again = await join(otto.cookie, plan.token, 'Otto');
      expect(again.reply).toMatchObject({ ok: true, role: 'review', you: { id: otto.id } });
      expect(await command(again.socket, { type: 'addGuest', guestId: 'g-down-2', name: 'Ben' })).toMatchObject({
        status: 'rejected',
        error: { code: 'Forbidden' },
      });
      expect((await (await server.app.hub.room(plan.planId)).snapshot()).guests['g-down-2']).toBeUndefined();
    });

    it('a member’s sockets are re-decided as a new join would be: removal or a new role never gives more than their link does', async () => {
      for (const reviewOpen of [true, false]) {
        const created = await post('/api/plans', { name: `Removed reviewer ${reviewOpen}`, yourName: 'Olivia' });
        const paths = created.body as { planId: string; organisePath: string; reviewPath: string };
        const plan = { planId: paths.planId, token: paths.organisePath.slice(3), owner: created.cookie! };
        const reviewToken = paths.reviewPath.slice(3);
        // Anyone with the organise link may organise; Rita, a reviewer, has only ever had the review link.
        expect((await post(`/api/plans/${plan.token}/open-links`, { organise: true, review: reviewOpen }, plan.owner, 'PUT')).status).toBe(200);
        const rita = await member(plan, 'reviewer', 'Rita');
        const r = await join(rita.cookie, reviewToken, 'Rita');
        expect(r.reply).toMatchObject({ ok: true, role: 'review' });
        const told: { role: string | null; message: string }[] = [];
        r.socket.on('access', (c: { role: string | null; message: string }) => told.push(c));

        const res = await fetch(`${server.url}/api/plans/${plan.token}/members/${rita.id}`, { method: 'DELETE', headers: { cookie: plan.owner } });
        expect(res.status).toBe(200);
        if (reviewOpen) {
          // The open review link still lets her review, as it would let her join again; it never made her an organiser.
          expect(await command(r.socket, { type: 'addGuest', guestId: `g-rm-${reviewOpen}`, name: 'Eve' })).toMatchObject({
            status: 'rejected',
            error: { code: 'Forbidden' },
          });
          expect(told).toEqual([]);
          expect((await join(rita.cookie, reviewToken, 'Rita')).reply).toMatchObject({ ok: true, role: 'review' });
        } else {
          await waitFor('the removed reviewer’s socket to close', () => r.socket.disconnected);
          expect(told).toMatchObject([{ role: null, message: expect.stringMatching(/access to this plan was withdrawn/) }]);
        }
        expect((await (await server.app.hub.room(plan.planId)).snapshot()).guests[`g-rm-${reviewOpen}`]).toBeUndefined();
      }
    });

    it('an organiser made a reviewer while the organise link is open to all keeps organising by it, as a new join would', async () => {
      const created = await post('/api/plans', { name: 'Open downgrade', yourName: 'Olivia' });
      const paths = created.body as { planId: string; organisePath: string };
      const plan = { planId: paths.planId, token: paths.organisePath.slice(3), owner: created.cookie! };
      expect((await post(`/api/plans/${plan.token}/open-links`, { organise: true, review: false }, plan.owner, 'PUT')).status).toBe(200);
      const otto = await member(plan, 'organiser', 'Otto');
      const o = await join(otto.cookie, plan.token, 'Otto');
      expect((await post(`/api/plans/${plan.token}/members/${otto.id}`, { role: 'reviewer' }, plan.owner, 'PATCH')).status).toBe(200);
      expect(await command(o.socket, { type: 'addGuest', guestId: 'g-od-1', name: 'Ann' })).toMatchObject({ status: 'accepted' });
      expect((await join(otto.cookie, plan.token, 'Otto')).reply).toMatchObject({ ok: true, role: 'organise' });
    });

    it('switching an open link off withdraws the guests it let in at once; members and the other link stay', async () => {
      const created = await post('/api/plans', { name: 'Open links', yourName: 'Olivia' });
      const paths = created.body as { planId: string; organisePath: string; reviewPath: string };
      const plan = { planId: paths.planId, token: paths.organisePath.slice(3), owner: created.cookie! };
      const reviewToken = paths.reviewPath.slice(3);
      expect((await post(`/api/plans/${plan.token}/open-links`, { organise: true, review: true }, plan.owner, 'PUT')).status).toBe(200);
      const otto = await member(plan, 'organiser', 'Otto');
      const guestCookie = async () => (await post('/api/session', {})).cookie!;
      const gus = await join(await guestCookie(), plan.token, 'Gus');
      const rita = await join(await guestCookie(), reviewToken, 'Rita');
      const o = await join(otto.cookie, plan.token, 'Otto');
      expect([gus.reply.role, rita.reply.role, o.reply.role]).toEqual(['organise', 'review', 'organise']);
      const told = { gus: [] as unknown[], rita: [] as unknown[], otto: [] as unknown[] };
      gus.socket.on('access', (c: unknown) => told.gus.push(c));
      rita.socket.on('access', (c: unknown) => told.rita.push(c));
      o.socket.on('access', (c: unknown) => told.otto.push(c));

      const off = await post(`/api/plans/${plan.token}/open-links`, { organise: false, review: true }, plan.owner, 'PUT');
      expect(off.status).toBe(200);
      // Gus came by the organise link: told why and disconnected, without waiting for his next join.
      await waitFor('the guest of the closed link to be told', () => told.gus.length > 0);
      expect(told.gus[0]).toMatchObject({ role: null });
      await waitFor('the guest of the closed link to be disconnected', () => !gus.socket.connected);
      // A member keeps organising; the review link's guest keeps reviewing (one round trip proves nothing was sent).
      expect(await command(o.socket, { type: 'addGuest', guestId: 'g-open-1', name: 'Ann' })).toMatchObject({ status: 'accepted' });
      // A reply on Rita's own socket comes after anything the switch sent her.
      expect(await ask<{ ok: boolean }>(rita.socket, 'batches', {})).toMatchObject({ ok: true });
      expect(told.otto).toEqual([]);
      expect(told.rita).toEqual([]);
      expect(rita.socket.connected).toBe(true);
      // And the link stays shut for Gus's browser.
      const back = await join(await guestCookie(), plan.token, 'Gus');
      expect(back.reply).toMatchObject({ ok: false, error: { code: 'Forbidden' } });
    });

    it('a guest who joins under a new name each time is answered with it, but their row is written once a window', async () => {
      const created = await post('/api/plans', { name: 'Renames', yourName: 'Olivia' });
      const paths = created.body as { organisePath: string };
      const token = paths.organisePath.slice(3);
      expect((await post(`/api/plans/${token}/open-links`, { organise: true, review: true }, created.cookie!, 'PUT')).status).toBe(200);
      const cookie = (await post('/api/session', {})).cookie!;
      const first = await join(cookie, token, 'Gus');
      const id = first.reply.you!.id;
      expect(first.reply.you!.name).toBe('Gus');
      expect((await (await authFor(store)).person(id))?.name).toBe('Gus');
      for (const name of ['Gustav', 'Gustavo', 'Gussie']) {
        const again = await join(cookie, token, name);
        expect(again.reply.you).toEqual({ id, name });
      }
      // the stored name waits for the end of the window (10 s); the last one asked for is then written
      expect((await (await authFor(store)).person(id))?.name).toBe('Gus');
      // a name chosen on purpose meanwhile is written at once and is not overwritten by the held one
      expect((await post('/api/me', { name: 'Gustaf' }, cookie, 'PATCH')).status).toBe(200);
      expect((await (await authFor(store)).person(id))?.name).toBe('Gustaf');
    });

    it('a guest on a link who takes a member’s name, or Seatfold’s, is shown in the plan as a guest; the others are not marked', async () => {
      const created = await post('/api/plans', { name: 'Namesakes', yourName: 'Olivia' });
      const token = (created.body as { organisePath: string }).organisePath.slice(3);
      expect((await post(`/api/plans/${token}/open-links`, { organise: true, review: true }, created.cookie!, 'PUT')).status).toBe(200);
      await member({ token, owner: created.cookie! }, 'reviewer', 'Rita Rossi');
      const cookie = (await post('/api/session', {})).cookie!;
      // the owner's name in other case and spacing or with a look-alike letter, a member's in fullwidth letters or
      // with an accent, Seatfold's own
      for (const [wanted, shown] of [
        [' olivia ', 'olivia (guest)'],
        ['Ｒｉｔａ  Ｒｏｓｓｉ', 'Ｒｉｔａ  Ｒｏｓｓｉ (guest)'],
        ['\u041elivia', '\u041elivia (guest)'], // a Cyrillic О: reads as the owner's name
        ['Rïta Rossi', 'Rïta Rossi (guest)'],
        ['Seatfold', 'Seatfold (guest)'],
        ['Olivia B.', 'Olivia B.'],
      ]) {
        const { socket, reply } = await join(cookie, token, wanted!);
        expect(reply.you!.name, wanted).toBe(shown);
        // and what they change is recorded under it
        const done = await command(socket, { type: 'addTable', tableId: `t-${++n}`, name: `T ${n}`, capacity: 4 });
        expect(done, JSON.stringify(done)).toMatchObject({ status: 'accepted' });
        const events = await store.readStream((created.body as { planId: string }).planId);
        expect(events.at(-1)!.meta.actor).toBe(shown);
      }
      // the owner is themselves
      const owner = await join(created.cookie!, token, 'Olivia');
      expect(owner.reply.you!.name).toBe('Olivia');
    });

    it('a member may not claim or take a name that reads as another member’s: refused with whom and how, nothing used up', async () => {
      const created = await post('/api/plans', { name: 'Twins', yourName: 'Olivia' });
      const plan = { token: (created.body as { organisePath: string }).organisePath.slice(3), owner: created.cookie! };
      await member(plan, 'organiser', 'Rita Rossi');
      const invite = await post(`/api/plans/${plan.token}/invites`, { role: 'reviewer' }, plan.owner);
      const claim = (name: string) => post(`/api/invites/${(invite.body.path as string).slice('/invite/'.length)}/claim`, { name });
      for (const name of [' rita  rossi', 'Rïta Rossi', '\u041elivia']) {
        const refused = await claim(name);
        expect(refused.status, name).toBe(409);
        expect(refused.body.error).toMatch(/^Another member of “Twins” is called (Rita Rossi|Olivia)\. Choose a name people can tell apart/);
      }
      // the invite was not used up: claimed under a name of one's own
      const rita = await claim('Rita R.');
      expect(rita.status).toBe(200);
      // a rename into another member's name, of any plan one shares with them, is refused; one's own name in other case is not
      for (const name of ['Rita Rossi', 'OLIVIA']) {
        const refused = await post('/api/me', { name }, rita.cookie!, 'PATCH');
        expect(refused.status, name).toBe(409);
        expect(refused.body.error).toMatch(/^Another member of “Twins” is called/);
      }
      expect((await post('/api/me', { name: 'rita r.' }, rita.cookie!, 'PATCH')).status).toBe(200);
      expect((await post('/api/me', { name: 'Rita Rossi-Bauer' }, rita.cookie!, 'PATCH')).status).toBe(200);
      // nor by creating a plan under it
      const another = await post('/api/plans', { name: 'Another', yourName: 'Olivia' }, rita.cookie!);
      expect(another.status).toBe(409);
      expect(another.body.error).toMatch(/^Another member of “Twins” is called Olivia\./);
      // guests are not members: they are marked in the plan instead (above), and may call themselves anything
      const guest = (await post('/api/session', {})).cookie!;
      expect((await post('/api/me', { name: 'Olivia' }, guest, 'PATCH')).status).toBe(200);
    });

    it('renames are limited per address, each a database write; giving the same name again writes nothing and costs nothing', async () => {
      // a server of its own: every test here is one address
      const own = await startApp(store, { renamesPerMinute: 10, creationLimits: { perAddressPerMinute: 1000, totalPerMinute: 1000 } });
      const at = (path: string, body: unknown, cookie?: string) =>
        fetch(`${own.url}${path}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
          body: JSON.stringify(body),
        });
      try {
        const created = await fetch(`${own.url}/api/plans`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Renames limited', yourName: 'Rena' }),
        });
        const cookie = cookieOf(created)!;
        for (let i = 0; i < 30; i++) expect((await at('/api/me', { name: 'Rena' }, cookie)).status).toBe(200);
        const answers: number[] = [];
        for (let i = 0; i < 15; i++) answers.push((await at('/api/me', { name: `Rena ${i}` }, cookie)).status);
        expect(answers.filter((s) => s === 200).length).toBeGreaterThanOrEqual(10);
        expect(answers.at(-1)).toBe(429);
        const refused = await fetch(`${own.url}/api/me`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ name: 'Rena late' }),
        });
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(((await refused.json()) as { error: string }).error).toMatch(/Too many name changes from your address/);
        // the last accepted name is the one kept
        const last = answers.lastIndexOf(200);
        expect(await (await at('/api/me', {}, cookie)).json()).toMatchObject({ you: { name: `Rena ${last}` } });
      } finally {
        await own.close();
      }
    });

    it('a server that sends no e-mail takes no address: it could never be confirmed or used', async () => {
      const created = await post('/api/plans', { name: 'No mail', yourName: 'Olivia' });
      const res = await post('/api/me', { email: 'olivia@example.org' }, created.cookie!, 'PATCH');
      expect(res.status).toBe(409);
      expect((res.body as { error: string }).error).toMatch(/sends no e-mail/);
      expect((await post('/api/me', { name: 'Olivia O' }, created.cookie!, 'PATCH')).body).toMatchObject({
        you: { name: 'Olivia O', email: null, pendingEmail: null },
      });
      // Nor when an invite is claimed: refused before the invite is used up, so it still works without one.
      const token = (created.body as { organisePath: string }).organisePath.slice(3);
      const invite = await post(`/api/plans/${token}/invites`, { role: 'organiser' }, created.cookie!);
      const secret = (invite.body as { path: string }).path.slice('/invite/'.length);
      const withMail = await post(`/api/invites/${secret}/claim`, { name: 'Pia', email: 'pia@example.org' });
      expect(withMail.status).toBe(409);
      expect((await post(`/api/invites/${secret}/claim`, { name: 'Pia' })).status).toBe(200);
    });
  });
}
