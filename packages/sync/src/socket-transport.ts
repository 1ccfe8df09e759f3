import type { ClientTransport } from './client-engine.ts';
import { PresenceList } from './presence-list.ts';
import {
  FrameReader,
  type AccessChange,
  type EventFrame,
  type JoinReply,
  type PresenceChange,
  type ProtocolError,
  type ReplyOf,
  type RequestOf,
  type RequestType,
} from './protocol.ts';

/** The part of a socket.io-client Socket the transport uses (kept structural so sync needs no socket.io import). */
export interface SocketLike {
  readonly connected: boolean;
  emitWithAck(event: string, payload: unknown): Promise<unknown>;
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
  // `any[]`, not `never[]`: socket.io-client's generic off(ev?, listener?) only accepts a listener taking any[], and a
  // real Socket must be assignable to SocketLike without a cast.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: string, handler: (...args: any[]) => void): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  off(event: string, handler: (...args: any[]) => void): unknown;
  /** a message without acknowledgement (the drag ghost); without it the transport has no ghost channel */
  emit?(event: string, ...args: unknown[]): unknown;
}

/**
 * A ClientTransport over a socket.io-client socket. Requests time out so a lost ack never hangs a command. The
 * transport keeps the online list (the join reply's, updated by the server's presence changes) and hands it whole.
 */
export function socketTransport(socket: SocketLike, timeoutMs = 15_000): ClientTransport {
  const online = new PresenceList();
  const frames = new FrameReader();
  return {
    request<K extends RequestType>(type: K, req: RequestOf<K>): Promise<ReplyOf<K>> {
      // The one cast of the client side: the server answers each request with its reply type (see Requests).
      const send = () => socket.timeout(timeoutMs).emitWithAck(type, req) as Promise<ReplyOf<K>>;
      // A join's reply carries the online list: the presence changes that overtake it are applied on top.
      return type === 'join' ? online.join(send as () => Promise<JoinReply>) : send();
    },
    listen(h) {
      const onConnect = () => h.connected();
      const onDisconnect = () => h.disconnected();
      const onEvents = (f: EventFrame) => {
        const events = frames.read(f);
        if (events) h.events(events);
        else h.missed();
      };
      const onPresence = (change: PresenceChange) => h.presence(online.apply(change));
      const onProtocolError = (error: ProtocolError) => h.protocolError(error);
      const onAccess = (change: AccessChange) => h.access(change);
      socket.on('access', onAccess);
      socket.on('connect', onConnect);
      socket.on('disconnect', onDisconnect);
      socket.on('events', onEvents);
      socket.on('presence', onPresence);
      socket.on('protocol-error', onProtocolError);
      return () => {
        socket.off('connect', onConnect);
        socket.off('disconnect', onDisconnect);
        socket.off('events', onEvents);
        socket.off('presence', onPresence);
        socket.off('protocol-error', onProtocolError);
        socket.off('access', onAccess);
      };
    },
    get isConnected() {
      return socket.connected;
    },
    ghosts: socket.emit
      ? {
          send: (ghost) => void socket.emit?.('ghost', ghost),
          listen: (handler) => {
            socket.on('ghost', handler);
            return () => void socket.off('ghost', handler);
          },
        }
      : undefined,
  };
}
