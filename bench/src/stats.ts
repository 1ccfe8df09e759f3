/** Small statistics helpers: percentiles by nearest rank on a sorted copy, and a summary shape shared by all scenarios. */

export interface Summary {
  n: number;
  median: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
  mean: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  return {
    n: s.length,
    median: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    min: s[0] ?? NaN,
    max: s[s.length - 1] ?? NaN,
    mean: s.length ? sum / s.length : NaN,
  };
}

export const median = (xs: readonly number[]) => summarize(xs).median;

/** High-resolution monotonic clock in milliseconds. */
export const now = () => performance.now();

/** Collects latency samples (ms) across several runs; keeps per-run medians too, to show run-to-run spread. */
export class Latencies {
  readonly all: number[] = [];
  readonly runMedians: number[] = [];
  addRun(samples: number[]) {
    this.all.push(...samples);
    this.runMedians.push(median(samples));
  }
}
