import { useSyncExternalStore } from 'react';

/** A two-route app needs no router library: the path, and a way to change it. */
const listeners = new Set<() => void>();
// Only in a browser: the server imports this module too when it draws a plan link's page (ssr/server-frame.tsx).
if (typeof window !== 'undefined') window.addEventListener('popstate', () => listeners.forEach((l) => l()));

export function navigate(path: string, replace = false): void {
  if (path === window.location.pathname) return;
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  listeners.forEach((l) => l());
}

export function usePath(): string {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => window.location.pathname,
    // A plan's server frame is of PlanScreen itself (ssr/server-frame.tsx): no path there.
    () => '',
  );
}
