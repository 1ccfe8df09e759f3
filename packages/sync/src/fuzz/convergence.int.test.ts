/**
 * The convergence fuzz on a ScheduledNetwork: the seed is the whole schedule — which message is delivered next,
 * who acts and how (commands valid and invalid, bulk batches, undo, revert, history reads), who drops off,
 * reloads or comes back, when the server unloads the plan. A failing seed replays exactly:
 *   SEATFOLD_SYNC_FUZZ_SEED=<n> pnpm vitest run packages/sync/src/fuzz
 * Every seed that ever failed is pinned, by name, in `regressions`. The real-socket.io convergence test stays in
 * apps/server/src/convergence.test.ts.
 */
import { type EventStore } from '@seatfold/store';
import { openMemoryStore } from '@seatfold/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPS, runFuzz } from './scenario.ts';

// About 5 s a seed on a busy 2-core machine; together they run every operation many times (asserted below).
const SEEDS = [1, 2, 3, 4];
const STEPS = 350;

function pinnedSeed(env: Record<string, string | undefined>): number | null {
  const raw = env.SEATFOLD_SYNC_FUZZ_SEED;
  if (raw === undefined || raw === '') return null;
  const seed = Number(raw);
  if (!Number.isInteger(seed)) throw new Error(`SEATFOLD_SYNC_FUZZ_SEED must be an integer, got ${JSON.stringify(raw)}`);
  return seed;
}

let store: EventStore;
beforeAll(async () => {
  store = await openMemoryStore();
});
afterAll(async () => {
  await store?.close();
});

const pinned = pinnedSeed(process.env);

describe('sync fuzz: the seed is the schedule', () => {
  if (pinned !== null) {
    it(`converges for seed ${pinned} (SEATFOLD_SYNC_FUZZ_SEED)`, async () => {
      const { stats } = await runFuzz(store, pinned, { steps: STEPS });
      console.log(`seed ${pinned}:`, stats);
    });
    return;
  }

  it(`converges for seeds ${SEEDS.join(', ')}, with every operation run many times`, async () => {
    const total: Record<string, number> = {};
    const started = performance.now();
    for (const seed of SEEDS) {
      const { stats } = await runFuzz(store, seed, { steps: STEPS });
      for (const [k, n] of Object.entries(stats)) total[k] = (total[k] ?? 0) + n;
    }
    if (process.env.SEATFOLD_FUZZ_STATS) console.log(total, `${Math.round(performance.now() - started)} ms`);
    // The schedule must really reach every operation and its interesting outcomes, or convergence proves little.
    for (const op of OPS) expect(total[op] ?? 0, `${op} runs`).toBeGreaterThanOrEqual(6);
    for (const outcome of [
      'batch accepted',
      'batch rejected',
      'undo accepted',
      'undo rejected',
      'revert accepted',
      'revert rejected',
      'undo preview accepted',
      'revert preview accepted',
      'forbidden',
    ]) {
      expect(total[outcome] ?? 0, outcome).toBeGreaterThan(0);
    }
    expect(
      Object.keys(total).filter((k) => /^unloaded [1-9]/.test(k)),
      'unloads that unloaded the plan',
    ).not.toEqual([]);
  });

  it('replays a seed exactly: the same seed gives the same deliveries in the same order', async () => {
    const a = await runFuzz(store, 11, { steps: 120, run: 'first' });
    const b = await runFuzz(store, 11, { steps: 120, run: 'second' });
    expect(b.trace).toEqual(a.trace);
    expect(a.trace.length).toBeGreaterThan(100);
  });
});

/**
 * Every seed that ever failed, named for what it found, with the steps it failed within; each must keep passing.
 * None has failed on this code yet (about 100 more seeds, 400 to 1,500 steps each, ran while this fuzz was written):
 * when one does, fix the bug, then pin the seed here.
 */
const REGRESSIONS: { name: string; seed: number; steps: number }[] = [];

if (REGRESSIONS.length > 0 && pinned === null) {
  describe('regressions', () => {
    for (const { name, seed, steps } of REGRESSIONS) {
      it(`${name} (seed ${seed})`, async () => {
        await runFuzz(store, seed, { steps, run: 'regression' });
      });
    }
  });
}
