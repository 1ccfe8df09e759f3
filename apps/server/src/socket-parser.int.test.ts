import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '@seatfold/store';
import { PROTOCOL_VERSION } from '@seatfold/sync';
import { deep } from './fuzz-messages.ts';
import { MAX_NESTING, nestsWithin } from './socket-parser.ts';
import { ask, backends, connect, startApp, waitFor, type RunningApp } from './testing.ts';
import { createPlan } from './plans.ts';

describe('nestsWithin', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(nestsWithin('[{"a":[1,2]}]', 3)).toBe(true);
    expect(nestsWithin('[{"a":[1,2]}]', 2)).toBe(false);
    expect(nestsWithin('["[[[[{{{{", "\\"[[[["]', 1)).toBe(true);
    expect(nestsWithin(JSON.stringify(deep(MAX_NESTING - 1)), MAX_NESTING)).toBe(true);
    expect(nestsWithin(JSON.stringify(deep(MAX_NESTING + 1)), MAX_NESTING)).toBe(false);
  });
});

/** The socket layer refuses to parse a message nested too deep: its connection closes, nothing else notices. */
describe('deeply nested socket messages', () => {
  const [backend] = backends();
  let store: EventStore;
  let server: RunningApp;
  beforeAll(async () => {
    store = await backend!.open();
    server = await startApp(store);
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it('close their connection without being parsed; other connections and the server go on', async () => {
    const links = await createPlan(store, server.app.hub, 'Deep');
    const token = links.organisePath.slice(3);
    const join = { protocol: PROTOCOL_VERSION, token, clientId: 'c-ok', userName: 'Ok', lastVersion: 0 };
    const other = await connect(server.url);
    expect(await ask(other, 'join', join)).toMatchObject({ ok: true });
    const attacker = await connect(server.url);
    let reason = '';
    attacker.on('disconnect', (r: string) => (reason = r));
    // 2,000 levels (as deep as socket.io's client will encode; a hostile client writes the text itself, MBs of it)
    attacker.emit('batch', { commandId: 'deep', batchId: 'deep', kind: 'x', label: 'x', commands: [deep(2_000)] });
    await waitFor('the deep message’s connection closed', () => !attacker.connected);
    expect(reason).toBe('transport close');
    // A message of Seatfold's own depth still goes through, on the other connection.
    expect(
      await ask(other, 'command', { commandId: 'cmd-deep-ok', command: { type: 'addGuest', guestId: 'g-ok', name: 'Ok', party: '' } }),
    ).toMatchObject({ status: 'accepted' });
  });
});
