import { useCallback, useState, type ReactNode } from 'react';
import type { PlanConnection } from '../../app/connection.ts';
import { OpenSetupContext, SetupConnectionContext, type SetupTarget } from './context.ts';
import { GuestDialog } from './GuestDialog.tsx';
import { TableDialog } from './TableDialog.tsx';
import { VenueDialog } from './VenueDialog.tsx';
import './setup.css';

export { useOpenSetup, type SetupTarget } from './context.ts';
export { AddGuestButton, SetupStart, SetupToolbar } from './SetupStart.tsx';

/** Hosts the setup dialogs of an open plan; anything inside can open one with useOpenSetup(). */
export function SetupProvider({ connection, children }: { connection: { current: PlanConnection | null }; children: ReactNode }) {
  const [target, setTarget] = useState<SetupTarget | null>(null);
  const open = useCallback((t: SetupTarget) => setTarget(t), []);
  const close = useCallback(() => setTarget(null), []);
  return (
    <SetupConnectionContext.Provider value={connection}>
      <OpenSetupContext.Provider value={open}>
        {children}
        {target?.kind === 'venue' && <VenueDialog onClose={close} />}
        {target?.kind === 'tables' && <TableDialog key="new" tableId={null} onClose={close} />}
        {target?.kind === 'table' && <TableDialog key={target.tableId} tableId={target.tableId} onClose={close} />}
        {target?.kind === 'guest' && <GuestDialog key={target.guestId ?? 'new'} guestId={target.guestId ?? null} onClose={close} />}
      </OpenSetupContext.Provider>
    </SetupConnectionContext.Provider>
  );
}
