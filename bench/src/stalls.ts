import { constants, monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram } from 'node:perf_hooks';

/** How long a server process stalled since the last take: its event loop's delay and its garbage collections. */
export interface Stalls {
  /** event-loop delay beyond the 10 ms sampling timer: 99th percentile and longest, ms */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** garbage collection pauses: total, count, longest, and the young generation's (scavenges) apart */
  gc: { ms: number; count: number; maxMs: number; youngMs: number; young: number };
}

let histogram: IntervalHistogram | null = null;
let gc: Stalls['gc'] = { ms: 0, count: 0, maxMs: 0, youngMs: 0, young: 0 };

/**
 * Starts watching this process (once). The delay is sampled by a 10 ms timer: finer sampling wakes the process
 * often enough to change what is measured; a stall longer than that is seen whatever its phase.
 */
export function watchStalls(): void {
  if (histogram) return;
  histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const young = (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR;
      gc.ms += e.duration;
      gc.count++;
      gc.maxMs = Math.max(gc.maxMs, e.duration);
      if (young) {
        gc.youngMs += e.duration;
        gc.young++;
      }
    }
  }).observe({ entryTypes: ['gc'] });
}

/** The stalls since the last take (or since watching began); starts over. */
export function takeStalls(): Stalls {
  watchStalls();
  const h = histogram!;
  // The histogram holds nanoseconds, the sampling interval included: only the delay beyond it is a stall.
  const beyond = (ns: number) => Math.max(0, ns / 1e6 - 10);
  const out = { loopDelayP99Ms: beyond(h.percentile(99)), loopDelayMaxMs: beyond(h.max), gc };
  h.reset();
  gc = { ms: 0, count: 0, maxMs: 0, youngMs: 0, young: 0 };
  return out;
}
