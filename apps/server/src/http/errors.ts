import { isConnectionError, StoreUnavailableError } from '@seatfold/store';
import { ServerFullError } from '@seatfold/sync/server';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * A refusal with a message written for the planner; answered as `{ error: message }` (plus `extra`). It carries no
 * stack: it is an answer, never logged as a failure, and capturing one was a visible part of a refused flood's cost.
 */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    /** the request body was left half read: the connection cannot carry another request */
    readonly closeConnection = false,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    const depth = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = depth;
  }
}

/** Every JSON answer of the API: never cached (plans change, and the paths carry secret tokens). */
export function jsonReply<T extends object, S extends ContentfulStatusCode>(c: Context, status: S, body: T, headers: Record<string, string> = {}) {
  c.header('cache-control', 'no-store');
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return c.json(body, status);
}

/**
 * The one place an error becomes an answer: planner-facing refusals as they are, a malformed %-escape as 400, the
 * database out of reach or no memory left for one more plan as a retryable 503, everything else as a plain 500 (the stack goes to the log, never to the client).
 */
export function errorAnswer(err: Error, c: Context, log: (msg: string) => void) {
  if (err instanceof HttpError) {
    return jsonReply(
      c,
      err.status,
      { error: err.message, ...err.extra },
      { ...err.headers, ...(err.closeConnection ? { connection: 'close' } : {}) },
    );
  }
  if (err instanceof URIError) return jsonReply(c, 400, { error: malformedAddress });
  if (err instanceof StoreUnavailableError && err.why === 'no-space')
    return jsonReply(c, 503, { error: storeFull, code: 'Unavailable', retryAfterMs: 30_000 }, { 'retry-after': '30' });
  // The auth tables' queries go to the database without the event store's guard: a lost connection there is the
  // same retryable refusal, not a server error.
  if (err instanceof StoreUnavailableError || isConnectionError(err))
    return jsonReply(c, 503, { error: storeUnavailable, code: 'Unavailable', retryAfterMs: 2_000 }, { 'retry-after': '2' });
  if (err instanceof ServerFullError)
    return jsonReply(
      c,
      503,
      { error: err.message, code: 'ServerBusy', retryAfterMs: err.retryAfterMs },
      { 'retry-after': String(Math.ceil(err.retryAfterMs / 1000)) },
    );
  if (err instanceof HTTPException && err.status < 500) return jsonReply(c, err.status, { error: err.message || 'The request could not be read.' });
  log(`HTTP ${c.req.method} ${c.req.path} failed: ${err.stack ?? err}`);
  return jsonReply(c, 500, { error: 'The server failed to answer. Please try again.' });
}

export const malformedAddress = 'The address contains a malformed %-escape (a “%” must be followed by two hex digits). Check the link and try again.';

export const storeUnavailable = 'The server cannot reach its database right now. Nothing was changed; try again in a moment.';
export const storeFull = 'The server has run out of room to save changes. Nothing was changed; try again later.';
