import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('@seatfold/domain/validation');
  vi.resetModules();
});

describe('the domain checks, loaded on demand', () => {
  it('loads once: every caller before and after the load gets the same module', async () => {
    vi.resetModules();
    const { loadValidation } = await import('./validation.ts');
    const first = loadValidation();
    expect(loadValidation()).toBe(first);
    const checks = await first;
    expect(checks.parseCommand({ type: 'renamePlan', name: '  ' })).toEqual({ ok: false, message: 'Invalid command — name: Names cannot be empty.' });
    expect(await loadValidation()).toBe(checks);
  });

  it('answers a form that checks before the load has finished, with the domain’s own sentences', async () => {
    vi.resetModules();
    const { prepare, schemaErrors } = await import('../features/setup/logic.ts');
    const { smallPlan } = await import('./testing.ts');
    // nothing has loaded the checks yet: both calls wait for the same load
    const [fields, prepared] = await Promise.all([
      schemaErrors([{ type: 'addGuest', guestId: 'g-1', name: '   ' }]),
      prepare(smallPlan(), [{ type: 'addTable', tableId: 't-9', name: '9', capacity: 0 }]),
    ]);
    expect(fields).toEqual({ name: 'Names cannot be empty.' });
    expect(prepared).toEqual({ ok: false, fields: { capacity: 'A table needs at least 1 seat.' }, message: null });
  });

  it('says so when the checks cannot be loaded, and loads them again on the next try', async () => {
    vi.resetModules();
    vi.doMock('@seatfold/domain/validation', () => {
      throw new Error('offline');
    });
    const { prepare } = await import('../features/setup/logic.ts');
    const { loadValidation, VALIDATION_UNAVAILABLE } = await import('./validation.ts');
    const { smallPlan } = await import('./testing.ts');
    expect(await prepare(smallPlan(), [{ type: 'removeRoom', roomId: 'r1' }])).toEqual({ ok: false, fields: {}, message: VALIDATION_UNAVAILABLE });
    vi.doUnmock('@seatfold/domain/validation');
    await expect(loadValidation()).resolves.toHaveProperty('commandSchema');
  });
});

describe('single: a form submitted again while its checks load', () => {
  it('runs once while the last run is still going, and again after it (also after a throw)', async () => {
    const { single } = await import('./validation.ts');
    const flag = { current: false };
    let release = () => {};
    let runs = 0;
    const slow = () => {
      runs++;
      return new Promise<void>((resolve) => (release = resolve));
    };
    const first = single(flag, slow);
    await single(flag, slow); // a second Enter while the checks load: ignored
    expect(runs).toBe(1);
    release();
    await first;
    await expect(
      single(flag, () => {
        runs++;
        return Promise.reject(new Error('network'));
      }),
    ).rejects.toThrow('network');
    const third = single(flag, slow);
    release();
    await third;
    expect(runs).toBe(3);
  });
});
