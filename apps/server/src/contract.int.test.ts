/**
 * The socket contract end to end over real socket.io: the client engine's typed requests reach the session's
 * handler table and come back in the declared shapes, and the 'protocol-error' channel reaches the client.
 */
import type { EventStore } from '@seatfold/store';
import { bareHolder, clientReducer, OfflineError, socketTransport, SyncClient, type ProtocolError, type SyncRequests } from '@seatfold/sync';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan, type PlanLinks } from './plans.ts';
import { backends, connect, startApp, waitFor, type RunningApp } from './testing.ts';

const backend = backends()[0]!;
const token = (path: string) => path.replace(/^\/p\//, '');

describe(`the socket contract (${backend.name})`, () => {
  let store: EventStore;
  let server: RunningApp;
  let plan: PlanLinks;
  const opened: { socket: Socket; client: SyncClient }[] = [];

  beforeAll(async () => {
    store = await backend.open();
    server = await startApp(store);
    plan = await createPlan(store, server.app.hub, 'Contract', {
      commands: [
        { type: 'createPlan', name: 'Contract' },
        { type: 'addTable', tableId: 'T1', name: 'Table 1', capacity: 4 },
        { type: 'addGuest', guestId: 'G1', name: 'Ada' },
      ],
    });
  });
  afterAll(async () => {
    for (const o of opened) {
      o.client.stop();
      o.socket.disconnect();
    }
    await server?.close();
    await store?.close();
  });

  async function open(path: string, userName: string) {
    const socket = await connect(server.url, { autoConnect: false });
    const protocolErrors: ProtocolError[] = [];
    let n = 0;
    const client = new SyncClient({
      transport: socketTransport(socket, 30_000),
      holder: bareHolder(clientReducer),
      token: token(path),
      clientId: `${userName}-${Math.random().toString(36).slice(2)}`,
      userName,
      newId: () => `${userName}-${Date.now().toString(36)}-${++n}`,
      onProtocolError: (e) => protocolErrors.push(e),
    });
    opened.push({ socket, client });
    // Before the join, a request is refused at once: it needs a live connection.
    await expect(client.history({ afterVersion: 0, limit: 10 })).rejects.toBeInstanceOf(OfflineError);
    client.start();
    socket.connect();
    await waitFor('the join', () => client.isLive);
    return { socket, client, protocolErrors };
  }

  it('answers the typed requests in their declared shapes', { timeout: 120_000 }, async () => {
    const { client } = await open(plan.organisePath, 'Olga');
    const requests: SyncRequests = client;

    const history = await requests.history({ afterVersion: 0, limit: 100 });
    expect(history.ok && history.events.map((e) => e.event.type)).toEqual(['PlanCreated', 'TableAdded', 'GuestAdded']);
    // wire events carry exactly version, event and meta: no store columns
    if (history.ok) expect(Object.keys(history.events[0]!).sort()).toEqual(['event', 'meta', 'version']);

    const seated = await requests.batch({
      commandId: 'olga-b1',
      batchId: 'olga-batch-1',
      kind: 'restore',
      label: 'Seat Ada',
      commands: [{ type: 'seatGuest', guestId: 'G1', tableId: 'T1' }],
    });
    expect(seated).toMatchObject({ commandId: 'olga-b1', status: 'accepted' });

    const batches = await requests.batches({});
    expect(batches.ok && batches.batches.map((b) => b.batchId)).toContain('olga-batch-1');

    const preview = await requests.revert({ commandId: 'olga-rv0', batchId: 'olga-rv0', targetBatchId: 'olga-batch-1', preview: true });
    expect(preview).toMatchObject({ status: 'accepted', detail: { commands: 1, conflicts: [] } });
    const unknown = await requests.revert({ commandId: 'olga-rv1', batchId: 'olga-rv1', targetBatchId: 'no-such-batch' });
    expect(unknown).toMatchObject({ commandId: 'olga-rv1', status: 'rejected', error: { code: 'UnknownBatch' } });

    const undo = await requests.undo({ commandId: 'olga-u1', targetCommandId: 'olga-b1' });
    expect(undo).toMatchObject({ commandId: 'olga-u1', status: 'accepted' });
    const never = await requests.undo({ commandId: 'olga-u2', targetCommandId: 'olga-never-sent' });
    expect(never).toMatchObject({ commandId: 'olga-u2', status: 'rejected', error: { code: 'NothingToDo' } });
  });

  it('refuses organisers-only requests of a review link through the one guard, as the command’s outcome', { timeout: 120_000 }, async () => {
    const { client } = await open(plan.reviewPath, 'Rita');
    expect((await client.history({ afterVersion: 0, limit: 1 })).ok).toBe(true);
    for (const reply of [
      await client.batch({
        commandId: 'rita-b',
        batchId: 'rita-b',
        kind: 'restore',
        label: 'x',
        commands: [{ type: 'addGuest', guestId: 'G9', name: 'Zed' }],
      }),
      await client.revert({ commandId: 'rita-r', batchId: 'rita-r', targetBatchId: 'olga-batch-1' }),
      await client.undo({ commandId: 'rita-u', targetCommandId: 'olga-b1' }),
    ]) {
      expect(reply).toMatchObject({
        status: 'rejected',
        error: { code: 'Forbidden', message: 'This is a review link: it shows the plan but cannot change it.' },
      });
    }
  });

  it('surfaces the protocol-error channel through onProtocolError', { timeout: 120_000 }, async () => {
    const { socket, protocolErrors } = await open(plan.organisePath, 'Otto');
    socket.emit('history', { afterVersion: 0, limit: 1 }); // no acknowledgement: the server cannot answer it
    socket.emit('no-such-message');
    await waitFor('two protocol errors', () => protocolErrors.length >= 2);
    // (in either order: the server answers the unknown message at once, the request's handler a tick later)
    expect([...protocolErrors].sort((a, b) => a.message.localeCompare(b.message))).toEqual([
      { code: 'BadMessage', message: "'history' must be sent with an acknowledgement (emitWithAck)." },
      { code: 'BadMessage', message: 'Unknown message type "no-such-message".' },
    ]);
  });
});
