import type { MiddlewareHandler } from 'hono';
import type { HttpEnv } from '../http/env.ts';
import { HttpError } from '../http/errors.ts';

export const CROSS_SITE = 'This request came from another web site and was refused. Open Seatfold from its own address and try again.';

/**
 * Cross-site request forgery: every write (any method but GET/HEAD/OPTIONS) must come from Seatfold's own pages.
 * A browser names the page's origin in `Origin` (and `Sec-Fetch-Site`); it must be the server's own (the request's
 * Host) or one listed in SEATFOLD_ORIGINS. A request with neither header comes from no browser, so it carries no
 * ambient cookie to abuse. Hono's csrf() checks only form-like content types; our writes are JSON and raw uploads,
 * so this checks them all, whatever the content type. The SameSite=Lax cookie is the second line.
 */
export function sameOriginWrites(allowed: readonly string[]): MiddlewareHandler<HttpEnv> {
  const list = new Set(allowed.map((o) => o.replace(/\/+$/, '').toLowerCase()));
  return async (c, next) => {
    if (/^(GET|HEAD|OPTIONS)$/.test(c.req.method)) return next();
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    if (origin !== undefined && origin !== 'null') {
      let host = '';
      try {
        host = new URL(origin).host.toLowerCase();
      } catch {
        throw new HttpError(403, CROSS_SITE);
      }
      if (host !== (c.req.header('host') ?? '').toLowerCase() && !list.has(origin.toLowerCase())) throw new HttpError(403, CROSS_SITE);
    } else if (origin === 'null' || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
      throw new HttpError(403, CROSS_SITE);
    }
    await next();
  };
}
