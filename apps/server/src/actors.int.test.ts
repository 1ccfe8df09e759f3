import { decide, evolve, initialState, type Command } from '@seatfold/domain';
import type { EventStore } from '@seatfold/store';
import {
  bareHolder,
  clientReducer,
  PROTOCOL_VERSION,
  socketTransport,
  SyncClient,
  type AccessChange,
  type Admit,
  type CommandAnswer,
  type ConnectionStatus,
  type JoinReply,
  type ProtocolError,
  type WireEvent,
  FrameReader,
  unframe,
  type EventFrame,
} from '@seatfold/sync';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan } from './plans.ts';
import { ask, backends, startApp, waitFor, type RunningApp } from './testing.ts';

/**
 * Actors are ids: a test authenticator admits each socket as the person its `x-test-person` header names (the id),
 * shown under the name the client asked for — so two people can pick the same name and still be told apart.
 */
const admitByHeader =
  (store: EventStore): Admit =>
  async (join, handshake) => {
    const found = await store.findPlanByToken(join.token);
    if (!found) return { error: { code: 'UnknownPlan', message: 'No such plan.' } };
    const person = handshake.headers['x-test-person'];
    if (typeof person !== 'string') return { error: { code: 'Forbidden', message: 'Sign in first.' } };
    return { planId: found.plan.id, planName: found.plan.name, role: found.role, actor: { id: person, name: join.userName } };
  };

const tokenOf = (path: string) => path.replace(/^\/p\//, '');
let n = 0;
const cid = (p: string) => `${p}-${++n}-${Date.now()}`;

interface Person {
  socket: Socket;
  events: WireEvent[];
  access: AccessChange[];
  join(token: string, userName: string): Promise<JoinReply>;
  command(command: Command): Promise<CommandAnswer>;
}

for (const backend of backends()) {
  describe(`actors are ids over socket.io (${backend.name})`, () => {
    let store: EventStore;
    let server: RunningApp;
    const sockets: Socket[] = [];

    const person = async (id: string): Promise<Person> => {
      const socket = io(server.url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { 'x-test-person': id } });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const p: Person = {
        socket,
        events: [],
        access: [],
        join: (token, userName) =>
          ask<JoinReply>(socket, 'join', { protocol: PROTOCOL_VERSION, token, clientId: cid('c'), userName, lastVersion: 0 }),
        command: (command) => ask<CommandAnswer>(socket, 'command', { commandId: cid('cmd'), command }),
      };
      const frames = new FrameReader();
      socket.on('events', (f: EventFrame) => p.events.push(...frames.read(f)!));
      socket.on('access', (change: AccessChange) => p.access.push(change));
      return p;
    };

    const newPlan = async () => {
      const commands: Command[] = [
        { type: 'createPlan', name: 'Gala' },
        { type: 'addTable', tableId: 't1', name: '1', capacity: 8 },
        ...['a', 'b', 'c', 'd'].map((g): Command => ({ type: 'addGuest', guestId: g, name: g.toUpperCase() })),
      ];
      const links = await createPlan(store, server.app.hub, 'Gala', { commands });
      return { planId: links.planId, organise: tokenOf(links.organisePath), review: tokenOf(links.reviewPath) };
    };

    beforeAll(async () => {
      store = await backend.open();
      server = await startApp(store, { admit: admitByHeader(store) });
    });
    afterAll(async () => {
      for (const s of sockets) s.disconnect();
      await server?.close();
      await store?.close();
    });

    it('records every event under the admitted id, and the join reply says who you are', async () => {
      const plan = await newPlan();
      const alice = await person('member:alice');
      const joined = await alice.join(plan.organise, 'Alice');
      expect(joined).toMatchObject({ ok: true, you: { id: 'member:alice', name: 'Alice' } });
      expect(joined.ok && joined.online[0]).toMatchObject({ actorId: 'member:alice', userName: 'Alice' });
      expect(await alice.command({ type: 'seatGuest', guestId: 'a', tableId: 't1' })).toMatchObject({ status: 'accepted' });
      const stored = await store.readStream(plan.planId);
      expect(stored.at(-1)!.meta).toMatchObject({ actor: 'Alice', actorId: 'member:alice' });
      // the set-up is the system's
      expect(stored[0]!.meta).toMatchObject({ actor: 'Seatfold', actorId: 'system' });
    });

    it('impersonation: somebody else under the same name can neither undo my change nor be recorded as me', async () => {
      const plan = await newPlan();
      const alice = await person('member:alice');
      const mallory = await person('member:mallory');
      expect(await alice.join(plan.organise, 'Alice')).toMatchObject({ ok: true });
      expect(await mallory.join(plan.organise, 'Alice')).toMatchObject({ ok: true, you: { id: 'member:mallory', name: 'Alice' } });

      const mine = cid('cmd');
      expect(await ask(alice.socket, 'command', { commandId: mine, command: { type: 'seatGuest', guestId: 'a', tableId: 't1' } })).toMatchObject({
        status: 'accepted',
      });
      const undo = await ask<CommandAnswer>(mallory.socket, 'undo', { commandId: cid('undo'), targetCommandId: mine });
      expect(undo).toMatchObject({ status: 'rejected', error: { code: 'Forbidden', message: 'You can only undo your own changes.' } });
      expect((await server.app.hub.room(plan.planId).then((r) => r.snapshot())).guests.a!.tableId).toBe('t1');

      expect(await mallory.command({ type: 'seatGuest', guestId: 'b', tableId: 't1' })).toMatchObject({ status: 'accepted' });
      const stored = await store.readStream(plan.planId);
      expect(stored.slice(-2).map((e) => [e.meta.actor, e.meta.actorId])).toEqual([
        ['Alice', 'member:alice'],
        ['Alice', 'member:mallory'],
      ]);
      // and Alice's own undo still works: the same name later in the stream is not hers
      expect(await ask(alice.socket, 'undo', { commandId: cid('undo'), targetCommandId: mine })).toMatchObject({ status: 'accepted' });
    });

    it('setAccess(null) closes every session of that person at once: no later event reaches them, the engine stops with the reason', async () => {
      const plan = await newPlan();
      const tab1 = await person('member:olga');
      const tab2 = await person('member:olga');
      const other = await person('member:pia');
      await tab1.join(plan.organise, 'Olga');
      await tab2.join(plan.organise, 'Olga');
      await other.join(plan.organise, 'Pia');

      // a SyncClient on a third tab of the same person: the engine surfaces the notice and stops
      const socket = io(server.url, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        extraHeaders: { 'x-test-person': 'member:olga' },
      });
      sockets.push(socket);
      const holder = bareHolder(clientReducer);
      const statuses: { status: ConnectionStatus; error?: ProtocolError }[] = [];
      const client = new SyncClient({
        transport: socketTransport(socket),
        holder,
        token: plan.organise,
        clientId: cid('tab'),
        userName: 'Olga',
        newId: () => cid('cmd'),
        onStatus: (status, error) => statuses.push({ status, error }),
      });
      client.start();
      await waitFor('the engine to be live', () => client.isLive);
      expect(holder.getState().you).toEqual({ id: 'member:olga', name: 'Olga' });

      const before = (await server.app.hub.room(plan.planId)).version;
      expect(server.app.hub.setAccess(plan.planId, 'member:olga', null)).toBe(3);
      expect(server.app.hub.whoIsOnline(plan.planId).map((p) => p.actorId)).toEqual(['member:pia']);
      expect(await other.command({ type: 'seatGuest', guestId: 'c', tableId: 't1' })).toMatchObject({ status: 'accepted' });
      await waitFor('the event at the other person', () => other.events.some((e) => e.version > before));
      await waitFor('the notices', () => tab1.access.length === 1 && tab2.access.length === 1);
      expect(tab1.access[0]).toEqual({ role: null, message: expect.stringMatching(/withdrawn/) });
      await waitFor('the sockets closed by the server', () => !tab1.socket.connected && !tab2.socket.connected && !socket.connected);
      expect([...tab1.events, ...tab2.events].filter((e) => e.version > before)).toEqual([]);
      await waitFor('the engine to stop', () => statuses.some((s) => s.status === 'failed'));
      expect(statuses.at(-1)).toEqual({ status: 'failed', error: { code: 'Forbidden', message: expect.stringMatching(/withdrawn/) } });
      expect(holder.getState().confirmed.version).toBe(before);
      client.stop();
    });

    it('setAccess(role) downgrades at once: the next command is Forbidden, presence and the engine show review', async () => {
      const plan = await newPlan();
      const bob = await person('member:bob');
      const carl = await person('member:carl');
      await carl.join(plan.organise, 'Carl');
      const socket = io(server.url, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        extraHeaders: { 'x-test-person': 'member:bob' },
      });
      sockets.push(socket);
      const holder = bareHolder(clientReducer);
      const changes: AccessChange[] = [];
      const client = new SyncClient({
        transport: socketTransport(socket),
        holder,
        token: plan.organise,
        clientId: cid('tab'),
        userName: 'Bob',
        newId: () => cid('cmd'),
        onAccess: (c) => changes.push(c),
      });
      client.start();
      await waitFor('the engine to be live', () => client.isLive);
      await bob.join(plan.organise, 'Bob');
      expect(holder.getState().role).toBe('organise');

      expect(server.app.hub.setAccess(plan.planId, 'member:bob', 'review')).toBe(2);
      expect(server.app.hub.setAccess(plan.planId, 'member:bob', 'review')).toBe(0); // nothing left to change
      expect(await bob.command({ type: 'seatGuest', guestId: 'd', tableId: 't1' })).toMatchObject({
        status: 'rejected',
        error: { code: 'Forbidden' },
      });
      await waitFor('the engine in review mode', () => holder.getState().role === 'review');
      expect(changes).toEqual([{ role: 'review', message: expect.stringMatching(/only review/) }]);
      expect(
        server.app.hub
          .whoIsOnline(plan.planId)
          .filter((p) => p.actorId === 'member:bob')
          .map((p) => p.role),
      ).toEqual(['review', 'review']);
      // still a reader: later events arrive
      expect(await carl.command({ type: 'seatGuest', guestId: 'd', tableId: 't1' })).toMatchObject({ status: 'accepted' });
      await waitFor('the event at the downgraded client', () => holder.getState().confirmed.guests.d?.tableId === 't1');
      // and back
      expect(server.app.hub.setAccess(plan.planId, 'member:bob', 'organise')).toBe(2);
      expect(await bob.command({ type: 'unseatGuest', guestId: 'd' })).toMatchObject({ status: 'accepted' });
      client.stop();
    });

    it('a legacy plan (events without actor ids) folds, shows its names; its commands are nobody’s to undo, its batches revert', async () => {
      const plan = { id: cid('legacy'), name: 'Old', organiseToken: cid('org'), reviewToken: cid('rev'), createdAt: Date.now() };
      await store.createPlan(plan);
      // Recorded the way Seatfold recorded them before actors had ids: a name, no id.
      const at = Date.now();
      const state = initialState();
      const eventsOf = (...commands: Command[]) =>
        commands.flatMap((c) => {
          const d = decide(state, c);
          if (!d.ok) throw new Error(d.error.message);
          for (const e of d.events) evolve(state, e);
          return d.events;
        });
      await store.append(plan.id, 0, [
        {
          commandId: 'old-setup',
          actor: 'Seatfold',
          actorId: null,
          batchId: null,
          at,
          events: eventsOf(
            { type: 'createPlan', name: 'Old' },
            { type: 'addTable', tableId: 't1', name: '1', capacity: 4 },
            { type: 'addGuest', guestId: 'g1', name: 'Lena' },
          ),
        },
      ]);
      const imported = eventsOf({ type: 'addGuest', guestId: 'g2', name: 'Max' });
      await store.append(plan.id, 3, [{ commandId: 'old-import', actor: 'Anna', actorId: null, batchId: 'old-batch', at, events: imported }], {
        batchId: 'old-batch',
        kind: 'guest-import',
        actor: 'Anna',
        actorId: null,
        at,
        label: 'Old import',
        fileName: null,
        fileHash: null,
        summary: null,
        reverts: null,
      });
      const seated = eventsOf({ type: 'seatGuest', guestId: 'g1', tableId: 't1' });
      await store.append(plan.id, 4, [{ commandId: 'old-seat', actor: 'Anna', actorId: null, batchId: null, at, events: seated }]);

      // "Anna" today is somebody with an id: the legacy Anna's commands are not hers
      const anna = await person('member:anna');
      const joined = await anna.join(plan.organiseToken, 'Anna');
      expect(joined.ok).toBe(true);
      if (!joined.ok) return;
      expect(unframe(joined.events).map((e) => [e.meta.actor, e.meta.actorId])).toEqual([
        ['Seatfold', null],
        ['Seatfold', null],
        ['Seatfold', null],
        ['Anna', null],
        ['Anna', null],
      ]);
      const room = await server.app.hub.room(plan.id);
      expect((await room.snapshot()).guests.g1).toMatchObject({ name: 'Lena', tableId: 't1' });
      const undo = await ask<CommandAnswer>(anna.socket, 'undo', { commandId: cid('undo'), targetCommandId: 'old-seat' });
      expect(undo).toMatchObject({ status: 'rejected', error: { code: 'Forbidden', message: expect.stringMatching(/revert its batch/) } });

      const batches = await ask<{ ok: true; batches: { batchId: string; actor: string; actorId: string | null }[] }>(anna.socket, 'batches', {});
      expect(batches.batches.map((b) => [b.batchId, b.actor, b.actorId])).toEqual([['old-batch', 'Anna', null]]);
      const revert = await ask<CommandAnswer>(anna.socket, 'revert', { commandId: cid('rev'), batchId: cid('b'), targetBatchId: 'old-batch' });
      expect(revert).toMatchObject({ status: 'accepted' });
      expect((await room.snapshot()).guests.g2).toBeUndefined();
      expect((await room.snapshot()).guests.g1).toMatchObject({ tableId: 't1' });
      expect((await store.listBatches(plan.id)).at(-1)).toMatchObject({ kind: 'revert', actor: 'Anna', actorId: 'member:anna' });
    });
  });
}
