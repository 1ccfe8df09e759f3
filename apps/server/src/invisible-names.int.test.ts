/**
 * Names that draw nothing more than another name: "Hall" and "Hall" + U+200F (a right-to-left mark) read the same on
 * every screen and print, so the plan's one-name rules and its guests-of-one-name labels could not tell them apart.
 * The text rules refuse such characters at the boundary; this sends them over a real socket to a real store and
 * checks that the answer names the character and nothing was stored.
 */
import { PROTOCOL_VERSION } from '@seatfold/sync';
import type { EventStore } from '@seatfold/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan } from './plans.ts';
import { ask, backends, connect, startApp, type RunningApp } from './testing.ts';

for (const backend of backends()) {
  describe(`invisible characters in names (${backend.name})`, () => {
    let store: EventStore;
    let server: RunningApp;
    beforeAll(async () => {
      store = await backend.open();
      server = await startApp(store);
    });
    afterAll(async () => {
      await server?.close();
      await store?.close();
    });

    it('refuses a room, table or guest whose name differs from another only by a mark that draws nothing', async () => {
      const plan = await createPlan(store, server.app.hub, 'Marks', {
        commands: [
          { type: 'createPlan', name: 'Marks' },
          { type: 'addRoom', roomId: 'hall', name: 'Hall' },
          { type: 'addGuest', guestId: 'ann', name: 'Ann Braun' },
        ],
      });
      const socket = await connect(server.url);
      try {
        const token = plan.organisePath.replace(/^\/p\//, '');
        const joined = await ask<{ ok: boolean; version: number }>(socket, 'join', {
          protocol: PROTOCOL_VERSION,
          token,
          clientId: 'marks-1',
          userName: 'Probe',
          lastVersion: 0,
        });
        expect(joined.ok).toBe(true);
        const before = (await store.readStream(plan.planId)).length;
        const sent = [
          { type: 'addRoom', roomId: 'hall2', name: 'Hall\u200f' },
          { type: 'addRoom', roomId: 'hall3', name: '\u061cHall' },
          { type: 'addTable', tableId: 't1', name: '1\u00ad', capacity: 8 },
          { type: 'addGuest', guestId: 'ann2', name: 'Ann\u200e Braun' },
          { type: 'addGuest', guestId: 'ann3', name: 'Ann Braun\u3164' },
        ];
        for (const [i, command] of sent.entries()) {
          const reply = await ask<{ status: string; error?: { code: string; message: string } }>(socket, 'command', {
            commandId: `marks-${i}`,
            command,
          });
          expect(reply.status, JSON.stringify(command)).toBe('rejected');
          expect(reply.error?.code).toBe('InvalidCommand');
          expect(reply.error?.message).toMatch(/invisible or control characters \(found U\+[0-9A-F]{4}\)/);
        }
        expect(await store.readStream(plan.planId)).toHaveLength(before);
      } finally {
        socket.disconnect();
      }
    });
  });
}
