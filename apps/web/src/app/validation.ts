import { reloadable } from './reloadable.ts';

/**
 * The domain's input checks (`@seatfold/domain/validation`: its zod schemas, parseCommand, checkGuestText), loaded
 * on demand. They are kept out of the bundle a first render evaluates: zod and the schemas it builds cost ~60 ms
 * of the main thread before the first paint (docs/performance.md).
 *
 * Fetched with the page, run later. A page whose server goes away in its first moments must still add a guest
 * offline, so the checks' file may not wait for the page to be idle: index.html names it as a `prefetch`
 * (vite.config.ts, `checksWithThePage`), so the browser fetches it into its cache beside the page's own script, at
 * its lowest priority, without compiling or running it (the first paint does not pay for it). The plan screen runs
 * it once the board is painted and the page is idle (ui/lazy.tsx); a form that checks before then awaits the same
 * load, which finds the file in the browser's cache, server or no server. (A service worker keeping the file would
 * not help here: it is registered only after the page's load, and a page loaded offline is its offline page, which
 * needs no checks.)
 */
export type Validation = typeof import('@seatfold/domain/validation');

const fetchChecks = reloadable(() => import('@seatfold/domain/validation'));
let loading: Promise<Validation> | null = null;

/** What a form says when the checks could not be loaded (the network): nothing was sent. */
export const VALIDATION_UNAVAILABLE = 'Seatfold could not load its checks (are you offline?): nothing was changed. Try again in a moment.';

/** The checks, loaded once; a failed load (the network) is tried again by the next call. */
export function loadValidation(): Promise<Validation> {
  loading ??= fetchChecks().catch((err: unknown) => {
    loading = null;
    throw err;
  });
  return loading;
}

/**
 * Runs a form's `task` unless the last one started with the same `flag` (a ref made before any early return) is
 * still running: the checks may still be loading (app/validation.ts), and a second Enter meanwhile must not add a
 * second guest or table with a new id.
 */
export async function single(flag: { current: boolean }, task: () => Promise<void>): Promise<void> {
  if (flag.current) return;
  flag.current = true;
  try {
    await task();
  } finally {
    flag.current = false;
  }
}
