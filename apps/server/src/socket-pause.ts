import { TokenBucket, type WorkMeter } from '@seatfold/sync/server';
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
  // Pauses for two reasons may overlap: reading resumes when the later one ends.
  const until = Date.now() + ms;
  if ((pausedUntil.get(socket) ?? 0) >= until) return;
  pausedUntil.set(socket, until);
  ws.pause();
  setTimeout(() => {
    if (pausedUntil.get(socket) !== until) return;
    pausedUntil.delete(socket);
    ws.resume?.();
  }, ms).unref();
}
const pausedUntil = new WeakMap<Socket, number>();

/**
 * Holds a connection to `rate` bytes a second after a burst (Limits.inboundBytesPerSocket), and with `address` (its
 * client address's meter, Limits.inboundBytesPerAddress) to what all connections of that address may send: every
 * message it sends is counted as it arrives, and past either budget the connection is not read (pauseReading) until
 * it is paid off.
 */
export function meterInbound(socket: Socket, rate: { perSecond: number; burst: number }, address?: WorkMeter): void {
  const bytes = new TokenBucket(rate.perSecond, rate.burst, Date.now());
  socket.conn.on('packet', (packet: { data?: unknown }) => {
    const size = typeof packet.data === 'string' ? packet.data.length : packet.data instanceof Uint8Array ? packet.data.byteLength : 0;
    if (size === 0) return;
    bytes.spend(Date.now(), size);
    address?.spend(size);
    const wait = Math.max(bytes.owing(Date.now()), address?.owing() ?? 0);
    if (wait > 0) pauseReading(socket, wait);
  });
}
