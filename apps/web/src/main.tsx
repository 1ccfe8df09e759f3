import { StrictMode, useLayoutEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { openPlan } from './app/connection.ts';
import { clientId, loadUserName } from './app/identity.ts';
import { makeStore } from './app/store.ts';
import { registerOfflinePage } from './app/offline-page.ts';
import { whenPlanShown } from './app/server-frame.ts';
import { App } from './ui/App.tsx';
import { planToken } from './ui/paths.ts';
import './styles.css';

const store = makeStore(clientId, loadUserName());

// A plan link's connection starts now (its session request is already out: boot.ts), not after React's first
// render; the socket's join then runs while React draws the loading screen. PlanScreen adopts it.
const token = planToken(window.location.pathname);
if (token) openPlan(store, token);

const rootElement = document.getElementById('root')!;

/** Once the app's first commit has replaced the server's frame, the page is the app's: live and interactive. */
function FrameReplaced({ children }: { children: ReactNode }) {
  useLayoutEffect(() => {
    for (const a of ['inert', 'aria-busy', 'data-server-frame']) rootElement.removeAttribute(a);
  }, []);
  return children;
}

const draw = () =>
  createRoot(rootElement).render(
    <StrictMode>
      <Provider store={store}>
        <FrameReplaced>
          <App />
        </FrameReplaced>
      </Provider>
    </StrictMode>,
  );

// A page the server sent with the plan already drawn in it (its server frame: apps/server/src/http/server-frame.ts) keeps it on screen until
// the app can draw the plan itself: React's first commit then replaces it with the same board, live, with no loading
// screen between them.
if (token && rootElement.hasAttribute('data-server-frame')) whenPlanShown(store, draw);
else draw();

registerOfflinePage();
