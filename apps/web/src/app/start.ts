import { planToken } from '../ui/paths.ts';
import { openPlan } from './connection.ts';
import { clientId, loadUserName } from './identity.ts';
import { makeStore } from './store.ts';

/**
 * The page's store, and on a plan link the plan's connection, made as early as the module graph allows: main.tsx
 * imports this module first, so it runs before react-dom and the UI's modules are evaluated, and the socket's
 * handshake overlaps with them and with React's first render. PlanScreen adopts the connection.
 */
export const store = makeStore(clientId, loadUserName());

const token = planToken(window.location.pathname);
if (token) openPlan(store, token);
