import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { Provider } from 'react-redux';
import { joinedFromState, type PlanStateReply } from '@seatfold/sync';
import { makeStore } from '../app/store.ts';
import { sessionActions } from '../app/session.ts';
import { PlanScreen } from '../ui/PlanScreen.tsx';

/**
 * A plan link's page as the app draws it once the plan's state is in, as HTML: the server puts it into the page it
 * sends (apps/server/src/http/server-frame.ts, in a worker thread), so the browser paints the plan before the app's
 * JavaScript has arrived. Built on its own by `vite build --ssr` (dist-ssr/server-frame.js). The same store, the
 * same action and the same components as in the browser: the app then replaces it with what it draws itself.
 */
export function renderServerFrame(reply: PlanStateReply): string {
  // No link's token: one frame serves everybody with the same role, whichever link they came by.
  const token = '';
  const store = makeStore('server-frame', '');
  store.dispatch(sessionActions.opened({ token }));
  store.dispatch({ type: 'sync/joined', payload: joinedFromState(reply) });
  return renderToString(
    <StrictMode>
      <Provider store={store}>
        <PlanScreen token={token} />
      </Provider>
    </StrictMode>,
  );
}
