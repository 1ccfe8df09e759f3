import { decide, demoPlanCommands, evolve, initialState, type PlanState } from '@seatfold/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { FILE_LIMITS, FileFailed, FilesBusy, makeFile, stateBytes } from './file-jobs.ts';
import type { FileJob } from './file-worker.ts';

/** The file worker for real (a worker thread per file): admission, the state handed over, and failures in words. */
describe('files made in a worker', () => {
  const demo = (): PlanState => {
    const s = initialState();
    for (const c of demoPlanCommands()) {
      const d = decide(s, c);
      if (d.ok) for (const e of d.events) evolve(s, e);
    }
    return s;
  };
  const heap = FILE_LIMITS.maxOldGenerationMb;
  const waiting = FILE_LIMITS.waiting;
  afterEach(() => {
    FILE_LIMITS.maxOldGenerationMb = heap;
    FILE_LIMITS.waiting = waiting;
  });

  it('past the slots, a download waits its turn instead of being turned away; one address waits with one at a time', async () => {
    FILE_LIMITS.waiting = 1;
    const state = demo();
    const order: string[] = [];
    const gates = new Map<string, () => void>();
    const fileFor = (owner: string) =>
      makeFile(
        async (): Promise<FileJob> => {
          order.push(owner);
          await new Promise<void>((r) => gates.set(owner, r));
          return { format: 'json', state: stateBytes(state), planName: owner };
        },
        () => {},
        'failed',
        owner,
      );
    // two addresses take both slots
    const a = fileFor('192.0.2.1');
    const b = fileFor('192.0.2.2');
    await expect.poll(() => order).toEqual(['192.0.2.1', '192.0.2.2']);
    // a third waits, asked for nothing yet; a fourth finds the line full, and the first address may not queue another
    const c = fileFor('192.0.2.3');
    await expect(fileFor('192.0.2.4')).rejects.toThrow('The server is making many files right now. Try again in a minute.');
    await expect(fileFor('192.0.2.1')).rejects.toThrow('Your last download is still being made.');
    expect(order).toEqual(['192.0.2.1', '192.0.2.2']);
    // one finishes: the one waiting is made next
    gates.get('192.0.2.1')!();
    expect(JSON.parse(Buffer.from(await a).toString('utf8'))).toMatchObject({ planName: '192.0.2.1' });
    await expect.poll(() => order).toEqual(['192.0.2.1', '192.0.2.2', '192.0.2.3']);
    gates.get('192.0.2.2')!();
    gates.get('192.0.2.3')!();
    expect(JSON.parse(Buffer.from(await c).toString('utf8'))).toMatchObject({ planName: '192.0.2.3' });
    await b;
  });

  it('makes the export from the state’s bytes, and asks a refused download for nothing', async () => {
    const state = demo();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    // One address's download in the making: its next one is refused before its job is even asked for.
    const first = makeFile(
      async (): Promise<FileJob> => {
        await held;
        return { format: 'json', state: stateBytes(state), planName: 'Demo' };
      },
      () => {},
      'failed',
      '192.0.2.1',
    );
    let asked = false;
    await expect(
      makeFile(
        () => {
          asked = true;
          return Promise.reject(new Error('never'));
        },
        () => {},
        'failed',
        '192.0.2.1',
      ),
    ).rejects.toBeInstanceOf(FilesBusy);
    expect(asked).toBe(false);
    release();
    const model = JSON.parse(Buffer.from(await first).toString('utf8')) as { planName: string; guests: unknown[] };
    expect(model.planName).toBe('Demo');
    expect(model.guests).toHaveLength(Object.keys(state.guests).length);
  });

  it('a file more than the worker’s memory holds is refused with words that do not say “try again”', async () => {
    FILE_LIMITS.maxOldGenerationMb = 8;
    const logs: string[] = [];
    const made = makeFile(
      async () => ({ format: 'json', state: stateBytes(demo()), planName: 'Demo' }),
      (m) => logs.push(m),
      'Try again.',
      undefined,
      'Too big.',
    );
    await expect(made).rejects.toBeInstanceOf(FileFailed);
    await expect(made).rejects.toThrow('Too big.');
    expect(logs.join('\n')).toMatch(/memory limit/);
  });
});
