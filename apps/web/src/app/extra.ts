import type { PlanConnection } from './connection.ts';

/**
 * What the store hands its listeners, thunks and RTK Query endpoints (`extra`): the open plan's connection, set by
 * the plan screen while a plan is open — one per store, never a module global.
 */
export interface StoreExtra {
  connection: { current: PlanConnection | null };
}

export const makeExtra = (): StoreExtra => ({ connection: { current: null } });
