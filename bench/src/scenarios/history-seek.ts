import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PlanHistory, type WireEvent } from '@seatfold/sync';
import type { Scenario } from '../scenario.ts';
import { now } from '../stats.ts';
import { eventsOf, planOfSize } from '../workload.ts';

const SIZES = [10_000, 100_000];
const SEEKS = 1_000;

/** A full GC, without needing `node --expose-gc` on the bench command line. */
function gc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  (runInNewContext('gc') as () => void)();
}
const heapMB = () => process.memoryUsage().heapUsed / 2 ** 20;

/** Deterministic pseudo-random versions, so every run seeks the same places. */
function seeded(seed: number) {
  let x = seed >>> 0;
  return (n: number) => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x % n;
  };
}

/**
 * Time travel in the browser: PlanHistory (immutable checkpoints every 256 events, shared structure through immer)
 * over the demo plan followed by seat/move/unseat lanes, at 10k and 100k events. Measures, in this process (the
 * same code the web app runs): random seeks in both directions, stepping one version back and forth (the scrubber's
 * arrow keys), the one-off cost of building every checkpoint, the heap the checkpoints hold, and the scan behind
 * "history of one guest".
 */
export const historySeek: Scenario = {
  id: 'history-seek',
  title: `Time travel: PlanHistory.stateAt seek latency and checkpoint memory at ${SIZES.map((n) => `${n / 1000}k`).join(' / ')} events (in-process)`,
  run(ctx, r) {
    const reps = ctx.quick ? 1 : Math.min(ctx.reps, 3);
    for (const size of SIZES) {
      ctx.progress(`  building ${size.toLocaleString('en-US')} events`);
      const { events } = eventsOf(planOfSize(size));
      const t0 = Date.UTC(2026, 0, 1);
      const wire: WireEvent[] = events.map((event, i) => ({
        version: i + 1,
        event,
        meta: { actor: i % 3 ? 'Ann' : 'Bob', actorId: i % 3 ? 'ann' : 'bob', at: t0 + i * 1000, commandId: `c${i}`, batchId: null },
      }));
      // A guest the lanes keep moving: its history is long, the scan still reads every event.
      const last = events[events.length - 1]!;
      const guestId = 'guestId' in last ? last.guestId : 'g-1';
      const random: number[] = [];
      const steps: number[] = [];
      const builds: number[] = [];
      const heap: number[] = [];
      const touching: number[] = [];
      let checkpoints = 0;
      // Declared outside the loop and cleared before the GC: a loop-local would keep the previous run's history
      // reachable from its stack slot until reassigned, and the heap delta would read ~0.
      let h: PlanHistory | null = null;
      for (let rep = 0; rep < reps; rep++) {
        ctx.progress(`  run ${rep + 1}/${reps}: ${size.toLocaleString('en-US')} events`);
        h = null;
        gc();
        const before = heapMB();
        h = new PlanHistory();
        let t = now();
        h.append(wire);
        h.stateAt(size); // builds every checkpoint once (the first seek to the end)
        builds.push(now() - t);
        gc();
        heap.push(heapMB() - before);
        checkpoints = h.checkpointCount;
        const next = seeded(42 + rep);
        for (let i = 0; i < SEEKS; i++) {
          const v = next(size + 1);
          t = now();
          h.stateAt(v);
          random.push(now() - t);
        }
        // The scrubber's arrows: one version back, then forward, from random places (the cache never helps).
        for (let i = 0; i < SEEKS / 2; i++) {
          const v = 1 + next(size - 1);
          t = now();
          h.stateAt(v - 1);
          steps.push(now() - t);
          t = now();
          h.stateAt(v);
          steps.push(now() - t);
        }
        t = now();
        h.touching(`guest:${guestId}`);
        touching.push(now() - t);
      }
      const k = `${size / 1000}k`;
      const seek = r.latency(`${k} events: random seek (stateAt, both directions)`, random);
      r.latency(`${k} events: step ±1 version from random places`, steps);
      r.perRun(`${k} events: build all ${checkpoints} checkpoints (first seek to the end)`, 'ms', builds);
      r.perRun(`${k} events: heap held by the checkpoints`, 'MB', heap);
      r.perRun(`${k} events: history of one guest (touching scan)`, 'ms', touching);
      if (size === 100_000) r.check('time travel: seek p95 at 100k events ≤ 16 ms', seek.p95, '<=', 16, 'ms');
      r.details[`events${k}`] = { checkpoints, checkpointEvery: 256, seeks: random.length };
    }
    return Promise.resolve(); // in-process and synchronous; the interface is async for the others
  },
};
