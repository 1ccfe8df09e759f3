import { decide, evolve, initialState, type Command } from '@seatfold/domain';
import { describe, expect, it } from 'vitest';
import { clientReducer, initialClientState, rejectionOf } from './client-state.ts';
import type { WireEvent } from './protocol.ts';

/** Events as the server numbers them, from commands decided in order (each must be accepted). */
function stream() {
  const state = initialState();
  return (command: Command, actor: string, commandId: string): WireEvent[] => {
    const d = decide(state, command);
    if (!d.ok) throw new Error(`test setup: ${command.type} refused: ${d.error.message}`);
    return d.events.map((event) => {
      evolve(state, event);
      return { version: state.version, event, meta: { actor, actorId: `name:${actor}`, commandId, batchId: null, at: 0 } };
    });
  };
}

const setup: Command[] = [
  { type: 'createPlan', name: 'Gala' },
  { type: 'addTable', tableId: 'T1', name: '1', capacity: 4 },
  { type: 'addTable', tableId: 'T9', name: '9', capacity: 4 },
  { type: 'addGuest', guestId: 'G1', name: 'Ada' },
];

describe('a drop that went stale while it was pending', () => {
  it('is re-decided on the new confirmed state, left out of the view and never becomes a move', () => {
    const server = stream();
    const joined = setup.flatMap((c, i) => server(c, 'Setup', `s${i}`));
    let s = clientReducer(initialClientState(), {
      type: 'sync/joined',
      payload: {
        ok: true,
        planId: 'p',
        planName: 'Gala',
        role: 'organise',
        you: { id: 'name:Me', name: 'Me' },
        version: joined.length,
        events: joined,
        snapshot: null,
        online: [],
        onlineCount: 0,
      },
    });

    // Bob drops Ada (unseated when he picked her up) on table 1; it shows at once and is pending.
    s = clientReducer(s, {
      type: 'sync/issued',
      payload: { commandId: 'bob-1', command: { type: 'seatGuest', guestId: 'G1', tableId: 'T1', expectedTableId: null }, batchId: null, at: 1 },
    });
    expect(s.view.guests.G1!.tableId).toBe('T1');

    // Anna's seating of Ada at table 9 reaches the server first.
    s = clientReducer(s, { type: 'sync/events', payload: server({ type: 'seatGuest', guestId: 'G1', tableId: 'T9' }, 'Anna', 'anna-1') });
    expect(s.view.guests.G1!.tableId).toBe('T9');
    expect(s.view.tables.T1!.guestIds).toEqual([]);

    // The server refuses Bob's command the same way; the client reports it and Ada stays where Anna put her.
    const verdict = decide(s.confirmed, s.pending[0]!.command);
    expect(verdict.ok === false && verdict.error.code).toBe('Stale');
    const refused = {
      type: 'sync/replied',
      payload: {
        reply: { commandId: 'bob-1', status: 'rejected', error: verdict.ok ? { code: 'InvalidCommand', message: '' } : verdict.error },
        at: 2,
      },
    } as const;
    const rejection = rejectionOf(s, refused);
    s = clientReducer(s, refused);
    expect(s.pending).toEqual([]);
    expect(s.view.guests.G1!.tableId).toBe('T9');
    expect(rejection).toMatchObject({
      commandId: 'bob-1',
      error: { code: 'Stale', message: 'Ada was just seated at table “9” — drop again if you still want to move them.' },
    });
  });
});
