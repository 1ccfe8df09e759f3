import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

/**
 * Allocation sampling for a bench server child (BENCH_ALLOC_PROFILE=1): every allocation is sampled about once per
 * 16 KB, objects the garbage collector has already taken included — the allocations a scavenge pays for, which a
 * heap snapshot or `--heap-prof` (live objects only) never shows. Written to results/profiles/<name>.heapprofile when
 * the child stops; `profile-summary.ts` reads it.
 */
export async function startAllocationProfile(dir: string, name: string): Promise<() => Promise<void>> {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 16_384,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  return async () => {
    const { profile } = await session.post('HeapProfiler.stopSampling');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${name}-${Date.now()}.heapprofile`), JSON.stringify(profile));
    session.disconnect();
  };
}
