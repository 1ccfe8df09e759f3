import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { clientId, loadUserName } from './app/identity.ts';
import { makeStore } from './app/store.ts';
import { App } from './ui/App.tsx';
import './styles.css';

const store = makeStore(clientId, loadUserName());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider store={store}>
      <App />
    </Provider>
  </StrictMode>,
);
