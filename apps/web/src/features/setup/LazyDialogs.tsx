import { lazy, Suspense, type ComponentType } from 'react';

/**
 * The setup dialogs (guest, tables, venue) are one chunk of their own: the first screen never shows one. It is
 * fetched when the board is idle after its first paint (ui/lazy.tsx preloadPlanChunks) or when a dialog is first
 * opened; once in, a dialog renders without suspending.
 */
type Dialogs = typeof import('./dialogs.ts');
let fetched: Dialogs | null = null;
const fetchDialogs = () => import('./dialogs.ts').then((m) => (fetched = m));

export function preloadSetupDialogs(): void {
  if (!fetched) fetchDialogs().catch(() => undefined); // fetched again when a dialog opens
}

function dialog<P extends object>(pick: (m: Dialogs) => ComponentType<P>) {
  const Chunk = lazy((): Promise<{ default: ComponentType<P> }> => {
    // React reads only `then` and calls back at once: no suspense once the chunk is in (see ui/lazy.tsx)
    const ready = fetched;
    if (ready)
      return { then: (ok: (v: { default: ComponentType<P> }) => void) => ok({ default: pick(ready) }) } as unknown as Promise<{
        default: ComponentType<P>;
      }>;
    return fetchDialogs().then((m) => ({ default: pick(m) }));
  });
  return function Dialog(props: P) {
    return (
      <Suspense fallback={null}>
        <Chunk {...props} />
      </Suspense>
    );
  };
}

export const GuestDialog = dialog((m) => m.GuestDialog);
export const TableDialog = dialog((m) => m.TableDialog);
export const VenueDialog = dialog((m) => m.VenueDialog);
