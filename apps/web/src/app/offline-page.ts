/**
 * Registers the service worker (src/sw/sw.ts) that answers a page load with Seatfold's own "can't reach the server"
 * page instead of the browser's error page. After the page's load event, so it takes nothing from the first paint.
 * Only in a built app (the dev server has no /sw.js) and where browsers allow workers at all: on https or localhost,
 * not on plain http from another machine, where reloading offline still shows the browser's page. A refusal to
 * register (a browser set to block workers, say) changes nothing else.
 */
export function registerOfflinePage(win: Window = window): void {
  if (!import.meta.env.PROD || !('serviceWorker' in win.navigator)) return;
  const register = () => void win.navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  if (win.document.readyState === 'complete') register();
  else win.addEventListener('load', register, { once: true });
}
