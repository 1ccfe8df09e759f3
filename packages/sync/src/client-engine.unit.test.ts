import { decide, evolve, initialState, stateHash, type Command } from '@seatfold/domain';
import { describe, expect, it } from 'vitest';
import { bareHolder, retryDelay, SyncClient, type ClientTransport } from './client-engine.ts';
import { clientReducer } from './client-state.ts';
import type { CommandAnswer, CommandRequest, JoinReply, JoinRequest, RequestOf, RequestType, WireEvent } from './protocol.ts';
import { frame } from './protocol.ts';

/** A transport the test drives by hand: join replies are released when the test says so. */
function manualTransport() {
  const server = initialState();
  const log: WireEvent[] = [];
  let handlers: Parameters<ClientTransport['listen']>[0] | null = null;
  const joins: { req: JoinRequest; resolve: (r: JoinReply) => void }[] = [];
  const batches: RequestOf<'batch'>[] = [];
  const run = (command: Command, commandId: string): WireEvent[] => {
    const d = decide(server, command);
    if (!d.ok) throw new Error(d.error.message);
    return d.events.map((event) => {
      evolve(server, event);
      const w = { version: server.version, event, meta: { actor: 'x', actorId: null, commandId, batchId: null, at: 0 } };
      log.push(w);
      return structuredClone(w);
    });
  };
  const replyTo = (req: JoinRequest, upTo: number): JoinReply => ({
    ok: true,
    planId: 'p',
    planName: 'P',
    role: 'organise',
    you: { id: 'name:x', name: 'x' },
    version: upTo,
    events: frame(structuredClone(log.filter((e) => e.version > req.lastVersion && e.version <= upTo))),
    snapshot: null,
    online: [],
    onlineCount: 0,
  });
  /** how the server answers a command (a test may replace it) */
  const answers = {
    command: async (req: CommandRequest): Promise<CommandAnswer> => ({ commandId: req.commandId, status: 'accepted', version: server.version }),
  };
  const request = (type: RequestType, req: RequestOf<RequestType>): Promise<unknown> => {
    if (type === 'join') return new Promise<JoinReply>((resolve) => joins.push({ req: req as JoinRequest, resolve }));
    if (type === 'command') return answers.command(req as CommandRequest);
    if (type === 'batch') {
      batches.push(req as RequestOf<'batch'>);
      return Promise.resolve({ commandId: (req as RequestOf<'batch'>).commandId, status: 'accepted', version: server.version });
    }
    return Promise.reject(new Error('not used by these tests'));
  };
  const transport: ClientTransport = {
    request: request as ClientTransport['request'],
    listen(h) {
      handlers = h;
      return () => (handlers = null);
    },
    isConnected: true,
  };
  return {
    server,
    log,
    run,
    replyTo,
    joins,
    batches,
    transport,
    answers,
    push: (e: WireEvent[]) => handlers!.events(e),
    missed: () => handlers!.missed(),
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('SyncClient', () => {
  it('keeps events that overtake the join reply (one socket read can hold both) and folds them after it', async () => {
    const t = manualTransport();
    t.run({ type: 'createPlan', name: 'P' }, 'a');
    const holder = bareHolder(clientReducer);
    const client = new SyncClient({ transport: t.transport, holder, token: 'tok', clientId: 'c', userName: 'U', newId: () => 'id' });
    client.start();
    expect(t.joins).toHaveLength(1);
    // The server subscribed us at version 1 and answered; then a commit at version 2 was pushed,
    // and the push is handled before the join reply.
    const reply = t.replyTo(t.joins[0]!.req, 1);
    t.push(t.run({ type: 'addTable', tableId: 't', name: 'T', capacity: 2 }, 'b'));
    t.joins[0]!.resolve(reply);
    await tick();
    expect(client.isLive).toBe(true);
    expect(holder.getState().confirmed.version).toBe(2);
    expect(stateHash(holder.getState().confirmed)).toBe(stateHash(t.server));
    expect(holder.getState().needsResync).toBe(false);
  });

  it('refuses a batch bigger than the server takes before sending it, saying how big; a smaller one is sent', async () => {
    const t = manualTransport();
    t.run({ type: 'createPlan', name: 'P' }, 'a');
    const client = new SyncClient({
      transport: t.transport,
      holder: bareHolder(clientReducer),
      token: 'tok',
      clientId: 'c',
      userName: 'U',
      newId: () => 'id',
    });
    client.start();
    t.joins[0]!.resolve(t.replyTo(t.joins[0]!.req, 1));
    await tick();
    const adds = (n: number, notes: string): Command[] =>
      Array.from({ length: n }, (_, i) => ({ type: 'addGuest', guestId: `g${i}`, name: `G ${i}`, notes }));
    const batch = (commandId: string, commands: Command[]) => client.batch({ commandId, batchId: commandId, kind: 'bulk', label: 'Many', commands });
    const big = await batch('big', adds(50, 'x'.repeat(100_000)));
    expect(big).toEqual({
      commandId: 'big',
      status: 'rejected',
      error: {
        code: 'BadMessage',
        message: 'This change is too big to send at once (50 changes, 5.0 MB; at most 4.0 MB). Make it in parts, room by room for example.',
      },
    });
    expect(t.batches).toEqual([]);
    expect(await batch('small', adds(50, 'x'))).toMatchObject({ commandId: 'small', status: 'accepted' });
    expect(t.batches.map((b) => b.commandId)).toEqual(['small']);
  });

  it('re-joins from its confirmed version when it sees a gap', async () => {
    const t = manualTransport();
    t.run({ type: 'createPlan', name: 'P' }, 'a');
    const holder = bareHolder(clientReducer);
    const client = new SyncClient({ transport: t.transport, holder, token: 'tok', clientId: 'c', userName: 'U', newId: () => 'id' });
    client.start();
    t.joins[0]!.resolve(t.replyTo(t.joins[0]!.req, 1));
    await tick();
    t.run({ type: 'addTable', tableId: 't1', name: 'T1', capacity: 2 }, 'b'); // lost
    t.push(t.run({ type: 'addTable', tableId: 't2', name: 'T2', capacity: 2 }, 'c'));
    expect(client.isLive).toBe(false);
    expect(t.joins).toHaveLength(2);
    expect(t.joins[1]!.req.lastVersion).toBe(1);
    t.joins[1]!.resolve(t.replyTo(t.joins[1]!.req, 3));
    await tick();
    expect(client.isLive).toBe(true);
    expect(stateHash(holder.getState().confirmed)).toBe(stateHash(t.server));
  });

  it('joins again when its transport meets a push it cannot read (one before it went missing)', async () => {
    const t = manualTransport();
    t.run({ type: 'createPlan', name: 'P' }, 'a');
    const holder = bareHolder(clientReducer);
    const client = new SyncClient({ transport: t.transport, holder, token: 'tok', clientId: 'c', userName: 'U', newId: () => 'id' });
    client.start();
    t.joins[0]!.resolve(t.replyTo(t.joins[0]!.req, 1));
    await tick();
    t.run({ type: 'addTable', tableId: 't1', name: 'T1', capacity: 2 }, 'b'); // its push is lost
    t.run({ type: 'addTable', tableId: 't2', name: 'T2', capacity: 2 }, 'c'); // its push cannot be read
    t.missed();
    expect(client.isLive).toBe(false);
    expect(t.joins).toHaveLength(2);
    expect(t.joins[1]!.req.lastVersion).toBe(1);
    t.missed(); // a second one while the join is under way asks for nothing more
    expect(t.joins).toHaveLength(2);
    t.joins[1]!.resolve(t.replyTo(t.joins[1]!.req, 3));
    await tick();
    expect(client.isLive).toBe(true);
    expect(stateHash(holder.getState().confirmed)).toBe(stateHash(t.server));
  });
});

describe('SyncClient retryable refusals', () => {
  const until = async (check: () => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  it('keeps a command refused as Unavailable/ServerBusy pending, without a rejection, and resends it until it lands once', async () => {
    const t = manualTransport();
    t.run({ type: 'createPlan', name: 'P' }, 'a');
    const sent: { commandId: string; resent: boolean }[] = [];
    let refusals = 0;
    t.answers.command = async (req) => {
      sent.push({ commandId: req.commandId, resent: req.resent ?? false });
      if (refusals < 3) {
        refusals++;
        const code = refusals === 2 ? 'ServerBusy' : 'Unavailable';
        return { commandId: req.commandId, status: 'rejected', error: { code, message: 'later', retryAfterMs: 5 } };
      }
      t.push(t.run(req.command as Command, req.commandId));
      return { commandId: req.commandId, status: 'accepted', version: t.server.version };
    };
    const holder = bareHolder(clientReducer);
    const client = new SyncClient({ transport: t.transport, holder, token: 'tok', clientId: 'c', userName: 'U', newId: () => 'cmd-1' });
    client.start();
    t.joins[0]!.resolve(t.replyTo(t.joins[0]!.req, 1));
    await tick();
    client.issue({ type: 'addTable', tableId: 't', name: 'T', capacity: 2 });
    await tick();
    // Refused once so far: still pending and still in the view, no rollback shown.
    expect(holder.getState().pending.map((p) => p.commandId)).toEqual(['cmd-1']);
    expect(holder.getState().view.tables.t).toBeDefined();
    await until(() => holder.getState().pending.length === 0);
    // Accepted on the resend: confirmed, never rolled back.
    expect(holder.getState().confirmed.tables.t).toBeDefined();
    expect(sent).toEqual([
      { commandId: 'cmd-1', resent: false },
      { commandId: 'cmd-1', resent: true },
      { commandId: 'cmd-1', resent: true },
      { commandId: 'cmd-1', resent: true },
    ]);
    expect(t.log.filter((e) => e.meta.commandId === 'cmd-1')).toHaveLength(1);
    expect(stateHash(holder.getState().confirmed)).toBe(stateHash(t.server));
    client.stop();
  });

  it('tries a join again when it is refused as Unavailable, instead of giving up', async () => {
    const t = manualTransport();
    t.run({ type: 'createPlan', name: 'P' }, 'a');
    const statuses: string[] = [];
    const holder = bareHolder(clientReducer);
    const client = new SyncClient({
      transport: t.transport,
      holder,
      token: 'tok',
      clientId: 'c',
      userName: 'U',
      newId: () => 'x',
      onStatus: (s) => statuses.push(s),
    });
    client.start();
    t.joins[0]!.resolve({ ok: false, error: { code: 'Unavailable', message: 'later', retryAfterMs: 5 } });
    await until(() => t.joins.length === 2);
    t.joins[1]!.resolve(t.replyTo(t.joins[1]!.req, 1));
    await until(() => client.isLive);
    expect(statuses).not.toContain('failed');
    client.stop();
  });

  it('spreads retries: the hint or an exponential backoff, with jitter', () => {
    expect(retryDelay(1, 1000, () => 0)).toBe(1000);
    expect(retryDelay(1, 1000, () => 1)).toBe(1500);
    expect(retryDelay(1, undefined, () => 0)).toBe(250);
    expect(retryDelay(3, undefined, () => 0)).toBe(1000);
    expect(retryDelay(40, undefined, () => 0)).toBe(15_000);
  });
});
