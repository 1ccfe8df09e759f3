import { rejectionOf, type ClientAction, type ClientPlanState, type Rejection } from './client-state.ts';
import type { GhostChannel } from './ghosts.ts';
import type {
  AccessChange,
  CommandAnswer,
  CommandReply,
  HistoryPage,
  Presence,
  ProtocolError,
  ReplyOf,
  RequestOf,
  RequestType,
  WireEvent,
} from './protocol.ts';

// The seams of the client engine (client-engine.ts): what it is given (a transport, a state holder, options) and
// what it offers beyond the live edit loop (SyncRequests), with the small helpers that go with them.

/** What the engine needs from a connection (socket.io in the app, an in-memory link in unit tests). */
export interface ClientTransport {
  /** Sends one request of the protocol and answers its reply (rejects when the connection drops or times out). */
  request<K extends RequestType>(type: K, req: RequestOf<K>): Promise<ReplyOf<K>>;
  /** handlers: called on (re)connect, on loss of the connection, and on server pushes */
  listen(handlers: {
    connected(): void;
    disconnected(): void;
    events(events: WireEvent[]): void;
    /** a push could not be read because one before it went missing: catch up by joining again */
    missed(): void;
    presence(online: Presence[]): void;
    /** the server's 'protocol-error' channel: a message it could not answer (a client bug, see protocol.ts) */
    protocolError(error: ProtocolError): void;
    /** the server changed this connection's role, or withdrew its access (role null) */
    access(change: AccessChange): void;
  }): () => void;
  readonly isConnected: boolean;
  /** the drag-ghost channel (absent: ghosts are neither sent nor seen) */
  readonly ghosts?: GhostChannel;
}

/** The requests a plan screen sends beyond the live edit loop, typed by the protocol's `Requests`. */
export interface SyncRequests {
  /** a page of past events, for time travel */
  history(req: RequestOf<'history'>): Promise<HistoryPage>;
  /** a page of the plan's batches, newest page first */
  batches(req: RequestOf<'batches'>): Promise<ReplyOf<'batches'>>;
  /** many commands applied all-or-nothing as one batch */
  batch(req: RequestOf<'batch'>): Promise<CommandReply>;
  /** take back a batch (or, with preview, say what that would do) */
  revert(req: RequestOf<'revert'>): Promise<CommandReply>;
  /** take back one of my commands (or, with preview, say what that would do) */
  undo(req: RequestOf<'undo'>): Promise<CommandReply>;
}

/** Thrown by a request made while the client is not joined: it needs a live connection. */
export class OfflineError extends Error {
  constructor() {
    super('Not connected to the server just now: this needs a live connection. Try again once the header says Connected.');
    this.name = 'OfflineError';
  }
}

/** A command-like answer as a CommandReply: a plain refusal (the request named no usable id) rejects that command. */
export function commandReplyOf(commandId: string, answer: CommandAnswer): CommandReply {
  return 'ok' in answer ? { commandId, status: 'rejected', error: answer.error } : answer;
}

/** Where the client's plan state lives: a Redux store in the browser, a bare reducer loop in tests. */
export interface StateHolder {
  getState: () => ClientPlanState;
  dispatch: (action: ClientAction) => void;
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
  /**
   * The server changed this client's role (the plan state's role follows), or withdrew its access (role null: the
   * client has stopped, and its status is 'failed' with a Forbidden error carrying the message).
   */
  onAccess?: (change: AccessChange) => void;
  /** a message the server could not answer (see 'protocol-error' in protocol.ts): a bug of this client, to log */
  onProtocolError?: (error: ProtocolError) => void;
}

/** A StateHolder without Redux, for tests and Node clients. */
export function bareHolder(
  reducer: (s: ClientPlanState | undefined, a: ClientAction) => ClientPlanState,
): StateHolder & { readonly rejections: Rejection[] } {
  let state = reducer(undefined, { type: '@@init' } as unknown as ClientAction);
  /** every command refused for good, oldest first (what an app would tell its user: `rejectionOf`) */
  const rejections: Rejection[] = [];
  return {
    getState: () => state,
    rejections,
    dispatch: (a) => {
      const r = rejectionOf(state, a);
      if (r) rejections.push(r);
      state = reducer(state, a);
    },
  };
}
