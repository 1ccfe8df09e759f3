import type { Command } from '@seatfold/domain/core';
import { GhostBook, GhostThrottle } from './ghosts.ts';
import { decodeJoined } from './client-state.ts';
import {
  type AccessChange,
  isRetryable,
  MAX_MESSAGE_BYTES,
  type CommandReply,
  PROTOCOL_VERSION,
  unframe,
  type Ghost,
  type HistoryPage,
  type ReplyOf,
  type RequestOf,
  type RequestType,
  type WireEvent,
} from './protocol.ts';
import { commandReplyOf, OfflineError, type SyncClientOptions, type SyncRequests } from './client-api.ts';

// The engine's seams (transport, state holder, options, OfflineError, bareHolder) live in client-api.ts.
export * from './client-api.ts';

/**
 * The client half of sync: joins with its last confirmed version, sends commands (optimistically applied by the
 * reducer), resends whatever is still pending after a reconnect, and re-joins when it sees a gap in versions. The
 * other requests of the protocol go through its typed methods (history, batches, batch, revert, undo).
 */
export class SyncClient implements SyncRequests {
  private readonly o: SyncClientOptions;
  private unlisten: (() => void) | null = null;
  private joined = false;
  private joining: Promise<void> | null = null;
  /** events pushed while a join is in flight: they can overtake its reply, so they are folded right after it */
  private early: WireEvent[] | null = null;
  private readonly inFlight = new Set<string>();
  /** retryable refusals so far, per command id (for the backoff) */
  private readonly attempts = new Map<string, number>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private joinAttempts = 0;
  /** other organisers' drags in progress, by clientId (subscribe to see them change) */
  readonly ghosts: GhostBook;
  private readonly ghostOut: GhostThrottle;
  private unlistenGhosts: (() => void) | null = null;

  constructor(options: SyncClientOptions) {
    this.o = options;
    this.ghosts = new GhostBook(() => this.now());
    this.ghostOut = new GhostThrottle((g) => {
      if (this.joined) this.o.transport.ghosts?.send(g);
    });
  }

  /** Shows my drag in progress to the plan's others (null: it ended). Sampled below the server's rate limit. */
  sendGhost(ghost: Ghost): void {
    if (this.joined) this.ghostOut.push(ghost);
  }

  start(): void {
    this.unlisten = this.o.transport.listen({
      connected: () => void this.join(),
      disconnected: () => {
        this.joined = false;
        this.ghosts.clear();
        this.early = null;
        this.inFlight.clear();
        this.o.onStatus?.('offline');
      },
      events: (events) => this.receive(events),
      missed: () => {
        // Its events are not lost: they are stored, and a join catches up with them (one in flight does already).
        if (!this.joined) return;
        this.joined = false;
        void this.join();
      },
      presence: (online) => this.o.onPresence?.(online),
      protocolError: (error) => this.o.onProtocolError?.(error),
      access: (change) => this.accessChanged(change),
    });
    this.unlistenGhosts = this.o.transport.ghosts?.listen((m) => this.ghosts.receive(m)) ?? null;
    if (this.o.transport.isConnected) void this.join();
    else this.o.onStatus?.('connecting');
  }

  stop(): void {
    this.unlisten?.();
    this.unlisten = null;
    this.unlistenGhosts?.();
    this.unlistenGhosts = null;
    this.ghosts.stop();
    this.ghostOut.stop();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private accessChanged(change: AccessChange) {
    if (change.role === null) {
      // Withdrawn: nothing more comes from the server, and nothing is sent (pending commands stay saved, unsent).
      this.stop();
      this.joined = false;
      this.o.onStatus?.('failed', { code: 'Forbidden', message: change.message });
    } else {
      this.o.holder.dispatch({ type: 'sync/role', payload: change.role });
    }
    this.o.onAccess?.(change);
  }

  /** Runs `f` after `ms` unless the client is stopped first. */
  private later(ms: number, f: () => void) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (this.unlisten) f();
    }, ms);
    this.timers.add(t);
  }

  get isLive(): boolean {
    return this.joined;
  }

  /** Sends one request of the protocol on the live connection; rejects with OfflineError while not joined. */
  request<K extends RequestType>(type: K, req: RequestOf<K>): Promise<ReplyOf<K>> {
    if (!this.joined || !this.unlisten) return Promise.reject(new OfflineError());
    return this.o.transport.request(type, req);
  }

  history = async (req: RequestOf<'history'>): Promise<HistoryPage> => {
    const reply = await this.request('history', req);
    return reply.ok ? { ...reply, events: unframe(reply.events) } : reply;
  };
  batches = (req: RequestOf<'batches'>) => this.request('batches', req);
  // A command-like request answers with its command's outcome: a refusal of the request rejects that command.
  batch = async (req: RequestOf<'batch'>): Promise<CommandReply> => {
    // Past the largest message the server takes, socket.io would drop the connection without an answer: say why here.
    const bytes = new TextEncoder().encode(JSON.stringify(req)).length;
    if (bytes > MAX_MESSAGE_BYTES - 1_000) {
      const mb = (n: number) => (n / 1e6).toFixed(1);
      return {
        commandId: req.commandId,
        status: 'rejected',
        error: {
          code: 'BadMessage',
          message: `This change is too big to send at once (${req.commands.length.toLocaleString('en')} changes, ${mb(bytes)} MB; at most ${mb(MAX_MESSAGE_BYTES)} MB). Make it in parts, room by room for example.`,
        },
      };
    }
    return commandReplyOf(req.commandId, await this.request('batch', req));
  };
  revert = async (req: RequestOf<'revert'>) => commandReplyOf(req.commandId, await this.request('revert', req));
  undo = async (req: RequestOf<'undo'>) => commandReplyOf(req.commandId, await this.request('undo', req));

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
        const reply = await this.o.transport.request('join', {
          protocol: PROTOCOL_VERSION,
          token: this.o.token,
          clientId: this.o.clientId,
          userName: this.o.userName,
          lastVersion: this.o.holder.getState().confirmed.version,
        });
        if (!reply.ok) {
          if (isRetryable(reply.error)) {
            // The server is busy or can't reach its database: try again later, still 'connecting'.
            this.o.onStatus?.('connecting', reply.error);
            this.later(retryDelay(++this.joinAttempts, reply.error.retryAfterMs), () => {
              if (!this.joined && this.o.transport.isConnected) void this.join();
            });
            return;
          }
          this.o.onStatus?.('failed', reply.error);
          return;
        }
        this.joinAttempts = 0;
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
      const answer = await this.o.transport.request('command', { commandId, command: p.command, batchId: p.batchId, resent });
      const reply = commandReplyOf(commandId, answer);
      this.o.holder.dispatch({ type: 'sync/replied', payload: { reply, at: this.now() } });
      if (reply.status === 'rejected' && isRetryable(reply.error)) this.retry(commandId, reply.error.retryAfterMs);
      else this.attempts.delete(commandId);
    } catch {
      // Lost with the connection: it stays pending and is resent after the next join. If the connection is still up
      // (the answer timed out), resend it later; the server answers a known id with its original outcome.
      if (this.joined) this.retry(commandId);
    } finally {
      this.inFlight.delete(commandId);
    }
  }

  /** Sends a still-pending command again (resent) after the server's hint or a backoff; never rolls it back. */
  private retry(commandId: string, hintMs?: number) {
    const attempt = (this.attempts.get(commandId) ?? 0) + 1;
    this.attempts.set(commandId, attempt);
    this.later(retryDelay(attempt, hintMs), () => {
      // After a reconnect the join resends everything pending; only resend here on the same live connection.
      if (this.joined) void this.send(commandId, true);
    });
  }
}

/**
 * How long to wait before retry number `attempt` (1, 2, …): the server's hint when it gave one, else an exponential
 * backoff from 250 ms up to 15 s; with jitter either way, so clients refused together don't come back together.
 */
export function retryDelay(attempt: number, hintMs?: number, random: () => number = Math.random): number {
  const base = hintMs !== undefined && hintMs >= 0 ? hintMs : Math.min(15_000, 250 * 2 ** Math.min(attempt - 1, 10));
  return Math.round(base * (1 + 0.5 * random()));
}
