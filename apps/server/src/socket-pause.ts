import type { Socket } from 'socket.io';

/** What this module needs of engine.io's websocket transport: its `ws` WebSocket, which can stop reading. */
interface WebSocketTransport {
  name?: string;
  socket?: { pause?: () => void; resume?: () => void };
}

/**
 * Stops reading a socket.io connection for `ms` (the hub's Peer.pause, for a client that keeps sending what is
 * refused; the session pauses a connection once per window): `ws` pauses its TCP socket and the kernel's flow
 * control holds the client back until the pause ends. Only the websocket transport pauses (the web app uses no
 * other); on another transport, or without ws's pause, nothing happens.
 */
export function pauseReading(socket: Socket, ms: number): void {
  const transport = socket.conn.transport as unknown as WebSocketTransport;
  const ws = transport.name === 'websocket' ? transport.socket : undefined;
  if (!ws?.pause || !ws.resume) return;
  ws.pause();
  setTimeout(() => ws.resume?.(), ms).unref();
}
