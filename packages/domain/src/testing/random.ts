/**
 * mulberry32: a small, fast, seeded PRNG for property and fuzz tests, so a failing run names its seed and replays
 * exactly. Test-only (exported as `@seatfold/domain/testing`); the domain itself never draws random numbers.
 */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[int(xs.length)] as T,
  };
}
export type Rng = ReturnType<typeof prng>;
