import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileAnswer, FileJob } from './file-worker.ts';

/** Files made at once, server-wide (each in a worker thread of its own), and how long one may take. */
export const FILE_LIMITS = { atOnce: 2, timeoutMs: 60_000, maxOldGenerationMb: 256 };

export class FilesBusy extends Error {}
export class FileFailed extends Error {}

/**
 * Where the file worker is: under tests and `pnpm dev` this module is TypeScript, and the worker is started
 * through a bootstrap that registers tsx first (as parse-pool.ts does, for the same reason); in the bundle this
 * module is inlined into dist/main.mjs and the worker is dist/file-worker.mjs beside it (an esbuild entry point).
 */
function entry(moduleUrl = import.meta.url): { script: URL | string; eval: boolean } {
  if (!moduleUrl.endsWith('.ts')) return { script: new URL('./file-worker.mjs', moduleUrl), eval: false };
  const tsxApi = new URL('./esm/api/index.mjs', pathToFileURL(createRequire(moduleUrl).resolve('tsx'))).href;
  const worker = new URL('./file-worker.ts', moduleUrl).href;
  return { script: `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); });`, eval: true };
}

let running = 0;

/**
 * Makes a file off the main thread, in a worker started for the job and ended after it (downloads are rare; a pool
 * would hold memory for nothing). Refused as busy beyond FILE_LIMITS.atOnce; a worker that overruns its time or
 * memory is ended and the file refused with `failedText` — the library's message goes to the log only.
 */
export async function makeFile(job: FileJob, log: (msg: string) => void, failedText: string): Promise<Uint8Array> {
  if (running >= FILE_LIMITS.atOnce) throw new FilesBusy('The server is making other files right now. Try again in a few seconds.');
  running++;
  const e = entry();
  const worker = new Worker(e.script, {
    eval: e.eval,
    resourceLimits: { maxOldGenerationSizeMb: FILE_LIMITS.maxOldGenerationMb, maxYoungGenerationSizeMb: 32 },
  });
  try {
    return await new Promise<Uint8Array>((resolve, reject) => {
      const failed = (why: string) => {
        log(`${job.format} file failed: ${why}`);
        reject(new FileFailed(failedText));
      };
      const timer = setTimeout(() => failed(`no answer within ${FILE_LIMITS.timeoutMs} ms`), FILE_LIMITS.timeoutMs);
      worker.once('message', (a: FileAnswer) => {
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
