import type { Command } from '@seatfold/domain/core';
import {
  joinedFromState,
  newCommandId,
  OfflineError,
  socketTransport,
  SyncClient,
  type ClientPlanState,
  type Ghost,
  type PlanStateReply,
  type ReceivedGhost,
  type SyncRequests,
} from '@seatfold/sync';
import { io, type Socket } from 'socket.io-client';
import { takeEarlyState } from '../boot.ts';
import { fetchLinks } from './api.ts';
import { ApiError } from './http.ts';
import { ensureSession } from './auth.ts';
import { saveUserName } from './identity.ts';
import { notificationsActions } from './notifications.ts';
import { loadPending } from './persist.ts';
import { sessionActions } from './session.ts';
import type { AppStore } from './store.ts';

/** The open plan: commands go through `issue`; the other requests (history, batches, batch, revert, undo) reject while offline. */
export interface PlanConnection extends SyncRequests {
  /** the share token this connection opened */
  readonly token: string;
  issue(command: Command): string | null;
  /** my floor-plan drag in progress, for the others (null: it ended); dropped while offline */
  sendGhost(ghost: Ghost): void;
  /** this browser's name changed: the socket re-joins under it (the store's listener calls this) */
  renamed(name: string): void;
  /** other organisers' drags in progress, by clientId (for useSyncExternalStore; survives re-joins) */
  ghosts: { subscribe(listener: () => void): () => void; getSnapshot(): ReadonlyMap<string, ReceivedGhost> };
  close(): void;
}

const NO_GHOSTS: ReadonlyMap<string, ReceivedGhost> = new Map();

/** Runs `f` once, after the next frame has been painted (or after 100 ms: a page in a background tab paints none). */
function afterPaint(f: () => void) {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    f();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 100);
}

/**
 * Opens one plan: a socket.io socket (same origin, WebSocket only), a SyncClient on it with the Redux store as its
 * state holder, pending commands put back from localStorage first, so they are resent (app/listeners.ts saves them).
 */
export function openPlan(store: AppStore, token: string): PlanConnection {
  store.dispatch(sessionActions.opened({ token }));
  const holder = { getState: (): ClientPlanState => store.getState().plan, dispatch: store.dispatch };

  const restored = loadPending(localStorage, token);
  if (restored.length) store.dispatch({ type: 'sync/restored', payload: restored });

  let closed = false;
  // The state that came with the session's answer while the bundle loaded (boot.ts) is drawn at once, if it is in
  // before the socket's join answers; the join then only catches up from its version. A page holding unsent changes of a
  // previous visit waits for the join instead: finding their events in the history needs a live connection.
  const early = takeEarlyState(token);
  const adopt = (s: PlanStateReply | null) => {
    const { planId, pending } = store.getState().plan;
    if (s && !closed && planId === null && pending.length === 0) store.dispatch({ type: 'sync/joined', payload: joinedFromState(s) });
  };
  if (early?.now) adopt(early.now);
  else void early?.later.then(adopt);
  let sessionReady = false;
  let linksLoading = false;
  const loadLinks = () => {
    if (!sessionReady || linksLoading || closed || store.getState().session.links) return;
    linksLoading = true;
    fetchLinks(token)
      .then((links) => !closed && store.dispatch(sessionActions.links(links)))
      .catch((err: unknown) => {
        // A link that opens no plan gets an error screen; any other failure is retried once the socket is live.
        if (!closed && err instanceof ApiError && err.status === 404) store.dispatch(sessionActions.linkError(err.message));
      })
      .finally(() => (linksLoading = false));
  };

  let socket: Socket | null = null;
  let client: SyncClient | null = null;
  /** why this browser may no longer act on the plan (revoked, or refused at join), once the server said so */
  let refused: string | null = null;
  const refuse = (message: string) => {
    refused = message;
    store.dispatch(sessionActions.status({ status: 'failed', error: { code: 'Forbidden', message } }));
    disconnect();
  };
  // The ghost book belongs to the client of the moment; listeners stay with the connection across re-joins.
  const ghostListeners = new Set<() => void>();
  const ghostsChanged = () => ghostListeners.forEach((l) => l());
  let unlistenGhosts: (() => void) | null = null;

  /** A new socket and client; `open` false leaves the socket closed (commands issued meanwhile wait as pending). */
  const connect = (open = true) => {
    const { clientId, userName } = store.getState().session;
    socket = io({ transports: ['websocket'], autoConnect: false });
    socket.on('connect_error', () => {
      const { status } = store.getState().session;
      if (status === 'connecting' || status === 'live') store.dispatch(sessionActions.status({ status: 'offline' }));
    });
    client = new SyncClient({
      transport: socketTransport(socket),
      holder,
      token,
      clientId,
      userName,
      newId: newCommandId,
      onStatus: (status, error) => {
        store.dispatch(sessionActions.status({ status, error }));
        if (status === 'live') loadLinks();
        if (status === 'failed' && error?.code === 'UnknownPlan') store.dispatch(sessionActions.linkError(error.message));
        if (status === 'failed' && error?.code === 'Forbidden') refused = error.message;
      },
      onPresence: (online) => store.dispatch(sessionActions.presence(online)),
      // The owner changed my role while I am here: the board follows at once (sync/role), and a notice says why.
      onAccess: (change) => {
        if (change.role !== null) store.dispatch(notificationsActions.notice({ text: change.message, tone: 'info' }));
      },
      // The server could not answer a message of ours: a bug of this page, not the planner's. Worth a line in the console.
      onProtocolError: (error) =>
        error.code === 'Forbidden' ? refuse(error.message) : console.warn(`Seatfold server: ${error.code}: ${error.message}`),
    });
    unlistenGhosts = client.ghosts.subscribe(ghostsChanged);
    client.start();
    if (open) socket.connect();
    ghostsChanged();
  };
  const disconnect = () => {
    unlistenGhosts?.();
    unlistenGhosts = null;
    client?.stop();
    socket?.removeAllListeners();
    socket?.disconnect();
    client = null;
    socket = null;
    ghostsChanged();
  };
  // Presence carries the name given at join: a new name re-joins (pending commands survive in the store).
  let lastName = store.getState().session.userName;

  // The browser says its network is gone. A socket that has not noticed (nothing tells it until no ping came for the
  // server's heartbeat, up to 20 s: HEARTBEAT in apps/server/src/app.ts) would keep the header at "Connected" while the changes made meanwhile only wait:
  // it is dropped now, and the new one says Offline at once and connects by itself when the network is back.
  const networkLost = () => {
    if (closed || refused || !sessionReady || !socket?.connected) return;
    disconnect();
    connect();
  };
  window.addEventListener('offline', networkLost);

  // The server decides who we are from the session cookie: get one first (a guest identity on an open link, kept
  // per browser), then join. A member's name is the one the server holds; a guest's is the one chosen here.
  ensureSession(lastName)
    .then(({ you }) => {
      if (closed || !you.member || you.name === store.getState().session.userName) return;
      lastName = you.name;
      saveUserName(you.name);
      store.dispatch(sessionActions.renamed(you.name));
    })
    .catch(() => {
      // Unreachable: the socket says offline and retries; a join without a session is refused with the reason.
    })
    .finally(() => {
      if (closed) return;
      sessionReady = true;
      connect(false);
      // A plan drawn from the session's answer goes on screen first: the socket (its constructor alone takes
      // milliseconds) and the links request wait for that frame. Otherwise the socket is all there is to wait for.
      const open = () => {
        if (closed) return;
        loadLinks();
        socket?.connect();
      };
      if (store.getState().plan.planId !== null) afterPaint(open);
      else open();
    });

  const connection: PlanConnection = {
    token,
    issue(command) {
      if (refused) {
        // No longer allowed: the change is refused here, with the server's sentence, instead of waiting forever.
        const commandId = newCommandId();
        store.dispatch({ type: 'sync/issued', payload: { commandId, command, batchId: null, at: Date.now() } });
        store.dispatch({
          type: 'sync/replied',
          payload: { reply: { commandId, status: 'rejected', error: { code: 'Forbidden', message: refused } }, at: Date.now() },
        });
        return commandId;
      }
      return client ? client.issue(command) : null;
    },
    sendGhost: (ghost) => client?.sendGhost(ghost),
    ghosts: {
      subscribe(listener) {
        ghostListeners.add(listener);
        return () => void ghostListeners.delete(listener);
      },
      getSnapshot: () => client?.ghosts.getSnapshot() ?? NO_GHOSTS,
    },
    // The client of the moment (a new name re-joins on a new one); it rejects with OfflineError while not live.
    history: (req) => (client ? client.history(req) : Promise.reject(new OfflineError())),
    batches: (req) => (client ? client.batches(req) : Promise.reject(new OfflineError())),
    batch: (req) => (client ? client.batch(req) : Promise.reject(new OfflineError())),
    revert: (req) => (client ? client.revert(req) : Promise.reject(new OfflineError())),
    undo: (req) => (client ? client.undo(req) : Promise.reject(new OfflineError())),
    renamed(name) {
      if (name === lastName || closed) return;
      lastName = name;
      if (!sessionReady) return;
      disconnect();
      connect();
    },
    close() {
      closed = true;
      window.removeEventListener('offline', networkLost);
      if (store.extra.connection.current === connection) store.extra.connection.current = null;
      disconnect();
      store.dispatch(sessionActions.closed());
    },
  };
  store.extra.connection.current = connection;
  return connection;
}
