import type { Steps } from '@seatfold/domain';
import { setImmediate as nextTurn } from 'node:timers/promises';

export { nextTurn };

/**
 * Runs domain Steps a slice of at most `sliceMs` at a time (Limits.decideSliceMs), giving the event loop a turn
 * between slices: other plans' commands, pushes and requests go on while a big import is planned. Run it inside the
 * room's serial chain (room.read, readCharged, a batch's build): the state the steps read cannot change meanwhile.
 */
export async function runSliced<T>(steps: Steps<T>, sliceMs: number): Promise<T> {
  let slice = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - slice >= sliceMs) {
      await nextTurn();
      slice = performance.now();
    }
  }
}
