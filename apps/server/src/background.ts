import os from 'node:os';

/**
 * The CPU priority (Linux nice) of the server's bulk worker threads: spreadsheet parsing and print drawing. Their
 * work is heavy and can wait a little; the server's own thread answers every plan's commands and must not. On a
 * machine short of cores (two, in the bench), uploads being parsed took the commands' ack p50 from ~6 to ~10 ms; at
 * nice 10 the scheduler gives the server's thread and PostgreSQL the CPU first (docs/performance.md, stop 28). The
 * server-frame worker keeps normal priority: its renders are short, bounded on their own, and a page waits for them.
 */
export const BACKGROUND_NICE = 10;

/**
 * Lowers the calling worker thread's CPU priority to BACKGROUND_NICE. On Linux a nice value belongs to a thread, so
 * the server's own thread keeps its own; elsewhere it belongs to the whole process, so nothing is done there. A
 * refusal (a sandbox that forbids it) leaves the worker at normal priority: slower neighbours, nothing broken.
 */
export function runInBackground(): void {
  if (process.platform !== 'linux') return;
  try {
    os.setPriority(BACKGROUND_NICE);
  } catch {
    // not permitted here: the worker runs at the server's priority
  }
}
