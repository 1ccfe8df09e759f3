import type { MiddlewareHandler } from 'hono';
import type { HttpEnv } from './env.ts';
import { HttpError } from './errors.ts';
import { clientAddress } from './address.ts';

/**
 * Token buckets, one per key: `perMinute` tokens refill evenly over a minute, a burst of up to `burst` (default
 * `perMinute`) is allowed.
 * Hand-written (30 lines) rather than a library: we need two buckets (per address and overall) with an exact
 * retry time for Retry-After, and memory bounded by sweeping full buckets — simpler than adapting a store API.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private swept = 0;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly burst = perMinute,
  ) {}

  /** 0 when a token was taken; otherwise the milliseconds until one is available. */
  take(key: string): number {
    const now = this.now();
    const rate = this.perMinute / 60_000;
    if (now - this.swept > 60_000) this.sweep(now, rate);
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + (now - b.at) * rate);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / rate);
  }

  /** Forgets buckets that have filled up again: they behave exactly like a fresh one. */
  private sweep(now: number, rate: number) {
    this.swept = now;
    for (const [k, b] of this.buckets) if (b.tokens + (now - b.at) * rate >= this.burst) this.buckets.delete(k);
  }
}

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
    const address = clientAddress(c.env?.incoming?.socket.remoteAddress, c.env?.incoming?.headers['x-forwarded-for'], trustedProxies);
    const mine = perAddress.take(address);
    // The overall bucket is only charged for requests the address's own limit let through.
    const wait = mine || total.take('all');
    const who = mine ? 'from your address' : 'on this server';
    busyRefusal(wait, (s) => `Too many new plans ${who} in the last minute. Please wait ${s} second${s === 1 ? '' : 's'} and try again.`);
    await next();
  };
}

/** Nothing when `wait` is 0; otherwise the 429 ServerBusy refusal with Retry-After, worded by `say(seconds)`. */
export function busyRefusal(wait: number, say: (seconds: number) => string): void {
  if (wait <= 0) return;
  const seconds = Math.ceil(wait / 1000);
  throw new HttpError(429, say(seconds), false, { code: 'ServerBusy', retryAfterMs: wait }, { 'retry-after': String(seconds) });
}
