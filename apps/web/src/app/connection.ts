import type { Command } from '@seatfold/domain';
import { socketTransport, SyncClient, type ClientPlanState, type SocketLike } from '@seatfold/sync';
import { io, type Socket } from 'socket.io-client';
import { ApiError, fetchLinks } from './api.ts';
import { loadPending, savePending } from './persist.ts';
import { sessionActions } from './session.ts';
import type { AppStore } from './store.ts';

export interface PlanConnection {
  issue(command: Command): string | null;
  /** Any other request of the protocol ('history', 'batches', 'batch', 'revert', 'undo'); rejects while offline. */
  request<T>(type: string, payload: unknown): Promise<T>;
  close(): void;
}

/**
 * Opens one plan: a socket.io socket (same origin, WebSocket only), a SyncClient on it with the Redux store as its
 * state holder, pending commands saved to localStorage as they change (and put back first, so they are resent).
 */
export function openPlan(store: AppStore, token: string): PlanConnection {
  store.dispatch(sessionActions.opened({ token }));
  const holder = { getState: (): ClientPlanState => store.getState().plan, dispatch: store.dispatch };

  const restored = loadPending(localStorage, token);
  if (restored.length) store.dispatch({ type: 'sync/restored', payload: restored });

  let lastPending = store.getState().plan.pending;
  const unsubscribe = store.subscribe(() => {
    const pending = store.getState().plan.pending;
    if (pending !== lastPending) {
      lastPending = pending;
      savePending(localStorage, token, pending);
    }
  });

  let closed = false;
  let linksLoading = false;
  const loadLinks = () => {
    if (linksLoading || closed || store.getState().session.links) return;
    linksLoading = true;
    fetchLinks(token)
      .then((links) => !closed && store.dispatch(sessionActions.links(links)))
      .catch((err: unknown) => {
        // A link that opens no plan gets an error screen; any other failure is retried once the socket is live.
        if (!closed && err instanceof ApiError && err.status === 404) store.dispatch(sessionActions.linkError(err.message));
      })
      .finally(() => (linksLoading = false));
  };
  loadLinks();

  let socket: Socket | null = null;
  let client: SyncClient | null = null;
  let transport: ReturnType<typeof socketTransport> | null = null;

  const connect = () => {
    const { clientId, userName } = store.getState().session;
    socket = io({ transports: ['websocket'], autoConnect: false });
    socket.on('connect_error', () => {
      const { status } = store.getState().session;
      if (status === 'connecting' || status === 'live') store.dispatch(sessionActions.status({ status: 'offline' }));
    });
    // socket.io's typed overloads are narrower than SocketLike's structural signature; the shape is the same.
    transport = socketTransport(socket as unknown as SocketLike);
    client = new SyncClient({
      transport,
      holder,
      token,
      clientId,
      userName,
      newId: () => crypto.randomUUID(),
      onStatus: (status, error) => {
        store.dispatch(sessionActions.status({ status, error }));
        if (status === 'live') loadLinks();
        if (status === 'failed' && error?.code === 'UnknownPlan') store.dispatch(sessionActions.linkError(error.message));
      },
      onPresence: (online) => store.dispatch(sessionActions.presence(online)),
    });
    client.start();
    socket.connect();
  };
  const disconnect = () => {
    client?.stop();
    socket?.removeAllListeners();
    socket?.disconnect();
    client = null;
    socket = null;
    transport = null;
  };
  connect();

  // Presence carries the name given at join: a new name re-joins (pending commands survive in the store).
  let lastName = store.getState().session.userName;
  const unsubscribeName = store.subscribe(() => {
    const name = store.getState().session.userName;
    if (name !== lastName && !closed) {
      lastName = name;
      disconnect();
      connect();
    }
  });

  return {
    issue(command) {
      return client ? client.issue(command) : null;
    },
    request<T>(type: string, payload: unknown): Promise<T> {
      if (!transport || !client?.isLive) return Promise.reject(new Error('You are offline: this needs a live connection to the server.'));
      return transport.request<T>(type, payload);
    },
    close() {
      closed = true;
      unsubscribe();
      unsubscribeName();
      disconnect();
      store.dispatch(sessionActions.closed());
    },
  };
}
