import type { MiddlewareHandler } from 'hono';
import { TokenBuckets } from '@seatfold/sync/server';
import type { HttpEnv } from './env.ts';
import { HttpError } from './errors.ts';
import { requestAddress } from './address.ts';

export interface CreationLimits {
  perAddressPerMinute: number;
  totalPerMinute: number;
}

export const DEFAULT_CREATION_LIMITS: CreationLimits = { perAddressPerMinute: 10, totalPerMinute: 120 };

/** Plan creation per client address and in total → 429 ServerBusy with Retry-After. */
export function creationLimit(limits: CreationLimits, trustedProxies = 0): MiddlewareHandler<HttpEnv> {
  const perAddress = new TokenBuckets(limits.perAddressPerMinute);
  const total = new TokenBuckets(limits.totalPerMinute);
  return async (c, next) => {
    const address = requestAddress(c.env?.incoming, trustedProxies);
    const mine = perAddress.take(address);
    // The overall bucket is only charged for requests the address's own limit let through.
    const wait = mine || total.take('all');
    const who = mine ? 'from your address' : 'on this server';
    busyRefusal(wait, (s) => `Too many new plans ${who} in the last minute. Please wait ${s} second${s === 1 ? '' : 's'} and try again.`);
    await next();
  };
}

/** Nothing when `wait` is 0; otherwise throws busyError. */
export function busyRefusal(wait: number, say: (seconds: number) => string): void {
  if (wait > 0) throw busyError(wait, say);
}

/** The 429 ServerBusy refusal with Retry-After (`wait` ms, at least a second), worded by `say(seconds)`. */
export function busyError(wait: number, say: (seconds: number) => string): HttpError {
  const seconds = Math.max(1, Math.ceil(wait / 1000));
  return new HttpError(429, say(seconds), false, { code: 'ServerBusy', retryAfterMs: wait }, { 'retry-after': String(seconds) });
}
