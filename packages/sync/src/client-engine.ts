import type { Command } from '@seatfold/domain';
import { decodeJoined, type ClientAction, type ClientPlanState } from './client-state.ts';
import {
  PROTOCOL_VERSION,
  type CommandReply,
  type CommandRequest,
  type JoinReply,
  type JoinRequest,
  type Presence,
  type ProtocolError,
  type WireEvent,
} from './protocol.ts';

/** What the engine needs from a connection (socket.io in the app, an in-memory pipe in unit tests). */
export interface ClientTransport {
  join(req: JoinRequest): Promise<JoinReply>;
  command(req: CommandRequest): Promise<CommandReply>;
  /** any other request of the protocol ('history', 'batches', 'batch', 'revert', 'undo') */
  request<T>(type: string, payload: unknown): Promise<T>;
  /** handlers: called on (re)connect, on loss of the connection, and on server pushes */
  listen(handlers: {
    connected(): void;
    disconnected(): void;
    events(events: WireEvent[]): void;
    presence(online: Presence[]): void;
  }): () => void;
  readonly isConnected: boolean;
}

/** Where the client's plan state lives: a Redux store in the browser, a bare reducer loop in tests. */
export interface StateHolder {
  getState(): ClientPlanState;
  dispatch(action: ClientAction): void;
}

export type ConnectionStatus = 'connecting' | 'live' | 'offline' | 'failed';

export interface SyncClientOptions {
  transport: ClientTransport;
  holder: StateHolder;
  token: string;
  clientId: string;
  userName: string;
  newId: () => string;
  now?: () => number;
  onStatus?: (status: ConnectionStatus, error?: ProtocolError) => void;
  onPresence?: (online: Presence[]) => void;
}

/**
 * The client half of sync: joins with its last confirmed version, sends commands (optimistically applied by the
 * reducer), resends whatever is still pending after a reconnect, and re-joins when it sees a gap in versions.
 */
export class SyncClient {
  private readonly o: SyncClientOptions;
  private unlisten: (() => void) | null = null;
  private joined = false;
  private joining: Promise<void> | null = null;
  /** events pushed while a join is in flight: they can overtake its reply, so they are folded right after it */
  private early: WireEvent[] | null = null;
  private readonly inFlight = new Set<string>();

  constructor(options: SyncClientOptions) {
    this.o = options;
  }

  start(): void {
    this.unlisten = this.o.transport.listen({
      connected: () => void this.join(),
      disconnected: () => {
        this.joined = false;
        this.early = null;
        this.inFlight.clear();
        this.o.onStatus?.('offline');
      },
      events: (events) => this.receive(events),
      presence: (online) => this.o.onPresence?.(online),
    });
    if (this.o.transport.isConnected) void this.join();
    else this.o.onStatus?.('connecting');
  }

  stop(): void {
    this.unlisten?.();
    this.unlisten = null;
  }

  get isLive(): boolean {
    return this.joined;
  }

  /** Applies the command locally at once and sends it; returns its id. */
  issue(command: Command, batchId: string | null = null): string {
    const commandId = this.o.newId();
    this.o.holder.dispatch({ type: 'sync/issued', payload: { commandId, command, batchId, at: this.now() } });
    // The reducer refuses commands the local view already rejects; only send what became pending.
    if (this.joined && this.o.holder.getState().pending.some((p) => p.commandId === commandId)) void this.send(commandId, false);
    return commandId;
  }

  private now() {
    return this.o.now?.() ?? Date.now();
  }

  private receive(events: WireEvent[]) {
    if (!this.joined) {
      // The join reply carries everything up to its version; pushes after it may arrive before it (one socket read
      // can hold both), so keep them until the reply is folded. Without a join in flight, the next join catches up.
      this.early?.push(...events);
      return;
    }
    this.o.holder.dispatch({ type: 'sync/events', payload: events });
    this.resyncIfNeeded();
  }

  private resyncIfNeeded() {
    if (this.joined && this.o.holder.getState().needsResync) {
      this.joined = false;
      void this.join();
    }
  }

  private join(): Promise<void> {
    if (this.joining) return this.joining;
    this.joining = (async () => {
      this.early = [];
      try {
        this.o.onStatus?.('connecting');
        const reply = await this.o.transport.join({
          protocol: PROTOCOL_VERSION,
          token: this.o.token,
          clientId: this.o.clientId,
          userName: this.o.userName,
          lastVersion: this.o.holder.getState().confirmed.version,
        });
        if (!reply.ok) {
          this.o.onStatus?.('failed', reply.error);
          return;
        }
        this.o.holder.dispatch({ type: 'sync/joined', payload: decodeJoined(reply) });
        const early = this.early ?? [];
        this.early = null;
        if (early.length > 0) this.o.holder.dispatch({ type: 'sync/events', payload: early });
        this.o.onPresence?.(reply.online);
        this.joined = true;
        this.o.onStatus?.('live');
        // Resend everything still pending, in order. The server answers a known id with its original outcome.
        for (const p of this.o.holder.getState().pending) {
          if (p.ackedAt === null) void this.send(p.commandId, true);
        }
      } catch {
        // The connection dropped while joining: the next 'connected' joins again.
        this.joined = false;
      } finally {
        this.early = null;
        this.joining = null;
      }
      this.resyncIfNeeded();
    })();
    return this.joining;
  }

  private async send(commandId: string, resent: boolean) {
    if (this.inFlight.has(commandId)) return;
    const p = this.o.holder.getState().pending.find((x) => x.commandId === commandId);
    if (!p) return;
    this.inFlight.add(commandId);
    try {
      const reply = await this.o.transport.command({ commandId, command: p.command, batchId: p.batchId, resent });
      this.o.holder.dispatch({ type: 'sync/replied', payload: { reply, at: this.now() } });
    } catch {
      // Lost with the connection: it stays pending and is resent after the next join.
    } finally {
      this.inFlight.delete(commandId);
    }
  }
}

/** A StateHolder without Redux, for tests and Node clients. */
export function bareHolder(reducer: (s: ClientPlanState | undefined, a: ClientAction) => ClientPlanState): StateHolder {
  let state = reducer(undefined, { type: '@@init' } as unknown as ClientAction);
  return {
    getState: () => state,
    dispatch: (a) => {
      state = reducer(state, a);
    },
  };
}
