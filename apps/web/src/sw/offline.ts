/**
 * What a page load gets from the service worker (sw.ts) when Seatfold's server cannot be reached: instead of the
 * browser's own error page, a page of Seatfold's that says what happened, that unsaved changes are still in this
 * browser (app/persist.ts keeps them and the plan resends them when it opens again), and that loads the address
 * again every few seconds until the server answers. Nothing else is cached or served from the worker: when the
 * server answers, even with an error, its answer is what the browser gets.
 */

/** Seconds between the offline page's attempts to load the address again. */
export const RETRY_SECONDS = 5;

/** The offline page: no script (its only CSP is inline styles), a meta refresh and a link do the retrying. */
export function offlinePage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_SECONDS}">
<title>Seatfold – no connection</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;color:#1d2733;background:#f4f6f8;margin:0;display:grid;place-items:center;min-height:100vh}
main{max-width:32rem;margin:1.5rem;padding:1.5rem 1.75rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem;margin:0 0 .75rem}
a{color:#2f5d8a;font-weight:600}
</style>
</head>
<body>
<main>
<h1>Seatfold can’t reach its server</h1>
<p>This device may be offline, or the Seatfold server is not running right now.</p>
<p>Changes you made in a plan that were not saved yet are kept in this browser. They are sent when the plan opens again.</p>
<p role="status">This page tries again every ${RETRY_SECONDS} seconds. <a href="">Try again now</a></p>
</main>
</body>
</html>`;
}

/** The offline page as an answer: 503, never stored, allowed no script. */
export function offlineResponse(): Response {
  return new Response(offlinePage(), {
    status: 503,
    statusText: 'Service Unavailable',
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
      'referrer-policy': 'no-referrer',
    },
  });
}

/**
 * A page load (a navigation) through the worker: the browser's navigation preload if it started one (it leaves while
 * the worker starts), else a fetch of its own; the offline page only when neither reaches the server — no answer at
 * all, or a gateway's 502 or 504 (a reverse proxy in front of a Seatfold that is down; Seatfold never sends those).
 */
export async function loadPage(
  request: Request,
  preload: Promise<Response | undefined> | undefined,
  fetchPage: (r: Request) => Promise<Response>,
): Promise<Response> {
  try {
    const page = (await preload) ?? (await fetchPage(request));
    return page.status === 502 || page.status === 504 ? offlineResponse() : page;
  } catch {
    return offlineResponse();
  }
}
