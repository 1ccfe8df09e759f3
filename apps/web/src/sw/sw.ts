/**
 * Seatfold's service worker, built to /sw.js (vite.config.ts) and registered once a page has loaded
 * (app/offline-page.ts). It only answers page loads, and only when the server cannot be reached (offline.ts); every
 * other request goes to the network untouched. It caches nothing, so a new release never waits behind an old copy.
 */
import { loadPage } from './offline.ts';

declare const self: ServiceWorkerGlobalScope;

// A new worker takes over at once: it holds no state an older one could need.
self.addEventListener('install', () => void self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // The page's request leaves while the worker starts, instead of after it.
      await self.registration.navigationPreload?.enable();
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.mode !== 'navigate' || request.method !== 'GET') return;
  event.respondWith(loadPage(request, event.preloadResponse as Promise<Response | undefined>, (r) => fetch(r)));
});
