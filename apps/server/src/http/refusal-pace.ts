import type { MiddlewareHandler } from 'hono';
import { Counter, TokenBuckets } from '@seatfold/sync/server';
import { requestAddress } from './address.ts';
import type { HttpEnv } from './env.ts';
import { HttpError } from './errors.ts';

/**
 * Addresses that ignore the refusals they are given. Each refusal says what was wrong or when to come back; a client
 * that listens spends a little of its address's budget now and then. One that comes straight back, thousands of
 * times a second (the noisy-neighbour bench's plan-creation and presence floods), makes the one event loop every plan
 * shares spend 0.2–1.3 ms per answer it will ignore. Past the budget, that address's requests (HTTP requests and new
 * sockets alike) wait `holdMs` before they are looked at, at most `heldPerAddress` at a time (and `heldTotal` over
 * all addresses); one more is refused at once with its connection closed. A held request costs a timer. The same
 * idea as a socket's pause for flooding (Limits.refusedPerSocket), for the clients that are not yet on a socket.
 */
export interface RefusalLimits {
  /** refusals per second an address may collect, after a burst, before its requests are held */
  perSecond: number;
  burst: number;
  holdMs: number;
  heldPerAddress: number;
  heldTotal: number;
}

// An office of 60 behind one address, each tab with a stale asset or two after a deploy, stays far inside it.
export const DEFAULT_REFUSAL_LIMITS: RefusalLimits = { perSecond: 10, burst: 60, holdMs: 1_000, heldPerAddress: 64, heldTotal: 1_000 };

export class RefusalPacer {
  private readonly budget: TokenBuckets;
  private readonly held: Counter<string>;
  private heldAll = 0;

  constructor(
    readonly limits: RefusalLimits,
    now: () => number = Date.now,
  ) {
    this.budget = TokenBuckets.of(limits, now);
    this.held = new Counter(limits.heldPerAddress);
  }

  /** A refusal answered to `address`: spends one of its budget (nothing more once it is spent). */
  refused(address: string): void {
    this.budget.take(address);
  }

  /**
   * Resolves true when a request from `address` may be looked at: at once within its budget, after `holdMs` past it;
   * false (refuse it at once, and close) when the address, or the server, already has as many held as it may.
   */
  async admit(address: string): Promise<boolean> {
    if (this.budget.has(address)) return true;
    if (this.heldAll >= this.limits.heldTotal || !this.held.tryAdd(address)) return false;
    this.heldAll++;
    try {
      await new Promise<void>((resolve) => setTimeout(resolve, this.limits.holdMs).unref());
    } finally {
      this.heldAll--;
      this.held.remove(address);
    }
    return true;
  }
}

export const TOO_MANY_REFUSED = 'Too many refused requests from your address. Please wait a few seconds and try again.';

/** The HTTP side: every answer of 400 or more spends from the address's budget; past it, requests are held first. */
export function paceRefusals(pacer: RefusalPacer, trustedProxies: number): MiddlewareHandler<HttpEnv> {
  const seconds = Math.max(1, Math.ceil(pacer.limits.holdMs / 1000));
  return async (c, next) => {
    const incoming = c.env?.incoming;
    const address = requestAddress(incoming, trustedProxies);
    if (!(await pacer.admit(address)))
      throw new HttpError(429, TOO_MANY_REFUSED, true, { code: 'ServerBusy', retryAfterMs: seconds * 1000 }, { 'retry-after': String(seconds) });
    // a client that left while held is not worked for
    if (incoming?.socket.destroyed) throw new HttpError(400, 'The connection closed before the request was looked at.', true);
    await next();
    if (c.res.status < 400) return;
    pacer.refused(address);
    // A refusal whose body is still arriving ends the connection. Node would otherwise read the rest of a body nobody
    // wants, only to keep the connection for a next request: an upload refused again and again is up to 10 MB each
    // (~16 MB/s from one address in the bench, a full garbage collection per ~64 MB of it). Browsers and fetch still
    // read the refusal (checked with Chromium and undici, up to 10 MB bodies).
    if (incoming && !incoming.complete) c.res.headers.set('connection', 'close');
  };
}
