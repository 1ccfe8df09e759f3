import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { openPlan } from './app/connection.ts';
import { clientId, loadUserName } from './app/identity.ts';
import { makeStore } from './app/store.ts';
import { App } from './ui/App.tsx';
import { planToken } from './ui/paths.ts';
import './styles.css';

const store = makeStore(clientId, loadUserName());

// A plan link's connection starts now (its session request is already out: boot.ts), not after React's first
// render; the socket's join then runs while React draws the loading screen. PlanScreen adopts it.
const token = planToken(window.location.pathname);
if (token) openPlan(store, token);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider store={store}>
      <App />
    </Provider>
  </StrictMode>,
);
