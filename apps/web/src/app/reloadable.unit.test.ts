import { describe, expect, it } from 'vitest';
import { reloadable } from './reloadable.ts';

const failedFetch = (url: string) => new TypeError(`Failed to fetch dynamically imported module: ${url}`);

describe('a chunk loaded again after a failed fetch', () => {
  it('asks for the address that failed with a query added, until a load succeeds; then as before', async () => {
    const asked: string[] = [];
    let loads = 0;
    let serverUp = false;
    const load = reloadable(
      () => {
        loads++;
        return Promise.reject(failedFetch('https://seats.example/assets/RoomsView-abc.js'));
      },
      (url) => {
        asked.push(url);
        return serverUp ? Promise.resolve('module') : Promise.reject(failedFetch(url));
      },
    );
    await expect(load()).rejects.toThrow('RoomsView-abc.js');
    await expect(load()).rejects.toThrow('RoomsView-abc.js?retry=');
    serverUp = true;
    await expect(load()).resolves.toBe('module');
    expect(loads).toBe(1); // the browser would answer the same address with the same failure
    expect(asked).toHaveLength(2);
    for (const url of asked) expect(url).toMatch(/^https:\/\/seats\.example\/assets\/RoomsView-abc\.js\?retry=\d+$/);
  });

  it('tries the load itself again when its error names no address', async () => {
    let loads = 0;
    const load = reloadable(
      () => (++loads === 1 ? Promise.reject(new Error('offline')) : Promise.resolve('module')),
      () => Promise.reject(new Error('not asked')),
    );
    await expect(load()).rejects.toThrow('offline');
    await expect(load()).resolves.toBe('module');
    expect(loads).toBe(2);
  });
});
