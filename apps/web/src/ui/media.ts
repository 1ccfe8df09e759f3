import { useSyncExternalStore } from 'react';

/** Narrow screens (phones): one column, no drag and drop (a tapped guest gets a seat picker), History as a sheet. */
export const NARROW = '(max-width: 760px)';

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (notify) => {
      const m = window.matchMedia(query);
      m.addEventListener('change', notify);
      return () => m.removeEventListener('change', notify);
    },
    () => window.matchMedia(query).matches,
    // A plan's server frame (ssr/server-frame.tsx) knows no screen: it is drawn for a wide one (the client redraws).
    () => false,
  );
}
