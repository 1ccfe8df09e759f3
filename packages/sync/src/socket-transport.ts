import type { ClientTransport } from './client-engine.ts';
import { PresenceList } from './presence-list.ts';
import type { CommandReply, JoinReply, PresenceChange, WireEvent } from './protocol.ts';

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
}

/**
 * A ClientTransport over a socket.io-client socket. Requests time out so a lost ack never hangs a command. The
 * transport keeps the online list (the join reply's, updated by the server's presence changes) and hands it whole.
 */
export function socketTransport(socket: SocketLike, timeoutMs = 15_000): ClientTransport {
  const online = new PresenceList();
  return {
    join: (req) => online.join(() => socket.timeout(timeoutMs).emitWithAck('join', req) as Promise<JoinReply>),
    command: (req) => socket.timeout(timeoutMs).emitWithAck('command', req) as Promise<CommandReply>,
    request: <T>(type: string, payload: unknown) => socket.timeout(timeoutMs).emitWithAck(type, payload) as Promise<T>,
    listen(h) {
      const onConnect = () => h.connected();
      const onDisconnect = () => h.disconnected();
      const onEvents = (events: WireEvent[]) => h.events(events);
      const onPresence = (change: PresenceChange) => h.presence(online.apply(change));
      socket.on('connect', onConnect);
      socket.on('disconnect', onDisconnect);
      socket.on('events', onEvents);
      socket.on('presence', onPresence);
      return () => {
        socket.off('connect', onConnect);
        socket.off('disconnect', onDisconnect);
        socket.off('events', onEvents);
        socket.off('presence', onPresence);
      };
    },
    get isConnected() {
      return socket.connected;
    },
  };
}
