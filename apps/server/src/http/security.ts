import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { HttpEnv } from './env.ts';
import { HttpError, malformedAddress } from './errors.ts';

/**
 * Headers on every answer. The secret plan tokens are in the URL: no Referer leaves the app, no other site may
 * frame it (clickjacking), scripts and connections only to our own origin. `data:` images: the favicon is inline.
 * Styles allow 'unsafe-inline': the history view highlights entities with a generated <style> element
 * (apps/web/src/ui/Timeline.tsx, ids quoted); scripts stay strictly same-origin.
 */
export const securityHeaders = (): MiddlewareHandler<HttpEnv> =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'no-referrer',
    // Seatfold may run on plain http on a LAN: HSTS is the TLS proxy's business.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });

/** A malformed %-escape anywhere in the path is the client's mistake: 400 with a clear message, before any route. */
export const wellFormedPath = (): MiddlewareHandler<HttpEnv> => async (c, next) => {
  try {
    decodeURIComponent(new URL(c.req.url).pathname);
  } catch {
    throw new HttpError(400, malformedAddress);
  }
  await next();
};

/**
 * socket.io's allowRequest: a browser handshake must come from the page's own origin (or one in the allow-list,
 * e.g. SEATFOLD_ORIGINS); clients that send no Origin (no browser, so no ambient credentials to abuse) may connect.
 */
export function originCheck(allowed: readonly string[]) {
  const list = new Set(allowed.map((o) => o.replace(/\/+$/, '').toLowerCase()));
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => {
    const origin = req.headers.origin;
    if (origin === undefined) return callback(null, true);
    let host: string;
    try {
      host = new URL(origin).host.toLowerCase();
    } catch {
      return callback('This page may not connect to Seatfold (its origin is not valid).', false);
    }
    const ok = host === (req.headers.host ?? '').toLowerCase() || list.has(origin.toLowerCase());
    callback(ok ? null : 'This page may not connect to Seatfold: open Seatfold from its own address.', ok);
  };
}
