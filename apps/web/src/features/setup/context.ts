import { createContext, useContext } from 'react';
import type { PlanConnection } from '../../app/connection.ts';

/** Which setup dialog is open: the venue, adding tables, one table, or one guest (new when no id). */
export type SetupTarget = { kind: 'venue' } | { kind: 'tables' } | { kind: 'table'; tableId: string } | { kind: 'guest'; guestId?: string };

export const OpenSetupContext = createContext<(target: SetupTarget) => void>(() => {});
/** Opens a setup dialog from anywhere on the board (a toolbar, a card's menu, a guest row, the empty board). */
export const useOpenSetup = () => useContext(OpenSetupContext);

/** The open plan's connection (for batches), given by the plan screen. */
export const SetupConnectionContext = createContext<{ current: PlanConnection | null }>({ current: null });
export const useSetupConnection = () => useContext(SetupConnectionContext);
