/*
 * Token buckets and meters: the arithmetic behind every rate and budget in limits.ts (how much may be spent, and
 * how long until more may). No policy lives here; the numbers are Limits'.
 */

/** A token bucket: `take` answers 0 when a token was taken, else the ms until one will be there. */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.at = now;
  }

  /** Takes `cost` tokens (at most the burst): 0 when taken, else the ms until they will be there. */
  take(now: number, cost = 1): number {
    const need = Math.min(Math.max(cost, 0), this.burst);
    this.refill(now);
    if (this.tokens >= need) {
      this.tokens -= need;
      return 0;
    }
    return ((need - this.tokens) * 1000) / this.perSecond;
  }

  /** Takes `cost` tokens after the fact, whatever is left: the bucket may go into debt (see owing). */
  spend(now: number, cost: number): void {
    this.refill(now);
    this.tokens -= Math.max(cost, 0);
  }

  /** 0 when the bucket holds any token, else the ms until it will (its debt paid off). */
  owing(now: number): number {
    this.refill(now);
    return this.tokens > 0 ? 0 : ((1 - this.tokens) * 1000) / this.perSecond;
  }

  /** whether it holds its whole burst again (it then behaves like a fresh bucket) */
  full(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.burst;
  }

  private refill(now: number) {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) * this.perSecond) / 1000);
    this.at = now;
  }
}

/** What deciding a connection's commands may still cost (Limits.decideMsPerSocket), as the room charges it. */
export interface WorkMeter {
  /** 0 while there is budget left, else the ms until there will be */
  owing(): number;
  /** charges ms of the thread spent deciding */
  spend(ms: number): void;
}

/** A WorkMeter on a bucket of ms (see TokenBucket.spend). */
export function workMeter(rate: { perSecond: number; burst: number }, now: () => number): WorkMeter {
  const bucket = new TokenBucket(rate.perSecond, rate.burst, now());
  return { owing: () => bucket.owing(now()), spend: (ms) => bucket.spend(now(), ms) };
}

/** Both meters: owing as long as either is, charged to both. */
export const bothMeters = (a: WorkMeter, b: WorkMeter | undefined): WorkMeter =>
  b ? { owing: () => Math.max(a.owing(), b.owing()), spend: (ms) => (a.spend(ms), b.spend(ms)) } : a;

/**
 * WorkMeters, one per key (a client address): a key's bucket outlives its sockets, so reconnecting does not reset
 * it. Meters whose buckets have filled up again are forgotten (they behave like a fresh one), so memory follows the
 * keys that spent recently.
 */
export class MeterMap {
  private readonly meters = new Map<string, TokenBucket>();
  private swept: number;

  constructor(
    private readonly rate: { perSecond: number; burst: number },
    private readonly now: () => number = Date.now,
  ) {
    this.swept = now();
  }

  /** The key's meter, looked up at every use: hold this, not a meter it returned before. */
  for(key: string): WorkMeter {
    // Asking costs nothing: a key gets a bucket only once it spends (a key without one owes nothing).
    return { owing: () => this.meters.get(key)?.owing(this.now()) ?? 0, spend: (n) => this.bucket(key).spend(this.now(), n) };
  }

  private bucket(key: string): TokenBucket {
    const now = this.now();
    if (now - this.swept > 60_000) this.sweep(now);
    let b = this.meters.get(key);
    if (!b) this.meters.set(key, (b = new TokenBucket(this.rate.perSecond, this.rate.burst, now)));
    return b;
  }

  /** keys with a meter kept */
  get size(): number {
    return this.meters.size;
  }

  private sweep(now: number) {
    this.swept = now;
    for (const [k, b] of this.meters) if (b.full(now)) this.meters.delete(k);
  }
}

/**
 * A server-wide budget (`rate`), and a reserve as large again for keys (client addresses) that have drawn nothing for
 * `quietMs`: while a few busy keys keep the budget spent, anybody else still gets through — each at most once per
 * `quietMs` from the reserve — and all of them together stay bounded by twice the budget. Spending may go into debt
 * (a cost known only once paid, such as a state's bytes).
 */
export class SharedBudget {
  private readonly main: TokenBucket;
  private readonly reserve: TokenBucket;
  /** when each key last drew, for the keys that drew within `quietMs` (older ones are swept) */
  private readonly lastDrew = new Map<string, number>();
  private swept: number;

  constructor(
    rate: { perSecond: number; burst: number },
    private readonly now: () => number = Date.now,
    private readonly quietMs = 10_000,
  ) {
    this.main = new TokenBucket(rate.perSecond, rate.burst, now());
    this.reserve = new TokenBucket(rate.perSecond, rate.burst, now());
    this.swept = now();
  }

  /** 0 when `key` may draw now, else the ms until it may. */
  owing(key: string): number {
    const now = this.now();
    const spent = this.main.owing(now);
    if (spent === 0) return 0;
    const last = this.lastDrew.get(key);
    if (last !== undefined && now - last < this.quietMs) return spent;
    const reserve = this.reserve.owing(now);
    return reserve > 0 ? Math.min(spent, reserve) : 0;
  }

  /** `key` drew `cost` (after owing said it may): from the budget, or from the reserve while the budget is spent. */
  spend(key: string, cost: number): void {
    const now = this.now();
    if (this.main.owing(now) > 0) this.reserve.spend(now, cost);
    this.main.spend(now, cost);
    if (now - this.swept > this.quietMs) {
      this.swept = now;
      for (const [k, at] of this.lastDrew) if (now - at >= this.quietMs) this.lastDrew.delete(k);
    }
    this.lastDrew.set(key, now);
  }

  /** keys remembered as having drawn lately */
  get size(): number {
    return this.lastDrew.size;
  }
}

/**
 * Token buckets, one per key: `perMinute` tokens refill evenly over a minute, a burst of up to `burst` (default
 * `perMinute`) is allowed.
 * Hand-written (30 lines) rather than a library: the app needs buckets per address and overall with an exact
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

  /** Buckets of a `{ perSecond, burst }` limit (the shape Limits uses). */
  static of(limit: { perSecond: number; burst: number }, now: () => number = Date.now): TokenBuckets {
    return new TokenBuckets(limit.perSecond * 60, now, limit.burst);
  }

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

  /** Whether `key` has a token now (nothing is taken). */
  has(key: string): boolean {
    const b = this.buckets.get(key);
    return !b || b.tokens + (this.now() - b.at) * (this.perMinute / 60_000) >= 1;
  }

  /** Forgets buckets that have filled up again: they behave exactly like a fresh one. */
  private sweep(now: number, rate: number) {
    this.swept = now;
    for (const [k, b] of this.buckets) if (b.tokens + (now - b.at) * rate >= this.burst) this.buckets.delete(k);
  }
}
