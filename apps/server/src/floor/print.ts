import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PrintAnswer, PrintJob } from '../print-worker.ts';

/** Prints drawn at once, server-wide (each in a worker thread of its own), and how long one may take. */
export const PRINT_LIMITS = { atOnce: 2, timeoutMs: 60_000, maxOldGenerationMb: 256 };

export class PrintBusy extends Error {}
export class PrintFailed extends Error {}

/**
 * Where the print worker is: under tests and `pnpm dev` this module is TypeScript, and the worker is started
 * through a bootstrap that registers tsx first (as parse-pool.ts does, for the same reason); in the bundle this
 * module is inlined into dist/main.mjs and the worker is dist/print-worker.mjs beside it (an esbuild entry point).
 */
function entry(moduleUrl = import.meta.url): { script: URL | string; eval: boolean } {
  if (!moduleUrl.endsWith('.ts')) return { script: new URL('./print-worker.mjs', moduleUrl), eval: false };
  const tsxApi = new URL('./esm/api/index.mjs', pathToFileURL(createRequire(moduleUrl).resolve('tsx'))).href;
  const worker = new URL('../print-worker.ts', moduleUrl).href;
  return { script: `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); });`, eval: true };
}

let running = 0;

/**
 * Draws the pages off the main thread, in a worker started for the job and ended after it (printing is rare; a
 * pool would hold memory for nothing). Refused as busy beyond PRINT_LIMITS.atOnce; a worker that overruns its time
 * or memory is ended and the print refused — the library's message goes to the log only.
 */
export async function renderPrint(job: PrintJob, log: (msg: string) => void): Promise<Uint8Array> {
  if (running >= PRINT_LIMITS.atOnce) throw new PrintBusy('The server is drawing other plans right now. Try again in a few seconds.');
  running++;
  const e = entry();
  const worker = new Worker(e.script, {
    eval: e.eval,
    resourceLimits: { maxOldGenerationSizeMb: PRINT_LIMITS.maxOldGenerationMb, maxYoungGenerationSizeMb: 32 },
  });
  try {
    return await new Promise<Uint8Array>((resolve, reject) => {
      const failed = (why: string) => {
        log(`print failed: ${why}`);
        reject(new PrintFailed('The floor plan could not be drawn. Please try again; if it keeps failing, print one room at a time.'));
      };
      const timer = setTimeout(() => failed(`no answer within ${PRINT_LIMITS.timeoutMs} ms`), PRINT_LIMITS.timeoutMs);
      worker.once('message', (a: PrintAnswer) => {
        clearTimeout(timer);
        if (a.ok) resolve(a.bytes);
        else failed(a.message);
      });
      worker.once('error', (err) => {
        clearTimeout(timer);
        failed(String(err?.stack ?? err));
      });
      worker.once('exit', (code) => {
        clearTimeout(timer);
        failed(`worker exited (${code})`);
      });
      worker.postMessage(job);
    });
  } finally {
    running--;
    void worker.terminate();
  }
}
