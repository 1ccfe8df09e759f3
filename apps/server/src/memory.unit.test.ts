import { getHeapSpaceStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { releaseStartupMemory } from './memory.ts';

const youngGeneration = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_size;

describe('releasing start-up memory', () => {
  it('shrinks a young generation that allocation grew, and says how long it took', async () => {
    // Short-lived garbage, as module loading makes: the young generation grows to hold it.
    let keep = 0;
    for (let i = 0; i < 200_000; i++) keep += JSON.stringify({ i, text: `guest ${i}`, list: [i, i + 1] }).length;
    expect(keep).toBeGreaterThan(0);
    const grown = youngGeneration();
    const ms = await releaseStartupMemory();
    expect(ms).toEqual(expect.any(Number));
    expect(youngGeneration()).toBeLessThan(grown);
  });
});
