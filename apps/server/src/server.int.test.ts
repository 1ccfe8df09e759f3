import { evolve, initialState, stateHash, type Command } from '@seatfold/domain';
import type { EventStore } from '@seatfold/store';
import {
  PresenceList,
  PROTOCOL_VERSION,
  FrameReader,
  unframe,
  type EventFrame,
  type JoinReply,
  type JoinRequest,
  type Presence,
  type PresenceChange,
  type WireEvent,
} from '@seatfold/sync';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan, type PlanLinks } from './plans.ts';
import { ask, backends, connect, cookieOf, guestCookie, startApp, waitFor, type RunningApp, foldStore } from './testing.ts';

const tokenOf = (path: string) => path.replace(/^\/p\//, '');
const joinReq = (token: string, over: Partial<JoinRequest> = {}): JoinRequest => ({
  protocol: PROTOCOL_VERSION,
  token,
  clientId: `client-${Math.random().toString(36).slice(2)}`,
  userName: 'Tester',
  lastVersion: 0,
  ...over,
});
let ids = 0;
const cmd = (command: Command) => ({ commandId: `cmd-${++ids}-${Math.random().toString(36).slice(2, 8)}`, command });

/** A socket that records what the server pushes to it. */
function recorder(socket: Socket) {
  const events: WireEvent[] = [];
  const presence: Presence[][] = [];
  const online = new PresenceList(); // the server sends changes: keep the list they describe
  const protocolErrors: unknown[] = [];
  const frames = new FrameReader();
  socket.on('events', (f: EventFrame) => events.push(...frames.read(f)!));
  socket.on('presence', (c: PresenceChange) => presence.push(online.apply(c)));
  socket.on('protocol-error', (e: unknown) => protocolErrors.push(e));
  return { events, presence, protocolErrors };
}

const fold = foldStore;

for (const backend of backends()) {
  describe(`server over socket.io (${backend.name})`, () => {
    let store: EventStore;
    let server: RunningApp;
    const sockets: Socket[] = [];
    const open = async (cookie?: string) => {
      const s = await connect(server.url, { cookie });
      sockets.push(s);
      return s;
    };
    const newPlan = async (name = 'Gala'): Promise<PlanLinks & { organise: string; review: string }> => {
      const links = await createPlan(store, server.app.hub, name);
      return { ...links, organise: tokenOf(links.organisePath), review: tokenOf(links.reviewPath) };
    };

    beforeAll(async () => {
      store = await backend.open();
      server = await startApp(store);
    });
    afterAll(async () => {
      for (const s of sockets) s.disconnect();
      await server?.close();
      await store?.close();
    });

    it('answers a join with an unknown token with UnknownPlan, and the connection stays usable', async () => {
      const plan = await newPlan();
      const s = await open();
      const bad = await ask<JoinReply>(s, 'join', joinReq('no-such-token'));
      expect(bad).toEqual({ ok: false, error: { code: 'UnknownPlan', message: expect.stringMatching(/does not open any plan/) } });
      const good = await ask<JoinReply>(s, 'join', joinReq(plan.organise));
      expect(good).toMatchObject({ ok: true, planId: plan.planId, planName: 'Gala', role: 'organise', version: 1 });
      expect(s.connected).toBe(true);
    });

    it('answers malformed messages with clear errors, stays up, and the same socket works afterwards', async () => {
      const plan = await newPlan();
      const s = await open();
      const rec = recorder(s);
      const badJoin = async (payload: unknown, pattern: RegExp, code = 'BadMessage') => {
        const r = await ask<JoinReply>(s, 'join', payload);
        expect(r, JSON.stringify(payload)?.slice(0, 80)).toEqual({ ok: false, error: { code, message: expect.stringMatching(pattern) } });
      };
      await badJoin('hello', /Invalid join request/);
      await badJoin(42, /Invalid join request/);
      await badJoin(null, /Invalid join request/);
      await badJoin([1, 2], /Invalid join request/);
      await badJoin({}, /Invalid join request — protocol/);
      await badJoin({ ...joinReq(plan.organise), token: undefined }, /token/);
      await badJoin({ ...joinReq(plan.organise), extra: 1 }, /Invalid join request/);
      await badJoin(joinReq('x'.repeat(200_000)), /token/);
      await badJoin(joinReq(plan.organise, { userName: 'y'.repeat(100_000) }), /userName/);
      await badJoin(joinReq(plan.organise, { lastVersion: -1 }), /lastVersion/);
      await badJoin(joinReq(plan.organise, { protocol: PROTOCOL_VERSION + 1 }), /protocol/, 'ProtocolVersion');

      // commands before joining, and commands that are not even command messages
      const early = cmd({ type: 'addGuest', guestId: 'g1', name: 'Ann' });
      expect(await ask(s, 'command', early)).toEqual({
        commandId: early.commandId,
        status: 'rejected',
        error: { code: 'NotJoined', message: expect.any(String) },
      });
      expect(await ask(s, 'command', 'seat everybody')).toEqual({
        ok: false,
        error: { code: 'BadMessage', message: expect.stringMatching(/Invalid command message/) },
      });
      expect(await ask(s, 'command', null)).toMatchObject({ ok: false, error: { code: 'BadMessage' } });
      expect(await ask(s, 'command', { command: {} })).toMatchObject({
        ok: false,
        error: { code: 'BadMessage', message: expect.stringMatching(/commandId/) },
      });
      expect(await ask(s, 'command', { commandId: 'c-x', command: {}, what: 1 })).toMatchObject({
        commandId: 'c-x',
        status: 'rejected',
        error: { code: 'BadMessage' },
      });

      // unknown event names, with and without an acknowledgement
      expect(await ask(s, 'dropTables', { all: true })).toEqual({
        ok: false,
        error: { code: 'BadMessage', message: 'Unknown message type "dropTables".' },
      });
      s.emit('dropTables');
      await waitFor('protocol-error for an unknown event', () => rec.protocolErrors.length === 1);
      expect(rec.protocolErrors[0]).toMatchObject({ code: 'BadMessage', message: expect.stringMatching(/dropTables/) });
      // join and command without an acknowledgement cannot be answered: the error channel says so
      s.emit('join', joinReq(plan.organise));
      s.emit('command', cmd({ type: 'lockTable', tableId: 'x' }));
      await waitFor('protocol-errors for messages without ack', () => rec.protocolErrors.length === 3);
      expect(rec.protocolErrors.slice(1)).toEqual([
        { code: 'BadMessage', message: expect.stringMatching(/'join' must be sent with an acknowledgement/) },
        { code: 'BadMessage', message: expect.stringMatching(/'command' must be sent with an acknowledgement/) },
      ]);

      // now join for real and send invalid commands
      expect(await ask(s, 'join', joinReq(plan.organise))).toMatchObject({ ok: true });
      const invalid: [unknown, RegExp][] = [
        [{ type: 'seatGuest', guestId: 'g1' }, /tableId/],
        [{ type: 'explode' }, /Invalid command/],
        ['seatGuest', /Invalid command/],
        [null, /Invalid command/],
        [{ type: 'addTable', tableId: 't1', name: 'One', capacity: 0 }, /capacity/],
        [{ type: 'addGuest', guestId: 'g1', name: 'z'.repeat(50_000) }, /name/],
        [{ type: 'addGuest', guestId: 'g1', name: 'Ann', admin: true }, /Invalid command/],
      ];
      for (const [command, pattern] of invalid) {
        const r = await ask(s, 'command', { commandId: `inv-${++ids}`, command });
        expect(r, JSON.stringify(command)?.slice(0, 80)).toMatchObject({
          status: 'rejected',
          error: { code: 'InvalidCommand', message: expect.stringMatching(pattern) },
        });
      }
      // a domain refusal is an answer too
      expect(await ask(s, 'command', cmd({ type: 'seatGuest', guestId: 'nobody', tableId: 'nowhere' }))).toMatchObject({
        status: 'rejected',
        error: { code: 'UnknownGuest' },
      });
      expect(await store.streamVersion(plan.planId)).toBe(1);

      // and the same socket still works
      const ok = cmd({ type: 'addGuest', guestId: 'g1', name: 'Ann' });
      expect(await ask(s, 'command', ok)).toEqual({ commandId: ok.commandId, status: 'accepted', version: 2, events: 1 });
      await waitFor('the accepted event', () => rec.events.some((e) => e.meta.commandId === ok.commandId));
      expect(s.connected).toBe(true);
      expect(server.logs.filter((l) => /failed/.test(l))).toEqual([]);
    });

    it('answers a message sent with extra arguments through its acknowledgement', async () => {
      const plan = await newPlan();
      const s = await open();
      const r = await ask<JoinReply>(s, 'join', joinReq(plan.organise), 'unexpected');
      expect(r).toMatchObject({ ok: true, planId: plan.planId });
    });

    it('rejects commands from a review link with Forbidden and appends nothing', async () => {
      const plan = await newPlan();
      const s = await open();
      const joined = await ask<JoinReply>(s, 'join', joinReq(plan.review));
      expect(joined).toMatchObject({ ok: true, role: 'review' });
      const before = await store.streamVersion(plan.planId);
      for (const command of [{ type: 'addGuest', guestId: 'g1', name: 'Ann' }, { type: 'createPlan', name: 'Mine now' }, { type: 'nonsense' }]) {
        const c = { commandId: `rev-${++ids}`, command };
        expect(await ask(s, 'command', c)).toEqual({
          commandId: c.commandId,
          status: 'rejected',
          error: { code: 'Forbidden', message: expect.stringMatching(/review link/) },
        });
      }
      expect(await store.streamVersion(plan.planId)).toBe(before);
      expect(await store.findCommandOutcomes(plan.planId, ['rev-1'])).toEqual(new Map());
    });

    it('never shows plan B’s events to a client of plan A, also after switching plans on one socket', async () => {
      const a = await newPlan('A');
      const b = await newPlan('B');
      const sa = await open();
      const sb = await open();
      const ra = recorder(sa);
      const rb = recorder(sb);
      const ja = await ask<JoinReply>(sa, 'join', joinReq(a.organise));
      const jb = await ask<JoinReply>(sb, 'join', joinReq(b.organise));
      expect(ja).toMatchObject({ ok: true, planId: a.planId });
      expect(jb).toMatchObject({ ok: true, planId: b.planId });

      const onB = cmd({ type: 'addGuest', guestId: 'gb', name: 'Bea' });
      const onA = cmd({ type: 'addGuest', guestId: 'ga', name: 'Abe' });
      await ask(sb, 'command', onB);
      await ask(sa, 'command', onA);
      await waitFor('A’s event at A', () => ra.events.some((e) => e.meta.commandId === onA.commandId));
      await waitFor('B’s event at B', () => rb.events.some((e) => e.meta.commandId === onB.commandId));
      expect(ra.events.map((e) => e.meta.commandId)).toEqual([onA.commandId]);
      expect(rb.events.map((e) => e.meta.commandId)).toEqual([onB.commandId]);
      expect(ra.presence.flat().every((p) => p.clientId !== (jb.ok && jb.online[0]?.clientId))).toBe(true);

      // sa switches to B: from then on it sees B only; A's later events never reach it
      const switched = await ask<JoinReply>(sa, 'join', joinReq(b.organise, { lastVersion: 0 }));
      expect(switched).toMatchObject({ ok: true, planId: b.planId });
      const onA2 = cmd({ type: 'addGuest', guestId: 'ga2', name: 'Abe 2' });
      const onB2 = cmd({ type: 'addGuest', guestId: 'gb2', name: 'Bea 2' });
      const other = await open();
      await ask(other, 'join', joinReq(a.organise));
      await ask(other, 'command', onA2);
      await ask(sb, 'command', onB2);
      await waitFor('B’s second event at the switched socket', () => ra.events.some((e) => e.meta.commandId === onB2.commandId));
      expect(ra.events.map((e) => e.meta.commandId)).not.toContain(onA2.commandId);
    });

    it('keeps a socket in one plan only when it sends two joins at once', async () => {
      const a = await newPlan('A');
      const b = await newPlan('B');
      const s = await open();
      const rec = recorder(s);
      const [ra, rb] = await Promise.all([ask<JoinReply>(s, 'join', joinReq(a.organise)), ask<JoinReply>(s, 'join', joinReq(b.organise))]);
      // the later join wins; the earlier one is answered, but not subscribed
      expect(rb).toMatchObject({ ok: true, planId: b.planId });
      expect(ra.ok).toBe(false);
      const writer = await open();
      await ask(writer, 'join', joinReq(a.organise));
      const onA = cmd({ type: 'addGuest', guestId: 'ga', name: 'Abe' });
      await ask(writer, 'command', onA);
      const onB = cmd({ type: 'addGuest', guestId: 'gb', name: 'Bea' });
      expect(await ask(s, 'command', onB)).toMatchObject({ status: 'accepted' });
      await waitFor('B’s event', () => rec.events.some((e) => e.meta.commandId === onB.commandId));
      expect(rec.events.map((e) => e.meta.commandId)).toEqual([onB.commandId]);
      expect(await store.streamVersion(b.planId)).toBe(2);
    });

    it('broadcasts organiser A’s command to organiser B and reviewer C, with presence', async () => {
      const plan = await newPlan();
      const [sa, sb, sc] = [await open(), await open(), await open()];
      const [ra, rb, rc] = [recorder(sa), recorder(sb), recorder(sc)];
      await ask(sa, 'join', joinReq(plan.organise, { clientId: 'A', userName: 'Alice' }));
      await ask(sb, 'join', joinReq(plan.organise, { clientId: 'B', userName: 'Bob' }));
      const jc = await ask<JoinReply>(sc, 'join', joinReq(plan.review, { clientId: 'C', userName: 'Cleo' }));
      expect(jc.ok && jc.online.map((p) => [p.clientId, p.role]).sort()).toEqual([
        ['A', 'organise'],
        ['B', 'organise'],
        ['C', 'review'],
      ]);
      await waitFor('presence of all three at A', () => ra.presence.at(-1)?.length === 3);

      const c = cmd({ type: 'addTable', tableId: 't1', name: 'One', capacity: 4 });
      const reply = await ask(sa, 'command', c);
      expect(reply).toEqual({ commandId: c.commandId, status: 'accepted', version: 2, events: 1 });
      for (const [who, r] of [
        ['A', ra],
        ['B', rb],
        ['C', rc],
      ] as const) {
        await waitFor(`the event at ${who}`, () => r.events.length === 1);
        expect(r.events[0]).toMatchObject({
          version: 2,
          event: { type: 'TableAdded', tableId: 't1' },
          meta: { actor: 'Alice', commandId: c.commandId },
        });
      }

      sb.disconnect();
      await waitFor(
        'B gone from presence at A',
        () =>
          ra.presence
            .at(-1)
            ?.map((p) => p.clientId)
            .sort()
            .join() === 'A,C',
      );
      expect(
        rc.presence
          .at(-1)
          ?.map((p) => p.clientId)
          .sort(),
      ).toEqual(['A', 'C']);
    });

    it('leaves no ghost in presence or in the plan’s room when a client disconnects while its join is in flight', async () => {
      const plan = await newPlan();
      let release!: () => void;
      let lookups = 0;
      let answered = 0;
      const gate = new Promise<void>((r) => (release = r));
      const slow: EventStore = {
        ...store,
        kind: store.kind,
        findPlanByToken: async (token) => {
          lookups++;
          await gate;
          const found = await store.findPlanByToken(token);
          answered++;
          return found;
        },
      };
      const other = await startApp(slow);
      try {
        const s = await connect(other.url);
        s.emit('join', joinReq(plan.organise, { clientId: 'ghost' }), () => {});
        await waitFor('the join to reach the store', () => lookups === 1);
        s.disconnect();
        await waitFor('the server to see the disconnect', () => other.app.io.sockets.sockets.size === 0);
        release();
        const hub = other.app.hub;
        await waitFor('the late lookup', () => answered === 1);
        await new Promise((r) => setImmediate(r));
        await (await hub.room(plan.planId)).snapshot(); // a catch-up the late join queued has run by now
        await new Promise((r) => setImmediate(r));
        expect(hub.whoIsOnline(plan.planId)).toEqual([]);
        expect(other.app.io.sockets.adapter.rooms.get(plan.planId)?.size ?? 0).toBe(0);
      } finally {
        release();
        await other.close();
      }
    });

    describe('HTTP API', () => {
      const post = (body: string | undefined, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
        fetch(`${server.url}/api/plans`, { method: 'POST', headers, body });

      it('creates a plan and returns its links', async () => {
        const res = await post(JSON.stringify({ name: '  Summer party ' }));
        expect(res.status).toBe(201);
        expect(res.headers.get('content-type')).toMatch(/application\/json/);
        const body = (await res.json()) as PlanLinks;
        expect(body).toEqual({
          planId: expect.any(String),
          name: 'Summer party',
          organisePath: expect.stringMatching(/^\/p\/[\w-]+$/),
          reviewPath: expect.stringMatching(/^\/p\/[\w-]+$/),
        });
        expect(body.organisePath).not.toBe(body.reviewPath);
        // The creator is its owner (the answer's cookie); the plan opens to its members only.
        const owner = await open(cookieOf(res)!);
        expect(await ask(owner, 'join', joinReq(tokenOf(body.organisePath)))).toMatchObject({ ok: true, planName: 'Summer party', version: 1 });
        const stranger = await open();
        expect(await ask(stranger, 'join', joinReq(tokenOf(body.organisePath)))).toMatchObject({ ok: false, error: { code: 'Forbidden' } });
      });

      it.each([
        ['bad JSON', () => post('{"name": '), 400, /not valid JSON/],
        ['a missing name', () => post('{}'), 400, /name/],
        ['an empty name', () => post(JSON.stringify({ name: '   ' })), 400, /name/],
        ['a name that is not a string', () => post(JSON.stringify({ name: 42 })), 400, /name/],
        ['a too long name', () => post(JSON.stringify({ name: 'n'.repeat(201) })), 400, /name/],
        ['JSON null', () => post('null'), 400, /name/],
        ['a JSON array', () => post('[1]'), 400, /name/],
        ['no body', () => post(undefined), 400, /JSON/],
        ['the wrong content-type', () => post(JSON.stringify({ name: 'x' }), { 'content-type': 'text/plain' }), 415, /content-type/],
        ['no content-type', () => post(JSON.stringify({ name: 'x' }), {}), 415, /content-type/],
        ['a too large body', () => post(JSON.stringify({ name: 'x', pad: 'p'.repeat(200_000) })), 413, /larger than/],
      ] as const)('refuses %s with a 4xx and {error}', async (_what, request, status, pattern) => {
        const res = await request();
        expect(res.status).toBe(status);
        expect(res.headers.get('content-type')).toMatch(/application\/json/);
        expect(await res.json()).toEqual({ error: expect.stringMatching(pattern) });
      });

      it('refuses a too large chunked body (no content-length) with 413', async () => {
        const big = new TextEncoder().encode(JSON.stringify({ name: 'x', pad: 'p'.repeat(200_000) }));
        const body = new ReadableStream<Uint8Array>({
          start(c) {
            for (let i = 0; i < big.length; i += 16_384) c.enqueue(big.slice(i, i + 16_384));
            c.close();
          },
        });
        const res = await fetch(`${server.url}/api/plans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' });
        expect(res.status).toBe(413);
        expect(await res.json()).toEqual({ error: expect.stringMatching(/larger than/) });
      });

      it('shows both links to organisers, only the review link to reviewers', async () => {
        const plan = await newPlan('Links');
        const headers = { cookie: await guestCookie(server.url) };
        const org = await fetch(`${server.url}/api/links/${plan.organise}`, { headers });
        expect(org.status).toBe(200);
        expect(await org.json()).toMatchObject({
          role: 'organise',
          planId: plan.planId,
          name: 'Links',
          organisePath: plan.organisePath,
          reviewPath: plan.reviewPath,
          member: null,
        });
        const rev = await fetch(`${server.url}/api/links/${plan.review}`, { headers });
        expect(await rev.json()).toMatchObject({
          role: 'review',
          planId: plan.planId,
          name: 'Links',
          organisePath: null,
          reviewPath: plan.reviewPath,
        });
        const unknown = await fetch(`${server.url}/api/links/nope`, { headers });
        expect(unknown.status).toBe(404);
        expect(await unknown.json()).toEqual({ error: expect.stringMatching(/does not open any plan/) });
      });

      it('answers unknown API routes, and the switched-off demo, with 404 {error}', async () => {
        for (const [method, path] of [
          ['GET', '/api/nope'],
          ['DELETE', '/api/plans'],
          ['GET', '/api/plans'],
          ['GET', '/api/links/'],
          ['GET', '/api/links/has%20space'],
          ['GET', '/api/demo'],
        ]) {
          const res = await fetch(`${server.url}${path}`, { method });
          expect(res.status, `${method} ${path}`).toBe(404);
          expect(await res.json()).toEqual({ error: expect.any(String) });
        }
        const health = await fetch(`${server.url}/api/health`);
        expect(await health.json()).toMatchObject({ ok: true, store: store.kind });
      });

      it('serves no static files when there is no built web app', async () => {
        const res = await fetch(`${server.url}/p/whatever`);
        expect(res.status).toBe(404);
        expect(await res.json()).toEqual({ error: expect.stringMatching(/not built/) });
      });
    });

    it('keeps the state across a server restart over the same store', async () => {
      const place = await backend.persistent();
      try {
        let s1 = await place.open();
        let app1 = await startApp(s1);
        const res = await fetch(`${app1.url}/api/plans`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Restart' }),
        });
        const plan = (await res.json()) as PlanLinks;
        // The creator's session (its owner) survives the restart with the store: the auth tables live beside it.
        const owner = cookieOf(res)!;
        const sock = await connect(app1.url, { cookie: owner });
        await ask(sock, 'join', joinReq(tokenOf(plan.organisePath)));
        const commands: Command[] = [
          { type: 'addRoom', roomId: 'r1', name: 'Hall' },
          { type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'r1', label: 'P1', capacity: 4 },
          { type: 'addTable', tableId: 't1', name: 'One', capacity: 6 },
          { type: 'mapTable', tableId: 't1', physicalTableId: 'p1' },
          { type: 'addGuest', guestId: 'g1', name: 'Ann' },
          { type: 'seatGuest', guestId: 'g1', tableId: 't1' },
          { type: 'lockTable', tableId: 't1' },
        ];
        const sent = commands.map(cmd);
        for (const c of sent) expect(await ask(sock, 'command', c)).toMatchObject({ status: 'accepted' });
        const before = await (await app1.app.hub.room(plan.planId)).snapshot();
        sock.disconnect();
        await app1.close();
        await s1.close();

        s1 = await place.open();
        app1 = await startApp(s1);
        try {
          const again = await connect(app1.url, { cookie: owner });
          const joined = await ask<JoinReply>(again, 'join', joinReq(tokenOf(plan.organisePath)));
          expect(joined).toMatchObject({ ok: true, version: before.version });
          const state = initialState();
          if (joined.ok) for (const e of unframe(joined.events)) evolve(state, e.event);
          expect(stateHash(state)).toBe(stateHash(before));
          expect(stateHash(await fold(s1, plan.planId))).toBe(stateHash(before));
          // a command resent after the restart is answered from the store, not applied again
          const resent = await ask(again, 'command', { ...sent[5], resent: true });
          expect(resent).toEqual({ commandId: sent[5]!.commandId, status: 'accepted', version: 7, events: 1 });
          expect(await s1.streamVersion(plan.planId)).toBe(before.version);
          again.disconnect();
        } finally {
          await app1.close();
          await s1.close();
        }
      } finally {
        await place.dispose();
      }
    });
  });
}
