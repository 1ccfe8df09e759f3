import type { PlanEvent } from '@seatfold/domain/core';
import { describe, expect, it } from 'vitest';
import { FrameWriter, type WireEvent } from './protocol.ts';
import { socketTransport, type SocketLike } from './socket-transport.ts';

/** The socket.io-client surface the transport uses, driven by the test: `deliver` is a message from the server. */
function fakeSocket() {
  const handlers = new Map<string, (...args: unknown[]) => void>();
  const socket: SocketLike = {
    connected: true,
    emitWithAck: () => Promise.reject(new Error('not used')),
    timeout: () => ({ emitWithAck: () => Promise.reject(new Error('not used')) }),
    on: (event, h) => handlers.set(event, h),
    off: (event) => handlers.delete(event),
  };
  return { socket, deliver: (event: string, payload: unknown) => handlers.get(event)?.(structuredClone(payload)) };
}

const push = (version: number, actor: string): WireEvent[] => [
  {
    version,
    event: { type: 'GuestUnseated', guestId: `g-${version}` } as PlanEvent,
    meta: { actor, actorId: `person:${actor}`, commandId: `c-${version}`, batchId: null, at: 1_733_328_000_000 + version },
  },
];

describe('socketTransport reading pushes', () => {
  it('reads each push with the actors of the pushes before it, and reports one it cannot read instead of guessing', () => {
    const { socket, deliver } = fakeSocket();
    const got: WireEvent[][] = [];
    let missed = 0;
    socketTransport(socket).listen({
      connected: () => {},
      disconnected: () => {},
      events: (events) => got.push(events),
      missed: () => missed++,
      presence: () => {},
      protocolError: () => {},
      access: () => {},
    });
    const writer = new FrameWriter();
    deliver('events', writer.frame(push(1, 'Anna')));
    deliver('events', writer.frame(push(2, 'Anna'))); // Anna is not named again
    expect(got).toEqual([push(1, 'Anna'), push(2, 'Anna')]);
    writer.frame(push(3, 'Ben')); // lost on the way
    deliver('events', writer.frame(push(4, 'Ben')));
    expect(missed).toBe(1);
    expect(got).toHaveLength(2);
    // after the join that follows, the server starts a new list: read again
    writer.restart();
    deliver('events', writer.frame(push(5, 'Ben')));
    expect(got.at(-1)).toEqual(push(5, 'Ben'));
  });
});
