import { combineReducers, configureStore, type UnknownAction } from '@reduxjs/toolkit';
import { clientReducer } from '@seatfold/sync';
import { useDispatch, useSelector, useStore } from 'react-redux';
import { historyReducer } from './history.ts';
import { sessionActions, sessionReducer, initialSession } from './session.ts';
import { notificationsReducer } from './notifications.ts';
import { uiReducer } from './ui.ts';
import { findReducer } from '../features/find/findSlice.ts';
import { dataApi } from './data.ts';
import { makeExtra } from './extra.ts';
import { makeListeners } from './listeners.ts';

const slices = combineReducers({
  /** The plan slice is the sync package's client reducer itself: DevTools shows every sync/* action as it is. */
  plan: clientReducer,
  session: sessionReducer,
  ui: uiReducer,
  /** time travel view state (the history itself lives outside Redux: app/history.ts) */
  history: historyReducer,
  /** find and filter: which guests and tables the list shows and the board marks */
  find: findReducer,
  /** refused changes and notices: the page's toasts (app/notifications.ts) */
  notifications: notificationsReducer,
  /** server data over HTTP and the socket's batch list, cached by RTK Query (app/data.ts) */
  [dataApi.reducerPath]: dataApi.reducer,
});

export type RootState = ReturnType<typeof slices>;

/** Leaving a plan forgets its state (the next plan starts from nothing; the session keeps who I am). */
function rootReducer(state: RootState | undefined, action: UnknownAction): RootState {
  if (action.type === sessionActions.closed.type && state)
    return slices({ session: state.session, plan: undefined, ui: undefined, history: undefined, notifications: undefined }, action);
  return slices(state, action);
}

export function makeStore(clientId: string, userName: string) {
  const extra = makeExtra();
  const listeners = makeListeners(extra);
  const store = configureStore({
    reducer: rootReducer,
    preloadedState: { session: initialSession(clientId, userName) } as Partial<RootState> as RootState,
    // The plan state holds thousands of frozen objects: the dev-only deep checks would walk all of them on every action.
    middleware: (getDefault) =>
      getDefault({ serializableCheck: false, immutableCheck: false, thunk: { extraArgument: extra } })
        .prepend(listeners.middleware)
        .concat(dataApi.middleware),
    devTools: { name: 'Seatfold', maxAge: 200 },
  });
  return Object.assign(store, { extra });
}

export type AppStore = ReturnType<typeof makeStore>;
export type AppDispatch = AppStore['dispatch'];

export const useAppSelector = useSelector.withTypes<RootState>();
export const useAppDispatch = useDispatch.withTypes<AppDispatch>();
export const useAppStore = useStore.withTypes<AppStore>();

/** The open plan's connection, for requests beyond single commands (history, batches, revert, undo). */
export const useConnection = () => useAppStore().extra.connection;
