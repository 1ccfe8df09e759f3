import type { Command } from '@seatfold/domain';
import { newCommandId, PROTOCOL_VERSION, FrameReader, type EventFrame, type CommandReply, type JoinReply, type WireEvent } from '@seatfold/sync';
import { io, type Socket } from 'socket.io-client';
import { now } from './stats.ts';

/** Opens a websocket-only socket.io connection to a loopback port, with a guest session got as a browser gets one. */
/** Headers that make a request come from `address` (X-Forwarded-For; the server must trust one proxy), or none. */
export const fromAddress = (address?: string): Record<string, string> => (address ? { 'x-forwarded-for': address } : {});

/** A new guest session's cookie (`name=value`), asked for from `address`. */
export async function sessionCookie(port: number, address?: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...fromAddress(address) },
    body: '{}',
  });
  return (
    res.headers
      .getSetCookie()
      .find((c) => c.startsWith('seatfold_session='))
      ?.split(';')[0] ?? ''
  );
}

/** A socket.io client as a browser of `address` opens one, with a session of its own or the one `cookie` names. */
export async function connect(port: number, address?: string, session?: string): Promise<Socket> {
  const from = fromAddress(address);
  const cookie = session ?? (await sessionCookie(port, address));
  const socket = io(`http://127.0.0.1:${port}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { cookie, ...from },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/**
 * A client speaking Seatfold's wire protocol directly (join, then commands with acknowledgements), without the
 * optimistic client engine: the bench measures the server and the network, not the browser's reducer.
 */
export class ProtocolClient {
  /** called for every pushed event batch, with the local receive time */
  onEvents: ((events: WireEvent[], at: number) => void) | null = null;

  private constructor(
    readonly socket: Socket,
    readonly name: string,
  ) {
    // A push it cannot read (one went missing) would be a server bug: the bench fails on it rather than hide it.
    const frames = new FrameReader();
    socket.on('events', (f: EventFrame) => {
      const events = frames.read(f);
      if (!events) throw new Error(`${name}: a push continues an actor list this client has not read`);
      this.onEvents?.(events, now());
    });
  }

  /**
   * A client joined to the plan. A join refused as busy is sent again when the server says, as the browser does:
   * the server's own limits on whole states (Limits.stateBytesPerAddress) refuse a crowd of clients of one address
   * opening a big plan at once, and scenarios that keep those limits (noisy-neighbour) open their clients so.
   */
  static async open(port: number, token: string, name: string): Promise<ProtocolClient> {
    const c = new ProtocolClient(await connect(port), name);
    const giveUp = now() + 60_000;
    for (;;) {
      const reply = (await c.socket.emitWithAck('join', {
        protocol: PROTOCOL_VERSION,
        token,
        clientId: name,
        userName: name,
        lastVersion: 0,
      })) as JoinReply;
      if (reply.ok) return c;
      const wait = reply.error.code === 'ServerBusy' ? (reply.error.retryAfterMs ?? 1000) : Infinity;
      if (now() + wait > giveUp) {
        c.close();
        throw new Error(`join failed: ${reply.error.message}`);
      }
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  /** A command id as the browser makes it (time-ordered: where it lands in the store's id index matters). */
  nextId(): string {
    return newCommandId();
  }

  command(command: Command, commandId = this.nextId()): Promise<CommandReply> {
    return this.socket.emitWithAck('command', { commandId, command }) as Promise<CommandReply>;
  }

  close(): void {
    this.socket.close();
  }
}

export async function openClients(port: number, token: string, count: number, prefix: string): Promise<ProtocolClient[]> {
  const clients: ProtocolClient[] = [];
  // A few at a time: joining loads the room once, then each join is a cheap catch-up.
  for (let i = 0; i < count; i += 10) {
    clients.push(
      ...(await Promise.all(Array.from({ length: Math.min(10, count - i) }, (_, k) => ProtocolClient.open(port, token, `${prefix}${i + k}`)))),
    );
  }
  return clients;
}
