/**
 * A chunk loaded on demand (`import()`) that can be loaded again after a failed fetch. A browser may keep a module
 * whose fetch failed as failed for the page's life (the HTML standard's module map did; the Chromium the e2e tests
 * run fetches again) — the same `import()` then fails at once, even with the server back — so a later call asks for
 * the same file at another address (a query added): the file is fetched again, and what it imports is the page's
 * own, already loaded. The address is the one the browser names in its error ("Failed to fetch dynamically imported
 * module: https://…/RoomsView-….js"); an error without one is retried as it was.
 */
export function reloadable<M>(load: () => Promise<M>, importAt: (url: string) => Promise<M> = importUrl): () => Promise<M> {
  let failedAt: string | null = null;
  return () =>
    (failedAt ? importAt(`${failedAt}?retry=${Date.now()}`) : load()).then(
      (m) => {
        failedAt = null;
        return m;
      },
      (err: unknown) => {
        failedAt = /https?:\/\/\S+?\.js/.exec(String((err as Error | undefined)?.message))?.[0] ?? failedAt;
        throw err;
      },
    );
}

function importUrl<M>(url: string): Promise<M> {
  return import(/* @vite-ignore */ url) as Promise<M>;
}
