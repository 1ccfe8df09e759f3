import type { ClientTransport } from '../client-engine.ts';
import { PresenceList } from '../presence-list.ts';
import {
  FrameReader,
  type AccessChange,
  type EventFrame,
  type Handshake,
  type PresenceChange,
  type ReplyOf,
  type RequestOf,
  type RequestType,
} from '../protocol.ts';
import type { Peer, Session, SyncHub } from '../server/hub.ts';

/** The handshake of an in-memory connection: no headers, a loopback address. */
export const TEST_HANDSHAKE: Handshake = Object.freeze({ headers: Object.freeze({}), address: '127.0.0.1' });

/**
 * An in-memory connection between a SyncClient and a SyncHub, for unit tests of sync logic: messages are
 * delivered asynchronously (optionally delayed), and the link can be cut and restored like a flaky network.
 * `handshake` is what the hub's `Admit` sees (e.g. a header naming the test's person).
 */
export function memoryLink(hub: SyncHub, opts: { delay?: () => number; handshake?: Handshake } = {}) {
  let handlers: Parameters<ClientTransport['listen']>[0] | null = null;
  let session: Session | null = null;
  let generation = 0;
  const online = new PresenceList();
  const later = (f: () => void) => {
    const ms = opts.delay?.() ?? 0;
    if (ms > 0) setTimeout(f, ms);
    else queueMicrotask(f);
  };

  const open = () => {
    const gen = ++generation;
    const frames = new FrameReader();
    const peer: Peer = {
      handshake: opts.handshake ?? TEST_HANDSHAKE,
      send: ((event: 'events' | 'presence' | 'access', payload: EventFrame | PresenceChange | AccessChange) => {
        const copy = structuredClone(payload);
        later(() => {
          if (gen !== generation || !handlers) return;
          if (event === 'events') {
            // delays may reorder messages (a real socket never does): a frame after a missing one is unreadable
            const events = frames.read(copy as EventFrame);
            if (events) handlers.events(events);
            else handlers.missed();
          } else if (event === 'access') handlers.access(copy as AccessChange);
          else handlers.presence(online.apply(copy as PresenceChange));
        });
      }) as Peer['send'],
    };
    session = hub.connect(peer);
    later(() => gen === generation && handlers?.connected());
  };

  const send = async <K extends RequestType>(type: K, payload: RequestOf<K>): Promise<ReplyOf<K>> => {
    const gen = generation;
    const s = session;
    if (!s) throw new Error('disconnected');
    const sent = structuredClone(payload);
    const reply = await new Promise<unknown>((resolve) => later(() => resolve(s.handle(type, sent))));
    await new Promise((r) => later(() => r(null)));
    if (gen !== generation || session !== s) throw new Error('disconnected');
    return structuredClone(reply) as ReplyOf<K>;
  };

  const transport: ClientTransport = {
    request<K extends RequestType>(type: K, req: RequestOf<K>): Promise<ReplyOf<K>> {
      // A join's reply carries the online list: the presence changes that overtake it are applied on top.
      return type === 'join' ? online.join(() => send('join', req as RequestOf<'join'>)) : send(type, req);
    },
    listen(h) {
      handlers = h;
      return () => {
        handlers = null;
      };
    },
    get isConnected() {
      return session !== null;
    },
  };

  open();
  return {
    transport,
    disconnect() {
      if (!session) return;
      session.close();
      session = null;
      generation++;
      handlers?.disconnected();
    },
    reconnect() {
      if (!session) open();
    },
  };
}
export { LinkCutError, ScheduledLink, ScheduledNetwork, type QueueRef } from './scheduled-network.ts';
