import { combineReducers, configureStore, type UnknownAction } from '@reduxjs/toolkit';
import { clientReducer } from '@seatfold/sync';
import { useDispatch, useSelector, useStore } from 'react-redux';
import { historyMiddleware, historyReducer } from './history.ts';
import { actorsMiddleware } from './parties.ts';
import { sessionActions, sessionReducer, initialSession } from './session.ts';
import { uiReducer } from './ui.ts';
import { findReducer } from '../features/find/findSlice.ts';

const slices = combineReducers({
  /** The plan slice is the sync package's client reducer itself: DevTools shows every sync/* action as it is. */
  plan: clientReducer,
  session: sessionReducer,
  ui: uiReducer,
  /** time travel view state (the history itself lives outside Redux: app/history.ts) */
  history: historyReducer,
  /** find and filter: which guests and tables the list shows and the board marks */
  find: findReducer,
});

export type RootState = ReturnType<typeof slices>;

/** Leaving a plan forgets its state (the next plan starts from nothing; the session keeps who I am). */
function rootReducer(state: RootState | undefined, action: UnknownAction): RootState {
  if (action.type === sessionActions.closed.type && state) return slices({ session: state.session, plan: undefined, ui: undefined, history: undefined }, action);
  return slices(state, action);
}

export function makeStore(clientId: string, userName: string) {
  return configureStore({
    reducer: rootReducer,
    preloadedState: { session: initialSession(clientId, userName) } as Partial<RootState> as RootState,
    // The plan state holds thousands of frozen objects: the dev-only deep checks would walk all of them on every action.
    middleware: (getDefault) => getDefault({ serializableCheck: false, immutableCheck: false }).concat(historyMiddleware, actorsMiddleware),
    devTools: { name: 'Seatfold', maxAge: 200 },
  });
}

export type AppStore = ReturnType<typeof makeStore>;
export type AppDispatch = AppStore['dispatch'];

export const useAppSelector = useSelector.withTypes<RootState>();
export const useAppDispatch = useDispatch.withTypes<AppDispatch>();
export const useAppStore = useStore.withTypes<AppStore>();
