import type { MiddlewareHandler } from 'hono';
import type { HttpEnv } from './env.ts';

/**
 * The plan tokens are secrets: a log line never shows them. Covers the web app's /p/<token>, the API's
 * /api/links/<token> and /api/plans/<token>/…, and the invite, sign-in and confirmation secrets (/invite/…, /sign-in/…,
 * /confirm-email/…, their API twins), wherever they appear in a message (paths, stacks, URLs).
 */
export function redactTokens(text: string): string {
  return text.replace(
    /(\/p\/|\/api\/links\/|\/api\/plans\/|\/invite\/|\/api\/invites\/|\/sign-in\/|\/api\/sign-in\/|\/confirm-email\/|\/api\/email-links\/)[^/?#\s"'`]+/g,
    '$1…',
  );
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  ms: number;
}

/** One entry per answered request, with the path redacted. */
export const requestLog =
  (write: (entry: RequestLogEntry) => void): MiddlewareHandler<HttpEnv> =>
  async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      write({
        method: c.req.method,
        path: redactTokens(pathOf(c.req.url)),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    }
  };

const pathOf = (url: string) => {
  const i = url.indexOf('/', url.indexOf('//') + 2);
  return i < 0 ? '/' : url.slice(i);
};
